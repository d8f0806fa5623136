"""One commit per request, and audited refusals that survive the rollback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from app.audit.services import record_audit
from app.errors import ServiceError
from app.extensions import db


@contextmanager
def merit_commit() -> Iterator[None]:
    """Commit what the block did; on a refusal roll back, then record it if it carries an audit.

    Views and API endpoints wrap their service call in this, so a refused decision
    leaves nothing behind except its audit entry.
    """
    try:
        yield
    except ServiceError as exc:
        db.session.rollback()
        audit = getattr(exc, "audit", None)
        if audit is not None:
            record_audit(
                audit.action,
                actor_id=audit.actor_id,
                subject_type=audit.subject_type,
                subject_id=audit.subject_id,
                subject_user_id=audit.subject_user_id,
                details=audit.details,
            )
            db.session.commit()
        raise
    db.session.commit()
