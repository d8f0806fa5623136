"""Position standards (Standar Kompetensi Jabatan): required level per position and competency."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from app.audit.services import record_audit
from app.competency.models import Competency, PositionRequirement
from app.competency.rules import tier_default_level
from app.competency.services.common import CompetencyError, tier_defaults
from app.extensions import db
from app.org.models import Position
from app.validation import FieldErrors, raise_if_errors

MAX_REQUIREMENTS = 200


def requirements_for(position: Position) -> list[PositionRequirement]:
    """A position's standard, competencies in dictionary order."""
    rows = db.session.scalars(
        select(PositionRequirement)
        .join(Competency, Competency.id == PositionRequirement.competency_id)
        .where(PositionRequirement.position_id == position.id)
    ).all()
    order = {"manajerial": 0, "sosial_kultural": 1, "teknis": 2}
    return sorted(
        rows, key=lambda r: (order[r.competency.kind.value], len(r.competency.code), r.competency.code)
    )


def _clean_items(items: Any) -> dict[int, int]:
    """`[{competency_id, level}]` → `{competency_id: level}`, naming each bad item's field."""
    errors = FieldErrors()
    if not isinstance(items, list):
        errors.add("requirements", _l("Send a list of {competency_id, level} items."))
        raise_if_errors(errors, CompetencyError)
    if len(items) > MAX_REQUIREMENTS:
        errors.add("requirements", _l("At most %(n)s competencies.", n=MAX_REQUIREMENTS))
    wanted: dict[int, int] = {}
    for index, item in enumerate(items[:MAX_REQUIREMENTS]):
        if not isinstance(item, dict):
            errors.add(f"{index}", _l("Send an object with competency_id and level."))
            continue
        competency_id, level = item.get("competency_id"), item.get("level")
        if not isinstance(competency_id, int) or isinstance(competency_id, bool):
            errors.add(f"{index}.competency_id", _l("Unknown competency."))
        elif competency_id in wanted:
            errors.add(f"{index}.competency_id", _l("This competency is listed twice."))
        if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 5:
            errors.add(f"{index}.level", _l("Choose a level from 1 to 5."))
        if f"{index}.competency_id" not in errors and f"{index}.level" not in errors:
            wanted[competency_id] = level
    if wanted:
        known = set(db.session.scalars(select(Competency.id).where(Competency.id.in_(list(wanted)))))
        for index, item in enumerate(items[:MAX_REQUIREMENTS]):
            if isinstance(item, dict) and item.get("competency_id") in set(wanted) - known:
                errors.add(f"{index}.competency_id", _l("Unknown competency."))
    raise_if_errors(errors, CompetencyError)
    return wanted


def set_requirements(actor: Any, position: Position, items: Any) -> list[PositionRequirement]:
    """Replace a position's standard with `[{competency_id, level}]` (all or nothing; audited)."""
    wanted = _clean_items(items)
    before = dict(
        db.session.execute(
            select(PositionRequirement.competency_id, PositionRequirement.level).where(
                PositionRequirement.position_id == position.id
            )
        ).all()
    )
    db.session.execute(delete(PositionRequirement).where(PositionRequirement.position_id == position.id))
    db.session.add_all(
        PositionRequirement(position_id=position.id, competency_id=cid, level=level)
        for cid, level in wanted.items()
    )
    db.session.flush()
    if before != wanted:
        codes = dict(db.session.execute(select(Competency.id, Competency.code)).all())
        record_audit(
            "competency.standard_changed",
            actor_id=getattr(actor, "id", None),
            subject_type="position",
            subject_id=position.id,
            details={
                "before": {codes.get(k, str(k)): v for k, v in sorted(before.items())},
                "after": {codes.get(k, str(k)): v for k, v in sorted(wanted.items())},
            },
        )
    return requirements_for(position)


def prefill_new_position(position: Position, **_: Any) -> None:
    """Signal receiver: give a new position the nine fixed competencies at its tier's default level."""
    level = tier_default_level(position.tier, tier_defaults())
    if level is None:
        return
    have = set(
        db.session.scalars(
            select(PositionRequirement.competency_id).where(PositionRequirement.position_id == position.id)
        )
    )
    fixed = db.session.scalars(select(Competency.id).where(Competency.fixed.is_(True))).all()
    db.session.add_all(
        PositionRequirement(position_id=position.id, competency_id=cid, level=level)
        for cid in fixed
        if cid not in have
    )
    db.session.flush()
