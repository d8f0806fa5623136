"""Finding the person a merit request is about, without revealing who exists."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.merit.errors import MeritError
from app.merit.permissions import can_view_merit, can_view_unit_merit
from app.org.models import Unit, User


def _as_id(value: Any) -> int | None:
    try:
        ident = int(value)
    except (TypeError, ValueError):
        return None
    return ident if 0 < ident < 2**31 else None


def person_for_merit(actor: Any, user_id: Any, *, field: str = "user_id") -> User:
    """A person named in a request body: 422 on `field` when unknown or not visible."""
    ident = _as_id(user_id)
    person = db.session.get(User, ident) if ident else None
    if person is None or not can_view_merit(actor, person):
        raise MeritError(str(_l("Some fields are not valid.")), {field: [str(_l("No such person."))]})
    return person


def person_or_404(actor: Any, user_id: int) -> User:
    """A person in a URL: 404 when unknown or not visible (never reveal who exists)."""
    person = db.session.get(User, user_id)
    if person is None or not can_view_merit(actor, person):
        raise MeritError(str(_l("The person was not found.")), status=404, code="not_found")
    return person


def unit_or_404(actor: Any, unit_id: int) -> Unit:
    """A unit whose merit figures the actor may see; 404 otherwise."""
    unit = db.session.get(Unit, unit_id)
    if unit is None or not can_view_unit_merit(actor, unit):
        raise MeritError(str(_l("The unit was not found.")), status=404, code="not_found")
    return unit
