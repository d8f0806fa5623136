"""Reminders of the competency area: PNS below the yearly JP target, weekly in the last quarter."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.competency.services.jp import unit_compliance
from app.extensions import db
from app.notifications.reminders import Reminder, reminder_provider
from app.org.models import User

# From this month on, people below their target are reminded every Monday.
REMIND_FROM_MONTH = 10


@reminder_provider("competency.jp_below_target")
def jp_below_target(today: date) -> list[Reminder]:
    """Everyone with a JP target who has not reached it, on Mondays from October (one set-wise query)."""
    if today.month < REMIND_FROM_MONTH or today.weekday() != 0:
        return []
    everyone = select(User.id).where(User.active.is_(True))
    _figures, below = unit_compliance(everyone, today.year)
    week = today.isocalendar().week
    return [
        Reminder(
            user_id=person.id,
            key=f"competency.jp:{today.year}:w{week}",
            title=_l(
                "Development hours: %(earned)s of %(target)s JP this year",
                earned=f"{earned:g}",
                target=f"{target:g}",
            ),
            body=_l(
                "Every civil servant has the right and duty to at least %(target)s JP a year.",
                target=f"{target:g}",
            ),
            link="/competency/me",
        )
        for person, earned, target in db.session.execute(below)
    ]
