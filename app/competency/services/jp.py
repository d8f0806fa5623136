"""The JP ledger: credits per person and calendar year, targets, caps and unit compliance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Float, Select, and_, case, cast, func, literal, select
from sqlalchemy.exc import IntegrityError

from app.competency.models import JpCredit
from app.competency.rules import above_cap, below_target, compliance_percent
from app.competency.services.common import CompetencyError, UserIds, id_batches
from app.extensions import db
from app.org.enums import Employment
from app.org.models import Unit, User
from app.settings.services import get_setting
from app.validation import FieldErrors, raise_if_errors

MAX_JP_PER_CREDIT = 1000


def jp_target_for(employment: Employment | str) -> float:
    """The yearly JP target of an employment kind: 20 for PNS, none (0) for PPPK by default."""
    if Employment(employment) == Employment.PPPK:
        return float(get_setting("competency.jp_target_pppk"))
    return float(get_setting("competency.jp_target_pns"))


def jp_cap_for(employment: Employment | str) -> float | None:
    """The yearly JP cap of an employment kind: 24 for PPPK by default, none for PNS."""
    if Employment(employment) == Employment.PPPK:
        cap = float(get_setting("competency.jp_cap_pppk"))
        return cap or None
    return None


def credit_jp(
    *,
    user_id: int,
    jp: float,
    on: date,
    source: str,
    source_ref: str,
    recorded_by_id: int | None = None,
) -> JpCredit:
    """Credit JP to a person for the calendar year of `on` (flushes, never commits).

    Idempotent per `source_ref` (e.g. `"enrollment:12"`, `"external:3"`): a second
    call with the same reference returns the first credit unchanged.
    """
    errors = FieldErrors()
    try:
        amount = round(float(jp), 2)  # what is stored: 0.001 JP is no credit at all
    except (TypeError, ValueError, OverflowError):
        amount = 0.0
    if isinstance(jp, bool) or not 0 < amount <= MAX_JP_PER_CREDIT:
        errors.add("jp", _l("Enter JP greater than 0 and at most %(n)s.", n=MAX_JP_PER_CREDIT))
    if not isinstance(on, date):
        errors.add("on", _l("Use the date format YYYY-MM-DD."))
    if not source or len(source) > 40:
        errors.add("source", _l("This field is required."))
    if not source_ref or len(source_ref) > 100:
        errors.add("source_ref", _l("This field is required."))
    if db.session.get(User, user_id) is None:
        errors.add("user_id", _l("Unknown person."))
    raise_if_errors(errors, CompetencyError)
    existing = db.session.scalar(select(JpCredit).where(JpCredit.source_ref == source_ref))
    if existing is not None:
        return existing
    credit = JpCredit(
        user_id=user_id,
        year=on.year,
        credited_on=on,
        jp=amount,
        source=source,
        source_ref=source_ref,
        recorded_by_id=recorded_by_id,
    )
    try:
        with db.session.begin_nested():
            db.session.add(credit)
    except IntegrityError:  # the same reference was credited concurrently
        existing = db.session.scalar(select(JpCredit).where(JpCredit.source_ref == source_ref))
        if existing is None:
            raise
        return existing
    return credit


def earned_subquery(year: int) -> Any:
    """Subquery `(user_id, earned)` of JP credited per person in `year`."""
    return (
        select(JpCredit.user_id, func.sum(JpCredit.jp).label("earned"))
        .where(JpCredit.year == year)
        .group_by(JpCredit.user_id)
        .subquery("jp_earned")
    )


def jp_earned_bulk(user_ids_or_select: UserIds, year: int) -> dict[int, float]:
    """JP earned in `year` by each given person (0.0 for none), set-wise in one query per batch."""
    earned = earned_subquery(year)
    result: dict[int, float] = {}
    for batch in id_batches(user_ids_or_select):
        rows = db.session.execute(
            select(User.id, func.coalesce(earned.c.earned, 0.0))
            .outerjoin(earned, earned.c.user_id == User.id)
            .where(User.id.in_(batch))
        )
        result.update({user_id: round(float(value), 2) for user_id, value in rows})
    return result


@dataclass(frozen=True)
class JpSummary:
    """One person's JP for a year: earned, target, cap and the flags shown on the profile."""

    year: int
    earned: float
    target: float
    cap: float | None

    @property
    def below_target(self) -> bool:
        return below_target(self.earned, self.target)

    @property
    def above_cap(self) -> bool:
        return above_cap(self.earned, self.cap)

    @property
    def percent(self) -> float:
        """Progress towards the target (0–100), for a progress bar."""
        if self.target <= 0:
            return 100.0
        return min(round(self.earned * 100.0 / self.target, 1), 100.0)


def jp_summary(person: User, year: int) -> JpSummary:
    """Earned JP, target and cap of one person for a calendar year."""
    earned = jp_earned_bulk([person.id], year).get(person.id, 0.0)
    return JpSummary(year, earned, jp_target_for(person.employment), jp_cap_for(person.employment))


def jp_credits_of(person: User, year: int) -> list[JpCredit]:
    """The ledger lines of one person and year, newest first."""
    return list(
        db.session.scalars(
            select(JpCredit)
            .where(JpCredit.user_id == person.id, JpCredit.year == year)
            .order_by(JpCredit.credited_on.desc(), JpCredit.id.desc())
        )
    )


def _target_expression() -> Any:
    return case(
        (User.employment == Employment.PPPK, literal(jp_target_for(Employment.PPPK))),
        else_=literal(jp_target_for(Employment.PNS)),
    )


def unit_people(unit: Unit, *, include_subunits: bool = True) -> Select:
    """Select of the ids of the active people of a unit (and its sub-units)."""
    units = (
        select(Unit.id).where(Unit.path.startswith(unit.path, autoescape=True))
        if include_subunits
        else select(literal(unit.id))
    )
    return select(User.id).where(User.active.is_(True), User.unit_id.in_(units))


@dataclass(frozen=True)
class Compliance:
    """A unit's JP compliance for a year."""

    year: int
    people: int
    with_target: int
    at_or_above: int

    @property
    def percent(self) -> float | None:
        return compliance_percent(self.at_or_above, self.with_target)

    @property
    def below(self) -> int:
        return self.with_target - self.at_or_above


def unit_compliance(people: Select, year: int) -> tuple[Compliance, Select]:
    """The compliance figures (one query) and a select of those below target, lowest first.

    The select yields `(User, earned, target)` rows for pagination.
    """
    earned = earned_subquery(year)
    earned_value = cast(func.coalesce(earned.c.earned, 0.0), Float)
    target = _target_expression()
    base = select(User).outerjoin(earned, earned.c.user_id == User.id).where(User.id.in_(people))
    with_target = func.sum(case((target > 0, 1), else_=0))
    reached = func.sum(case((and_(target > 0, earned_value >= target), 1), else_=0))
    totals = db.session.execute(base.with_only_columns(func.count(User.id), with_target, reached)).one()
    figures = Compliance(year, totals[0] or 0, int(totals[1] or 0), int(totals[2] or 0))
    below = (
        base.add_columns(earned_value.label("earned"), target.label("target"))
        .where(target > 0, earned_value < target)
        .order_by(earned_value, User.name, User.id)
    )
    return figures, below
