"""Field checks and error collection shared by every package's services."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from app.errors import ServiceError

CODE_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$")


class FieldErrors(dict[str, list[str]]):
    """Collects messages per field so a form shows every problem at once."""

    def add(self, field: str, message: Any) -> None:
        self.setdefault(field, []).append(str(message))


def raise_if_errors(errors: FieldErrors, error_class: type[ServiceError] = ServiceError) -> None:
    """Raise `error_class` carrying every collected field message, if there are any."""
    if errors:
        raise error_class(str(_l("Some fields are not valid.")), dict(errors))


def clean_code(value: Any, errors: FieldErrors, field: str = "code") -> str:
    """An identifier such as a unit or position code (kept as typed, trimmed, upper-cased)."""
    text = str(value or "").strip().upper()
    if not text:
        errors.add(field, _l("This field is required."))
    elif not CODE_RE.match(text):
        errors.add(field, _l("Use up to 40 letters, digits, dots, dashes or slashes."))
    return text


def clean_name(value: Any, errors: FieldErrors, field: str = "name", max_length: int = 200) -> str:
    """A required display name."""
    text = " ".join(str(value or "").split())
    if not text:
        errors.add(field, _l("This field is required."))
    elif len(text) > max_length:
        errors.add(field, _l("Use at most %(n)s characters.", n=max_length))
    return text


def clean_date(value: Any, errors: FieldErrors, field: str) -> date | None:
    """An optional ISO date (YYYY-MM-DD)."""
    if value in (None, ""):
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        errors.add(field, _l("Use the date format YYYY-MM-DD."))
        return None
