"""Loading organisation objects for a view, with object-level checks (404 when not visible)."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from app.extensions import db
from app.org.models import Position, Unit, User
from app.org.permissions import can_manage_person, can_manage_unit, can_view_person


def person_to_manage(user_id: int) -> User:
    """A person the current user manages; 404 when not visible (never reveal who exists), 403
    when visible but not theirs to change (an HR officer opening an administrator's account)."""
    person = person_to_view(user_id)
    if not can_manage_person(current_user, person):
        abort(403)
    return person


def person_to_view(user_id: int) -> User:
    """A person the current user may see; 404 otherwise."""
    person = db.session.get(User, user_id)
    if person is None or not can_view_person(current_user, person):
        abort(404)
    return person


def unit_to_manage(unit_id: int) -> Unit:
    """A unit the current user manages; 404 otherwise."""
    unit = db.session.get(Unit, unit_id)
    if unit is None or not can_manage_unit(current_user, unit):
        abort(404)
    return unit


def position_or_404(position_id: int) -> Position:
    """A position by id (positions are a shared catalogue)."""
    return db.get_or_404(Position, position_id)
