"""Use cases for units and positions: create, edit, (de)activate."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, literal, select, update

from app.errors import ConflictError, ForbiddenError, ServiceError
from app.extensions import db
from app.org.enums import Tier
from app.org.models import Position, Unit, User
from app.org.permissions import can_manage_unit, managed_root_path
from app.org.rules import child_path, is_within
from app.org.signals import position_created
from app.security import Role
from app.validation import FieldErrors, clean_code, clean_name, raise_if_errors


class OrgError(ServiceError):
    """A change to units, positions or people was refused."""


def _code_taken(model: type, code: str, exclude_id: int | None = None) -> bool:
    query = select(model.id).where(func.upper(model.code) == code.upper())
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    return db.session.scalar(query) is not None


def _clean_unit(data: dict[str, Any], unit: Unit | None) -> tuple[str, str, Unit | None]:
    errors = FieldErrors()
    code = clean_code(data.get("code", unit.code if unit else ""), errors)
    name = clean_name(data.get("name", unit.name if unit else ""), errors)
    parent_id = data.get("parent_id", unit.parent_id if unit else None) or None
    parent = None
    if parent_id is not None:
        try:
            parent = db.session.get(Unit, int(parent_id))
        except (TypeError, ValueError, OverflowError):
            parent = None
        if parent is None:
            errors.add("parent_id", _l("The parent unit does not exist."))
        elif unit is not None and is_within(parent.path, unit.path):
            errors.add("parent_id", _l("A unit cannot be placed under itself or its sub-units."))
    if code and "code" not in errors and _code_taken(Unit, code, unit.id if unit else None):
        errors.add("code", _l("Another unit already uses this code."))
    raise_if_errors(errors, OrgError)
    return code, name, parent


def create_unit(actor: User, data: dict[str, Any]) -> Unit:
    """Create a unit. HR officers may only create units inside their own subtree."""
    code, name, parent = _clean_unit(data, None)
    if managed_root_path(actor) is not None and (parent is None or not can_manage_unit(actor, parent)):
        raise OrgError(
            str(_l("You can only add units under your own unit.")),
            {"parent_id": [str(_l("Choose your own unit or one of its sub-units."))]},
            status=403,
        )
    unit = Unit(code=code, name=name, parent_id=parent.id if parent else None)
    db.session.add(unit)
    db.session.flush()
    unit.path = child_path(parent.path if parent else None, unit.id)
    db.session.flush()
    return unit


def update_unit(actor: User, unit: Unit, data: dict[str, Any]) -> Unit:
    """Rename, re-code or move a unit; moving rewrites the paths of its whole subtree in SQL.

    HR officers may move units only within their own subtree (and never their own unit,
    which would leave their scope); administrators may move any unit anywhere.
    """
    if not can_manage_unit(actor, unit):
        raise ForbiddenError(str(_l("You cannot manage this unit.")))
    code, name, parent = _clean_unit(data, unit)
    new_parent_id = parent.id if parent else None
    moving = new_parent_id != unit.parent_id
    if moving and managed_root_path(actor) is not None:
        if parent is None:
            raise OrgError(
                str(_l("Only administrators can create top-level units.")),
                {"parent_id": [str(_l("Choose a parent unit."))]},
                status=403,
            )
        if not can_manage_unit(actor, parent) or unit.path == managed_root_path(actor):
            raise OrgError(
                str(_l("You can only move units within your own unit.")),
                {"parent_id": [str(_l("Choose a unit you manage."))]},
                status=403,
            )
    unit.code, unit.name = code, name
    if moving:
        old_path = unit.path
        new_path = child_path(parent.path if parent else None, unit.id)
        unit.parent_id = new_parent_id
        db.session.flush()
        db.session.execute(
            update(Unit)
            .where(Unit.path.startswith(old_path, autoescape=True))
            .values(path=literal(new_path).op("||")(func.substr(Unit.path, len(old_path) + 1)))
            .execution_options(synchronize_session=False)
        )
        db.session.expire_all()
    db.session.flush()
    return unit


def set_unit_active(actor: User, unit: Unit, active: bool) -> Unit:
    """Deactivate (or reactivate) a unit; refused while active people or sub-units remain."""
    if not can_manage_unit(actor, unit):
        raise ForbiddenError(str(_l("You cannot manage this unit.")))
    if not active:
        if actor.unit_id == unit.id and not actor.has_role(Role.ADMIN):
            raise ConflictError(str(_l("You cannot deactivate your own unit.")))
        has_people = db.session.scalar(
            select(func.count(User.id)).where(User.unit_id == unit.id, User.active.is_(True))
        )
        has_children = db.session.scalar(
            select(func.count(Unit.id)).where(Unit.parent_id == unit.id, Unit.active.is_(True))
        )
        if has_people or has_children:
            raise ConflictError(
                str(
                    _l(
                        "Move or deactivate the unit's %(p)s active people and %(u)s active sub-units first.",
                        p=has_people,
                        u=has_children,
                    )
                )
            )
    unit.active = active
    db.session.flush()
    return unit


def _clean_position(data: dict[str, Any], position: Position | None) -> tuple[str, str, Tier]:
    errors = FieldErrors()
    code = clean_code(data.get("code", position.code if position else ""), errors)
    name = clean_name(data.get("name", position.name if position else ""), errors)
    raw_tier = data.get("tier", position.tier if position else "")
    tier = None
    try:
        tier = Tier(str(raw_tier).strip().lower())
    except ValueError:
        errors.add("tier", _l("Choose one of the listed tiers."))
    if code and "code" not in errors and _code_taken(Position, code, position.id if position else None):
        errors.add("code", _l("Another position already uses this code."))
    raise_if_errors(errors, OrgError)
    return code, name, tier  # type: ignore[return-value]


def create_position(actor: User, data: dict[str, Any]) -> Position:
    """Create a position; subscribers pre-fill its competency standard from its tier."""
    code, name, tier = _clean_position(data, None)
    position = Position(code=code, name=name, tier=tier)
    db.session.add(position)
    db.session.flush()
    position_created.send(position)
    return position


def update_position(actor: User, position: Position, data: dict[str, Any]) -> Position:
    """Edit a position's code, name or tier."""
    position.code, position.name, position.tier = _clean_position(data, position)
    db.session.flush()
    return position


def set_position_active(actor: User, position: Position, active: bool) -> Position:
    """Deactivate (or reactivate) a position; refused while active people hold it."""
    if not active:
        holders = db.session.scalar(
            select(func.count(User.id)).where(User.position_id == position.id, User.active.is_(True))
        )
        if holders:
            raise ConflictError(
                str(_l("%(n)s active people hold this position; move them first.", n=holders))
            )
    position.active = active
    db.session.flush()
    return position
