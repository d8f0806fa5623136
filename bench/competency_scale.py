"""Benchmark: JPM of a whole agency and the unit heatmap, at 10,000 people × 9 competencies.

    .venv/bin/python bench/competency_scale.py            # a fresh SQLite file in a temp folder
    BENCH_DATABASE_URL=postgresql+psycopg://… .venv/bin/python bench/competency_scale.py   # emptied first!

Builds 10k people in 20 units with tier-based standards for the nine fixed
competencies and ~1.6 evidence rows per person and competency (some expired,
some overrides), then prints the time to compute every person's JPM set-wise,
the JP totals, and the number of SQL statements one heatmap page and the unit
summary take for a unit of 2,000 people (it does not grow with the unit).
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import event, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app
from app.competency.models import Competency, Evidence, JpCredit, PositionRequirement
from app.competency.services import job_person_match_bulk, jp_earned_bulk, unit_people
from app.competency.services.heatmap import heatmap_page, unit_summary
from app.extensions import db
from app.org.enums import Tier
from app.org.models import Position, Unit, User
from bench._support import database_url

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "10000"))
UNITS = 20


def build(rng: random.Random) -> None:
    """Units, positions with standards, people, evidence and JP, inserted in bulk."""
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
    fixed = session.scalars(select(Competency.id).where(Competency.fixed.is_(True))).all()
    tiers = list(Tier)
    positions = []
    for n, tier in enumerate(tiers):
        position = Position(code=f"P{n}", name=f"Position {n}", tier=tier)
        session.add(position)
        positions.append(position)
    session.flush()
    levels = {p.id: rng.randint(1, 4) for p in positions}
    session.execute(
        insert(PositionRequirement),
        [{"position_id": p.id, "competency_id": c, "level": levels[p.id]} for p in positions for c in fixed],
    )
    session.execute(
        insert(User),
        [
            {
                "username": f"u{i}",
                "password_hash": "x",
                "name": f"Pegawai {i:05d}",
                "email": f"u{i}@example.go.id",
                "unit_id": units[0].id if i < 2000 else units[1 + i % (UNITS - 1)].id,
                "position_id": positions[i % len(positions)].id,
            }
            for i in range(PEOPLE)
        ],
    )
    user_ids = session.scalars(select(User.id)).all()
    today = date.today()
    evidence, credits = [], []
    for uid in user_ids:
        for cid in fixed:
            for _ in range(rng.choice([1, 1, 2, 3])):
                expired = rng.random() < 0.1
                evidence.append(
                    {
                        "user_id": uid,
                        "competency_id": cid,
                        "level": rng.randint(1, 4),
                        "source": "assessment",
                        "override": rng.random() < 0.03,
                        "note": "bench",
                        "effective_on": today - timedelta(days=rng.randint(1, 700)),
                        "expires_on": today - timedelta(days=1) if expired else None,
                    }
                )
        credits.append(
            {"user_id": uid, "year": today.year, "credited_on": today, "jp": float(rng.randint(1, 40)),
             "source": "bench", "source_ref": f"bench:{uid}"}
        )  # fmt: skip
    for start in range(0, len(evidence), 20000):
        session.execute(insert(Evidence), evidence[start : start + 20000])
    session.execute(insert(JpCredit), credits)
    session.commit()
    print(f"built {len(user_ids)} people, {len(fixed)} competencies, {len(evidence)} evidence rows")


def main() -> None:
    url = database_url()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "SERVER_NAME": None})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        build(random.Random(7))
        everyone = select(User.id)
        today = date.today()
        started = time.perf_counter()
        result = job_person_match_bulk(everyone, on=today)
        elapsed = time.perf_counter() - started
        print(f"JPM of all {len(result)} people (select of ids): {elapsed:.2f} s")
        ids = list(result)
        started = time.perf_counter()
        job_person_match_bulk(ids, on=today)
        print(f"JPM of all {len(ids)} people (list of ids): {time.perf_counter() - started:.2f} s")
        started = time.perf_counter()
        jp_earned_bulk(everyone, today.year)
        print(f"JP earned of all people: {time.perf_counter() - started:.2f} s")

        unit = db.session.scalar(select(Unit).where(Unit.code == "U0"))
        statements: list[str] = []
        event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        started = time.perf_counter()
        people = unit_people(unit)
        heatmap_page(people, today, sort="jpm", competency_id=None, page=3, per_page=50)
        summary = unit_summary(people, today)
        elapsed = time.perf_counter() - started
        print(
            f"heatmap page (unit of {summary.people} people, sorted by JPM) + unit summary: "
            f"{len(statements)} queries, {elapsed:.2f} s; average JPM {summary.average_jpm}"
        )
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
