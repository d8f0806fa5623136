"""The competency figures merit needs (JPM and band, JP earned and target), in one place.

Merit reads competency only through these two functions, so wiring (or replacing)
the competency package is a change to this module alone. Both take many people at
once and return dictionaries; people without data are simply absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from app.org.enums import Employment

# Until the competency package lands on main, merit runs without its figures:
# potential then comes from assessment scores only and the JP rule stays silent.


@dataclass(frozen=True)
class JpmFigures:
    """A person's job-person match (percent) and its band code, on a given day."""

    jpm: float | None
    band: str | None


@dataclass(frozen=True)
class JpFigures:
    """JP (lesson hours) earned in a year against the yearly target."""

    earned: float | None
    target: float | None


def jpm_by_user(user_ids: Iterable[int], on: date) -> dict[int, JpmFigures]:
    """JPM and band per person on day `on` (set-wise)."""
    return {}


def jp_by_user(employment_by_user: dict[int, Employment], year: int) -> dict[int, JpFigures]:
    """JP earned in `year` and the yearly target per person (set-wise)."""
    return {}
