"""Who may see, download and revoke which certificates (object-level rules and their SQL forms)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, or_, select

from app.certificates.models import Certificate
from app.org.models import User
from app.org.permissions import in_managed_scope, people_scope_condition
from app.security import Role


def can_manage_certificates(actor: Any, holder: User) -> bool:
    """HR officers for the people of their unit subtree, admins for everyone."""
    return actor.has_role(Role.HR, Role.ADMIN) and in_managed_scope(actor, holder)


def can_view_certificate(actor: Any, certificate: Certificate) -> bool:
    """The holder, and those who manage the holder."""
    return certificate.user_id == actor.id or can_manage_certificates(actor, certificate.user)


def managed_certificates_condition(actor: Any) -> ColumnElement[bool]:
    """SQL condition on `Certificate`: the certificates of people the actor manages."""
    return Certificate.user_id.in_(select(User.id).where(people_scope_condition(actor)))


def visible_certificates_condition(actor: Any) -> ColumnElement[bool]:
    """SQL condition on `Certificate` for everything `can_view_certificate` allows."""
    if not actor.has_role(Role.HR, Role.ADMIN):
        return Certificate.user_id == actor.id
    return or_(Certificate.user_id == actor.id, managed_certificates_condition(actor))
