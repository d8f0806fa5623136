"""Reporting periods: a year ("2026"), semester ("2026-S1"), quarter ("2026-Q3") or month ("2026-05")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_PATTERN = re.compile(r"^(\d{4})(?:-(?:(S)([12])|(Q)([1-4])|(\d{2})))?$")


@dataclass(frozen=True)
class Period:
    """An inclusive date range with the text it was parsed from."""

    key: str
    start: date
    end: date


def _month_end(year: int, month: int) -> date:
    first_next = date(year + month // 12, month % 12 + 1, 1)
    return first_next - timedelta(days=1)


def parse_period(text: str) -> Period:
    """Parse a period key; ValueError when it is not one of the four forms or out of range."""
    value = (text or "").strip().upper()
    match = _PATTERN.match(value)
    if not match:
        raise ValueError("not a period")
    year = int(match.group(1))
    if not 2000 <= year <= 2100:
        raise ValueError("year out of range")
    if match.group(2):
        half = int(match.group(3))
        first, last = (1, 6) if half == 1 else (7, 12)
    elif match.group(4):
        quarter = int(match.group(5))
        first, last = quarter * 3 - 2, quarter * 3
    elif match.group(6):
        first = last = int(match.group(6))
        if not 1 <= first <= 12:
            raise ValueError("month out of range")
    else:
        first, last = 1, 12
    return Period(value, date(year, first, 1), _month_end(year, last))


def year_period(year: int) -> Period:
    """The calendar year as a period."""
    return Period(str(year), date(year, 1, 1), date(year, 12, 31))
