"""The registry of computed KPI sources: other packages plug their measurements in here.

A source computes one actual value per subject (a person or a unit) for a period:

    register_kpi_source(KpiSource(
        code="service.resolved_24h",
        label=_l("Complaints resolved within 24 hours"),
        level="unit",
        unit_of_measure="%",
        compute=resolved_within_24h,   # (start, end, [unit ids]) -> {unit id: value or None}
    ))

`compute` must work set-wise (a bounded number of queries for any number of ids) and
return None for a subject it has no data for. A KPI definition whose `source` names a
registered code takes its actual values from it; `manual` definitions take entered values.
The seeded definitions name these codes (registered by the service-quality package):
`service.resolved_24h`, `service.digital_share` and `service.innovations`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

MANUAL_SOURCE = "manual"

Compute = Callable[[date, date, list[int]], dict[int, float | None]]


@dataclass(frozen=True)
class KpiSource:
    """A computed KPI source: `compute(period start, period end, subject ids) → {id: actual}`."""

    code: str
    label: Any
    level: Literal["person", "unit"]
    unit_of_measure: str
    compute: Compute


_SOURCES: dict[str, KpiSource] = {}


def register_kpi_source(source: KpiSource) -> KpiSource:
    """Add a source (re-registering the same code replaces it, so reloads stay harmless)."""
    if source.code == MANUAL_SOURCE:
        raise ValueError("'manual' is reserved for entered values")
    if source.level not in ("person", "unit"):
        raise ValueError(f"KPI source {source.code}: level must be 'person' or 'unit'")
    _SOURCES[source.code] = source
    return source


def kpi_source(code: str) -> KpiSource | None:
    """The registered source with this code, or None (then values are entered by hand)."""
    return _SOURCES.get(code)


def all_kpi_sources() -> list[KpiSource]:
    """Every registered source, by code."""
    return [_SOURCES[code] for code in sorted(_SOURCES)]


def unregister_kpi_source(code: str) -> None:
    """Remove a source (for tests)."""
    _SOURCES.pop(code, None)
