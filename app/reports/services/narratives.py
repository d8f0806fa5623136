"""The qualitative part of the evaluation report: narrative, strengths, areas to improve (one per year)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.merit.rules import MAX_YEAR, MIN_YEAR
from app.org.models import User
from app.reports.errors import ReportError
from app.reports.models import EvaluationNarrative
from app.reports.permissions import can_write_narrative
from app.validation import FieldErrors, raise_if_errors

FIELDS = ("narrative", "strengths", "improvements")
MAX_LENGTH = 10_000


def save_narrative(actor: Any, person: User, year: int, data: dict[str, Any]) -> EvaluationNarrative:
    """Create or replace the narrative of `person` for `year` (flushes; the view commits).

    The row is locked while it is changed, and a concurrent first save meets the
    unique (person, year) constraint inside a savepoint and then updates the winner's row.
    """
    if not can_write_narrative(actor, person):
        raise ReportError(str(_l("You may not write this report.")), status=403, code="forbidden")
    errors = FieldErrors()
    if not MIN_YEAR <= year <= MAX_YEAR:
        errors.add("year", _l("Choose a year between %(low)s and %(high)s.", low=MIN_YEAR, high=MAX_YEAR))
    values = {}
    for name in FIELDS:
        value = str(data.get(name) or "").strip()
        if len(value) > MAX_LENGTH:
            errors.add(name, _l("At most %(n)s characters.", n=MAX_LENGTH))
        values[name] = value
    raise_if_errors(errors, ReportError)
    row = _locked(person.id, year)
    if row is None:
        try:
            with db.session.begin_nested():
                row = EvaluationNarrative(user_id=person.id, year=year, author_id=actor.id, **values)
                db.session.add(row)
        except IntegrityError:  # a concurrent first save won: update its row instead
            row = _locked(person.id, year)
            if row is None:
                raise
    for name, value in values.items():
        setattr(row, name, value)
    row.author_id = actor.id
    db.session.flush()
    return row


def _locked(user_id: int, year: int) -> EvaluationNarrative | None:
    return db.session.scalar(
        select(EvaluationNarrative)
        .where(EvaluationNarrative.user_id == user_id, EvaluationNarrative.year == year)
        .with_for_update()
    )
