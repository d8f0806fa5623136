"""Figures from packages that may not be installed yet (certificates), behind small registries.

A package that can answer registers a function here in its setup; until then the
lookups return nothing, and the reports show "none" rather than failing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any


@dataclass(frozen=True)
class CertificateLine:
    """A certificate a person earned, as the evaluation report lists it."""

    number: str
    title: str
    issued_on: date
    jp: float | None = None
    expires_on: date | None = None


@dataclass(frozen=True)
class CertificateCounts:
    """Certificates of a set of people: issued in a year, and expiring within the next 90 days."""

    issued: int = 0
    expiring: int = 0


CertificatesOf = Callable[[int, int], Sequence[CertificateLine]]
CertificateCountsOf = Callable[[Any, int, date], CertificateCounts]

_CERTIFICATES: list[CertificatesOf] = []
_COUNTS: list[CertificateCountsOf] = []


def register_certificates_lookup(
    certificates_of: CertificatesOf, counts_of: CertificateCountsOf | None = None
) -> None:
    """Register `certificates_of(user_id, year)` and optionally `counts_of(people_select, year, today)`."""
    if certificates_of not in _CERTIFICATES:
        _CERTIFICATES.append(certificates_of)
    if counts_of is not None and counts_of not in _COUNTS:
        _COUNTS.append(counts_of)


def unregister_certificates_lookup(
    certificates_of: CertificatesOf, counts_of: CertificateCountsOf | None = None
) -> None:
    """Remove a registration (tests)."""
    if certificates_of in _CERTIFICATES:
        _CERTIFICATES.remove(certificates_of)
    if counts_of in _COUNTS:
        _COUNTS.remove(counts_of)


def certificates_available() -> bool:
    """True once a package answers certificate lookups."""
    return bool(_CERTIFICATES)


def certificates_earned(user_id: int, year: int) -> list[CertificateLine]:
    """Certificates issued to a person in a year (empty until certificates are installed)."""
    lines: list[CertificateLine] = []
    for lookup in _CERTIFICATES:
        lines.extend(lookup(user_id, year))
    return sorted(lines, key=lambda line: (line.issued_on, line.number))


def certificate_counts(people: Any, year: int, today: date) -> CertificateCounts | None:
    """Issued-in-year and expiring-soon counts for a select of user ids (None when unavailable)."""
    if not _COUNTS:
        return None
    issued = expiring = 0
    for counts_of in _COUNTS:
        counts = counts_of(people, year, today)
        issued += counts.issued
        expiring += counts.expiring
    return CertificateCounts(issued, expiring)
