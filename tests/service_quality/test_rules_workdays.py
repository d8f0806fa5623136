"""Working days and step deadlines (weekends and holidays excluded)."""

from __future__ import annotations

from datetime import date

import pytest

from app.service_quality.enums import ComplaintStatus as S
from app.service_quality.rules.workdays import (
    DeadlineRules,
    add_working_days,
    is_overdue,
    step_deadline,
    working_days_between,
)

MON, FRI, SAT = date(2026, 3, 2), date(2026, 3, 6), date(2026, 3, 7)


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        (MON, 3, date(2026, 3, 5)),  # Thursday
        (FRI, 3, date(2026, 3, 11)),  # over the weekend to Wednesday
        (SAT, 3, date(2026, 3, 11)),  # received on Saturday: counting starts Monday
        (MON, 0, MON),
        (FRI, 5, date(2026, 3, 13)),
    ],
)
def test_add_working_days(start: date, days: int, due: date) -> None:
    assert add_working_days(start, days, ()) == due


def test_holidays_are_skipped() -> None:
    holidays = {date(2026, 3, 3), date(2026, 3, 4)}
    assert add_working_days(MON, 3, holidays) == date(2026, 3, 9)


def test_negative_days_are_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        add_working_days(MON, -1, ())


def test_working_days_between() -> None:
    assert working_days_between(FRI, date(2026, 3, 11), ()) == 3
    assert working_days_between(date(2026, 3, 11), FRI, ()) == -3
    assert working_days_between(MON, MON, ()) == 0


def test_step_deadlines_use_the_settings_and_the_right_start() -> None:
    rules = DeadlineRules(verify_days=3, resolve_days=5, close_days=2)
    kwargs = {"received_on": FRI, "verified_on": date(2026, 3, 9), "resolved_on": date(2026, 3, 12)}
    assert step_deadline(S.RECEIVED, **kwargs, rules=rules, holidays=()) == date(2026, 3, 11)
    for status in (S.VERIFIED, S.ASSIGNED, S.IN_PROGRESS):
        assert step_deadline(status, **kwargs, rules=rules, holidays=()) == date(2026, 3, 16)
    assert step_deadline(S.RESOLVED, **kwargs, rules=rules, holidays=()) == date(2026, 3, 16)
    for status in (S.HELD, S.CLOSED, S.ARCHIVED, S.OUTSIDE_AUTHORITY):
        assert step_deadline(status, **kwargs, rules=rules, holidays=()) is None


def test_overdue_only_after_the_deadline_day() -> None:
    assert not is_overdue(MON, MON)
    assert is_overdue(MON, date(2026, 3, 3))
    assert not is_overdue(None, MON)
