"""All evaluation reports of a unit (and its sub-units) as one ZIP of PDFs, built by a background job."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import Select, func, select

from app.extensions import db
from app.org.models import Unit, User
from app.reports.services.evaluation import evaluation_report, report_filename

ZIP_JOB = "reports.evaluation_zip"
Progress = Callable[[int, int, str], None]


def unit_people_query(unit: Unit) -> Select:
    """Active people of the unit's subtree, by name."""
    units = select(Unit.id).where(Unit.path.startswith(unit.path, autoescape=True))
    return select(User).where(User.active.is_(True), User.unit_id.in_(units)).order_by(User.name, User.id)


def write_unit_zip(
    unit: Unit,
    year: int,
    target: Path,
    render: Callable[[object], bytes],
    progress: Progress,
    *,
    today: date | None = None,
) -> int:
    """Write one PDF per person into the ZIP at `target`; returns how many were written.

    `render(report) -> bytes` turns a report into a PDF (the caller owns templates and
    locale). Progress is reported after each person; ids are read first so the loop
    does not hold a cursor open while it commits progress.
    """
    query = unit_people_query(unit)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    ids = list(db.session.scalars(query.with_only_columns(User.id)))
    target.parent.mkdir(parents=True, exist_ok=True)
    progress(0, total, "")
    done = 0
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for user_id in ids:
            person = db.session.get(User, user_id)
            if person is None:
                continue
            archive.writestr(
                report_filename(person, year, "pdf"), render(evaluation_report(person, year, today=today))
            )
            done += 1
            progress(done, total, person.name)
    return done
