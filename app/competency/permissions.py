"""Who may see profiles and units, and who may record which evidence (object-level rules)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, or_, true

from app.competency.enums import EvidenceSource
from app.org.models import Unit, User
from app.org.permissions import can_manage_person, can_manage_unit, can_view_person
from app.org.rules import is_within
from app.security import Role


def can_view_profile(actor: Any, person: User) -> bool:
    """Oneself, HR/admin in scope, evaluators for their unit subtree and supervisees."""
    return can_view_person(actor, person)


def can_record_evidence(actor: Any, person: User, source: EvidenceSource) -> bool:
    """Evaluator ratings and overrides: evaluators (and admins) who may see the person.

    Assessments and prior learning: HR officers (and admins) who manage the person.
    Nobody records evidence about themselves.
    """
    if actor.id is not None and actor.id == person.id:
        return False
    if actor.has_role(Role.ADMIN):
        return True
    if source == EvidenceSource.EVALUATOR:
        return actor.has_role(Role.EVALUATOR) and can_view_person(actor, person)
    if source in (EvidenceSource.ASSESSMENT, EvidenceSource.PRIOR_LEARNING):
        return actor.has_role(Role.HR) and can_manage_person(actor, person)
    return False


def evidence_sources_for(actor: Any, person: User) -> list[EvidenceSource]:
    """The manual evidence sources `actor` may record for `person` (for the form)."""
    sources = (EvidenceSource.ASSESSMENT, EvidenceSource.EVALUATOR, EvidenceSource.PRIOR_LEARNING)
    return [s for s in sources if can_record_evidence(actor, person, s)]


def can_manage_external_training(actor: Any, person: User) -> bool:
    """HR officers (and admins) who manage the person record their external training."""
    return actor.has_role(Role.HR, Role.ADMIN) and can_manage_person(actor, person)


def can_view_unit(actor: Any, unit: Unit) -> bool:
    """Admins see every unit; HR officers the units they manage; evaluators their own subtree."""
    if can_manage_unit(actor, unit):
        return True
    return bool(
        actor.has_role(Role.EVALUATOR) and actor.unit is not None and is_within(unit.path, actor.unit.path)
    )


def viewable_units_condition(actor: Any) -> ColumnElement[bool]:
    """SQL condition on `Unit` for the units `can_view_unit` allows."""
    if actor.has_role(Role.ADMIN):
        return true()
    conditions: list[Any] = []
    for role in (Role.HR, Role.EVALUATOR):
        if actor.has_role(role) and actor.unit is not None:
            conditions.append(Unit.path.startswith(actor.unit.path, autoescape=True))
    return or_(*conditions) if conditions else false()
