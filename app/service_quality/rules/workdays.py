"""Working days (Monday–Friday minus a holiday list) and the deadline of each complaint step."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from app.service_quality.enums import ComplaintStatus as S


def is_working_day(day: date, holidays: Collection[date]) -> bool:
    """Monday to Friday and not a holiday."""
    return day.weekday() < 5 and day not in holidays


def add_working_days(start: date, days: int, holidays: Collection[date]) -> date:
    """The `days`-th working day after `start` (`start` itself never counts).

    A complaint received on Friday with 3 working days to verify is due on
    Wednesday; one received on Saturday is due on Wednesday as well.
    """
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    remaining = days
    while remaining:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            remaining -= 1
    return day


def working_days_between(start: date, end: date, holidays: Collection[date]) -> int:
    """Working days after `start` up to and including `end`; negative when `end` is earlier."""
    if end < start:
        return -working_days_between(end, start, holidays)
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day, holidays):
            count += 1
    return count


@dataclass(frozen=True)
class DeadlineRules:
    """Working days allowed for each step (settings; domain.md §8 defaults 3 and 5)."""

    verify_days: int = 3
    resolve_days: int = 5
    close_days: int = 2


def step_deadline(
    status: S,
    *,
    received_on: date,
    verified_on: date | None,
    resolved_on: date | None,
    rules: DeadlineRules,
    holidays: Collection[date],
) -> date | None:
    """When the step a complaint is in must be finished; None for final steps and while on hold.

    Verification counts from receipt; resolution from verification (through
    assignment and work); sending the answer back from resolution. A complaint
    on hold waits for the complainant, so its clock stops.
    """
    if status == S.RECEIVED:
        return add_working_days(received_on, rules.verify_days, holidays)
    if status in (S.VERIFIED, S.ASSIGNED, S.IN_PROGRESS) and verified_on is not None:
        return add_working_days(verified_on, rules.resolve_days, holidays)
    if status == S.RESOLVED and resolved_on is not None:
        return add_working_days(resolved_on, rules.close_days, holidays)
    return None


def is_overdue(due_on: date | None, today: date) -> bool:
    """Past its deadline (the deadline day itself still counts as on time)."""
    return due_on is not None and today > due_on
