"""Choice lists for organisation selects (loaded in one query each)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from app.extensions import db
from app.org.models import Position, Unit, User
from app.org.permissions import unit_scope_condition


def unit_choices(
    actor: User, *, blank: Any = None, only_managed: bool = True, exclude_subtree: Unit | None = None
) -> list[tuple[int, str]]:
    """Active units as (id, indented name) in tree order; by default only those the actor manages.

    `exclude_subtree` leaves out a unit and its sub-units (where that unit cannot move).
    """
    query = select(Unit.id, Unit.name, Unit.code, Unit.path).where(Unit.active.is_(True)).order_by(Unit.path)
    if only_managed:
        query = query.where(unit_scope_condition(actor))
    if exclude_subtree is not None:
        query = query.where(~Unit.path.startswith(exclude_subtree.path, autoescape=True))
    rows = db.session.execute(query).all()
    choices = [
        (uid, f"{'— ' * max(path.count('/') - 2, 0)}{name} ({code})") for uid, name, code, path in rows
    ]
    return ([(0, str(blank))] if blank is not None else []) + choices


NO_POSITION = _l("— none —")


def position_choices(*, blank: Any = NO_POSITION, keep_id: int | None = None) -> list[tuple[int, str]]:
    """Active positions as (id, "name (tier)"), plus `keep_id` (a person's current, possibly
    inactive, position) so editing them does not silently drop it."""
    condition = Position.active.is_(True)
    if keep_id:
        condition = or_(condition, Position.id == keep_id)
    rows = db.session.execute(
        select(Position.id, Position.name, Position.tier).where(condition).order_by(Position.name)
    ).all()
    return [(0, str(blank))] + [(pid, f"{name} ({tier.label})") for pid, name, tier in rows]
