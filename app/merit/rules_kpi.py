"""Pure KPI rules: achievement against target (domain.md §9)."""

from __future__ import annotations

from app.merit.enums import KpiDirection


def achievement_percent(
    actual: float | None, target: float | None, direction: KpiDirection | str
) -> float | None:
    """Achievement = actual ÷ target × 100, inverted (target ÷ actual) for lower-is-better KPIs.

    None when either value is missing, or when the division is undefined (a zero target
    for higher-is-better; a zero actual for lower-is-better, unless the target is zero too,
    which is then fully met).
    """
    if actual is None or target is None:
        return None
    actual, target = float(actual), float(target)
    if KpiDirection(direction) is KpiDirection.HIGHER:
        if target == 0:
            return None
        return round(actual / target * 100, 2)
    if actual == 0:
        return 100.0 if target == 0 else None
    return round(target / actual * 100, 2)


def average_achievement(values: list[float | None]) -> float | None:
    """The mean of the known achievements (None when there is none)."""
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 2) if known else None
