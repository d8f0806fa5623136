"""Benchmark: IKM and service KPIs of a province-sized agency.

    .venv/bin/python bench/service_quality_scale.py            # a fresh SQLite file in a temp folder
    BENCH_DATABASE_URL=postgresql+psycopg://… .venv/bin/python bench/service_quality_scale.py  # emptied!

Builds 60 units (a root, 5 agencies, 54 sections), 100,000 survey responses (900,000
answers) over a year, 20,000 complaints at every step assigned to 2,000 officers, 300
services and 200 innovations, then prints how long the IKM of every unit takes (set-wise,
each unit with its sub-units), each KPI source over every unit or every officer, and how
many statements the staff overview page needs for a page of units.
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import event, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app
from app.extensions import db
from app.org.models import Unit, User
from app.service_quality.enums import Category, Channel, ComplaintStatus
from app.service_quality.models import (
    Complaint,
    Innovation,
    PublicService,
    SurveyAnswer,
    SurveyElement,
    SurveyResponse,
)
from app.service_quality.services.kpis import KPI_SOURCES
from app.service_quality.services.survey import ikm_by_unit
from bench._support import database_url

RESPONSES = int(os.environ.get("BENCH_RESPONSES", "100000"))
COMPLAINTS = int(os.environ.get("BENCH_COMPLAINTS", "20000"))
OFFICERS = 2000
YEAR = date.today().year


def _units() -> list[Unit]:
    session = db.session
    root = Unit(code="PROV", name="Province", path="/")
    session.add(root)
    session.flush()
    root.path = f"/{root.id}/"
    units = [root]
    for a in range(5):
        agency = Unit(code=f"A{a}", name=f"Agency {a}", parent_id=root.id, path="/")
        session.add(agency)
        session.flush()
        agency.path = f"{root.path}{agency.id}/"
        units.append(agency)
        for s in range(54 // 5 + (1 if a < 54 % 5 else 0)):
            section = Unit(code=f"A{a}S{s}", name=f"Section {a}.{s}", parent_id=agency.id, path="/")
            session.add(section)
            session.flush()
            section.path = f"{agency.path}{section.id}/"
            units.append(section)
    return units


def build(rng: random.Random) -> tuple[list[int], list[int]]:
    """Everything inserted in bulk; returns the unit ids and the officer ids."""
    session = db.session
    units = _units()
    leaves = [u.id for u in units if u.code.count("S")]
    session.execute(
        insert(User),
        [
            {
                "username": f"o{i}",
                "password_hash": "x",
                "name": f"Petugas {i}",
                "email": f"o{i}@x.go.id",
                "unit_id": leaves[i % len(leaves)],
            }
            for i in range(OFFICERS)
        ],
    )
    officers = list(session.scalars(select(User.id)))
    session.execute(
        insert(PublicService),
        [
            {
                "unit_id": leaves[i % len(leaves)],
                "name": f"Layanan {i}",
                "description": "",
                "digital": rng.random() < 0.5,
                "active": True,
            }
            for i in range(300)
        ],
    )
    session.execute(
        insert(Innovation),
        [
            {
                "unit_id": rng.choice(leaves),
                "title": f"Inovasi {i}",
                "description": "",
                "evidence": "SK",
                "implemented_on": date(YEAR, rng.randint(1, 12), rng.randint(1, 28)),
            }
            for i in range(200)
        ],
    )
    elements = list(session.scalars(select(SurveyElement.id).order_by(SurveyElement.position)))
    for start in range(0, RESPONSES, 10000):
        batch = min(10000, RESPONSES - start)
        days = [date(YEAR, 1, 1) + timedelta(days=rng.randint(0, 360)) for _ in range(batch)]
        session.execute(
            insert(SurveyResponse),
            [
                {
                    "unit_id": rng.choice(leaves),
                    "service_date": d,
                    "submitted_on": d,
                    "submitted_at": datetime(d.year, d.month, d.day, 3, tzinfo=UTC),
                }
                for d in days
            ],
        )
    response_ids = list(session.scalars(select(SurveyResponse.id)))
    for start in range(0, len(response_ids), 5000):
        session.execute(
            insert(SurveyAnswer),
            [
                {"response_id": r, "element_id": e, "value": rng.choice((2, 3, 3, 4, 4))}
                for r in response_ids[start : start + 5000]
                for e in elements
            ],
        )
    statuses = list(ComplaintStatus)
    rows = []
    for i in range(COMPLAINTS):
        received = datetime(YEAR, 1, 1, tzinfo=UTC) + timedelta(hours=rng.randint(0, 360 * 24))
        status = rng.choice(statuses)
        assigned = status in (
            ComplaintStatus.ASSIGNED,
            ComplaintStatus.IN_PROGRESS,
            ComplaintStatus.RESOLVED,
            ComplaintStatus.CLOSED,
        )
        resolved = status in (ComplaintStatus.RESOLVED, ComplaintStatus.CLOSED)
        rows.append(
            {
                "tracking_code": f"B{i:018d}",
                "unit_id": rng.choice(leaves),
                "channel": Channel.WEB,
                "category": Category.PENGADUAN,
                "text": "bench",
                "service_date": received.date(),
                "status": status,
                "officer_id": rng.choice(officers) if assigned else None,
                "received_at": received,
                "first_response_at": received + timedelta(hours=rng.randint(1, 72)),
                "assigned_at": received + timedelta(hours=2) if assigned else None,
                "started_at": received + timedelta(hours=5) if assigned else None,
                "resolved_at": received + timedelta(hours=rng.randint(3, 120)) if resolved else None,
                "due_on": received.date() + timedelta(days=7),
            }
        )
    for start in range(0, len(rows), 5000):
        session.execute(insert(Complaint), rows[start : start + 5000])
    session.commit()
    print(
        f"built {len(units)} units, {len(response_ids)} responses, "
        f"{COMPLAINTS} complaints, {OFFICERS} officers"
    )
    return [u.id for u in units], officers


def _timed(label: str, call) -> None:
    started = time.perf_counter()
    statements: list[str] = []
    listener = lambda *a: statements.append(a[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    print(f"{label}: {time.perf_counter() - started:.2f} s, {len(statements)} statements")


def main() -> None:
    url = database_url()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "SERVER_NAME": None})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        unit_ids, officers = build(random.Random(7))
        start, end = date(YEAR, 1, 1), date(YEAR, 12, 31)
        _timed(
            f"IKM of all {len(unit_ids)} units (with sub-units)", lambda: ikm_by_unit(unit_ids, start, end)
        )
        root = db.session.scalar(select(Unit).where(Unit.code == "PROV"))
        result = ikm_by_unit([root.id], start, end)[root.id].ikm.as_numbers()
        print(
            f"  the province: {result['respondents']} respondents, "
            f"converted IKM {result['converted']} ({result['grade']})"
        )
        for source in KPI_SOURCES:
            subjects = officers if source.level == "person" else unit_ids
            _timed(
                f"{source.code} over {len(subjects)} {source.level}s",
                lambda s=source, ids=subjects: s.compute(start, end, ids),
            )
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
