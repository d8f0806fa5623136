"""Benchmark: a whole agency's merit profiles and the talent grid, at 10,000 people.

    .venv/bin/python bench/merit_scale.py            # a fresh SQLite file in a temp folder
    BENCH_PEOPLE=100000 .venv/bin/python bench/merit_scale.py
    BENCH_DATABASE_URL=postgresql+psycopg://… .venv/bin/python bench/merit_scale.py   # emptied first!

Builds people in 20 units with position standards and competency evidence (for the
JPM), two years of annual evaluations, potential assessments for most, absences,
sanctions, rewards, unpaid leave and a person-level KPI with values; then prints the
seconds and SQL statements of: the whole-agency recompute (every person's full merit
profile with recommendations, stored as 9-box snapshots), the talent grid of the root
unit (counts and user ids per box) and one page of a box's people.
"""

from __future__ import annotations

import os
import random
import sys
import time
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import event, insert, select, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app
from app.competency.models import Competency, Evidence, PositionRequirement
from app.extensions import db
from app.merit.enums import DisciplineLevel, EvaluationStatus, KpiDirection, KpiLevel, Rating
from app.merit.models import (
    AbsenceRecord,
    KpiDefinition,
    KpiValue,
    PerformanceEvaluation,
    PotentialAssessment,
    Reward,
    Sanction,
    UnpaidLeave,
)
from app.merit.rules import predicate_for
from app.merit.services.snapshots import recompute_all
from app.merit.services.talent import box_people_query, grid_counts, grid_ids
from app.org.enums import Tier
from app.org.models import Position, Unit, User
from app.ui.pagination import paginate_rows
from bench._support import database_url

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "10000"))
UNITS = 20
BATCH = 20000


def _bulk(model, rows: list[dict]) -> None:
    for start in range(0, len(rows), BATCH):
        db.session.execute(insert(model), rows[start : start + BATCH])


