"""Filing a complaint (public web form, or staff entering a phone call, letter or visit) and moving it on."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.errors import ConflictError, ForbiddenError, NotFoundError
from app.extensions import db
from app.notifications.services import notify
from app.org.models import Unit, User
from app.org.permissions import can_manage_unit, in_managed_scope
from app.service_quality.enums import Category, Channel, ComplaintStatus
from app.service_quality.models import Complaint, ComplaintAttachment, ComplaintEvent
from app.service_quality.permissions import (
    can_view_complaint,
    is_complaint_manager,
    is_complaint_officer,
)
from app.service_quality.rules import workflow
from app.service_quality.rules.attachments import AttachmentError, check_attachment, safe_filename
from app.service_quality.rules.tracking import new_tracking_code
from app.service_quality.rules.workdays import step_deadline
from app.service_quality.services import ServiceQualityError
from app.service_quality.services.catalog import public_service_in_unit
from app.service_quality.services.clock import deadline_rules, holidays, local_date
from app.service_quality.services.fields import clean_choice, clean_id, clean_required_date, clean_text
from app.service_quality.services.links import path_for
from app.settings.services import get_setting
from app.validation import FieldErrors, raise_if_errors

MAX_SERVICE_AGE_DAYS = 30  # domain.md §8: a complaint must be filed within 30 days of the service


@dataclass(frozen=True)
class Upload:
    """A file sent with a complaint: its name and bytes."""

    filename: str
    data: bytes


def _check_upload(upload: Upload | None, errors: FieldErrors) -> ComplaintAttachment | None:
    if upload is None or (not upload.filename and not upload.data):
        return None
    try:
        kind = check_attachment(upload.filename, upload.data[:16], len(upload.data), max_attachment_bytes())
    except AttachmentError as exc:
        errors.add("attachment", exc)
        return None
    return ComplaintAttachment(
        filename=safe_filename(upload.filename, kind),
        content_type=kind.mime,
        size=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
        data=upload.data,
    )


def file_complaint(
    data: dict[str, Any], *, now: datetime, entered_by: User | None = None, upload: Upload | None = None
) -> Complaint:
    """File a complaint and return it with its tracking code; nothing is saved when any field is refused.

    The public always files through the web channel; staff (`entered_by`) record
    phone calls, letters, visits and social-media posts for units they manage.
    The service date may not be in the future nor more than 30 days back.
    """
    errors = FieldErrors()
    today = local_date(now)
    unit = db.session.get(Unit, clean_id(data.get("unit_id")) or 0)
    if unit is None or not unit.active:
        errors.add("unit_id", _l("Choose a unit."))
        unit = None
    if entered_by is None:
        channel: Channel | None = Channel.WEB
        if data.get("channel") not in (None, "", Channel.WEB.value):
            errors.add("channel", _l("Complaints sent from this form arrive through the web channel."))
    else:
        channel = clean_choice(data.get("channel"), Channel, errors, "channel", required=True)
        if unit is not None and not can_manage_unit(entered_by, unit):
            errors.add("unit_id", _l("Choose a unit you manage."))
    category = clean_choice(data.get("category"), Category, errors, "category", required=True)
    text = clean_text(data.get("text"), errors, "text", max_length=5000, required=True, min_length=10)
    service_date = clean_required_date(data.get("service_date"), errors, "service_date")
    if service_date is not None:
        if service_date > today:
            errors.add("service_date", _l("The service date cannot be in the future."))
        elif (today - service_date).days > MAX_SERVICE_AGE_DAYS:
            errors.add(
                "service_date",
                _l("Complaints must be filed within %(n)s days of the service.", n=MAX_SERVICE_AGE_DAYS),
            )
    service = public_service_in_unit(unit.id, data.get("service_id"), errors) if unit else None
    contact_name = clean_text(data.get("contact_name"), errors, "contact_name", max_length=200)
    contact = clean_text(data.get("contact"), errors, "contact", max_length=200)
    attachment = _check_upload(upload, errors)
    raise_if_errors(errors, ServiceQualityError)
    complaint = Complaint(
        tracking_code=_unused_tracking_code(),
        unit_id=unit.id,  # type: ignore[union-attr]
        service_id=service.id if service else None,
        channel=channel,
        category=category,
        text=text,
        service_date=service_date,
        contact_name=contact_name or None,
        contact=contact or None,
        confidential=bool(data.get("confidential")),
        status=ComplaintStatus.RECEIVED,
        entered_by_id=entered_by.id if entered_by else None,
        received_at=now,
    )
    complaint.unit = unit  # type: ignore[assignment]
    complaint.due_on = _deadline(complaint)
    db.session.add(complaint)
    db.session.flush()
    if attachment is not None:
        attachment.complaint_id = complaint.id
        db.session.add(attachment)
    db.session.add(  # the first step's note stays empty: pages show the channel in the reader's language
        ComplaintEvent(
            complaint_id=complaint.id,
            from_status=None,
            to_status=ComplaintStatus.RECEIVED,
            note="",
            actor_id=entered_by.id if entered_by else None,
            at=now,
        )
    )
    db.session.flush()
    return complaint


def _unused_tracking_code() -> str:
    while True:  # 80 random bits: a clash is astronomically rare, but never reuse a code
        code = new_tracking_code()
        if db.session.scalar(select(Complaint.id).where(Complaint.tracking_code == code)) is None:
            return code


def _deadline(complaint: Complaint) -> date | None:
    return step_deadline(
        complaint.status,
        received_on=local_date(complaint.received_at),
        verified_on=local_date(complaint.verified_at) if complaint.verified_at else None,
        resolved_on=local_date(complaint.resolved_at) if complaint.resolved_at else None,
        rules=deadline_rules(),
        holidays=holidays(),
    )


def _lock(complaint_id: int) -> Complaint:
    complaint = db.session.scalar(
        select(Complaint)
        .where(Complaint.id == complaint_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if complaint is None:
        raise NotFoundError(str(_l("This complaint does not exist.")))
    return complaint


def _officer(actor: User, raw: Any, errors: FieldErrors) -> User | None:
    officer = db.session.get(User, clean_id(raw) or 0)
    if officer is None or not officer.active or not in_managed_scope(actor, officer):
        errors.add("officer_id", _l("Choose an active civil servant of a unit you manage."))
        return None
    return officer


def transition_complaint(actor: User, complaint_id: int, data: dict[str, Any], *, now: datetime) -> Complaint:
    """Move a complaint to another step with a note (and the officer or answer the step needs).

    404 when the actor cannot see it, 409 when the workflow does not allow the
    step from where the complaint stands, 403 when the step is not the actor's
    to take, 422 for a missing note, officer or answer. The row is locked, so two
    people acting at once cannot both move it from the same step.
    """
    complaint = _lock(complaint_id)
    if not can_view_complaint(actor, complaint):
        raise NotFoundError(str(_l("This complaint does not exist.")))
    errors = FieldErrors()
    target = clean_choice(data.get("to"), ComplaintStatus, errors, "to", required=True)
    raise_if_errors(errors, ServiceQualityError)
    assert target is not None
    current = complaint.status
    if not workflow.is_allowed(current, target):
        raise ConflictError(
            str(
                _l(
                    "A complaint that is “%(current)s” cannot move to “%(target)s”.",
                    current=current.label,
                    target=target.label,
                )
            ),
            {"to": [str(_l("Not allowed from the complaint's current step."))]},
        )
    manager = is_complaint_manager(actor, complaint)
    if not workflow.may_take_step(
        target, is_manager=manager, is_officer=is_complaint_officer(actor, complaint)
    ):
        raise ForbiddenError(str(_l("This step is taken by the unit's complaint managers.")))
    note = clean_text(data.get("note"), errors, "note", max_length=2000, required=True)
    needs = workflow.needs_for(target)
    officer = _officer(actor, data.get("officer_id"), errors) if needs.officer else None
    answer = clean_text(data.get("answer"), errors, "answer", max_length=5000, required=needs.answer)
    raise_if_errors(errors, ServiceQualityError)
    _apply(complaint, target, now, officer, answer)
    db.session.add(
        ComplaintEvent(
            complaint_id=complaint.id,
            from_status=current,
            to_status=target,
            note=note,
            answer=answer or None,
            actor_id=actor.id,
            officer_id=officer.id if officer else None,
            at=now,
        )
    )
    db.session.flush()
    if officer is not None and officer.id != actor.id:
        notify(
            officer,
            _l("Complaint %(code)s was assigned to you", code=complaint.tracking_code),
            _l(
                "Please handle it by %(date)s.",
                date=complaint.due_on.isoformat() if complaint.due_on else "—",
            ),
            link=path_for("complaints.detail", complaint_id=complaint.id),
        )
    return complaint


def _apply(
    complaint: Complaint, target: ComplaintStatus, now: datetime, officer: User | None, answer: str
) -> None:
    if complaint.first_response_at is None:
        complaint.first_response_at = now
    if target == ComplaintStatus.VERIFIED:
        complaint.verified_at = now
    elif target == ComplaintStatus.ASSIGNED:
        complaint.officer_id = officer.id  # type: ignore[union-attr]
        complaint.assigned_at, complaint.started_at = now, None
    elif target == ComplaintStatus.IN_PROGRESS:
        complaint.started_at = complaint.started_at or now
        complaint.resolved_at = None
    elif target == ComplaintStatus.RESOLVED:
        complaint.resolved_at = now
    elif target == ComplaintStatus.CLOSED:
        complaint.closed_at = now
    if answer:
        complaint.answer = answer
    complaint.status = target
    complaint.due_on = _deadline(complaint)


def max_attachment_bytes() -> int:
    """The attachment size limit from the settings, in bytes."""
    return int(get_setting("service.attachment_max_mb")) * 1_048_576
