"""What every competency service shares: the area's error, settings readers, id filters."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import ColumnElement, Select

from app.competency.rules import DEFAULT_TIER_LEVELS, BandThresholds
from app.errors import ServiceError
from app.settings.services import get_setting

# Lists of ids longer than this are queried in chunks (database parameter limits).
ID_CHUNK = 2000

UserIds = Iterable[int] | Select


class CompetencyError(ServiceError):
    """A competency use case refused its input."""


def band_thresholds() -> BandThresholds:
    """The JPM band thresholds from the settings."""
    return BandThresholds(
        optimal=float(get_setting("competency.jpm_optimal_min")),
        cukup_optimal=float(get_setting("competency.jpm_cukup_min")),
    )


def tier_defaults() -> dict[str, int]:
    """Default required level per tier (setting), falling back to domain.md's table."""
    value = get_setting("competency.tier_defaults")
    return value if isinstance(value, dict) else dict(DEFAULT_TIER_LEVELS)


def id_batches(user_ids_or_select: UserIds) -> Iterator[Any]:
    """Yield filters for `column.in_(...)`: the select itself, or chunks of a list of ids."""
    if isinstance(user_ids_or_select, Select):
        yield user_ids_or_select
        return
    ids = sorted({int(i) for i in user_ids_or_select})
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start : start + ID_CHUNK]


def in_filter(column: Any, batch: Any) -> ColumnElement[bool]:
    """`column IN (batch)` for a select or a list of ids."""
    return column.in_(batch)
