"""Certificates earned, for the evaluation report and the dashboards (read from the certificates package)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import case, func, select

from app.certificates.models import Certificate
from app.extensions import db
from app.reports.lookups import CertificateCounts, CertificateLine

EXPIRING_DAYS = 90


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    return datetime(year, 1, 1, tzinfo=UTC), datetime(year + 1, 1, 1, tzinfo=UTC)


def certificates_of(user_id: int, year: int) -> list[CertificateLine]:
    """The person's certificates issued in the year, not revoked (title and JP from the snapshot)."""
    low, high = _year_bounds(year)
    rows = db.session.scalars(
        select(Certificate)
        .where(
            Certificate.user_id == user_id,
            Certificate.issued_at >= low,
            Certificate.issued_at < high,
            Certificate.revoked_at.is_(None),
        )
        .order_by(Certificate.issued_at, Certificate.id)
    )
    lines = []
    for certificate in rows:
        course = certificate.snapshot.get("course", {})
        lines.append(
            CertificateLine(
                certificate.number,
                course.get("title", ""),
                certificate.issued_at.date(),
                course.get("jp"),
                certificate.expires_on,
            )
        )
    return lines


def certificate_counts_of(people: Any, year: int, today: date) -> CertificateCounts:
    """Issued in the year, and valid ones expiring within 90 days, among a select of user ids (one query)."""
    low, high = _year_bounds(year)
    issued = func.sum(case(((Certificate.issued_at >= low) & (Certificate.issued_at < high), 1), else_=0))
    expiring = func.sum(
        case(
            (Certificate.expires_on.between(today, today + timedelta(days=EXPIRING_DAYS)), 1),
            else_=0,
        )
    )
    row = db.session.execute(
        select(issued, expiring).where(Certificate.user_id.in_(people), Certificate.revoked_at.is_(None))
    ).one()
    return CertificateCounts(int(row[0] or 0), int(row[1] or 0))