def build(rng: random.Random, year: int) -> None:
    """The agency, inserted in bulk."""
    session = db.session
    root = Unit(code="ROOT", name="Agency", path="/")
    session.add(root)
    session.flush()
    root.path = f"/{root.id}/"
    units = []
    for n in range(UNITS):
        unit = Unit(code=f"U{n}", name=f"Unit {n}", parent_id=root.id, path="/")
        session.add(unit)
        session.flush()
        unit.path = f"{root.path}{unit.id}/"
        units.append(unit)
    positions = [Position(code=f"P{n}", name=f"Position {n}", tier=tier) for n, tier in enumerate(Tier)]
    session.add_all(positions)
    session.flush()
    fixed = session.scalars(select(Competency.id).where(Competency.fixed.is_(True))).all()
    _bulk(
        PositionRequirement,
        [{"position_id": p.id, "competency_id": c, "level": 3} for p in positions for c in fixed],
    )
    _bulk(
        User,
        [
            {
                "username": f"u{i}",
                "password_hash": "x",
                "name": f"Pegawai {i:06d}",
                "email": f"u{i}@example.go.id",
                "unit_id": units[i % UNITS].id,
                "position_id": positions[i % len(positions)].id,
                "appointed_on": date(rng.randint(1990, 2022), rng.randint(1, 12), 1),
            }
            for i in range(PEOPLE)
        ],
    )
    ids = session.scalars(select(User.id)).all()
    today = date.today()
    evidence, evaluations, assessments, absences, sanctions, rewards, leave = [], [], [], [], [], [], []
    kpi = KpiDefinition(
        code="KPI-BENCH",
        name="Bench KPI",
        unit_of_measure="%",
        direction=KpiDirection.HIGHER,
        level=KpiLevel.PERSON,
        source="manual",
        default_target=90.0,
    )
    session.add(kpi)
    session.flush()
    values = []
    ratings = list(Rating)
    for uid in ids:
        for cid in fixed:
            evidence.append(
                {
                    "user_id": uid,
                    "competency_id": cid,
                    "level": rng.randint(1, 4),
                    "source": "assessment",
                    "override": False,
                    "note": "bench",
                    "effective_on": today - timedelta(days=30),
                }
            )
        for y in (year - 1, year):
            wr, wb = rng.choice(ratings), rng.choice(ratings)
            evaluations.append(
                {
                    "user_id": uid,
                    "period": str(y),
                    "year": y,
                    "work_result": wr,
                    "work_behavior": wb,
                    "predicate": predicate_for(wr, wb),
                    "status": EvaluationStatus.ACKNOWLEDGED,
                    "notes": "",
                }
            )
        if rng.random() < 0.7:
            assessments.append(
                {
                    "user_id": uid,
                    "assessed_on": date(year - 1, 6, 1),
                    "score": rng.randint(30, 99),
                    "note": "",
                }
            )
        if rng.random() < 0.05:
            days = rng.randint(1, 30)
            absences.append({"user_id": uid, "year": year, "days": days, "longest_consecutive": min(days, 3)})
        if rng.random() < 0.02:
            sanctions.append(
                {
                    "user_id": uid,
                    "kind": "potongan_tukin_6",
                    "level": DisciplineLevel.SEDANG,
                    "legal_basis": "PP 94/2021",
                    "description": "",
                    "decided_on": date(year, 2, 1),
                    "starts_on": date(year, 2, 1),
                    "ends_on": date(year, 7, 31),
                }
            )
        if rng.random() < 0.03:
            rewards.append(
                {
                    "user_id": uid,
                    "kind": "pegawai_teladan",
                    "awarded_on": date(year - 1, 8, 17),
                    "description": "",
                }
            )
        if rng.random() < 0.01:
            leave.append(
                {"user_id": uid, "starts_on": date(2015, 1, 1), "ends_on": date(2015, 12, 31), "note": ""}
            )
        values.append(
            {
                "kpi_id": kpi.id,
                "period": str(year),
                "year": year,
                "subject_id": uid,
                "actual": float(rng.randint(50, 100)),
                "note": "",
            }
        )
    for model, rows in (
        (Evidence, evidence),
        (PerformanceEvaluation, evaluations),
        (PotentialAssessment, assessments),
        (AbsenceRecord, absences),
        (Sanction, sanctions),
        (Reward, rewards),
        (UnpaidLeave, leave),
        (KpiValue, values),
    ):
        _bulk(model, rows)
    session.commit()
    session.execute(text("ANALYZE"))  # fresh statistics, as autovacuum would keep them
    session.commit()
    print(
        f"built {len(ids)} people in {UNITS + 1} units: "
        f"{len(evidence)} evidence rows, {len(evaluations)} evaluations"
    )


@contextmanager
def measured(label: str):
    """Print the seconds and SQL statements of the block."""
    statements: list[str] = []

    def count(*args) -> None:
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    started = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - started
        event.remove(db.engine, "before_cursor_execute", count)
        print(f"{label}: {elapsed:.2f} s, {len(statements)} SQL statements")


def main() -> None:
    url = database_url()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "SERVER_NAME": None})
    with app.app_context(), app.test_request_context("/"):
        from flask_migrate import upgrade

        upgrade()
        year = date.today().year
        build(random.Random(7), year)
        with measured(f"whole-agency recompute ({PEOPLE} merit profiles with recommendations, {year})"):
            count = recompute_all(year)
            db.session.commit()
        root = db.session.scalar(select(Unit).where(Unit.code == "ROOT"))
        with measured(f"talent grid of the whole agency ({count} people placed or not)"):
            counts = grid_counts(root, year)
            boxes = grid_ids(root, year)
        print("  people per box: " + ", ".join(f"{b}: {len(boxes[str(b)])}" for b in range(1, 10)))
        print(f"  placed {counts.placed}, unplaced {counts.unplaced}")
        with measured("one page (50) of box 9's people"):
            paginate_rows(box_people_query(root, year, {9}), 3, 50).items  # noqa: B018
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
