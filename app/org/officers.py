"""Who the HR officers over a person are: the one query and the one rule the areas share."""

from __future__ import annotations

from sqlalchemy import select

from app.extensions import db
from app.org.models import Unit, User, UserRole
from app.security import Role


def hr_officers() -> list[tuple[int, str]]:
    """`(user id, unit path)` of every active HR officer with a unit."""
    rows = db.session.execute(
        select(User.id, Unit.path)
        .join(UserRole, UserRole.user_id == User.id)
        .join(Unit, Unit.id == User.unit_id)
        .where(UserRole.role == Role.HR, User.active.is_(True))
    )
    return [(user_id, path) for user_id, path in rows]


def officers_over(unit_path: str | None, officers: list[tuple[int, str]]) -> list[int]:
    """Every officer whose unit is the person's unit (`unit_path`) or one of its parents."""
    if not unit_path:
        return []
    return [officer for officer, path in officers if unit_path.startswith(path)]


def responsible_hr(unit_path: str | None, officers: list[tuple[int, str]]) -> list[int]:
    """The HR officers of the nearest unit (the person's own, else the closest parent) that has any."""
    if not unit_path:
        return []
    matching = [(len(path), officer) for officer, path in officers if unit_path.startswith(path)]
    if not matching:
        return []
    nearest = max(length for length, _ in matching)
    return sorted(officer for length, officer in matching if length == nearest)
