"""Small helpers the competency views share: loaders that 404, uploads, choices."""

from __future__ import annotations

from datetime import date

from flask import abort, request
from flask_login import current_user
from sqlalchemy import select

from app.competency.models import Competency
from app.competency.permissions import can_view_profile
from app.extensions import db
from app.org.models import User

MAX_ID = 2**31 - 1


def get_or_none(model: type, object_id: int):
    """`db.session.get`, but None for ids no database column can hold (never a 500)."""
    if not 0 < object_id <= MAX_ID:
        return None
    return db.session.get(model, object_id)


def get_or_404(model: type, object_id: int):
    """The object, or 404 (also for out-of-range ids)."""
    found = get_or_none(model, object_id)
    if found is None:
        abort(404)
    return found


def profile_person(user_id: int) -> User:
    """A person whose profile the current user may see; 404 otherwise."""
    person = get_or_none(User, user_id)
    if person is None or not can_view_profile(current_user, person):
        abort(404)
    return person


def uploaded(field) -> tuple[bytes, str] | None:
    """`(bytes, filename)` of a file field, or None when nothing was uploaded.

    Reads at most one byte over the configured request limit; the service checks the size.
    """
    storage = field.data
    if storage is None or not getattr(storage, "filename", ""):
        return None
    return storage.read(), storage.filename


def competency_choices(blank: str | None = None) -> list[tuple[int, str]]:
    """`(id, "CODE Name")` for every competency, in dictionary order."""
    rows = db.session.execute(
        select(Competency.id, Competency.code, Competency.name).order_by(Competency.kind, Competency.id)
    ).all()
    choices = [(cid, f"{code} {name}") for cid, code, name in rows]
    return ([(0, blank)] if blank is not None else []) + choices


def year_arg() -> int:
    """`?year=` clamped to a sensible range (default: this year)."""
    today = date.today()
    year = request.args.get("year", today.year, type=int) or today.year
    return min(max(year, 2000), today.year + 1)
