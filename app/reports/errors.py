"""The reports package's service error."""

from __future__ import annotations

from app.errors import ServiceError


class ReportError(ServiceError):
    """A report request was refused (per-field reasons in `fields`)."""
