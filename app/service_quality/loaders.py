"""Loading units and periods for the staff pages (404 when the unit is not the user's to see)."""

from __future__ import annotations

from flask import abort, request
from flask_login import current_user

from app.extensions import db
from app.org.models import Unit
from app.service_quality.forms import PeriodForm
from app.service_quality.permissions import can_view_unit_quality
from app.service_quality.rules.periods import Period, parse_period, year_period
from app.service_quality.services.clock import local_today


def unit_to_view(unit_id: int) -> Unit:
    """A unit whose service-quality dashboards the current user may read; 404 otherwise."""
    unit = db.session.get(Unit, unit_id)
    if unit is None or not can_view_unit_quality(current_user, unit):
        abort(404)
    return unit


def period_from_request() -> Period:
    """`?period=` (2026, 2026-S1, 2026-Q2, 2026-05); the current year when absent or not understood."""
    try:
        return parse_period(request.args.get("period", ""))
    except ValueError:
        return year_period(local_today().year)


def period_form() -> tuple[PeriodForm, Period]:
    """The period selector of a dashboard and the period it asks for."""
    form = PeriodForm(request.args)
    form.period.choices = period_choices()
    period = period_from_request()
    form.period.data = period.key
    return form, period


def period_choices() -> list[tuple[str, str]]:
    """The current and two previous years, each with its semesters and quarters."""
    choices = []
    for year in range(local_today().year, local_today().year - 3, -1):
        choices.append((str(year), str(year)))
        choices += [(f"{year}-S{s}", f"{year} · S{s}") for s in (1, 2)]
        choices += [(f"{year}-Q{q}", f"{year} · Q{q}") for q in (1, 2, 3, 4)]
    return choices
