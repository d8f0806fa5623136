"""Reading complaints: lists for managers and officers, the dashboard's counts, loaders that 404."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import joinedload, selectinload

from app.errors import NotFoundError
from app.extensions import db
from app.org.models import Unit
from app.service_quality.enums import ComplaintStatus
from app.service_quality.models import Complaint, ComplaintEvent
from app.service_quality.permissions import can_view_complaint, visible_complaints_condition
from app.service_quality.rules.tracking import normalise_tracking_code
from app.service_quality.rules.workflow import OPEN_STATUSES
from app.service_quality.services.clock import utc_bounds
from app.service_quality.services.rollup import roll_up, subtrees_condition

# Open steps with a running clock (on hold waits for the complainant).
CLOCKED_STATUSES = tuple(OPEN_STATUSES - {ComplaintStatus.HELD})


def overdue_condition(today: date) -> Any:
    """SQL condition: an open complaint past its deadline."""
    return Complaint.status.in_(CLOCKED_STATUSES) & (Complaint.due_on < today)


def complaints_query(
    actor: Any,
    *,
    unit: Unit | None = None,
    status: ComplaintStatus | None = None,
    overdue_on: date | None = None,
) -> Select:
    """Complaints the actor may see, newest first, optionally for one unit subtree, status or overdue."""
    query = (
        select(Complaint)
        .options(joinedload(Complaint.unit), joinedload(Complaint.officer))
        .where(visible_complaints_condition(actor))
        .order_by(Complaint.received_at.desc(), Complaint.id.desc())
    )
    if unit is not None:
        query = query.where(
            Complaint.unit_id.in_(select(Unit.id).where(Unit.path.startswith(unit.path, autoescape=True)))
        )
    if status is not None:
        query = query.where(Complaint.status == status)
    if overdue_on is not None:
        query = query.where(overdue_condition(overdue_on))
    return query


def my_complaints_query(actor: Any) -> Select:
    """Complaints assigned to the actor: open ones first by deadline, then the rest newest first."""
    is_open = case((Complaint.status.in_(OPEN_STATUSES), 0), else_=1)
    return (
        select(Complaint)
        .options(joinedload(Complaint.unit))
        .where(Complaint.officer_id == actor.id)
        .order_by(is_open, Complaint.due_on.asc().nulls_last(), Complaint.received_at.desc(), Complaint.id)
    )


def status_counts(unit: Unit, start: date, end: date, today: date) -> dict[str, int]:
    """For the dashboard: complaints received in the period per status, plus open overdue ones now."""
    low, high = utc_bounds(start, end)
    in_unit = Complaint.unit_id.in_(select(Unit.id).where(Unit.path.startswith(unit.path, autoescape=True)))
    rows = db.session.execute(
        select(Complaint.status, func.count())
        .where(in_unit, Complaint.received_at >= low, Complaint.received_at < high)
        .group_by(Complaint.status)
    ).all()
    counts = {status.value: 0 for status in ComplaintStatus}
    counts.update({status.value: int(n) for status, n in rows})
    counts["total"] = sum(int(n) for _s, n in rows)
    counts["overdue"] = int(
        db.session.scalar(
            select(func.count()).select_from(Complaint).where(in_unit, overdue_condition(today))
        )
        or 0
    )
    return counts


def complaint_for(actor: Any, complaint_id: int) -> Complaint:
    """A complaint the actor may see, with its history; NotFoundError otherwise."""
    complaint = db.session.scalar(
        select(Complaint)
        .where(Complaint.id == complaint_id)
        .options(
            joinedload(Complaint.unit),
            joinedload(Complaint.officer),
            joinedload(Complaint.service),
            selectinload(Complaint.events).options(
                joinedload(ComplaintEvent.actor), joinedload(ComplaintEvent.officer)
            ),
        )
    )
    if complaint is None or not can_view_complaint(actor, complaint):
        raise NotFoundError(str(_l("This complaint does not exist.")))
    return complaint


def complaint_by_code(text: str | None) -> Complaint | None:
    """The complaint with this tracking code (typed loosely), or None."""
    code = normalise_tracking_code(text)
    if code is None:
        return None
    return db.session.scalar(select(Complaint).where(Complaint.tracking_code == code))


def open_counts_by_unit(unit_ids: list[int], today: date) -> dict[int, tuple[int, int]]:
    """`{unit id: (open complaints, overdue ones)}` over each unit's subtree (one grouped query)."""
    if not unit_ids:
        return {}
    overdue = func.sum(case((overdue_condition(today), 1), else_=0))
    rows = db.session.execute(
        select(Unit.path, func.count(Complaint.id), overdue)
        .select_from(Complaint)
        .join(Unit, Unit.id == Complaint.unit_id)
        .where(subtrees_condition(unit_ids), Complaint.status.in_(OPEN_STATUSES))
        .group_by(Unit.path)
    ).all()
    return {unit_id: (int(total), int(late)) for unit_id, (total, late) in roll_up(unit_ids, rows).items()}
