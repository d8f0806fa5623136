"""Field checks for people: username, e-mail and NIP."""

from __future__ import annotations

import re
from typing import Any

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from app.org.rules import NipError, parse_nip
from app.validation import FieldErrors

USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


def clean_username(value: Any, errors: FieldErrors) -> str:
    """Lower-case username: 3–64 letters, digits, dots, dashes or underscores."""
    text = str(value or "").strip().lower()
    if not USERNAME_RE.match(text):
        errors.add(
            "username",
            _l("Use 3–64 lower-case letters, digits, dots, dashes or underscores."),
        )
    return text


def clean_email(value: Any, errors: FieldErrors) -> str:
    """A syntactically valid e-mail address (no DNS lookup)."""
    text = str(value or "").strip()
    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError:
        errors.add("email", _l("Enter a valid e-mail address."))
        return text


def clean_nip(value: Any, errors: FieldErrors) -> str | None:
    """An optional NIP; when given it must pass every structural check."""
    text = str(value or "").strip().replace(" ", "")
    if not text:
        return None
    try:
        parse_nip(text)
    except NipError as exc:
        errors.add("nip", exc.args[0])
    return text
