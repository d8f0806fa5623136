"""Names shown for certificate statuses and qualifications (translated lazily)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.certificates.enums import CertificateStatus

STATUS_LABELS = {
    CertificateStatus.VALID: _l("Valid"),
    CertificateStatus.REVOKED: _l("Revoked"),
    CertificateStatus.EXPIRED: _l("Expired"),
}

QUALIFICATION_LABELS = {
    "very_satisfactory": _l("Very satisfactory"),
    "satisfactory": _l("Satisfactory"),
    "fairly_satisfactory": _l("Fairly satisfactory"),
    "unsatisfactory": _l("Unsatisfactory"),
    "very_unsatisfactory": _l("Very unsatisfactory"),
}


def qualification_label(key: str | None) -> str:
    """The qualification's name in the current language ('' without one)."""
    if not key:
        return ""
    return str(QUALIFICATION_LABELS.get(key, key))
