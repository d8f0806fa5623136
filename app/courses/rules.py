"""Pure rules of the courses area (no database, no Flask): progress, expiry, seat counting."""

from __future__ import annotations

import calendar
from datetime import date


def progress_percent(required_done: int, required_total: int) -> int:
    """The share of required materials done, 0–100 (100 when the course requires none)."""
    if required_total <= 0:
        return 100
    done = max(0, min(required_done, required_total))
    return (done * 100) // required_total


def months_later(start: date, months: int) -> date:
    """The date `months` calendar months after `start`, on the last day of a shorter month if needed."""
    years, month_zero = divmod(start.month - 1 + months, 12)
    year = start.year + years
    last_day = calendar.monthrange(year, month_zero + 1)[1]
    return start.replace(year=year, month=month_zero + 1, day=min(start.day, last_day))


def evidence_expiry(completed_on: date, validity_months: int | None) -> date | None:
    """When the evidence of a completion expires: after the course's validity period, if any."""
    if not validity_months:
        return None
    return months_later(completed_on, validity_months)


def seats_left(capacity: int, seated: int) -> int:
    """Free seats of a class (never negative)."""
    return max(0, capacity - seated)
