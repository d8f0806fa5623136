"""Use cases for a unit's public services, the innovation register and the survey elements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from app.errors import ForbiddenError, NotFoundError
from app.extensions import db
from app.org.models import Unit, User
from app.org.permissions import can_manage_unit
from app.security import Role
from app.service_quality.models import Innovation, PublicService, SurveyElement
from app.service_quality.rules.ikm import WeightError, check_weights_sum, format_weight, parse_weight
from app.service_quality.services import ServiceQualityError
from app.service_quality.services.fields import clean_id, clean_required_date, clean_text
from app.validation import FieldErrors, raise_if_errors


def unit_for_manager(actor: Any, unit_id: Any, field: str = "unit_id") -> Unit:
    """An active unit the actor manages; a field error otherwise (never reveals other units)."""
    unit = db.session.get(Unit, clean_id(unit_id) or 0)
    if unit is None or not unit.active or not can_manage_unit(actor, unit):
        raise ServiceQualityError(
            str(_l("Some fields are not valid.")), {field: [str(_l("Choose a unit you manage."))]}
        )
    return unit


def _check_manages(actor: Any, unit: Unit) -> None:
    if not can_manage_unit(actor, unit):
        raise ForbiddenError(str(_l("You cannot manage this unit.")))


def save_public_service(actor: Any, unit: Unit, data: dict[str, Any], service: PublicService | None = None):
    """Create or edit one of `unit`'s public services (name unique within the unit)."""
    _check_manages(actor, unit)
    errors = FieldErrors()
    name = " ".join(clean_text(data.get("name"), errors, "name", max_length=200, required=True).split())
    description = clean_text(data.get("description"), errors, "description", max_length=2000)
    if name and "name" not in errors:
        # SQL's lower() on both sides (SQLite's folds ASCII only), and the exact name, which the
        # unique constraint compares: "Pelayanan É" twice must be a field error, not a crash.
        same_name = or_(PublicService.name == name, func.lower(PublicService.name) == func.lower(name))
        clash = select(PublicService.id).where(PublicService.unit_id == unit.id, same_name)
        if service is not None:
            clash = clash.where(PublicService.id != service.id)
        if db.session.scalar(clash) is not None:
            errors.add("name", _l("This unit already lists a service with this name."))
    raise_if_errors(errors, ServiceQualityError)
    if service is None:
        service = PublicService(unit_id=unit.id)
        db.session.add(service)
    service.name, service.description = name, description
    service.digital = bool(data.get("digital"))
    if "active" in data:
        service.active = bool(data["active"])
    db.session.flush()
    return service


def set_public_service_active(actor: Any, service: PublicService, active: bool) -> PublicService:
    """Withdraw a service or offer it again (withdrawn services leave forms and the digital share)."""
    _check_manages(actor, service.unit)
    service.active = active
    db.session.flush()
    return service


def save_innovation(actor: Any, data: dict[str, Any], *, today: date, innovation: Innovation | None = None):
    """Register (or edit) an innovation put into practice by a unit the actor manages."""
    errors = FieldErrors()
    unit = None
    try:
        unit = unit_for_manager(actor, data.get("unit_id", innovation.unit_id if innovation else None))
    except ServiceQualityError as exc:
        errors.update(exc.fields)
    title = clean_text(data.get("title"), errors, "title", max_length=200, required=True)
    description = clean_text(data.get("description"), errors, "description", max_length=4000)
    evidence = clean_text(data.get("evidence"), errors, "evidence", max_length=2000, required=True)
    implemented_on = clean_required_date(data.get("implemented_on"), errors, "implemented_on")
    if implemented_on is not None and implemented_on > today:
        errors.add("implemented_on", _l("Only innovations already put into practice can be registered."))
    raise_if_errors(errors, ServiceQualityError)
    if innovation is None:
        innovation = Innovation(created_by_id=getattr(actor, "id", None))
        db.session.add(innovation)
    innovation.unit_id = unit.id  # type: ignore[union-attr]
    innovation.title, innovation.description, innovation.evidence = title, description, evidence
    innovation.implemented_on = implemented_on  # type: ignore[assignment]
    db.session.flush()
    return innovation


