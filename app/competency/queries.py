"""Set-wise SQL building blocks: current levels and JPM for any set of people, in one statement.

The rule they encode (see `rules.py` for its pure parts): evidence counts on a
day when it is effective and not yet expired; a person's current level of a
competency is the highest counting level, except that the latest counting
override resets it, so only the override and evidence recorded after it count.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Float, Select, and_, case, cast, func, or_, select
from sqlalchemy.orm import aliased

from app.competency.models import Evidence, PositionRequirement
from app.org.models import User


def counting_evidence(on: date, users: Any | None = None) -> list[Any]:
    """Conditions on `Evidence` for the rows that count on `on` (optionally for some users)."""
    conditions = [
        Evidence.effective_on <= on,
        or_(Evidence.expires_on.is_(None), Evidence.expires_on > on),
    ]
    if users is not None:
        conditions.append(Evidence.user_id.in_(users))
    return conditions


def current_levels(on: date, users: Any | None = None) -> Any:
    """Subquery `(user_id, competency_id, level)`: everyone's current level of each competency."""
    conditions = counting_evidence(on, users)
    latest_override = (
        select(
            Evidence.user_id,
            Evidence.competency_id,
            func.max(Evidence.id).label("override_id"),
        )
        .where(*conditions, Evidence.override.is_(True))
        .group_by(Evidence.user_id, Evidence.competency_id)
        .subquery("latest_override")
    )
    return (
        select(
            Evidence.user_id,
            Evidence.competency_id,
            func.max(Evidence.level).label("level"),
        )
        .outerjoin(
            latest_override,
            and_(
                latest_override.c.user_id == Evidence.user_id,
                latest_override.c.competency_id == Evidence.competency_id,
            ),
        )
        .where(
            *conditions,
            or_(latest_override.c.override_id.is_(None), Evidence.id >= latest_override.c.override_id),
        )
        .group_by(Evidence.user_id, Evidence.competency_id)
        .subquery("current_levels")
    )


def level_at(user_id: Any, competency_id: Any, moment: Any, *, correlate: tuple[Any, ...] = ()) -> Any:
    """Correlated scalar subquery: a person's level of a competency as it stood at `moment`.

    `user_id`, `competency_id` and `moment` are columns of the enclosing query (named in
    `correlate`), e.g. an enrollment's person and time. The rule is `current_levels`' on that
    day, from the evidence recorded before that moment; 0 without any.
    """
    override = aliased(Evidence)

    def counted(evidence: Any) -> list[Any]:
        return [
            evidence.user_id == user_id,
            evidence.competency_id == competency_id,
            evidence.recorded_at < moment,
            evidence.effective_on <= moment,
            or_(evidence.expires_on.is_(None), evidence.expires_on > moment),
        ]

    latest_override = (
        select(func.coalesce(func.max(override.id), 0))
        .where(*counted(override), override.override.is_(True))
        .correlate(*correlate)
        .scalar_subquery()
    )
    return (
        select(func.coalesce(func.max(Evidence.level), 0))
        .where(*counted(Evidence), Evidence.id >= latest_override)
        .correlate(*correlate)
        .scalar_subquery()
    )


def requirements_of(users: Any) -> Any:
    """Subquery `(user_id, competency_id, required)`: the standard of each person's position."""
    return (
        select(
            User.id.label("user_id"),
            PositionRequirement.competency_id,
            PositionRequirement.level.label("required"),
        )
        .join(PositionRequirement, PositionRequirement.position_id == User.position_id)
        .where(User.id.in_(users))
        .subquery("requirements")
    )


def jpm_totals(users: Any, on: date) -> Any:
    """Subquery `(user_id, required_total, current_total, jpm)` for people with a standard."""
    required = requirements_of(users)
    current = current_levels(on, users)
    current_total = func.sum(func.coalesce(current.c.level, 0))
    required_total = func.sum(required.c.required)
    return (
        select(
            required.c.user_id,
            required_total.label("required_total"),
            current_total.label("current_total"),
            case(
                (required_total > 0, cast(current_total, Float) * 100.0 / required_total),
                else_=None,
            ).label("jpm"),
        )
        .outerjoin(
            current,
            and_(
                current.c.user_id == required.c.user_id, current.c.competency_id == required.c.competency_id
            ),
        )
        .group_by(required.c.user_id)
        .subquery("jpm_totals")
    )


def people_with_jpm(users: Any, on: date) -> Select:
    """`(user_id, required_total, current_total, jpm)` for every given person (nulls without a standard)."""
    totals = jpm_totals(users, on)
    return (
        select(User.id, totals.c.required_total, totals.c.current_total, totals.c.jpm)
        .outerjoin(totals, totals.c.user_id == User.id)
        .where(User.id.in_(users))
    )
