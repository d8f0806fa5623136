"""Submitting a satisfaction survey response, and the results (NRR, IKM, grade) per unit and period."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.extensions import db
from app.org.models import Unit
from app.service_quality.enums import AgeBand, Education, Gender, Occupation
from app.service_quality.models import SurveyAnswer, SurveyElement, SurveyResponse
from app.service_quality.rules.elements import SCALE
from app.service_quality.rules.ikm import ElementTally, IkmResult, compute_ikm
from app.service_quality.services import ServiceQualityError
from app.service_quality.services.catalog import active_elements, public_service_in_unit
from app.service_quality.services.fields import clean_choice, clean_id, clean_required_date, clean_text
from app.service_quality.services.rollup import roll_up, subtrees_condition
from app.validation import FieldErrors, raise_if_errors

_SCALE_TEXT = frozenset(str(v) for v in SCALE)
PROFILE_FIELDS = {"age_band": AgeBand, "gender": Gender, "education": Education, "occupation": Occupation}


def _clean_answers(raw: Any, elements: Sequence[SurveyElement], errors: FieldErrors) -> list[int]:
    if not isinstance(raw, list | tuple):
        errors.add("answers", _l("Answer every question with a value from 1 to 4."))
        return []
    if len(raw) != len(elements) or any(value is None for value in raw):
        errors.add("answers", _l("Answer all %(n)s questions.", n=len(elements)))
        return []
    answers = []
    for value in raw:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | str)
            or str(value).strip() not in _SCALE_TEXT
        ):
            errors.add("answers", _l("Every answer must be a whole number from 1 to 4."))
            return []
        answers.append(int(value))
    return answers


def submit_survey_response(data: dict[str, Any], *, today: date, submitted_on: date | None = None):
    """Record one anonymous questionnaire: one answer (1–4) per active element, in order.

    Refuses an unknown unit, a missing or out-of-range answer and a service date in
    the future; the respondent profile and the suggestion are optional.
    """
    errors = FieldErrors()
    unit = db.session.get(Unit, clean_id(data.get("unit_id")) or 0)
    if unit is None or not unit.active:
        errors.add("unit_id", _l("Choose a unit."))
    elements = active_elements()
    answers = _clean_answers(data.get("answers"), elements, errors)
    service_date = clean_required_date(data.get("service_date"), errors, "service_date")
    if service_date is not None and service_date > today:
        errors.add("service_date", _l("The service date cannot be in the future."))
    service = public_service_in_unit(unit.id, data.get("service_id"), errors) if unit else None
    profile = {
        name: clean_choice(data.get(name), enum_cls, errors, name, required=False)
        for name, enum_cls in PROFILE_FIELDS.items()
    }
    suggestion = clean_text(data.get("suggestion"), errors, "suggestion", max_length=2000)
    raise_if_errors(errors, ServiceQualityError)
    response = SurveyResponse(
        unit_id=unit.id,  # type: ignore[union-attr]
        service_id=service.id if service else None,
        service_date=service_date,
        submitted_on=submitted_on or today,
        suggestion=suggestion or None,
        **profile,
    )
    db.session.add(response)
    db.session.flush()
    db.session.add_all(
        SurveyAnswer(response_id=response.id, element_id=element.id, value=value)
        for element, value in zip(elements, answers, strict=True)
    )
    db.session.flush()
    return response


@dataclass(frozen=True)
class UnitResults:
    """A unit's survey results for a period: the elements (in order) and the IKM computation."""

    elements: list[SurveyElement]
    ikm: IkmResult


def ikm_by_unit(unit_ids: Sequence[int], start: date, end: date) -> dict[int, UnitResults]:
    """Survey results of each unit (with its sub-units) for responses submitted in `[start, end]`.

    Two grouped queries whatever the number of units (answers per unit and element,
    respondents per unit), rolled up along the unit paths.
    """
    ids = sorted(set(unit_ids))
    elements = active_elements()
    if not ids:
        return {}
    in_period = SurveyResponse.submitted_on.between(start, end) & subtrees_condition(ids)
    tally_rows = db.session.execute(
        select(Unit.path, SurveyAnswer.element_id, func.sum(SurveyAnswer.value), func.count())
        .select_from(SurveyResponse)
        .join(Unit, Unit.id == SurveyResponse.unit_id)
        .join(SurveyAnswer, SurveyAnswer.response_id == SurveyResponse.id)
        .where(in_period)
        .group_by(Unit.path, SurveyAnswer.element_id)
    ).all()
    respondent_rows = db.session.execute(
        select(Unit.path, func.count(SurveyResponse.id))
        .join(Unit, Unit.id == SurveyResponse.unit_id)
        .where(in_period)
        .group_by(Unit.path)
    ).all()
    tallies = roll_up(ids, tally_rows, keyed=True)
    respondents = roll_up(ids, respondent_rows)
    weights = [Fraction(e.weight) for e in elements]
    results = {}
    for unit_id in ids:
        ordered = [ElementTally(*(int(v) for v in tallies.get((unit_id, e.id), (0, 0)))) for e in elements]
        count = int(respondents.get(unit_id, [0])[0])
        results[unit_id] = UnitResults(elements, compute_ikm(ordered, weights, count))
    return results


def unit_results(unit: Unit, start: date, end: date) -> UnitResults:
    """Survey results of one unit (with its sub-units) for a period."""
    return ikm_by_unit([unit.id], start, end)[unit.id]


def _responses_in(unit: Unit, start: date, end: date) -> Any:
    return (
        select(SurveyResponse)
        .join(Unit, Unit.id == SurveyResponse.unit_id)
        .where(
            Unit.path.startswith(unit.path, autoescape=True), SurveyResponse.submitted_on.between(start, end)
        )
    )


def suggestions_query(unit: Unit, start: date, end: date) -> Any:
    """Responses with a suggestion, newest first (for a paginated list)."""
    return (
        _responses_in(unit, start, end)
        .where(SurveyResponse.suggestion.is_not(None))
        .order_by(SurveyResponse.submitted_at.desc(), SurveyResponse.id.desc())
    )


def profile_counts(unit: Unit, start: date, end: date) -> dict[str, dict[str, int]]:
    """How many respondents gave each profile answer (one grouped query per profile question)."""
    counts: dict[str, dict[str, int]] = {}
    base = _responses_in(unit, start, end).subquery()
    for name in PROFILE_FIELDS:
        column = base.c[name]
        rows = db.session.execute(select(column, func.count()).group_by(column)).all()
        counts[name] = {(value.value if value is not None else ""): int(n) for value, n in rows}
    return counts


def response_rows(
    unit: Unit, start: date, end: date
) -> tuple[list[SurveyElement], list[tuple[Any, dict[int, int]]]]:
    """Every response of the period with its answers by element id (for the XLSX export)."""
    elements = active_elements()
    responses = list(db.session.scalars(_responses_in(unit, start, end).order_by(SurveyResponse.id)))
    answers: dict[int, dict[int, int]] = {}
    if responses:
        response_ids = _responses_in(unit, start, end).with_only_columns(SurveyResponse.id)
        rows = db.session.execute(
            select(SurveyAnswer.response_id, SurveyAnswer.element_id, SurveyAnswer.value).where(
                SurveyAnswer.response_id.in_(response_ids)
            )
        ).all()
        for response_id, element_id, value in rows:
            answers.setdefault(response_id, {})[element_id] = value
    return elements, [(r, answers.get(r.id, {})) for r in responses]