def active_elements() -> list[SurveyElement]:
    """The survey's active elements in questionnaire order."""
    return list(
        db.session.scalars(
            select(SurveyElement).where(SurveyElement.active.is_(True)).order_by(SurveyElement.position)
        )
    )


def active_and_added_elements() -> list[SurveyElement]:
    """Every active element plus the switched-off added ones (for the elements page)."""
    return list(
        db.session.scalars(
            select(SurveyElement)
            .where(SurveyElement.active.is_(True) | SurveyElement.standard.is_(False))
            .order_by(SurveyElement.position)
        )
    )


@dataclass(frozen=True)
class NewElement:
    """An element the agency adds: its name, question, four answer labels and weight."""

    name: str
    question: str
    labels: tuple[str, str, str, str]
    weight: str


def save_elements(actor: Any, weights: dict[int, str], inactive: set[int], new: NewElement | None = None):
    """Change element weights, switch added elements off, or add one; active weights must sum to 1.

    Standard elements cannot be switched off. Everything is checked before anything changes.
    """
    if not actor.has_role(Role.ADMIN):
        raise ForbiddenError(str(_l("Only administrators change the survey elements.")))
    elements = list(db.session.scalars(select(SurveyElement).order_by(SurveyElement.position)))
    errors = FieldErrors()
    parsed: dict[int, Fraction] = {}
    for element in elements:
        if element.id in inactive:
            if element.standard:
                errors.add(f"weight_{element.id}", _l("The nine standard elements cannot be switched off."))
            continue
        if not element.active and element.id not in weights:
            continue
        try:
            parsed[element.id] = parse_weight(weights.get(element.id, element.weight))
        except WeightError as exc:
            errors.add(f"weight_{element.id}", exc)
    new_weight = None
    if new is not None:
        clean_text(new.name, errors, "new_name", max_length=200, required=True)
        clean_text(new.question, errors, "new_question", max_length=500, required=True)
        for index, label in enumerate(new.labels, start=1):
            clean_text(label, errors, f"new_label_{index}", max_length=90, required=True)
            if "|" in label:
                errors.add(f"new_label_{index}", _l("A label cannot contain the | character."))
        try:
            new_weight = parse_weight(new.weight)
        except WeightError as exc:
            errors.add("new_weight", exc)
    if not errors:
        try:
            check_weights_sum([*parsed.values(), *([new_weight] if new_weight is not None else [])])
        except WeightError as exc:
            errors.add("weights", exc)
    raise_if_errors(errors, ServiceQualityError)
    for element in elements:
        element.active = element.id in parsed
        if element.id in parsed:
            element.weight = format_weight(parsed[element.id])
    if new is not None and new_weight is not None:
        position = max((e.position for e in elements), default=0) + 1
        db.session.add(
            SurveyElement(
                code=f"X{position}",
                standard=False,
                name=new.name.strip(),
                question=new.question.strip(),
                labels="|".join(label.strip() for label in new.labels),
                weight=format_weight(new_weight),
                position=position,
            )
        )
    db.session.flush()
    return active_elements()


def public_service_in_unit(unit_id: int, service_id: Any, errors: FieldErrors) -> PublicService | None:
    """The optional service a respondent or complainant names; it must be an active one of the unit."""
    if service_id in (None, "", 0, "0"):
        return None
    service = db.session.get(PublicService, clean_id(service_id) or 0)
    if service is None or service.unit_id != unit_id or not service.active:
        errors.add("service_id", _l("Choose one of this unit's services."))
        return None
    return service


def public_unit(unit_id: Any) -> Unit:
    """An active unit the public may address; 404 otherwise."""
    unit = db.session.get(Unit, clean_id(unit_id) or 0)
    if unit is None or not unit.active:
        raise NotFoundError(str(_l("This unit does not exist.")))
    return unit


def actor_or_none(actor: Any) -> User | None:
    """The signed-in user behind an action, or None for the public."""
    return actor if getattr(actor, "is_authenticated", False) and getattr(actor, "id", None) else None
