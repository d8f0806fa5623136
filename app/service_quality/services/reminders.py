"""Deadline reminders for complaints: to the assigned officer, or to the unit's HR officers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.notifications.reminders import Reminder, reminder_provider
from app.org.models import Unit, User, UserRole
from app.security import Role
from app.service_quality.enums import ComplaintStatus
from app.service_quality.models import Complaint
from app.service_quality.rules.workdays import is_overdue
from app.service_quality.services.links import path_for
from app.service_quality.services.queries import CLOCKED_STATUSES

OFFICER_STATUSES = (ComplaintStatus.ASSIGNED, ComplaintStatus.IN_PROGRESS)


def _message(code: str, due_on: date, today: date) -> tuple[object, object]:
    if is_overdue(due_on, today):
        return (
            _l("Complaint %(code)s is overdue", code=code),
            _l("Its current step was due on %(date)s.", date=due_on.isoformat()),
        )
    return (
        _l("Complaint %(code)s is due soon", code=code),
        _l("Its current step is due on %(date)s.", date=due_on.isoformat()),
    )


@reminder_provider("service_quality.complaint_deadlines")
def complaint_deadline_reminders(today: date) -> Iterator[Reminder]:
    """Open complaints due by tomorrow or overdue: the officer for assigned work, HR for the other steps.

    Two queries: assigned complaints with their officer, and the other steps joined to
    every active HR officer whose unit contains the complaint's unit.
    """
    horizon = today + timedelta(days=1)
    due = Complaint.status.in_(CLOCKED_STATUSES) & (Complaint.due_on <= horizon)
    for complaint_id, code, status, due_on, officer_id in db.session.execute(
        select(
            Complaint.id, Complaint.tracking_code, Complaint.status, Complaint.due_on, Complaint.officer_id
        ).where(due, Complaint.status.in_(OFFICER_STATUSES), Complaint.officer_id.is_not(None))
    ):
        title, body = _message(code, due_on, today)
        yield Reminder(
            officer_id,
            f"complaint:{complaint_id}:{status.value}",
            title,
            body,
            path_for("complaints.detail", complaint_id=complaint_id),
        )
    complaint_unit, hr_unit = aliased(Unit), aliased(Unit)
    rows = db.session.execute(
        select(Complaint.id, Complaint.tracking_code, Complaint.status, Complaint.due_on, User.id)
        .join(complaint_unit, complaint_unit.id == Complaint.unit_id)
        .join(hr_unit, complaint_unit.path.like(hr_unit.path.concat("%")))
        .join(User, (User.unit_id == hr_unit.id) & User.active.is_(True))
        .join(UserRole, (UserRole.user_id == User.id) & (UserRole.role == Role.HR))
        .where(due, Complaint.status.not_in(OFFICER_STATUSES))
    )
    for complaint_id, code, status, due_on, user_id in rows:
        title, body = _message(code, due_on, today)
        yield Reminder(
            user_id,
            f"complaint:{complaint_id}:{status.value}",
            title,
            body,
            path_for("complaints.detail", complaint_id=complaint_id),
        )
