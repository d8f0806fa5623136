"""Everything the merit profile page and the evaluator queue show, in a bounded number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from app.extensions import db
from app.merit.enums import ActionCategory, ActionStatus, EvaluationStatus
from app.merit.models import (
    AbsenceRecord,
    EvaluatorAssignment,
    MeritAction,
    PerformanceEvaluation,
    PotentialAssessment,
    Reward,
    Sanction,
    UnpaidLeave,
)
from app.merit.permissions import (
    can_evaluate,
    can_manage_records,
    can_propose,
    can_view_sanction_details,
    evaluatees_condition,
    visible_merit_condition,
)
from app.merit.recommendations import Recommendation
from app.merit.services.profiles import PersonProfile, person_profile
from app.org.models import User
from app.security import Role


@dataclass
class ProfilePage:
    """A person's merit page: the computed profile plus the records behind it."""

    profile: PersonProfile
    evaluations: list[PerformanceEvaluation]
    actions: list[MeritAction]
    sanctions: list[Sanction]
    rewards: list[Reward]
    absences: list[AbsenceRecord]
    assessments: list[PotentialAssessment]
    leaves: list[UnpaidLeave]
    assignment: EvaluatorAssignment | None
    sanction_details: bool
    may_evaluate: bool
    may_propose: bool
    may_manage: bool
    recommendations: list[tuple[Recommendation, MeritAction | None]] = field(default_factory=list)


def profile_page(actor: Any, person: User, year: int, *, own_view: bool = False) -> ProfilePage:
    """Load the page for `person` and `year` as `actor` sees it."""
    profile = person_profile(person, year)
    actions = list(
        db.session.scalars(
            select(MeritAction)
            .where(MeritAction.user_id == person.id)
            .options(
                joinedload(MeritAction.proposed_by),
                joinedload(MeritAction.decided_by),
                joinedload(MeritAction.appeal_decided_by),
            )
            .order_by(MeritAction.proposed_at.desc(), MeritAction.id.desc())
        ).unique()
    )
    open_by_kind = {(a.category.value, a.kind): a for a in actions if a.is_open}
    recommendations = [
        (rec, open_by_kind.get((rec.category.value, str(rec.kind))))
        for rec in profile.profile.recommendations
    ]
    if own_view:
        recommendations = [(r, a) for r, a in recommendations if r.category is ActionCategory.DEVELOPMENT]
    return ProfilePage(
        profile=profile,
        evaluations=list(
            db.session.scalars(
                select(PerformanceEvaluation)
                .where(PerformanceEvaluation.user_id == person.id)
                .options(joinedload(PerformanceEvaluation.evaluator))
                .order_by(PerformanceEvaluation.year.desc(), PerformanceEvaluation.period.desc())
            ).unique()
        ),
        actions=actions,
        sanctions=list(
            db.session.scalars(
                select(Sanction).where(Sanction.user_id == person.id).order_by(Sanction.starts_on.desc())
            )
        ),
        rewards=list(
            db.session.scalars(
                select(Reward).where(Reward.user_id == person.id).order_by(Reward.awarded_on.desc())
            )
        ),
        absences=list(
            db.session.scalars(
                select(AbsenceRecord)
                .where(AbsenceRecord.user_id == person.id)
                .order_by(AbsenceRecord.year.desc())
            )
        ),
        assessments=list(
            db.session.scalars(
                select(PotentialAssessment)
                .where(PotentialAssessment.user_id == person.id)
                .order_by(PotentialAssessment.assessed_on.desc())
            )
        ),
        leaves=list(db.session.scalars(select(UnpaidLeave).where(UnpaidLeave.user_id == person.id))),
        assignment=db.session.scalar(
            select(EvaluatorAssignment)
            .where(EvaluatorAssignment.user_id == person.id)
            .options(joinedload(EvaluatorAssignment.evaluator))
        ),
        sanction_details=can_view_sanction_details(actor, person),
        may_evaluate=not own_view and can_evaluate(actor, person),
        may_propose=not own_view and can_propose(actor, person),
        may_manage=not own_view and can_manage_records(actor, person),
        recommendations=recommendations,
    )


# ---------------------------------------------------------------- the evaluator's queue


def to_evaluate_query(actor: Any, year: int) -> Select:
    """People the actor evaluates directly who have no final annual evaluation for `year` yet."""
    done = exists().where(
        PerformanceEvaluation.user_id == User.id,
        PerformanceEvaluation.period == str(year),
        PerformanceEvaluation.status != EvaluationStatus.DRAFT,
    )
    return (
        select(User)
        .where(User.active.is_(True), evaluatees_condition(actor), ~done)
        .order_by(User.name, User.id)
    )


def my_drafts(actor: Any, limit: int = 50) -> list[PerformanceEvaluation]:
    return list(
        db.session.scalars(
            select(PerformanceEvaluation)
            .where(
                PerformanceEvaluation.evaluator_id == actor.id,
                PerformanceEvaluation.status == EvaluationStatus.DRAFT,
            )
            .options(joinedload(PerformanceEvaluation.user))
            .order_by(PerformanceEvaluation.updated_at.desc())
            .limit(limit)
        ).unique()
    )


def objections_to_decide(actor: Any, limit: int = 50) -> list[PerformanceEvaluation]:
    """Open objections the actor decides: as the evaluator's superior, or any as an admin."""
    query = (
        select(PerformanceEvaluation)
        .where(
            PerformanceEvaluation.status == EvaluationStatus.OBJECTED,
            PerformanceEvaluation.user_id != actor.id,
            or_(PerformanceEvaluation.evaluator_id.is_(None), PerformanceEvaluation.evaluator_id != actor.id),
        )
        .options(joinedload(PerformanceEvaluation.user), joinedload(PerformanceEvaluation.evaluator))
        .order_by(PerformanceEvaluation.objected_at)
        .limit(limit)
    )
    if not actor.has_role(Role.ADMIN):
        evaluators = select(User.id).where(User.supervisor_id == actor.id)
        query = query.where(PerformanceEvaluation.evaluator_id.in_(evaluators))
    return list(db.session.scalars(query).unique())


def proposals_to_decide(actor: Any, limit: int = 50) -> list[MeritAction]:
    """Open proposals about people in the actor's reach that someone else proposed."""
    people = select(User.id).where(visible_merit_condition(actor), User.id != actor.id)
    return list(
        db.session.scalars(
            select(MeritAction)
            .where(
                MeritAction.status == ActionStatus.PROPOSED,
                MeritAction.user_id.in_(people),
                or_(MeritAction.proposed_by_id.is_(None), MeritAction.proposed_by_id != actor.id),
            )
            .options(joinedload(MeritAction.user), joinedload(MeritAction.proposed_by))
            .order_by(MeritAction.proposed_at)
            .limit(limit)
        ).unique()
    )


def appeals_to_decide(actor: Any, limit: int = 50) -> list[MeritAction]:
    """Open appeals (admins only) in which the actor took no part."""
    if not actor.has_role(Role.ADMIN):
        return []
    involved = or_(
        func.coalesce(MeritAction.proposed_by_id, 0) == actor.id,
        func.coalesce(MeritAction.decided_by_id, 0) == actor.id,
    )
    return list(
        db.session.scalars(
            select(MeritAction)
            .where(MeritAction.status == ActionStatus.APPEALED, MeritAction.user_id != actor.id, ~involved)
            .options(selectinload(MeritAction.user))
            .order_by(MeritAction.appealed_at)
            .limit(limit)
        )
    )


def current_year(today: date | None = None) -> int:
    return (today or date.today()).year
