"""Pure rules of certificates: numbers, verification codes, snapshot hashing, status and expiry.

Nothing here touches Flask or the database; `today` and random sources are passed in.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import string
from datetime import date
from typing import Any

from app.certificates.enums import CertificateStatus

# No 0/O, 1/I/L: a code read aloud or typed from paper cannot be mistaken.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12  # 31^12 ≈ 7.9e17 codes (59 bits): enumeration is hopeless behind a rate limit
_CODE_RE = re.compile(f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")

DEFAULT_NUMBER_FORMAT = "LENTERA/{year}/{seq:06d}"
NUMBER_FIELDS = frozenset({"year", "month", "seq"})

# Days before expiry on which the holder and HR are reminded.
REMINDER_DAYS = (60, 30)


def new_verification_code(length: int = CODE_LENGTH) -> str:
    """A random verification code from the unambiguous alphabet (cryptographic randomness)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def normalise_code(raw: str | None) -> str | None:
    """The canonical form of a typed or scanned code (upper case, no spaces or dashes), or None.

    None means the text cannot be a code at all, so callers answer 404 without a query.
    """
    if not raw or len(raw) > 40:
        return None
    text = re.sub(r"[\s-]", "", raw).upper()
    return text if _CODE_RE.match(text) else None


def display_code(code: str) -> str:
    """The code grouped in fours for reading (`ABCD-EFGH-JKMN`)."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def number_format_problem(pattern: str) -> str | None:
    """Why a certificate number format is unusable, or None when it is fine.

    Only `{year}`, `{month}` and `{seq}` (with a format spec such as `{seq:06d}`) may appear,
    and `{year}` and `{seq}` must: without them two certificates could share a number.
    """
    if not pattern or len(pattern) > 60:
        return "length"
    try:
        fields = [name for _text, name, _spec, _conv in string.Formatter().parse(pattern) if name is not None]
    except ValueError:
        return "syntax"
    if any(name not in NUMBER_FIELDS for name in fields):
        return "field"
    if "seq" not in fields or "year" not in fields:
        return "seq"
    try:
        format_number(pattern, year=2026, month=1, seq=1)
    except (ValueError, TypeError, KeyError, IndexError):
        return "syntax"
    return None


def format_number(pattern: str, *, year: int, month: int, seq: int) -> str:
    """The human certificate number, e.g. `LENTERA/2026/000123`."""
    return pattern.format(year=year, month=month, seq=seq)


def canonical_json(data: Any) -> str:
    """JSON with sorted keys and no insignificant whitespace: the exact text that is hashed."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def sha256_hex(data: bytes | str) -> str:
    """SHA-256 of bytes (or UTF-8 text) as 64 hex digits."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def mask_nip(nip: str | None) -> str:
    """A NIP with its middle hidden for public pages: `199005********1001`."""
    if not nip:
        return ""
    if len(nip) <= 10:
        return nip[:2] + "*" * (len(nip) - 2)
    return nip[:6] + "*" * (len(nip) - 10) + nip[-4:]


def status_of(*, revoked: bool, expires_on: date | None, today: date) -> CertificateStatus:
    """Revoked wins over expired; a certificate is valid up to and including its last day."""
    if revoked:
        return CertificateStatus.REVOKED
    if expires_on is not None and today >= expires_on:
        return CertificateStatus.EXPIRED
    return CertificateStatus.VALID


def reminder_due(expires_on: date | None, today: date) -> int | None:
    """60 or 30 when today is that many days before expiry (the days reminders go out), else None."""
    if expires_on is None:
        return None
    days = (expires_on - today).days
    return days if days in REMINDER_DAYS else None


def qualification_for(score: float | None) -> str | None:
    """The qualification (predikat) of a final score, as LAN grades training results.

    Returns a key of `QUALIFICATIONS`; None without a score.
    """
    if score is None:
        return None
    for key, minimum in QUALIFICATION_MINIMUMS:
        if score > minimum:
            return key
    return "very_unsatisfactory"


# (key, exclusive lower bound): 90.01–100 sangat memuaskan, 80.01–90 memuaskan …
QUALIFICATION_MINIMUMS: tuple[tuple[str, float], ...] = (
    ("very_satisfactory", 90.0),
    ("satisfactory", 80.0),
    ("fairly_satisfactory", 70.0),
    ("unsatisfactory", 60.0),
)
