"""Benchmark: the report dashboards of an agency with 10,000 people.

    .venv/bin/python bench/reports_scale.py            # a fresh SQLite file in a temp folder
    BENCH_SQLITE=/tmp/r.db .venv/bin/python bench/reports_scale.py   # built once, reused after
    BENCH_DATABASE_URL=postgresql+psycopg://… .venv/bin/python bench/reports_scale.py  # emptied!

Builds 61 units (a root, 6 agencies, 54 sections), 10,000 people on 6 positions with
five-competency standards, 30,000 pieces of evidence, 15,000 JP credits, a final annual
evaluation for 9 of 10 people, their 9-box snapshots, 20,000 survey responses and 4,000
complaints. Then requests, as an admin through the test client (whole page: queries,
charts and templates), the HR dashboard of the root and of an agency, the agency
dashboard, the XLSX download of the people list (10,000 rows), one evaluation report
page and its PDF, and prints the time (best of three) and the statements each needs.
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
from app.competency.models import Competency, Evidence, JpCredit, PositionRequirement
from app.extensions import db
from app.merit.models import PerformanceEvaluation, ProfileSnapshot
from app.org.models import Position, Unit, User, UserRole
from app.security import Role
from app.service_quality.enums import Category, Channel, ComplaintStatus
from app.service_quality.models import Complaint, SurveyAnswer, SurveyElement, SurveyResponse
from bench._support import database_url

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "10000"))
RESPONSES = 20000
COMPLAINTS = 4000
YEAR = date.today().year
PREDICATES = [
    ("sangat_baik", "above", "above"),
    ("baik", "meets", "meets"),
    ("baik", "above", "meets"),
    ("butuh_perbaikan", "below", "meets"),
    ("kurang", "meets", "below"),
]


def _unit(code: str, name: str, parent: Unit | None) -> Unit:
    unit = Unit(code=code, name=name, parent_id=parent.id if parent else None, path="/")
    db.session.add(unit)
    db.session.flush()
    unit.path = f"{parent.path if parent else '/'}{unit.id}/"
    return unit


def _units() -> list[Unit]:
    root = _unit("PROV", "Province", None)
    units = [root]
    for a in range(6):
        agency = _unit(f"A{a}", f"Agency {a}", root)
        units.append(agency)
        units.extend(_unit(f"A{a}S{s}", f"Section {a}.{s}", agency) for s in range(9))
    return units


def build(rng: random.Random) -> None:
    """Everything inserted in bulk."""
    session = db.session
    units = _units()
    leaves = [u.id for u in units if "S" in u.code]
    competencies = list(session.scalars(select(Competency.id).order_by(Competency.id)))
    positions = []
    for p in range(6):
        position = Position(code=f"POS{p}", name=f"Jabatan {p}", tier="pelaksana")
        session.add(position)
        session.flush()
        positions.append(position.id)
        for c in rng.sample(competencies, 5):
            session.add(
                PositionRequirement(position_id=position.id, competency_id=c, level=rng.randint(1, 4))
            )
    session.flush()
    session.execute(
        insert(User),
        [
            {
                "username": f"p{i}",
                "password_hash": "x",
                "name": f"Pegawai {i:05d}",
                "email": f"p{i}@x.go.id",
                "nip": f"19{70 + i % 30}{1 + i // 30 % 12:02d}{1 + i // 360 % 28:02d}2015031{i % 1000:03d}",
                "unit_id": leaves[i % len(leaves)],
                "position_id": positions[i % len(positions)],
                "employment": "pns" if i % 10 else "pppk",
                "appointed_on": date(2015, 3, 1),
            }
            for i in range(PEOPLE)
        ],
    )
    people = list(session.scalars(select(User.id).order_by(User.id)))
    session.execute(insert(UserRole), [{"user_id": u, "role": Role.EMPLOYEE} for u in people])
    day = date(YEAR, 1, 15)
    session.execute(
        insert(Evidence),
        [
            {
                "user_id": u,
                "competency_id": rng.choice(competencies),
                "level": rng.randint(1, 5),
                "source": "assessment",
                "effective_on": day,
                "recorded_at": datetime(YEAR, 1, 15, tzinfo=UTC),
            }
            for u in people
            for _ in range(3)
        ],
    )
    session.execute(
        insert(JpCredit),
        [
            {
                "user_id": u,
                "year": YEAR,
                "credited_on": day,
                "jp": rng.choice((4, 8, 12, 16, 20, 24)),
                "source": "external",
                "source_ref": f"bench:{u}:{k}",
                "recorded_at": datetime(YEAR, 1, 15, tzinfo=UTC),
            }
            for u in people
            for k in range(1 + u % 2)
            if u % 4
        ],
    )
    now = datetime.now(UTC)
    evaluated = [u for u in people if u % 10]
    choices = [rng.choice(PREDICATES) for _ in evaluated]
    session.execute(
        insert(PerformanceEvaluation),
        [
            {
                "user_id": u,
                "period": str(YEAR),
                "year": YEAR,
                "work_result": result,
                "work_behavior": behavior,
                "predicate": predicate,
                "status": "finalised",
                "notes": "",
                "finalised_at": now,
            }
            for u, (predicate, result, behavior) in zip(evaluated, choices, strict=True)
        ],
    )
    session.execute(
        insert(ProfileSnapshot),
        [
            {"user_id": u, "year": YEAR, "box": rng.randint(1, 9), "recommendations": 0, "computed_at": now}
            for u in evaluated
        ],
    )
    elements = list(session.scalars(select(SurveyElement.id).order_by(SurveyElement.position)))
    days = [date(YEAR, 1, 1) + timedelta(days=rng.randint(0, 300)) for _ in range(RESPONSES)]
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
    responses = list(session.scalars(select(SurveyResponse.id)))
    session.execute(
        insert(SurveyAnswer),
        [
            {"response_id": r, "element_id": e, "value": rng.choice((2, 3, 4))}
            for r in responses
            for e in elements
        ],
    )
    statuses = list(ComplaintStatus)
    session.execute(
        insert(Complaint),
        [
            {
                "tracking_code": f"B{i:018d}",
                "unit_id": rng.choice(leaves),
                "channel": Channel.WEB,
                "category": Category.PENGADUAN,
                "text": "bench",
                "service_date": date(YEAR, 1, 10),
                "status": rng.choice(statuses),
                "received_at": datetime(YEAR, 1, 10, tzinfo=UTC) + timedelta(hours=i),
                "due_on": date(YEAR, 1, 20),
            }
            for i in range(COMPLAINTS)
        ],
    )
    admin = User(username="admin", password_hash="x", name="Admin", email="admin@x.go.id")
    admin.set_roles({Role.ADMIN})
    session.add(admin)
    session.commit()
    print(
        f"built {len(units)} units, {len(people)} people, {len(evaluated)} evaluations, "
        f"{len(responses)} responses"
    )


def _timed(client, label: str, url: str, runs: int = 3) -> None:
    statements: list[tuple[float, str]] = []
    started_at: list[float] = []

    def before(*args) -> None:
        started_at.append(time.perf_counter())

    def after(conn, cursor, statement, *args) -> None:
        statements.append((time.perf_counter() - started_at.pop(), statement))

    best = None
    for _ in range(runs):
        statements.clear()
        event.listen(db.engine, "before_cursor_execute", before)
        event.listen(db.engine, "after_cursor_execute", after)
        started = time.perf_counter()
        try:
            response = client.get(url)
        finally:
            event.remove(db.engine, "before_cursor_execute", before)
            event.remove(db.engine, "after_cursor_execute", after)
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, (url, response.status_code)
        best = elapsed if best is None else min(best, elapsed)
    size = len(response.data)
    in_sql = sum(t for t, _s in statements)
    print(
        f"{label}: {best:.3f} s (best of {runs}), {len(statements)} statements "
        f"({in_sql:.3f} s in SQL), {size / 1024:.0f} KB"
    )
    if os.environ.get("BENCH_SLOWEST"):
        for seconds, statement in sorted(statements, reverse=True)[:3]:
            print(f"    {seconds:.3f} s  {' '.join(statement.split())[:160]}")


def main() -> None:
    url = database_url()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "SERVER_NAME": None})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        if db.session.scalar(select(User.id).where(User.username == "admin")) is None:
            build(random.Random(7))
        admin = db.session.scalar(select(User).where(User.username == "admin"))
        root = db.session.scalar(select(Unit).where(Unit.code == "PROV"))
        agency = db.session.scalar(select(Unit).where(Unit.code == "A0"))
        person = db.session.scalar(select(User).where(User.username == "p1"))
        admin_id, root_id, agency_id, person_id = admin.get_id(), root.id, agency.id, person.id
        db.session.remove()
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = admin_id
        session["_fresh"] = True
    with app.app_context():
        _timed(
            client,
            f"HR dashboard, whole agency ({PEOPLE} people)",
            f"/reports/dashboard?unit_id={root_id}&year={YEAR}",
        )
        _timed(client, "HR dashboard, one agency", f"/reports/dashboard?unit_id={agency_id}&year={YEAR}")
        _timed(client, "Agency dashboard (6 agencies)", f"/reports/agency?year={YEAR}")
        _timed(
            client,
            "Agency dashboard, sub-units of one agency",
            f"/reports/agency?unit_id={agency_id}&year={YEAR}",
        )
        _timed(
            client,
            "Dashboard comparison as XLSX",
            f"/reports/dashboard?unit_id={root_id}&year={YEAR}&format=xlsx",
        )
        _timed(client, f"People list as XLSX ({PEOPLE} rows)", "/people?format=xlsx&status=active", runs=1)
        _timed(client, f"People list as CSV ({PEOPLE} rows)", "/people?format=csv&status=active", runs=1)
        _timed(client, "Evaluation report page", f"/reports/evaluation/{person_id}?year={YEAR}")
        _timed(client, "Evaluation report PDF", f"/reports/evaluation/{person_id}/pdf?year={YEAR}", runs=1)
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
