"""Who may see and act on whose merit data (object-level rules and their SQL twins).

Employees see only their own merit data. Evaluators reach the people of their unit and
its sub-units, the people they supervise and the people HR assigned to them. HR officers
reach the people of the units they manage; admins everyone. Sanction details (legal
basis, description, attachments) go only to those with a need: the person, HR in scope,
admins, and evaluators who decide (or decided) a sanction about the person.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, false, or_, select

from app.extensions import db
from app.merit.enums import ActionCategory, ActionStatus
from app.merit.models import EvaluatorAssignment, MeritAction, PerformanceEvaluation
from app.org.models import Unit, User
from app.org.permissions import can_manage_unit, in_managed_scope, visible_people_condition
from app.org.rules import is_within
from app.security import Role


def is_assigned_evaluator(actor: Any, person: User) -> bool:
    """True when HR assigned `actor` to evaluate `person`."""
    if actor.id is None:
        return False
    return (
        db.session.scalar(
            select(EvaluatorAssignment.id).where(
                EvaluatorAssignment.user_id == person.id, EvaluatorAssignment.evaluator_id == actor.id
            )
        )
        is not None
    )


def evaluator_reaches(actor: Any, person: User) -> bool:
    """An evaluator's reach: supervisees, the own unit's subtree, and assigned people."""
    if not actor.has_role(Role.EVALUATOR) or actor.id == person.id:
        return False
    if person.supervisor_id == actor.id:
        return True
    if actor.unit is not None and person.unit is not None and is_within(person.unit.path, actor.unit.path):
        return True
    return is_assigned_evaluator(actor, person)


def can_view_merit(actor: Any, person: User) -> bool:
    """Oneself, HR in scope, admins, and evaluators within reach."""
    return actor.id == person.id or in_managed_scope(actor, person) or evaluator_reaches(actor, person)


def can_evaluate(actor: Any, person: User) -> bool:
    """Write a performance evaluation: admins, and evaluators within reach (never oneself)."""
    if actor.id == person.id:
        return False
    return actor.has_role(Role.ADMIN) or evaluator_reaches(actor, person)


def can_manage_records(actor: Any, person: User) -> bool:
    """Record sanctions, rewards, absences, assessments: HR in scope and admins (never oneself)."""
    return actor.id != person.id and in_managed_scope(actor, person)


def can_propose(actor: Any, person: User) -> bool:
    """Propose a merit action: HR in scope, evaluators within reach, admins (never for oneself)."""
    if actor.id == person.id:
        return False
    return in_managed_scope(actor, person) or evaluator_reaches(actor, person)


def can_decide(actor: Any, person: User) -> bool:
    """Decide a proposal about `person`: evaluators within reach and admins (never about oneself).

    Whether the actor proposed it is checked separately: that refusal is a 403, not a 404.
    """
    if actor.id == person.id:
        return False
    return actor.has_role(Role.ADMIN) or evaluator_reaches(actor, person)


def can_decide_objection(actor: Any, evaluation: PerformanceEvaluation) -> bool:
    """A higher evaluator (the evaluator's own superior) or an admin; never the evaluator or the person."""
    if actor.id in (evaluation.user_id, evaluation.evaluator_id):
        return False
    if actor.has_role(Role.ADMIN):
        return True
    evaluator = evaluation.evaluator
    return actor.has_role(Role.EVALUATOR) and evaluator is not None and evaluator.supervisor_id == actor.id


def can_view_sanction_details(actor: Any, person: User) -> bool:
    """Legal basis, description and attachments of a person's sanctions."""
    if actor.id == person.id or in_managed_scope(actor, person):
        return True
    if not evaluator_reaches(actor, person):
        return False
    involved = select(MeritAction.id).where(
        MeritAction.user_id == person.id,
        MeritAction.category == ActionCategory.SANCTION,
        or_(
            MeritAction.status == ActionStatus.PROPOSED,
            MeritAction.proposed_by_id == actor.id,
            MeritAction.decided_by_id == actor.id,
        ),
    )
    return bool(db.session.scalar(select(exists(involved))))


def can_view_unit_merit(actor: Any, unit: Unit) -> bool:
    """Unit grids and calibration: HR and admins for units they manage, evaluators their own subtree."""
    if can_manage_unit(actor, unit):
        return True
    return actor.has_role(Role.EVALUATOR) and actor.unit is not None and is_within(unit.path, actor.unit.path)


def visible_merit_condition(actor: Any) -> ColumnElement[bool]:
    """SQL condition on `User` for everyone whose merit data `actor` may see."""
    if actor.id is None:
        return visible_people_condition(actor)
    conditions: list[Any] = [visible_people_condition(actor)]
    if actor.has_role(Role.EVALUATOR):
        conditions.append(
            User.id.in_(
                select(EvaluatorAssignment.user_id).where(EvaluatorAssignment.evaluator_id == actor.id)
            )
        )
    return or_(*conditions)


def evaluatees_condition(actor: Any) -> ColumnElement[bool]:
    """SQL condition on `User`: the people `actor` evaluates directly (supervisees, assigned)."""
    if actor.id is None or not actor.has_role(Role.EVALUATOR):
        return false()
    return (User.id != actor.id) & or_(
        User.supervisor_id == actor.id,
        User.id.in_(select(EvaluatorAssignment.user_id).where(EvaluatorAssignment.evaluator_id == actor.id)),
    )
