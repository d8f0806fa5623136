"""Enumerations of the certificates area."""

from __future__ import annotations

from enum import StrEnum


class CertificateStatus(StrEnum):
    """What the verification page says about a certificate (derived, never stored)."""

    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"
