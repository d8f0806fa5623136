"""Reminders of the certificates area: 60 and 30 days before a certificate expires, to the holder and HR."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.certificates.models import Certificate
from app.certificates.rules import REMINDER_DAYS
from app.extensions import db
from app.notifications.reminders import Reminder, reminder_provider
from app.org.models import Unit, User, UserRole
from app.security import Role


def _hr_officers() -> list[tuple[int, str]]:
    """Active HR officers with the path of the unit they manage."""
    rows = db.session.execute(
        select(User.id, Unit.path)
        .join(UserRole, UserRole.user_id == User.id)
        .join(Unit, Unit.id == User.unit_id)
        .where(UserRole.role == Role.HR, User.active.is_(True))
    )
    return [(uid, path) for uid, path in rows]


@reminder_provider("certificates.expiring")
def expiring_certificates(today: date) -> list[Reminder]:
    """Holders (and the HR officers over their unit) of valid certificates expiring in 60 or 30 days."""
    days_by_date = {today + timedelta(days=days): days for days in REMINDER_DAYS}
    rows = db.session.execute(
        select(Certificate, Unit.path)
        .join(User, User.id == Certificate.user_id)
        .outerjoin(Unit, Unit.id == User.unit_id)
        .where(Certificate.expires_on.in_(list(days_by_date)), Certificate.revoked_at.is_(None))
    ).all()
    if not rows:
        return []
    officers = _hr_officers()
    reminders: list[Reminder] = []
    for certificate, unit_path in rows:
        days = days_by_date[certificate.expires_on]
        course = certificate.snapshot["course"]["title"]
        holder = certificate.snapshot["holder"]["name"]
        key = f"certificate:{certificate.id}:expires:{days}"
        link = f"/certificates/{certificate.id}"
        reminders.append(
            Reminder(
                user_id=certificate.user_id,
                key=key,
                title=_l(
                    "Your certificate for %(course)s expires in %(days)s days", course=course, days=days
                ),
                body=_l("Ask your HR officer about a renewal class before it expires."),
                link=link,
            )
        )
        for officer_id, path in officers:
            if unit_path and unit_path.startswith(path) and officer_id != certificate.user_id:
                reminders.append(
                    Reminder(
                        user_id=officer_id,
                        key=key,
                        title=_l(
                            "%(name)s's certificate for %(course)s expires in %(days)s days",
                            name=holder,
                            course=course,
                            days=days,
                        ),
                        body=_l("You can assign a renewal class from the certificate's page."),
                        link=link,
                    )
                )
    return reminders
