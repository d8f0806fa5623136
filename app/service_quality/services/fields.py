"""Field cleaning shared by the use cases of this package (text, choices, dates, ids)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, TypeVar

from flask_babel import lazy_gettext as _l

from app.validation import FieldErrors, clean_date

E = TypeVar("E", bound=StrEnum)


def clean_text(
    value: Any,
    errors: FieldErrors,
    field: str,
    *,
    max_length: int,
    required: bool = False,
    min_length: int = 0,
) -> str:
    """Trimmed text; refuses missing required text and text outside the length bounds."""
    text = str(value or "").strip().replace("\r\n", "\n")
    if not text:
        if required:
            errors.add(field, _l("This field is required."))
    elif len(text) < min_length:
        errors.add(field, _l("Write at least %(n)s characters.", n=min_length))
    elif len(text) > max_length:
        errors.add(field, _l("Use at most %(n)s characters.", n=max_length))
    return text


def clean_choice(
    value: Any, enum_cls: type[E], errors: FieldErrors, field: str, *, required: bool
) -> E | None:
    """One of an enumeration's values; blank is allowed unless required."""
    if value in (None, ""):
        if required:
            errors.add(field, _l("Choose one of the options."))
        return None
    try:
        return enum_cls(str(value))
    except ValueError:
        errors.add(field, _l("Choose one of the options."))
        return None


def clean_required_date(value: Any, errors: FieldErrors, field: str) -> date | None:
    """A required ISO date."""
    if value in (None, ""):
        errors.add(field, _l("This field is required."))
        return None
    return clean_date(value, errors, field)


def clean_id(value: Any) -> int | None:
    """A positive integer id, or None for anything else (the caller reports the field)."""
    if isinstance(value, bool):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None
