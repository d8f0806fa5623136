"""Factories for merit rows: evaluations, assessments, actions and a small organisation."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.db import utcnow
from app.extensions import db
from app.merit.enums import EvaluationStatus, Rating
from app.merit.models import PerformanceEvaluation, PotentialAssessment
from app.merit.rules import parse_period, predicate_for
from app.org.models import Unit, User
from tests.factories import make_unit, make_user

# Ratings giving each predicate: (work_result, work_behavior).
RATINGS = {
    "sangat_baik": ("above", "above"),
    "baik": ("meets", "meets"),
    "butuh_perbaikan": ("below", "meets"),
    "kurang": ("meets", "below"),
    "sangat_kurang": ("below", "below"),
}


def make_evaluation(
    person: User,
    period: str = "2026",
    predicate: str = "baik",
    *,
    evaluator: User | None = None,
    status: EvaluationStatus = EvaluationStatus.FINALISED,
    **extra: Any,
) -> PerformanceEvaluation:
    """An evaluation with ratings that give `predicate` (finalised unless told otherwise)."""
    work_result, work_behavior = (Rating(r) for r in RATINGS[predicate])
    parsed = parse_period(period)
    evaluation = PerformanceEvaluation(
        user_id=person.id,
        period=parsed.code,
        year=parsed.year,
        quarter=parsed.quarter,
        evaluator_id=evaluator.id if evaluator else None,
        work_result=work_result,
        work_behavior=work_behavior,
        predicate=predicate_for(work_result, work_behavior),
        status=status,
        finalised_at=None if status is EvaluationStatus.DRAFT else utcnow(),
        **extra,
    )
    db.session.add(evaluation)
    db.session.flush()
    return evaluation


def make_assessment(person: User, score: float, assessed_on: date = date(2026, 1, 15)) -> PotentialAssessment:
    assessment = PotentialAssessment(user_id=person.id, score=score, assessed_on=assessed_on)
    db.session.add(assessment)
    db.session.flush()
    return assessment


@dataclass
class Office:
    """A unit with a sub-unit, two evaluators, HR, an admin and two employees."""

    unit: Unit
    sub: Unit
    other: Unit
    evaluator: User
    evaluator2: User
    hr: User
    admin: User
    admin2: User
    employee: User
    colleague: User
    outsider: User


def make_office() -> Office:
    unit = make_unit("Dinas")
    sub = make_unit("Bidang", parent=unit)
    other = make_unit("Lain")
    evaluator2 = make_user(roles=["evaluator", "employee"], unit=unit)
    evaluator = make_user(roles=["evaluator", "employee"], unit=sub, supervisor=evaluator2)
    return Office(
        unit=unit,
        sub=sub,
        other=other,
        evaluator=evaluator,
        evaluator2=evaluator2,
        hr=make_user(roles=["hr"], unit=unit),
        admin=make_user(roles=["admin"]),
        admin2=make_user(roles=["admin"]),
        employee=make_user(unit=sub, supervisor=evaluator, appointed_on=date(2016, 1, 4)),
        colleague=make_user(unit=sub, supervisor=evaluator),
        outsider=make_user(unit=other),
    )
