"""Reading the audit log: who may see which entries (set-wise)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, select

from app.audit.models import AuditEntry
from app.org.models import User
from app.org.permissions import people_scope_condition
from app.security import Role


def visible_entries_query(
    actor: Any, *, subject_user_id: int | None = None, action: str | None = None
) -> Select:
    """Entries newest first: admins see all; HR officers those about people in their units."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    if not actor.has_role(Role.ADMIN):
        query = query.where(
            AuditEntry.subject_user_id.in_(select(User.id).where(people_scope_condition(actor)))
        )
    if subject_user_id is not None:
        query = query.where(AuditEntry.subject_user_id == subject_user_id)
    if action:
        query = query.where(AuditEntry.action.startswith(action, autoescape=True))
    return query
