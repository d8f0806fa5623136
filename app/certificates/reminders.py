"""Reminders of the certificates area: 60 and 30 days before a certificate expires, to the holder and HR."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.certificates.models import Certificate
from app.certificates.rules import REMINDER_DAYS
from app.extensions import db
from app.notifications.reminders import Reminder, reminder_provider
from app.org.models import Unit, User
from app.org.officers import hr_officers, officers_over


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
    officers = hr_officers()
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
        for officer_id in officers_over(unit_path, officers):
            if officer_id != certificate.user_id:
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
