"""What the public tracking page may show of a complaint: steps, dates and answers, never identities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from app.extensions import db
from app.service_quality.enums import ComplaintStatus
from app.service_quality.models import Complaint, ComplaintEvent


@dataclass(frozen=True)
class PublicStep:
    """One step as the complainant sees it: the status reached, when, and any answer given."""

    status: ComplaintStatus
    at: datetime
    answer: str | None


def public_timeline(complaint: Complaint) -> list[PublicStep]:
    """The complaint's steps, oldest first, without notes, staff names or the complainant's identity."""
    rows = db.session.execute(
        select(ComplaintEvent.to_status, ComplaintEvent.at, ComplaintEvent.answer)
        .where(ComplaintEvent.complaint_id == complaint.id)
        .order_by(ComplaintEvent.id)
    ).all()
    return [PublicStep(status, at, answer) for status, at, answer in rows]
