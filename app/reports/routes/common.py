"""Helpers shared by the report views: year argument, loaders that 404, chart bundles."""

from __future__ import annotations

from datetime import date

from flask import abort
from flask_login import current_user

from app.extensions import db
from app.http import bounded_int_arg
from app.merit.routes.common import year_arg
from app.org.models import Unit, User
from app.reports.permissions import can_view_report, can_view_unit_reports

__all__ = ["chosen_unit", "person_or_404", "today", "unit_or_404", "year_arg"]


def person_or_404(user_id: int) -> User:
    """A person whose report the current user may see; 404 otherwise (never reveal who exists)."""
    person = db.session.get(User, user_id)
    if person is None or not can_view_report(current_user, person):
        abort(404)
    return person


def unit_or_404(unit_id: int | None) -> Unit:
    """A unit whose reports the current user may see; 404 otherwise."""
    unit = db.session.get(Unit, unit_id) if unit_id else None
    if unit is None or not can_view_unit_reports(current_user, unit):
        abort(404)
    return unit


def chosen_unit(units: list[Unit]) -> Unit | None:
    """`?unit_id=` when in scope (404 otherwise), else the actor's own unit or the first in scope."""
    unit_id = bounded_int_arg("unit_id")
    if unit_id:
        return unit_or_404(unit_id)
    own = current_user.unit
    if own is not None and any(u.id == own.id for u in units):
        return own
    return units[0] if units else None


def today() -> date:
    """The current day (one place, so tests and reports agree)."""
    return date.today()
