"""What every certificates service shares: the error class, the local calendar and public URLs."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

from app.db import utcnow
from app.errors import ServiceError


class CertificateError(ServiceError):
    """A certificates use case refused its input."""


def local_date(moment: datetime) -> date:
    """The agency's calendar date of an aware timestamp (certificates are dated in local days)."""
    zone = ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "Asia/Jakarta")
    return moment.astimezone(zone).date()


def local_today() -> date:
    """Today in the agency's time zone."""
    return local_date(utcnow())


def public_base_url() -> str:
    """The address people reach Lentera at (`PUBLIC_BASE_URL`), without a trailing slash."""
    return str(current_app.config.get("PUBLIC_BASE_URL") or "http://127.0.0.1:5000").rstrip("/")


def verify_url(code: str) -> str:
    """The public verification page of a code (printed on the PDF and in the QR code)."""
    return f"{public_base_url()}/verify/{code}"
