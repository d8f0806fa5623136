"""Competency API: the dictionary, CASE import/export, position standards, evidence and profiles."""

from __future__ import annotations

import base64
import binascii
from datetime import date

from flask import abort, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from app.api.common import api_blueprint, page_of, paginated
from app.competency.api_schemas import (
    CompetencyListArgsSchema,
    CompetencySchema,
    CompetencyWriteSchema,
    EvidenceSchema,
    EvidenceWriteSchema,
    ImportArgsSchema,
    ImportResultSchema,
    ProfileArgsSchema,
    ProfileSchema,
    RequirementSchema,
)
from app.competency.permissions import can_view_profile
from app.competency.routes.helpers import get_or_none
from app.competency.services import (
    CompetencyError,
    competency_profile,
    jp_summary,
    record_manual_evidence,
    requirements_for,
    set_requirements,
)
from app.competency.services.dictionary import create_technical_competency, dictionary_query
from app.competency.services.exchange import export_case, import_case
from app.extensions import db
from app.org.models import Position, User
from app.security import AUTHENTICATED, Role, access

blp = api_blueprint("competency_api", __name__, "Competencies, standards, evidence and profiles")

MANAGERS = (Role.HR, Role.ADMIN)
JSON_BODY = {"content": {"application/json": {"schema": {"type": "object"}}}, "required": True}
LIST_BODY = {
    "content": {
        "application/json": {
            "schema": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"competency_id": {"type": "integer"}, "level": {"type": "integer"}},
                    "required": ["competency_id", "level"],
                },
            }
        }
    },
    "required": True,
}


def _json_body():
    body = request.get_json(silent=True)
    if body is None:
        raise CompetencyError(_("Send a JSON body."), {"_schema": [_("Send a JSON body.")]}, status=400)
    return body


@blp.route("/competencies", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(CompetencyListArgsSchema, location="query")
@blp.response(200, page_of(CompetencySchema))
def list_competencies(args):
    """The dictionary, optionally of one kind, each competency with its five levels."""
    return paginated(dictionary_query(kind=args["kind"]), args)


@blp.route("/competencies", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(CompetencyWriteSchema)
@blp.response(201, CompetencySchema)
def create_competency(data):
    """Add a technical competency (`T.<n>`) with exactly five levels."""
    competency = create_technical_competency(current_user, data)
    db.session.commit()
    return competency


@blp.route("/competencies/import", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(ImportArgsSchema, location="query")
@blp.doc(requestBody=JSON_BODY)
@blp.response(200, ImportResultSchema)
def import_competencies(args):
    """Import a CASE 1.0 CFPackage; all items or none; `?dry_run=true` changes nothing."""
    result = import_case(_json_body(), dry_run=args["dry_run"])
    if result.applied:
        db.session.commit()
    else:
        db.session.rollback()
    return result.as_api(args["dry_run"])


@blp.route("/competencies/export", methods=["GET"])
@access(AUTHENTICATED)
@blp.doc(
    responses={
        200: {
            "description": "A CASE 1.0 CFPackage",
            "content": {"application/json": {"schema": {"type": "object"}}},
        }
    }
)
def export_competencies():
    """Every competency as a CASE 1.0 CFPackage."""
    return jsonify(export_case())


def _position(position_id: int) -> Position:
    position = get_or_none(Position, position_id)
    if position is None:
        abort(404)
    return position


@blp.route("/positions/<int:position_id>/requirements", methods=["GET"])
@access(AUTHENTICATED)
@blp.response(200, RequirementSchema(many=True))
def get_requirements(position_id: int):
    """A position's standard: `[{competency_id, level}]`."""
    return requirements_for(_position(position_id))


@blp.route("/positions/<int:position_id>/requirements", methods=["PUT"])
@access(*MANAGERS)
@blp.doc(requestBody=LIST_BODY)
@blp.response(200, RequirementSchema(many=True))
def put_requirements(position_id: int):
    """Replace a position's standard; duplicates, unknown competencies or levels outside 1–5 → 422."""
    position = _position(position_id)
    rows = set_requirements(current_user, position, _json_body())
    db.session.commit()
    return rows


def _person(user_id: int) -> User:
    person = get_or_none(User, user_id)
    if person is None or not can_view_profile(current_user, person):
        abort(404)
    return person


def _document(data: dict) -> tuple[bytes, str] | None:
    document = data.get("document")
    if not document:
        return None
    try:
        raw = base64.b64decode(document["content_base64"], validate=True)
    except (binascii.Error, ValueError):
        raise CompetencyError(_("The document is not valid base64."), {"document": [_("Not valid base64.")]})
    return raw, document["filename"]


@blp.route("/users/<int:user_id>/evidence", methods=["POST"])
@access(Role.HR, Role.ADMIN, Role.EVALUATOR)
@blp.arguments(EvidenceWriteSchema)
@blp.response(201, EvidenceSchema)
def post_evidence(data, user_id: int):
    """Record an assessment, an evaluator rating (or override, with justification) or prior learning."""
    person = _person(user_id)
    evidence = record_manual_evidence(current_user, person, data, _document(data))
    db.session.commit()
    return evidence


@blp.route("/users/<int:user_id>/competency-profile", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(ProfileArgsSchema, location="query")
@blp.response(200, ProfileSchema)
def get_profile(args, user_id: int):
    """Required vs current level per competency, JPM and band, JP of the year, recommendations."""
    person = _person(user_id)
    profile = competency_profile(person, on=date.today())
    jp = jp_summary(person, args["year"] or date.today().year)
    return {
        "user_id": person.id,
        "position_id": person.position_id,
        "job_person_match": profile.match.jpm,
        "band": profile.match.band.value if profile.match.band else None,
        "jp": {
            "year": jp.year,
            "earned": jp.earned,
            "target": jp.target,
            "cap": jp.cap,
            "below_target": jp.below_target,
        },
        "competencies": [
            {
                "competency_id": line.competency.id,
                "code": line.competency.code,
                "required_level": line.required_level,
                "current_level": line.current_level or 0,
                "gap": line.gap,
            }
            for line in profile.lines
        ],
        "recommendations": [
            {"course_id": r.course_id, "competency_id": r.competency_id, "title": r.title}
            for r in profile.recommendations
        ],
    }
