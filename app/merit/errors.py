"""Merit's service error, which can carry an audit entry for refusals that matter."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.errors import ServiceError


@dataclass(frozen=True)
class RefusalAudit:
    """What to write to the audit log when a refusal is final (after the rollback)."""

    action: str
    actor_id: int | None
    subject_type: str
    subject_id: int | None
    subject_user_id: int | None
    details: dict[str, Any] = field(default_factory=dict)


class MeritError(ServiceError):
    """A merit use case refused its input; `audit` is set for refusals worth recording."""

    audit: RefusalAudit | None = None


def refusal(
    message: Any,
    *,
    status: int,
    code: str | None = None,
    fields: dict[str, list[str]] | None = None,
    audit: RefusalAudit | None = None,
) -> MeritError:
    """A `MeritError` with a status and an optional audit entry (raise it)."""
    error = MeritError(str(message), fields, status=status, code=code)
    error.audit = audit
    return error
