"""KPIs: definitions, targets per period, entered values, and actuals from computed sources."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, func, select

from app.audit.services import record_audit
from app.extensions import db
from app.merit.enums import KpiDirection, KpiLevel
from app.merit.errors import MeritError
from app.merit.kpi_sources import MANUAL_SOURCE, kpi_source
from app.merit.models import KpiDefinition, KpiTarget, KpiValue
from app.merit.rules import Period, parse_period
from app.merit.rules_kpi import achievement_percent
from app.merit.rules_profile import KpiFact
from app.validation import FieldErrors, clean_code, clean_name, raise_if_errors


def active_definitions(level: KpiLevel) -> list[KpiDefinition]:
    """Active KPI definitions of a level (targets eager-loaded)."""
    query = select(KpiDefinition).where(KpiDefinition.active.is_(True), KpiDefinition.level == level)
    return list(db.session.scalars(query.order_by(KpiDefinition.code)))


def target_for(definition: KpiDefinition, period: str) -> float | None:
    """The KPI's target for a period, else its default target."""
    for target in definition.targets:
        if target.period == period:
            return target.target
    return definition.default_target


def actuals(
    definition: KpiDefinition, period: Period, subject_ids: list[int], chosen: Select | None = None
) -> dict[int, float | None]:
    """Actual values per subject: from the registered source, else the entered values.

    `chosen`, a select of the same ids, keeps a long id list out of the SQL text.
    """
    if not subject_ids:
        return {}
    source = kpi_source(definition.source) if definition.source != MANUAL_SOURCE else None
    if source is not None:
        return dict(source.compute(period.start, period.end, list(subject_ids)))
    rows = db.session.execute(
        select(KpiValue.subject_id, KpiValue.actual).where(
            KpiValue.kpi_id == definition.id,
            KpiValue.period == period.code,
            KpiValue.subject_id.in_(chosen if chosen is not None else subject_ids),
        )
    )
    return {subject: actual for subject, actual in rows}


def kpi_facts(
    level: KpiLevel, subject_ids: Iterable[int], period: Period, *, chosen: Select | None = None
) -> dict[int, list[KpiFact]]:
    """Every active KPI of `level` with a known actual, per subject (bounded queries per KPI)."""
    ids = list(subject_ids)
    facts: dict[int, list[KpiFact]] = defaultdict(list)
    for definition in active_definitions(level):
        target = target_for(definition, period.code)
        for subject, actual in actuals(
            definition, period, ids, chosen if isinstance(chosen, Select) else None
        ).items():
            if actual is None:
                continue
            facts[subject].append(
                KpiFact(
                    code=definition.code,
                    name=definition.name,
                    unit_of_measure=definition.unit_of_measure,
                    target=target,
                    actual=actual,
                    achievement=achievement_percent(actual, target, definition.direction),
                )
            )
    return facts


def unit_kpis(unit_id: int, period: Period) -> list[dict[str, Any]]:
    """Every active unit-level KPI for one unit and period, measured or not (for the unit page/API)."""
    rows = []
    for definition in active_definitions(KpiLevel.UNIT):
        target = target_for(definition, period.code)
        actual = actuals(definition, period, [unit_id]).get(unit_id)
        rows.append(
            {
                "code": definition.code,
                "name": definition.name,
                "unit_of_measure": definition.unit_of_measure,
                "direction": definition.direction.value,
                "source": definition.source,
                "target": target,
                "actual": actual,
                "achievement_percent": achievement_percent(actual, target, definition.direction),
            }
        )
    return rows


# ---------------------------------------------------------------- writes


def _float(value: Any, errors: FieldErrors, field: str, *, required: bool) -> float | None:
    if value in (None, ""):
        if required:
            errors.add(field, _l("This field is required."))
        return None
    try:
        number = float(str(value).replace(",", "."))
    except ValueError:
        errors.add(field, _l("Enter a number."))
        return None
    if number != number or abs(number) > 1e12:  # NaN or absurd
        errors.add(field, _l("Enter a number."))
        return None
    return number


