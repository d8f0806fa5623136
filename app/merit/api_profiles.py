"""API: merit profiles, unit talent grids, calibration and KPIs, and a person's records
(absences, sanctions, rewards)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from app.api.common import PageArgsSchema, api_blueprint, page_of, paginated
from app.extensions import db
from app.merit.api_schemas import (
    AbsenceSchema,
    AbsenceWriteSchema,
    CalibrationArgsSchema,
    CalibrationSchema,
    MeritProfileSchema,
    RewardSchema,
    RewardWriteSchema,
    SanctionSchema,
    SanctionWriteSchema,
    TalentGridSchema,
    UnitKpisSchema,
    YearArgsSchema,
)
from app.merit.errors import MeritError
from app.merit.models import Reward, Sanction
from app.merit.permissions import can_manage_records, can_view_sanction_details
from app.merit.rules import Period, parse_period
from app.merit.services.discipline import record_reward, record_sanction
from app.merit.services.kpis import unit_kpis
from app.merit.services.pages import current_year
from app.merit.services.people import person_or_404, unit_or_404
from app.merit.services.profiles import person_profile
from app.merit.services.records import record_absence
from app.merit.services.talent import calibration, grid_counts, grid_ids
from app.merit.transactions import merit_commit
from app.security import AUTHENTICATED, Role, access

blp = api_blueprint("merit_profiles_api", __name__, "Merit: profiles, talent grids and records")

MANAGERS = (Role.HR, Role.ADMIN)


def sanction_doc(sanction: Sanction, details: bool) -> dict[str, Any]:
    """A sanction; its legal basis, description and attachments only with `details`."""
    return {
        "id": sanction.id,
        "user_id": sanction.user_id,
        "kind": sanction.kind.value,
        "level": sanction.level.value,
        "decided_on": sanction.decided_on,
        "starts_on": sanction.starts_on,
        "ends_on": sanction.ends_on,
        "status": sanction.status.value,
        "legal_basis": sanction.legal_basis if details else None,
        "description": sanction.description if details else None,
        "attachments": [a.filename for a in sanction.attachments] if details else None,
    }


@blp.route("/users/<int:user_id>/merit-profile", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(YearArgsSchema, location="query")
@blp.response(200, MeritProfileSchema)
def merit_profile(args, user_id: int):
    """A person's merit profile for a year, with the 9-box position and explained recommendations."""
    person = person_or_404(current_user, user_id)
    year = args["year"] or current_year()
    found = person_profile(person, year, trend_years=1)
    core, data = found.profile.core, found.data
    details = can_view_sanction_details(current_user, person)
    active_ids = {s.id for s in core.active_sanctions}
    sanctions = (
        list(
            db.session.scalars(
                select(Sanction).where(Sanction.id.in_(active_ids)).order_by(Sanction.starts_on)
            )
        )
        if active_ids
        else []
    )
    return {
        "user_id": person.id,
        "year": year,
        "job_person_match": core.jpm,
        "band": core.jpm_band,
        "potential": core.potential,
        "potential_source": core.potential_source,
        "performance_predicate": core.predicate,
        "predicate_year": core.predicate_year,
        "performance": core.performance,
        "jp": {"earned": core.jp_earned, "target": core.jp_target},
        "kpis": [
            {
                "code": k.code,
                "name": k.name,
                "unit_of_measure": k.unit_of_measure,
                "target": k.target,
                "actual": k.actual,
                "achievement_percent": k.achievement,
            }
            for k in data.kpis
        ],
        "kpi_achievement_percent": core.kpi_achievement,
        "active_sanctions": [sanction_doc(s, details) for s in sanctions],
        "rewards": [
            {"id": r.id, "user_id": person.id, "kind": r.kind, "awarded_on": r.awarded_on, "status": "active"}
            for r in core.rewards
        ],
        "talent_box": core.box,
        "box_action": str(core.box_action) if core.box_action else None,
        "recommendations": [
            {
                "category": r.category,
                "kind": str(r.kind),
                "reasons": [str(x) for x in r.reasons],
                "rule": r.rule,
            }
            for r in found.profile.recommendations
        ],
    }


