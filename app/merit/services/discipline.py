"""Sanctions and rewards on a person's record (PP 94/2021, domain.md §5–6)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record_audit
from app.db import utcnow
from app.extensions import db
from app.merit.enums import SANCTION_LABELS, RecordStatus, SanctionKind
from app.merit.errors import MeritError, RefusalAudit, refusal
from app.merit.models import (
    Reward,
    Sanction,
    UnpaidLeave,
)
from app.merit.rules_discipline import (
    SATYALANCANA_MILESTONES,
    level_of,
    periods_overlap,
    sanction_end,
    satyalancana_status,
)
from app.merit.services.attachments import Upload, check_uploads, store
from app.merit.services.snapshots import refresh_snapshots
from app.merit.settings import reward_kinds
from app.org.enums import Employment
from app.org.models import User
from app.validation import FieldErrors, clean_date, raise_if_errors

DEFAULT_LEGAL_BASIS = "PP 94/2021"


def lock_person(person: User) -> None:
    """Serialise writes about one person (a row lock on PostgreSQL) so checks-then-inserts hold."""
    db.session.execute(select(User.id).where(User.id == person.id).with_for_update())


def audit_record(action: str, actor: Any, subject_type: str, row: Any, person: User, **details: Any) -> None:
    record_audit(
        f"merit.{action}",
        actor_id=actor.id,
        subject_type=subject_type,
        subject_id=row.id,
        subject_user_id=person.id,
        details=details,
    )


def clean_text(
    value: Any, errors: FieldErrors, field: str, *, required: bool = False, max_length: int = 4000
) -> str:
    text = str(value or "").strip()
    if required and not text:
        errors.add(field, _l("This field is required."))
    elif len(text) > max_length:
        errors.add(field, _l("Use at most %(n)s characters.", n=max_length))
    return text


def required_date(value: Any, errors: FieldErrors, field: str) -> date | None:
    parsed = clean_date(value, errors, field)
    if parsed is None and field not in errors:
        errors.add(field, _l("This field is required."))
    return parsed


# ---------------------------------------------------------------- sanctions


def identical_active_overlap(
    person: User, kind: SanctionKind, starts_on: date, ends_on: date | None
) -> Sanction | None:
    """An active sanction of the same kind whose period overlaps the given one."""
    for row in db.session.scalars(
        select(Sanction).where(
            Sanction.user_id == person.id, Sanction.kind == kind, Sanction.status == RecordStatus.ACTIVE
        )
    ):
        if periods_overlap(row.starts_on, row.ends_on, starts_on, ends_on):
            return row
    return None


def add_sanction(
    actor: Any,
    person: User,
    *,
    kind: SanctionKind,
    legal_basis: str,
    description: str,
    decided_on: date,
    starts_on: date,
    merit_action_id: int | None = None,
    uploads: list[Upload] | None = None,
) -> Sanction:
    """Put a sanction on record (locks the person; refuses an overlap with an identical active one)."""
    lock_person(person)
    ends_on = sanction_end(kind, starts_on)
    existing = identical_active_overlap(person, kind, starts_on, ends_on)
    if existing is not None:
        raise refusal(
            _l(
                "An identical active sanction (%(kind)s from %(start)s) overlaps this period.",
                kind=SANCTION_LABELS[kind],
                start=existing.starts_on.isoformat(),
            ),
            status=409,
            code="conflict",
            fields={"starts_on": [str(_l("Overlaps an identical active sanction."))]},
            audit=RefusalAudit(
                "merit.sanction.refused",
                actor.id,
                "sanction",
                existing.id,
                person.id,
                {
                    "reason": "overlaps an identical active sanction",
                    "kind": kind.value,
                    "starts_on": starts_on.isoformat(),
                },
            ),
        )
    errors = FieldErrors()
    accepted = check_uploads(uploads or [], errors)
    raise_if_errors(errors, MeritError)
    sanction = Sanction(
        user_id=person.id,
        kind=kind,
        level=level_of(kind),
        legal_basis=legal_basis or DEFAULT_LEGAL_BASIS,
        description=description,
        decided_on=decided_on,
        starts_on=starts_on,
        ends_on=ends_on,
        merit_action_id=merit_action_id,
        recorded_by_id=actor.id,
    )
    sanction.attachments = store(accepted, actor.id)
    db.session.add(sanction)
    db.session.flush()
    audit_record(
        "sanction.recorded",
        actor,
        "sanction",
        sanction,
        person,
        kind=kind.value,
        level=sanction.level.value,
        legal_basis=sanction.legal_basis,
        decided_on=decided_on.isoformat(),
        starts_on=starts_on.isoformat(),
        ends_on=ends_on.isoformat() if ends_on else None,
        merit_action_id=merit_action_id,
        attachments=[a.sha256 for a in sanction.attachments],
    )
    refresh_snapshots([person.id], [starts_on.year])
    return sanction


def record_sanction(
    actor: Any, person: User, data: dict[str, Any], uploads: list[Upload] | None = None
) -> Sanction:
    """HR records a discipline case decided by the competent official (PP 94/2021)."""
    errors = FieldErrors()
    try:
        kind = SanctionKind(str(data.get("kind") or ""))
    except ValueError:
        kind = None
        errors.add("kind", _l("Choose one of the nine sanctions."))
    legal_basis = clean_text(data.get("legal_basis"), errors, "legal_basis", required=True, max_length=500)
    description = clean_text(data.get("description"), errors, "description")
    decided_on = required_date(data.get("decided_on"), errors, "decided_on")
    starts_on = clean_date(data.get("starts_on"), errors, "starts_on") or decided_on
    if decided_on and starts_on and starts_on < decided_on:
        errors.add("starts_on", _l("A sanction cannot start before it was decided."))
    raise_if_errors(errors, MeritError)
    return add_sanction(
        actor,
        person,
        kind=kind,
        legal_basis=legal_basis,
        description=description,
        decided_on=decided_on,
        starts_on=starts_on,
        uploads=uploads,
    )


def revoke_record(actor: Any, row: Sanction | Reward, reason: Any) -> None:
    """Revoke a sanction or reward (e.g. annulled on appeal), keeping it visible as revoked."""
    errors = FieldErrors()
    text = clean_text(reason, errors, "reason", required=True)
    raise_if_errors(errors, MeritError)
    if row.status is RecordStatus.REVOKED:
        raise MeritError(str(_l("This record is already revoked.")), status=409, code="conflict")
    row.status, row.revoked_reason, row.revoked_at = RecordStatus.REVOKED, text, utcnow()
    db.session.flush()
    subject_type = "sanction" if isinstance(row, Sanction) else "reward"
    person = db.session.get(User, row.user_id)
    audit_record(
        f"{subject_type}.revoked",
        actor,
        subject_type,
        row,
        person,
        kind=str(row.kind.value if isinstance(row, Sanction) else row.kind),
        reason=text,
    )
    refresh_snapshots([row.user_id], [date.today().year])


# ---------------------------------------------------------------- rewards


def satyalancana_blockers(person: User, kind: str, on: date) -> list[Any]:
    """Why `person` cannot receive this Satyalancana on `on` (empty when eligible)."""
    milestone = next((m for m, k in SATYALANCANA_MILESTONES.items() if k.value == kind), None)
    if milestone is None:
        return []
    sanctions = db.session.scalars(
        select(Sanction.level).where(Sanction.user_id == person.id, Sanction.status == RecordStatus.ACTIVE)
    )
    awarded = db.session.scalars(
        select(Reward.kind).where(Reward.user_id == person.id, Reward.status == RecordStatus.ACTIVE)
    )
    leave = db.session.scalar(select(UnpaidLeave.id).where(UnpaidLeave.user_id == person.id).limit(1))
    status = satyalancana_status(
        is_pns=person.employment is Employment.PNS,
        appointed_on=person.appointed_on,
        on=on,
        sanction_levels=list(sanctions),
        unpaid_leave=leave is not None,
        awarded=list(awarded),
        milestone=milestone,
    )
    return status.blockers


def add_reward(
    actor: Any,
    person: User,
    *,
    kind: str,
    awarded_on: date,
    description: str,
    merit_action_id: int | None = None,
) -> Reward:
    """Put a reward on record; a Satyalancana only when eligible."""
    lock_person(person)
    blockers = satyalancana_blockers(person, kind, awarded_on)
    if blockers:
        raise MeritError(
            str(_l("Not eligible for this Satyalancana.")), {"kind": [str(b) for b in blockers]}, status=422
        )
    reward = Reward(
        user_id=person.id,
        kind=kind,
        awarded_on=awarded_on,
        description=description,
        merit_action_id=merit_action_id,
        recorded_by_id=actor.id,
    )
    db.session.add(reward)
    db.session.flush()
    audit_record(
        "reward.recorded",
        actor,
        "reward",
        reward,
        person,
        kind=kind,
        awarded_on=awarded_on.isoformat(),
        merit_action_id=merit_action_id,
    )
    refresh_snapshots([person.id], [awarded_on.year])
    return reward


def clean_reward_kind(value: Any, errors: FieldErrors, field: str = "kind") -> str:
    """A reward code of domain.md §6 or an agency-defined one."""
    kind = str(value or "").strip()
    if kind not in reward_kinds():
        errors.add(field, _l("Choose one of the reward kinds."))
    return kind


def record_reward(actor: Any, person: User, data: dict[str, Any]) -> Reward:
    """HR records a reward given to a person."""
    errors = FieldErrors()
    kind = clean_reward_kind(data.get("kind"), errors)
    awarded_on = required_date(data.get("awarded_on"), errors, "awarded_on")
    description = clean_text(data.get("description"), errors, "description")
    raise_if_errors(errors, MeritError)
    return add_reward(actor, person, kind=kind, awarded_on=awarded_on, description=description)
