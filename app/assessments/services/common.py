"""The area's error and the small loaders its services share."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.errors import ServiceError


class AssessmentError(ServiceError):
    """A refused assessments use case (validation: 422 unless a status is given)."""


def refuse(field: str, message: object, *, status: int | None = None, code: str | None = None) -> None:
    """Raise an `AssessmentError` about one field."""
    raise AssessmentError(str(message), {field: [str(message)]}, status=status, code=code)


NOT_FOUND = _l("The page or item was not found.")
