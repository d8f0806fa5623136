"""The competency figures merit needs (JPM and band, JP earned and target), in one place.

Merit reads competency only through these two functions, so wiring (or replacing)
the competency package is a change to this module alone. Both take many people at
once and return dictionaries; people without data are simply absent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select

from app.competency.services import job_person_match_bulk, jp_earned_bulk, jp_target_for
from app.org.enums import Employment


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


def jpm_by_user(user_ids: Iterable[int] | Select, on: date) -> dict[int, JpmFigures]:
    """JPM and band per person on day `on` (set-wise: one query for a select of ids)."""
    chosen = user_ids if isinstance(user_ids, Select) else list(user_ids)
    return {
        user_id: JpmFigures(result.jpm, result.band.value if result.band is not None else None)
        for user_id, result in job_person_match_bulk(chosen, on=on).items()
        if result.jpm is not None
    }


def jp_by_user(
    user_ids: Iterable[int] | Select, employment_by_user: dict[int, Employment], year: int
) -> dict[int, JpFigures]:
    """JP earned in `year` and the yearly target per person (set-wise)."""
    chosen = user_ids if isinstance(user_ids, Select) else list(user_ids)
    earned = jp_earned_bulk(chosen, year)
    targets = {kind: jp_target_for(kind) for kind in set(employment_by_user.values())}
    return {
        user_id: JpFigures(earned.get(user_id, 0.0), targets[kind] or None)
        for user_id, kind in employment_by_user.items()
    }
