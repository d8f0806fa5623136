"""What every course service shares: the area's error, id checks and input cleaners."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from app.errors import ConflictError, ServiceError
from app.validation import FieldErrors

MAX_ID = 2**31 - 1
MAX_JP = 1000
MAX_VALIDITY_MONTHS = 600
MAX_CAPACITY = 100_000


class CourseError(ServiceError):
    """A course use case refused its input."""


class CourseConflictError(ConflictError):
    """The request conflicts with the current state (already enrolled, duplicate code …)."""


def valid_id(value: Any) -> int | None:
    """An integer id a column can hold, or None (booleans and junk are not ids)."""
    if isinstance(value, bool):
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def clean_int(
    value: Any, errors: FieldErrors, field: str, *, minimum: int, maximum: int, required: bool = True
) -> int | None:
    """A whole number within bounds; None when empty and optional."""
    if value in (None, "") and not required:
        return None
    if isinstance(value, bool) or value in (None, ""):
        errors.add(field, _l("Enter a whole number from %(a)s to %(b)s.", a=minimum, b=maximum))
        return None
    try:
        number = int(str(value).strip())
    except ValueError:
        errors.add(field, _l("Enter a whole number from %(a)s to %(b)s.", a=minimum, b=maximum))
        return None
    if not minimum <= number <= maximum:
        errors.add(field, _l("Enter a whole number from %(a)s to %(b)s.", a=minimum, b=maximum))
        return None
    return number


def clean_text(
    value: Any, errors: FieldErrors, field: str, *, max_length: int, required: bool = False
) -> str:
    """Trimmed text of at most `max_length` characters."""
    text = str(value or "").strip()
    if required and not text:
        errors.add(field, _l("This field is required."))
    elif len(text) > max_length:
        errors.add(field, _l("Use at most %(n)s characters.", n=max_length))
    return text


def clean_url(value: Any, errors: FieldErrors, field: str, *, required: bool = False) -> str:
    """An http(s) address, or empty when optional."""
    text = str(value or "").strip()
    if not text:
        if required:
            errors.add(field, _l("This field is required."))
        return ""
    if len(text) > 500 or not text.lower().startswith(("http://", "https://")) or " " in text:
        errors.add(field, _l("Enter a web address starting with http:// or https://."))
    return text


def check_not_past(value: date | None, errors: FieldErrors, field: str, today: date) -> None:
    """Refuse a date before today."""
    if value is not None and value < today:
        errors.add(field, _l("The date cannot be in the past."))
