"""Reminders: the employee before an objection or appeal deadline, deciders of waiting proposals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.merit.enums import ActionStatus, EvaluationStatus
from app.merit.links import action_link, evaluation_link, queue_link
from app.merit.models import MeritAction, PerformanceEvaluation
from app.notifications.reminders import Reminder, reminder_provider
from app.org.models import User
from app.settings.services import get_setting

WARN_DAYS = 3  # remind this many days before a deadline
WAITING_DAYS = 7  # a proposal waiting this long reminds the person's superior


@reminder_provider("merit.deadlines")
def deadline_reminders(today: date) -> Iterator[Reminder]:
    """Finalised evaluations not yet answered, and decisions still appealable, near their deadline."""
    days = int(get_setting("merit.objection_days"))
    since = today - timedelta(days=days)
    rows = db.session.scalars(
        select(PerformanceEvaluation).where(
            PerformanceEvaluation.status == EvaluationStatus.FINALISED,
            PerformanceEvaluation.finalised_at.is_not(None),
        )
    )
    for evaluation in rows:
        deadline = evaluation.finalised_at.date() + timedelta(days=days)
        if since <= evaluation.finalised_at.date() and 0 <= (deadline - today).days <= WARN_DAYS:
            yield Reminder(
                evaluation.user_id,
                f"merit:evaluation:{evaluation.id}:respond",
                _l(
                    "Respond to your evaluation for %(period)s by %(date)s",
                    period=evaluation.period,
                    date=deadline.isoformat(),
                ),
                link=evaluation_link(evaluation.id),
            )
    actions = db.session.scalars(
        select(MeritAction).where(
            MeritAction.status.in_([ActionStatus.APPROVED, ActionStatus.REJECTED]),
            MeritAction.appeal_deadline.between(today, today + timedelta(days=WARN_DAYS)),
        )
    )
    for action in actions:
        yield Reminder(
            action.user_id,
            f"merit:action:{action.id}:appeal",
            _l(
                "A merit decision about you can be appealed until %(date)s",
                date=action.appeal_deadline.isoformat(),
            ),
            link=action_link(action.id),
        )


@reminder_provider("merit.waiting_proposals")
def waiting_proposal_reminders(today: date) -> Iterator[Reminder]:
    """Proposals waiting for a week remind the person's superior (if an evaluator other than the proposer)."""
    cutoff = today - timedelta(days=WAITING_DAYS)
    rows = db.session.scalars(
        select(MeritAction)
        .where(MeritAction.status == ActionStatus.PROPOSED)
        .options(joinedload(MeritAction.user).joinedload(User.supervisor))
    ).unique()
    for action in rows:
        superior = action.user.supervisor
        if action.proposed_at.date() > cutoff or superior is None or superior.id == action.proposed_by_id:
            continue
        yield Reminder(
            superior.id,
            f"merit:action:{action.id}:decide",
            _l("A merit proposal about %(name)s is waiting for a decision", name=action.user.name),
            link=queue_link(),
        )
