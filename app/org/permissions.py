"""Who may see and manage which units and people (object-level rules)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, or_, select, true

from app.org.models import Unit, User
from app.org.rules import is_within
from app.security import Role

# Roles an HR officer may grant; only admins grant hr and admin.
HR_GRANTABLE_ROLES = frozenset({Role.EMPLOYEE, Role.EVALUATOR})


def managed_root_path(actor: User) -> str | None:
    """The unit path an HR officer manages (own unit and sub-units); None means everything."""
    if actor.has_role(Role.ADMIN):
        return None
    if actor.has_role(Role.HR) and actor.unit is not None:
        return actor.unit.path
    return ""  # manages nothing


def can_manage_unit(actor: User, unit: Unit) -> bool:
    """Admins manage every unit; HR officers their own unit's subtree."""
    root = managed_root_path(actor)
    return root is None or (bool(root) and is_within(unit.path, root))


def in_managed_scope(actor: User, person: User) -> bool:
    """True when `person` is in the actor's management scope (admins: everyone; HR: their subtree)."""
    root = managed_root_path(actor)
    if root is None:
        return True
    return bool(root) and person.unit is not None and is_within(person.unit.path, root)


def can_manage_person(actor: User, person: User) -> bool:
    """Admins manage everyone; HR officers the people of their unit and its sub-units.

    HR officers do not manage the accounts of other HR officers or administrators
    (setting their password would hand over their rights); administrators do.
    """
    if not in_managed_scope(actor, person):
        return False
    if actor.has_role(Role.ADMIN) or person.id == actor.id:
        return True
    return not (person.role_set - HR_GRANTABLE_ROLES)


def can_view_person(actor: User, person: User) -> bool:
    """Oneself; managers (HR/admin) in scope; evaluators for their unit subtree and supervisees."""
    if actor.id == person.id or in_managed_scope(actor, person):
        return True
    if actor.has_role(Role.EVALUATOR):
        if person.supervisor_id == actor.id:
            return True
        if actor.unit is not None and person.unit is not None:
            return is_within(person.unit.path, actor.unit.path)
    return False


def unit_scope_condition(actor: User) -> ColumnElement[bool]:
    """SQL condition on `Unit` limiting a query to the units the actor manages."""
    root = managed_root_path(actor)
    if root is None:
        return true()
    if not root:
        return false()
    return Unit.path.startswith(root, autoescape=True)


def people_scope_condition(actor: User) -> ColumnElement[bool]:
    """SQL condition on `User` limiting a query to the people the actor manages."""
    root = managed_root_path(actor)
    if root is None:
        return true()
    if not root:
        return false()
    return User.unit_id.in_(select(Unit.id).where(Unit.path.startswith(root, autoescape=True)))


def visible_people_condition(actor: User) -> ColumnElement[bool]:
    """SQL condition on `User` for everyone `can_view_person` allows (set-wise, no loops)."""
    conditions: list[Any] = [User.id == actor.id, people_scope_condition(actor)]
    if actor.has_role(Role.EVALUATOR):
        conditions.append(User.supervisor_id == actor.id)
        if actor.unit is not None:
            conditions.append(
                User.unit_id.in_(
                    select(Unit.id).where(Unit.path.startswith(actor.unit.path, autoescape=True))
                )
            )
    return or_(*conditions)