def save_definition(
    actor: Any, data: dict[str, Any], definition: KpiDefinition | None = None
) -> KpiDefinition:
    """Create or change a KPI definition; the source is "manual" or a registered source code."""
    errors = FieldErrors()
    code = clean_code(data.get("code", definition.code if definition else ""), errors)
    name = clean_name(data.get("name", definition.name if definition else ""), errors)
    unit_of_measure = str(data.get("unit_of_measure") or "").strip()[:40]
    if not unit_of_measure:
        errors.add("unit_of_measure", _l("This field is required."))
    choices = {"direction": KpiDirection, "level": KpiLevel}
    values: dict[str, Any] = {}
    for field, enum in choices.items():
        try:
            values[field] = enum(str(data.get(field) or ""))
        except ValueError:
            errors.add(field, _l("Choose one of the listed values."))
    source = str(data.get("source") or MANUAL_SOURCE).strip()
    registered = kpi_source(source)
    if source != MANUAL_SOURCE and registered is None:
        errors.add("source", _l("Unknown data source."))
    elif registered is not None and values.get("level") and registered.level != values["level"].value:
        errors.add("source", _l("This source measures another level."))
    default_target = _float(data.get("default_target"), errors, "default_target", required=False)
    taken = select(KpiDefinition.id).where(func.upper(KpiDefinition.code) == code)
    if definition is not None:
        taken = taken.where(KpiDefinition.id != definition.id)
    if code and "code" not in errors and db.session.scalar(taken) is not None:
        errors.add("code", _l("Another KPI already uses this code."))
    raise_if_errors(errors, MeritError)
    creating = definition is None
    definition = definition or KpiDefinition()
    definition.code, definition.name, definition.unit_of_measure = code, name, unit_of_measure
    definition.description = str(data.get("description") or "").strip()[:4000]
    definition.direction, definition.level = values["direction"], values["level"]
    definition.source, definition.default_target = source, default_target
    definition.active = bool(data.get("active", True))
    db.session.add(definition)
    db.session.flush()
    record_audit(
        "merit.kpi.created" if creating else "merit.kpi.updated",
        actor_id=actor.id,
        subject_type="kpi",
        subject_id=definition.id,
        details={"code": code, "source": source, "default_target": default_target},
    )
    return definition


def set_target(actor: Any, definition: KpiDefinition, period_text: Any, target: Any) -> KpiTarget:
    """Set (or replace) a KPI's target for one period."""
    errors = FieldErrors()
    try:
        period = parse_period(period_text)
    except ValueError as exc:
        errors.add("period", exc.args[0])
    value = _float(target, errors, "target", required=True)
    raise_if_errors(errors, MeritError)
    row = next((t for t in definition.targets if t.period == period.code), None)
    if row is None:
        row = KpiTarget(period=period.code, target=value)
        definition.targets.append(row)
    row.target = value
    db.session.flush()
    record_audit(
        "merit.kpi.target_set",
        actor_id=actor.id,
        subject_type="kpi",
        subject_id=definition.id,
        details={"code": definition.code, "period": period.code, "target": value},
    )
    return row


def record_value(
    actor: Any, definition: KpiDefinition, subject_id: int, period_text: Any, actual: Any, note: Any = ""
) -> KpiValue:
    """Enter (or correct) the actual value of a manual KPI for a person or unit and a period."""
    errors = FieldErrors()
    if definition.source != MANUAL_SOURCE:
        errors.add("actual", _l("This KPI is computed from its data source."))
    try:
        period = parse_period(period_text)
    except ValueError as exc:
        errors.add("period", exc.args[0])
    value = _float(actual, errors, "actual", required=True)
    raise_if_errors(errors, MeritError)
    row = db.session.scalar(
        select(KpiValue).where(
            KpiValue.kpi_id == definition.id,
            KpiValue.period == period.code,
            KpiValue.subject_id == subject_id,
        )
    )
    if row is None:
        row = KpiValue(
            kpi_id=definition.id, period=period.code, year=period.year, subject_id=subject_id, actual=value
        )
        db.session.add(row)
    row.actual, row.note, row.recorded_by_id = value, str(note or "").strip()[:2000], actor.id
    db.session.flush()
    record_audit(
        "merit.kpi.value_recorded",
        actor_id=actor.id,
        subject_type="kpi",
        subject_id=definition.id,
        subject_user_id=subject_id if definition.level is KpiLevel.PERSON else None,
        details={"code": definition.code, "period": period.code, "subject_id": subject_id, "actual": value},
    )
    return row
