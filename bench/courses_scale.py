"""Benchmark: assign one class to a unit of 10,000 people; catalog query count at 100 and 5,000 courses.

    .venv/bin/python bench/courses_scale.py            # a fresh SQLite file in a temp folder
    BENCH_DATABASE_URL=postgresql+psycopg://… .venv/bin/python bench/courses_scale.py   # emptied first!

Prints the seconds and SQL statements of the bulk assignment (preview, apply, and a
repeated apply that assigns nobody twice), and the statements and time of one catalog
page (`GET /courses`) with 100 and with 5,000 courses: the count must not grow.
Goal: the 10k assignment in under 2 s on SQLite and PostgreSQL.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import event, func, insert, select

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app
from app.competency.models import Competency
from app.courses.enums import CourseStatus, DeliveryForm, EnrollmentStatus
from app.courses.models import Course, CourseClass, CourseCompetency, Enrollment
from app.courses.services.bulk import apply_assignment, clean_target, preview_assignment
from app.extensions import db
from app.org.models import Unit, User, UserRole
from bench._support import database_url

PEOPLE = int(os.environ.get("BENCH_PEOPLE", "10000"))


class Counter:
    """Counts SQL statements while active."""

    def __init__(self) -> None:
        self.count = 0

    def _hook(self, *args) -> None:
        self.count += 1

    def __enter__(self) -> Counter:
        self.count = 0
        event.listen(db.engine, "before_cursor_execute", self._hook)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(db.engine, "before_cursor_execute", self._hook)


def build_people() -> tuple[User, Unit]:
    """A unit with two sub-units holding PEOPLE active people, and an admin."""
    session = db.session
    root = Unit(code="ROOT", name="Agency", path="/")
    session.add(root)
    session.flush()
    root.path = f"/{root.id}/"
    subunits = []
    for n in range(2):
        unit = Unit(code=f"SUB{n}", name=f"Sub-unit {n}", parent_id=root.id, path="/")
        session.add(unit)
        session.flush()
        unit.path = f"{root.path}{unit.id}/"
        subunits.append(unit)
    homes = [root, *subunits]
    session.execute(
        insert(User),
        [
            {
                "username": f"u{i}",
                "password_hash": "x",
                "name": f"Pegawai {i:05d}",
                "email": f"u{i}@example.go.id",
                "unit_id": homes[i % 3].id,
            }
            for i in range(PEOPLE)
        ],
    )
    admin = User(username="bench.admin", password_hash="x", name="Admin", email="a@example.go.id")
    session.add(admin)
    session.flush()
    session.add(UserRole(user_id=admin.id, role="admin"))
    session.commit()
    return admin, root


def add_courses(n: int, start: int, competencies: list[int]) -> None:
    """Insert `n` published courses with two competencies each, in bulk."""
    db.session.execute(
        insert(Course),
        [
            {
                "code": f"C{start + i:05d}",
                "title": f"Pelatihan {start + i:05d}",
                "description": "Pelatihan untuk uji skala katalog.",
                "jp": float(8 + (start + i) % 30),
                "delivery": DeliveryForm.KL03,
                "status": CourseStatus.PUBLISHED,
            }
            for i in range(n)
        ],
    )
    ids = db.session.scalars(select(Course.id).where(Course.code >= f"C{start:05d}")).all()
    db.session.execute(
        insert(CourseCompetency),
        [
            {
                "course_id": cid,
                "competency_id": competencies[(cid + k) % len(competencies)],
                "target_level": 2 + k,
            }
            for cid in ids
            for k in range(2)
        ],
    )
    db.session.commit()


def catalog_page(app, admin: User) -> tuple[int, float]:
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = admin.get_id()
        session["_fresh"] = True
    with Counter() as counter:
        started = time.perf_counter()
        response = client.get("/courses?sort=jp_desc&page=2")
        elapsed = time.perf_counter() - started
    assert response.status_code == 200, response.status_code
    return counter.count, elapsed


def main() -> None:
    url = database_url()
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "bench", "SERVER_NAME": None})
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        print(f"database: {db.engine.dialect.name}")
        admin, unit = build_people()
        competencies = db.session.scalars(select(Competency.id)).all()
        add_courses(1, 0, competencies)
        course = db.session.scalar(select(Course))
        today = date.today()
        course_class = CourseClass(
            course_id=course.id,
            name="Angkatan Massal",
            capacity=PEOPLE - 1000,
            starts_on=today + timedelta(days=7),
            ends_on=today + timedelta(days=30),
        )
        db.session.add(course_class)
        db.session.commit()
        target = clean_target(admin, {"unit_id": unit.id, "include_subunits": True})
        with Counter() as counter:
            started = time.perf_counter()
            preview = preview_assignment(admin, course_class, target)
            elapsed = time.perf_counter() - started
        print(f"preview for a unit of {preview.targeted} people: {elapsed:.2f} s, {counter.count} statements")
        with Counter() as counter:
            started = time.perf_counter()
            result = apply_assignment(admin, course_class, target)
            db.session.commit()
            elapsed = time.perf_counter() - started
        print(
            f"assign class to {result.targeted} people: {elapsed:.2f} s, {counter.count} statements "
            f"({result.assigned} seated, {result.waitlisted} waitlisted)"
        )
        with Counter() as counter:
            started = time.perf_counter()
            again = apply_assignment(admin, course_class, target)
            db.session.commit()
            elapsed = time.perf_counter() - started
        print(f"repeat (idempotent, {again.assigned} new): {elapsed:.2f} s, {counter.count} statements")
        rows = db.session.execute(
            select(Enrollment.status, func.count()).group_by(Enrollment.status).order_by(Enrollment.status)
        ).all()
        assert sum(n for _, n in rows) == PEOPLE
        print("enrollments: " + ", ".join(f"{EnrollmentStatus(s).value} {n}" for s, n in rows))
        add_courses(99, 1, competencies)
        catalog_page(app, admin)  # warm-up: templates compiled once
        small = catalog_page(app, admin)
        add_courses(4900, 100, competencies)
        large = catalog_page(app, admin)
        print(f"catalog page with 100 courses: {small[0]} statements, {small[1]:.3f} s")
        print(f"catalog page with 5000 courses: {large[0]} statements, {large[1]:.3f} s")
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
