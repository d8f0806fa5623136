"""Who may see and manage a unit's service quality data and its complaints (object-level rules).

Managers (HR officers for their unit subtree, admins everywhere) manage services,
complaints and innovations; evaluators read the dashboards of their unit subtree;
the officer a complaint is assigned to sees and works on that complaint. The
complainant's identity of a confidential complaint is shown to managers only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, or_, select, true

from app.org.models import Unit
from app.org.permissions import can_manage_unit, managed_root_path
from app.org.rules import is_within
from app.security import Role
from app.service_quality.models import Complaint


def _evaluator_root(actor: Any) -> str | None:
    if actor.has_role(Role.EVALUATOR) and getattr(actor, "unit", None) is not None:
        return actor.unit.path
    return None


def can_view_unit_quality(actor: Any, unit: Unit) -> bool:
    """Managers of the unit, and evaluators whose unit contains it."""
    if can_manage_unit(actor, unit):
        return True
    root = _evaluator_root(actor)
    return root is not None and is_within(unit.path, root)


def viewable_units_condition(actor: Any) -> ColumnElement[bool]:
    """SQL condition on `Unit` for every unit whose dashboards the actor may read."""
    root = managed_root_path(actor)
    if root is None:
        return true()
    conditions: list[Any] = []
    if root:
        conditions.append(Unit.path.startswith(root, autoescape=True))
    evaluator_root = _evaluator_root(actor)
    if evaluator_root is not None:
        conditions.append(Unit.path.startswith(evaluator_root, autoescape=True))
    return or_(*conditions) if conditions else false()


def managed_units_condition(actor: Any) -> ColumnElement[bool]:
    """SQL condition on `Unit` for the units the actor manages."""
    root = managed_root_path(actor)
    if root is None:
        return true()
    return Unit.path.startswith(root, autoescape=True) if root else false()


def is_complaint_manager(actor: Any, complaint: Complaint) -> bool:
    """True for the managers of the complaint's unit."""
    return can_manage_unit(actor, complaint.unit)


def is_complaint_officer(actor: Any, complaint: Complaint) -> bool:
    """True for the officer the complaint is assigned to."""
    return actor.id is not None and complaint.officer_id == actor.id


def can_view_complaint(actor: Any, complaint: Complaint) -> bool:
    """Managers and evaluators of the unit, and the assigned officer."""
    return is_complaint_officer(actor, complaint) or can_view_unit_quality(actor, complaint.unit)


def can_see_identity(actor: Any, complaint: Complaint) -> bool:
    """Who filed it: everyone who sees the complaint, unless it is confidential (then managers only)."""
    return not complaint.confidential or is_complaint_manager(actor, complaint)


def visible_complaints_condition(actor: Any) -> ColumnElement[bool]:
    """SQL condition on `Complaint` matching `can_view_complaint` (set-wise)."""
    units = select(Unit.id).where(viewable_units_condition(actor))
    conditions: list[Any] = [Complaint.unit_id.in_(units)]
    if actor.id is not None:
        conditions.append(Complaint.officer_id == actor.id)
    return or_(*conditions)
