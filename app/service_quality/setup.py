"""Settings, navigation and reminders contributed by public service quality."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l

from app.merit.kpi_sources import register_kpi_source
from app.security import Role

# Imported for its `@reminder_provider` registration.
from app.service_quality.services import reminders as _reminders  # noqa: F401
from app.service_quality.services.kpis import KPI_SOURCES
from app.settings.registry import SettingDef, SettingValueError, register_setting
from app.ui.nav import register_nav

GROUP = _l("Public service quality")


def _check_holidays(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SettingValueError(_l('Enter a list of dates such as ["2026-08-17", "2026-12-25"].'))
    for text in value:
        try:
            date.fromisoformat(text)
        except ValueError:
            raise SettingValueError(_l("%(value)s is not a date (YYYY-MM-DD).", value=text)) from None


# Fixed-date national holidays; add the moving ones and cuti bersama from each year's SKB.
DEFAULT_HOLIDAYS = [
    f"{year}-{day}" for year in (2026, 2027) for day in ("01-01", "05-01", "06-01", "08-17", "12-25")
]

for order, (key, default, label, help_text, maximum) in enumerate(
    [
        ("service.verify_days", 3, _l("Working days to verify a complaint"), _l("Counted from receipt."), 60),
        (
            "service.resolve_days",
            5,
            _l("Working days to resolve a complaint"),
            _l("Counted from verification."),
            60,
        ),
        (
            "service.close_days",
            2,
            _l("Working days to send the answer back"),
            _l("Counted from resolution; the complaint is then closed."),
            60,
        ),
        ("service.attachment_max_mb", 5, _l("Largest complaint attachment (MB)"), "", 20),
    ],
    start=1,
):
    register_setting(
        SettingDef(key, "int", default, label, GROUP, help=help_text, minimum=1, maximum=maximum, order=order)
    )

register_setting(
    SettingDef(
        "service.holidays",
        "json",
        DEFAULT_HOLIDAYS,
        _l("Holidays (not working days)"),
        GROUP,
        help=_l("A list of dates (YYYY-MM-DD); weekends are never working days."),
        validator=_check_holidays,
        order=10,
    )
)

for source in KPI_SOURCES:  # the merit KPI definitions take their actual values from these
    register_kpi_source(source)

register_nav(_l("Service quality"), "service.index", Role.HR, Role.ADMIN, Role.EVALUATOR, order=40)
register_nav(_l("My complaints"), "complaints.mine", Role.EMPLOYEE, order=41)
