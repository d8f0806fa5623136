"""Revoking a certificate: HR or an admin, with a mandatory reason, audited; the code keeps working."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.audit.services import record_audit
from app.certificates.models import Certificate
from app.certificates.permissions import can_manage_certificates
from app.certificates.services.common import CertificateError
from app.db import utcnow
from app.errors import ConflictError, ForbiddenError
from app.extensions import db

MIN_REASON = 5
MAX_REASON = 1000


def revoke_certificate(actor: Any, certificate: Certificate, reason: Any) -> Certificate:
    """Revoke with a reason (5–1000 characters). The verification page then says revoked, why and when.

    Raises `ForbiddenError` outside the actor's scope, `CertificateError` for a missing or
    too short reason, `ConflictError` when it is already revoked. Flushes; audited.
    """
    if not can_manage_certificates(actor, certificate.user):
        raise ForbiddenError(str(_l("You cannot revoke this certificate.")))
    text = " ".join(str(reason or "").split()) if isinstance(reason, str) or reason is None else ""
    if len(text) < MIN_REASON:
        message = str(_l("Give the reason for revoking (at least %(n)s characters).", n=MIN_REASON))
        raise CertificateError(message, {"reason": [message]})
    if len(text) > MAX_REASON:
        message = str(_l("Use at most %(n)s characters.", n=MAX_REASON))
        raise CertificateError(message, {"reason": [message]})
    if certificate.revoked_at is not None:
        raise ConflictError(str(_l("This certificate was already revoked.")))
    certificate.revoked_at = utcnow()
    certificate.revoked_reason = text
    certificate.revoked_by_id = actor.id
    db.session.flush()
    record_audit(
        "certificates.revoked",
        actor_id=actor.id,
        subject_type="certificate",
        subject_id=certificate.id,
        subject_user_id=certificate.user_id,
        details={"number": certificate.number, "reason": text},
    )
    return certificate
