"""API for units, positions and users (same services and permissions as the pages)."""

from __future__ import annotations

from flask_login import current_user
from sqlalchemy import select

from app.api.common import PageArgsSchema, api_blueprint, page_of, paginated
from app.extensions import db
from app.org.api_schemas import (
    PositionSchema,
    UnitSchema,
    UserListArgsSchema,
    UserPatchSchema,
    UserSchema,
    UserWriteSchema,
)
from app.org.loaders import person_to_manage, person_to_view
from app.org.models import Position, Unit, User
from app.org.people import create_person, people_query, update_person
from app.org.permissions import visible_people_condition
from app.org.services import create_position, create_unit
from app.security import AUTHENTICATED, Role, access

blp = api_blueprint("org_api", __name__, "Units, positions and users")

MANAGERS = (Role.HR, Role.ADMIN)


@blp.route("/units", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_of(UnitSchema))
def list_units(args):
    """Active units in tree order."""
    return paginated(select(Unit).where(Unit.active.is_(True)).order_by(Unit.path), args)


@blp.route("/units", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(UnitSchema)
@blp.response(201, UnitSchema)
def create_unit_api(data):
    """Create a unit (HR officers: inside their own unit)."""
    unit = create_unit(current_user, data)
    db.session.commit()
    return unit


@blp.route("/positions", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_of(PositionSchema))
def list_positions(args):
    """Active positions by name."""
    return paginated(select(Position).where(Position.active.is_(True)).order_by(Position.name), args)


@blp.route("/positions", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(PositionSchema)
@blp.response(201, PositionSchema)
def create_position_api(data):
    """Create a position; its competency standard is pre-filled from its tier."""
    position = create_position(current_user, data)
    db.session.commit()
    return position


@blp.route("/users", methods=["GET"])
@access(Role.HR, Role.ADMIN, Role.EVALUATOR)
@blp.arguments(UserListArgsSchema, location="query")
@blp.response(200, page_of(UserSchema))
def list_users(args):
    """People the caller manages (HR, admin) or evaluates (evaluators)."""
    if current_user.has_role(*MANAGERS):
        query = people_query(
            current_user, q=args["q"], unit_id=args["unit_id"], role=args["role"], active=None
        )
    else:
        query = select(User).where(visible_people_condition(current_user)).order_by(User.name, User.id)
    return paginated(query, args)


@blp.route("/users", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(UserWriteSchema)
@blp.response(201, UserSchema)
def create_user_api(data):
    """Create a person; returns the user without any password data."""
    person = create_person(current_user, data)
    db.session.commit()
    return person


@blp.route("/users/<int:user_id>", methods=["GET"])
@access(AUTHENTICATED)
@blp.response(200, UserSchema)
def get_user(user_id: int):
    """A user the caller may see (oneself, managed or evaluated people); 404 otherwise."""
    return person_to_view(user_id)


@blp.route("/users/<int:user_id>", methods=["PATCH"])
@access(*MANAGERS)
@blp.arguments(UserPatchSchema)
@blp.response(200, UserSchema)
def patch_user(data, user_id: int):
    """Change some fields of a person the caller manages."""
    person = person_to_manage(user_id)
    update_person(current_user, person, data)
    db.session.commit()
    return person
