"""Appending to and verifying the audit chain."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from app.audit.models import GENESIS_HASH, AuditEntry, AuditHead
from app.audit.rules import chain_hash, entry_payload
from app.db import utcnow
from app.extensions import db


def record_audit(
    action: str,
    *,
    actor_id: int | None,
    subject_type: str,
    subject_id: int | None = None,
    subject_user_id: int | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain inside the caller's transaction (flushes, never commits).

    The head row is locked first (an UPDATE takes the row lock on PostgreSQL
    and the write lock on SQLite), so concurrent appends queue instead of forking.
    """
    session = db.session
    locked = session.execute(update(AuditHead).where(AuditHead.id == 1).values(last_hash=AuditHead.last_hash))
    if locked.rowcount == 0:
        session.add(AuditHead(id=1, last_hash=GENESIS_HASH))
        session.flush()
    head = session.execute(
        select(AuditHead).where(AuditHead.id == 1).execution_options(populate_existing=True)
    ).scalar_one()
    at = utcnow()
    payload = entry_payload(
        at=at,
        actor_id=actor_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        subject_user_id=subject_user_id,
        details=details or {},
    )
    entry = AuditEntry(
        at=at,
        actor_id=actor_id,
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        subject_user_id=subject_user_id,
        details=details or {},
        prev_hash=head.last_hash,
        hash=chain_hash(head.last_hash, payload),
    )
    session.add(entry)
    session.flush()
    head.last_hash = entry.hash
    head.last_entry_id = entry.id
    session.flush()
    return entry


def stored_payload(entry: AuditEntry) -> dict[str, Any]:
    """The hashed fields of a stored entry, as `record_audit` hashed them."""
    return entry_payload(
        at=entry.at,
        actor_id=entry.actor_id,
        action=entry.action,
        subject_type=entry.subject_type,
        subject_id=entry.subject_id,
        subject_user_id=entry.subject_user_id,
        details=entry.details,
    )


@dataclass(frozen=True)
class ChainReport:
    """Result of a chain verification."""

    checked: int
    broken_entry_id: int | None
    reason: str | None

    @property
    def ok(self) -> bool:
        return self.broken_entry_id is None


def verify_chain(batch_size: int = 5000) -> ChainReport:
    """Recompute every hash in id order; report the first entry whose link is broken."""
    prev = GENESIS_HASH
    checked = 0
    last_id = 0
    while True:
        rows = (
            db.session.execute(
                select(AuditEntry).where(AuditEntry.id > last_id).order_by(AuditEntry.id).limit(batch_size)
            )
            .scalars()
            .all()
        )
        if not rows:
            break
        for entry in rows:
            if entry.prev_hash != prev:
                return ChainReport(checked, entry.id, "prev_hash does not match the previous entry")
            if chain_hash(prev, stored_payload(entry)) != entry.hash:
                return ChainReport(checked, entry.id, "content does not match its hash")
            prev = entry.hash
            checked += 1
            last_id = entry.id
            db.session.expunge(entry)
    head = db.session.get(AuditHead, 1)
    if head is not None and head.last_hash != prev:
        return ChainReport(checked, head.last_entry_id or 0, "the chain ends before the recorded head")
    return ChainReport(checked, None, None)
