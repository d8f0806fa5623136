"""Reminders: assignments due within the reminder window or overdue, and a daily digest for HR.

`flask --app wsgi send-reminders` (cron) calls every provider; the reminder log keeps each
key from being sent to the same person twice on one day.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from flask_babel import format_date
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.courses.enums import IN_PROGRESS_STATUSES
from app.courses.models import Course, Enrollment
from app.extensions import db
from app.notifications.reminders import Reminder, reminder_provider
from app.org.models import Unit, User
from app.org.officers import hr_officers, responsible_hr
from app.settings.services import get_setting


def _open_assignments(until: date) -> list[tuple[int, int, date, str, str | None]]:
    """`(enrollment id, user id, due date, course title, unit path)` of unfinished work due by `until`."""
    return list(
        db.session.execute(
            select(Enrollment.id, Enrollment.user_id, Enrollment.due_on, Course.title, Unit.path)
            .join(Course, Course.id == Enrollment.course_id)
            .join(User, User.id == Enrollment.user_id)
            .outerjoin(Unit, Unit.id == User.unit_id)
            .where(
                Enrollment.status.in_(IN_PROGRESS_STATUSES),
                Enrollment.due_on.is_not(None),
                Enrollment.due_on <= until,
                User.active.is_(True),
            )
        ).all()
    )


@reminder_provider("courses.assignments")
def assignment_reminders(today: date) -> list[Reminder]:
    """Each person with an assignment due within the window or overdue; a digest per HR officer."""
    window = int(get_setting("courses.reminder_days"))
    reminders: list[Reminder] = []
    overdue_per_hr: Counter[int] = Counter()
    officers: list[tuple[int, str]] | None = None
    for enrollment_id, user_id, due_on, title, unit_path in _open_assignments(today + timedelta(days=window)):
        link = f"/learning/enrollments/{enrollment_id}"
        if due_on < today:
            reminders.append(
                Reminder(
                    user_id=user_id,
                    key=f"enrollment:{enrollment_id}:overdue",
                    title=_l("Overdue training: %(course)s", course=title),
                    body=_l(
                        "It was due on %(day)s. Please finish it or talk to your HR officer.",
                        day=format_date(due_on),
                    ),
                    link=link,
                )
            )
            officers = hr_officers() if officers is None else officers
            for officer in responsible_hr(unit_path, officers):
                if officer != user_id:
                    overdue_per_hr[officer] += 1
        else:
            reminders.append(
                Reminder(
                    user_id=user_id,
                    key=f"enrollment:{enrollment_id}:due",
                    title=_l("Training due on %(day)s: %(course)s", day=format_date(due_on), course=title),
                    body=_l("Open the materials in My learning to finish it in time."),
                    link=link,
                )
            )
    for officer, count in sorted(overdue_per_hr.items()):
        reminders.append(
            Reminder(
                user_id=officer,
                key="courses.overdue_digest",
                title=_l("%(n)s assignments in your units are overdue", n=count),
                body=_l("See the overdue training page for who and which course."),
                link="/courses/overdue",
            )
        )
    return reminders
