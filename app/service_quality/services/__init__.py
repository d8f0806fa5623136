"""Use cases of public service quality; they flush and raise `ServiceQualityError`, never commit."""

from __future__ import annotations

from app.errors import ServiceError


class ServiceQualityError(ServiceError):
    """A change to services, surveys, complaints or innovations was refused."""
