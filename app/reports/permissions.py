"""Who may see which report: people through merit's reach, units through HR's scope.

Employees see only their own evaluation report; evaluators the people within their
evaluating reach; HR officers the people and units of their unit's subtree; admins all.
Unit dashboards, training-needs and effectiveness figures go to HR in scope and admins;
the agency dashboard to admins.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from app.merit.permissions import can_evaluate, can_view_merit, visible_merit_condition
from app.org.models import Unit, User
from app.org.permissions import can_manage_unit


def can_view_report(actor: Any, person: User) -> bool:
    """Oneself, HR in scope, admins, and evaluators within reach."""
    return can_view_merit(actor, person)


def can_write_narrative(actor: Any, person: User) -> bool:
    """The qualitative part is written by the person's evaluators and admins (never about oneself)."""
    return can_evaluate(actor, person)


def visible_reports_condition(actor: Any) -> ColumnElement[bool]:
    """SQL condition on `User` for everyone whose report `actor` may see."""
    return visible_merit_condition(actor)


def can_view_unit_reports(actor: Any, unit: Unit) -> bool:
    """Dashboards and unit reports: admins everywhere, HR officers in their unit's subtree."""
    return can_manage_unit(actor, unit)