@blp.route("/units/<int:unit_id>/talent-grid", methods=["GET"])
@access(Role.HR, Role.EVALUATOR, Role.ADMIN)
@blp.arguments(YearArgsSchema, location="query")
@blp.response(200, TalentGridSchema)
def talent_grid(args, unit_id: int):
    """The user ids in each box of the 9-box for a unit and its sub-units."""
    unit = unit_or_404(current_user, unit_id)
    year = args["year"] or current_year()
    return {
        "unit_id": unit.id,
        "year": year,
        "boxes": grid_ids(unit, year),
        "computed_at": grid_counts(unit, year).computed_at,
    }


@blp.route("/units/<int:unit_id>/calibration", methods=["GET"])
@access(Role.HR, Role.EVALUATOR, Role.ADMIN)
@blp.arguments(CalibrationArgsSchema, location="query")
@blp.response(200, CalibrationSchema)
def unit_calibration(args, unit_id: int):
    """The unit's predicate distribution for a period and the guidance rules it breaks (warnings)."""
    unit = unit_or_404(current_user, unit_id)
    period = parse_period(args["period"] or str(current_year()))
    result = calibration(unit, period)
    return {
        "period": period.code,
        "organisation_predicate": result.org_predicate.value,
        "counts": {p.value: n for p, n, _share in result.distribution.rows()},
        "total": result.distribution.total,
        "warnings": [{"rule": str(w.rule), "actual": str(w.actual)} for w in result.warnings],
    }


@blp.route("/units/<int:unit_id>/kpis", methods=["GET"])
@access(Role.HR, Role.EVALUATOR, Role.ADMIN)
@blp.arguments(YearArgsSchema, location="query")
@blp.response(200, UnitKpisSchema)
def kpis_of_unit(args, unit_id: int):
    """The unit's KPIs for a year: target, actual (entered or computed) and achievement."""
    unit = unit_or_404(current_user, unit_id)
    return {"items": unit_kpis(unit.id, Period(args["year"] or current_year()))}


def _managed(user_id: int):
    person = person_or_404(current_user, user_id)
    if not can_manage_records(current_user, person):
        raise MeritError(str(_l("You cannot change this person's records.")), status=403)
    return person


@blp.route("/users/<int:user_id>/absences", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(AbsenceWriteSchema)
@blp.response(201, AbsenceSchema)
@blp.alt_response(200, schema=AbsenceSchema, description="The year's record was updated")
def absences(data, user_id: int):
    """Set a year's unexcused absence; the answer names the sanction the absence table proposes."""
    person = _managed(user_id)
    with merit_commit():
        record, created, proposed = record_absence(current_user, person, data)
    doc = {
        "id": record.id,
        "user_id": person.id,
        "year": record.year,
        "days": record.days,
        "longest_consecutive": record.longest_consecutive,
        "recommended_sanction": proposed.value if proposed else None,
    }
    return doc, 201 if created else 200


@blp.route("/users/<int:user_id>/sanctions", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_of(SanctionSchema))
def sanctions(args, user_id: int):
    """A person's sanctions (details only for those with a need)."""
    person = person_or_404(current_user, user_id)
    details = can_view_sanction_details(current_user, person)
    page = paginated(
        select(Sanction).where(Sanction.user_id == person.id).order_by(Sanction.starts_on.desc()), args
    )
    page["items"] = [sanction_doc(s, details) for s in page["items"]]
    return page


@blp.route("/users/<int:user_id>/sanctions", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(SanctionWriteSchema)
@blp.response(201, SanctionSchema)
def create_sanction(data, user_id: int):
    """Record a discipline case (409 when an identical active sanction overlaps it)."""
    person = _managed(user_id)
    with merit_commit():
        sanction = record_sanction(current_user, person, data)
    return sanction_doc(sanction, True)


@blp.route("/users/<int:user_id>/rewards", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_of(RewardSchema))
def rewards(args, user_id: int):
    """A person's rewards."""
    person = person_or_404(current_user, user_id)
    return paginated(
        select(Reward).where(Reward.user_id == person.id).order_by(Reward.awarded_on.desc()), args
    )


@blp.route("/users/<int:user_id>/rewards", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(RewardWriteSchema)
@blp.response(201, RewardSchema)
def create_reward(data, user_id: int):
    """Record a reward (a Satyalancana only when eligible: 422 with the reasons otherwise)."""
    person = _managed(user_id)
    with merit_commit():
        reward = record_reward(current_user, person, data)
    return reward
