"""The agency's local calendar: today's date, UTC bounds of local days, holidays and step deadlines."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app

from app.db import utcnow
from app.service_quality.rules.workdays import DeadlineRules
from app.settings.services import get_setting


def local_zone() -> ZoneInfo:
    """The agency's time zone (`BABEL_DEFAULT_TIMEZONE`, Asia/Jakarta by default)."""
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE") or "Asia/Jakarta")


def local_date(moment: datetime) -> date:
    """The local calendar date of an aware timestamp."""
    return moment.astimezone(local_zone()).date()


def local_today() -> date:
    """Today in the agency's time zone."""
    return local_date(utcnow())


def utc_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """`[start 00:00, end+1 00:00)` local time as UTC timestamps, for filtering timestamp columns."""
    zone = local_zone()
    low = datetime.combine(start, time.min, zone).astimezone(UTC)
    high = datetime.combine(end + timedelta(days=1), time.min, zone).astimezone(UTC)
    return low, high


def holidays() -> frozenset[date]:
    """The holiday list from the settings."""
    return frozenset(date.fromisoformat(text) for text in get_setting("service.holidays"))


def deadline_rules() -> DeadlineRules:
    """Working days per step, from the settings."""
    return DeadlineRules(
        verify_days=int(get_setting("service.verify_days")),
        resolve_days=int(get_setting("service.resolve_days")),
        close_days=int(get_setting("service.close_days")),
    )
