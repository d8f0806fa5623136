"""Importing older PP 46/2011 evaluations (numeric scores) as read-only records."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from app.audit.services import record_audit
from app.extensions import db
from app.merit.enums import EvaluationStatus
from app.merit.errors import MeritError
from app.merit.models import PerformanceEvaluation
from app.merit.permissions import can_manage_records
from app.merit.rules import MAX_YEAR, MIN_YEAR, legacy_score
from app.merit.services.snapshots import refresh_snapshots
from app.org.models import User

HEADERS = {
    "person": ("nip", "username"),
    "year": ("year", "tahun"),
    "skp": ("skp", "nilai_skp"),
    "behavior": ("behavior", "perilaku", "nilai_perilaku"),
}
MAX_ROWS = 20000


@dataclass
class LegacyImport:
    """What an import did, or every problem that stopped it (nothing is saved then)."""

    created: int = 0
    errors: list[str] = field(default_factory=list)


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    return next((lowered.index(n) for n in names if n in lowered), None)


def import_legacy(actor: Any, raw: bytes) -> LegacyImport:
    """Read `nip` (or `username`), `year`, `skp` and `behavior` columns; all rows or none.

    Each row becomes an imported annual evaluation with the PP 46/2011 final score
    (60% SKP + 40% behaviour), its category, and the matching predicate for the trend
    and the 9-box. Raises `MeritError` listing the problems per line.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MeritError(
            str(_l("The file must be UTF-8 text (CSV).")), {"file": [str(_l("Not UTF-8."))]}
        ) from None
    rows = list(csv.reader(io.StringIO(text), delimiter=";" if text.count(";") > text.count(",") else ","))
    if not rows:
        raise MeritError(str(_l("The file is empty.")), {"file": [str(_l("The file is empty."))]})
    header, body = rows[0], [r for r in rows[1:] if any(c.strip() for c in r)]
    columns = {key: _column(header, names) for key, names in HEADERS.items()}
    missing = [HEADERS[k][0] for k, v in columns.items() if v is None]
    if missing or len(body) > MAX_ROWS:
        message = (
            _l("Missing columns: %(cols)s.", cols=", ".join(missing)) if missing else _l("Too many rows.")
        )
        raise MeritError(str(message), {"file": [str(message)]})
    keys = {row[columns["person"]].strip() for row in body if len(row) > columns["person"]}
    people = {
        key: person
        for person in db.session.scalars(
            select(User).where(or_(User.nip.in_(keys), func.lower(User.username).in_(keys)))
        )
        for key in (person.nip, person.username)
        if key
    }
    result = LegacyImport()
    evaluations: list[PerformanceEvaluation] = []
    seen: set[tuple[int, int]] = set()
    for line, row in enumerate(body, start=2):
        try:
            key = row[columns["person"]].strip()
            year = int(row[columns["year"]])
            skp = float(row[columns["skp"]].replace(",", "."))
            behavior = float(row[columns["behavior"]].replace(",", "."))
        except (IndexError, ValueError):
            result.errors.append(str(_l("Line %(n)s: the year and both scores must be numbers.", n=line)))
            continue
        try:
            score = legacy_score(skp, behavior)
        except ValueError as exc:
            result.errors.append(str(_l("Line %(n)s: %(problem)s", n=line, problem=exc.args[0])))
            continue
        person = people.get(key) or people.get(key.lower())
        if person is None or not can_manage_records(actor, person):
            result.errors.append(str(_l("Line %(n)s: unknown person %(key)s.", n=line, key=key)))
            continue
        if not MIN_YEAR <= year <= MAX_YEAR or (person.id, year) in seen:
            result.errors.append(str(_l("Line %(n)s: the year is invalid or repeated.", n=line)))
            continue
        seen.add((person.id, year))
        evaluations.append(
            PerformanceEvaluation(
                user_id=person.id,
                period=str(year),
                year=year,
                predicate=score.predicate,
                status=EvaluationStatus.IMPORTED,
                legacy_skp=score.skp,
                legacy_behavior=score.behavior,
                legacy_score=score.final,
                legacy_category=score.category,
                created_by_id=actor.id,
            )
        )
    existing = set()
    if seen:
        existing = {
            (u, y)
            for u, y in db.session.execute(
                select(PerformanceEvaluation.user_id, PerformanceEvaluation.year).where(
                    PerformanceEvaluation.user_id.in_({u for u, _ in seen}),
                    PerformanceEvaluation.period.in_({str(y) for _, y in seen}),
                )
            )
        }
    for evaluation in evaluations:
        if (evaluation.user_id, evaluation.year) in existing:
            result.errors.append(
                str(
                    _l(
                        "%(period)s already has an evaluation for person #%(id)s.",
                        period=evaluation.period,
                        id=evaluation.user_id,
                    )
                )
            )
    if result.errors:
        raise MeritError(str(_l("Nothing was imported.")), {"file": result.errors})
    db.session.add_all(evaluations)
    db.session.flush()
    for evaluation in evaluations:
        record_audit(
            "merit.evaluation.imported",
            actor_id=actor.id,
            subject_type="evaluation",
            subject_id=evaluation.id,
            subject_user_id=evaluation.user_id,
            details={
                "period": evaluation.period,
                "legacy_score": evaluation.legacy_score,
                "legacy_category": evaluation.legacy_category,
            },
        )
    refresh_snapshots({e.user_id for e in evaluations}, sorted({e.year for e in evaluations}))
    result.created = len(evaluations)
    return result
