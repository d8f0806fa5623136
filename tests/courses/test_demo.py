"""`flask seed-demo` adds a realistic catalog with classes, materials and enrollments in every state."""

from __future__ import annotations

from sqlalchemy import func, select

from app.competency.models import JpCredit
from app.courses.enums import CourseStatus, EnrollmentStatus
from app.courses.models import Course, CourseClass, Enrollment, Material
from app.courses.services.learning import my_learning
from app.extensions import db
from app.org.models import User


def test_seed_demo_adds_courses(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    courses = db.session.scalars(select(Course)).all()
    assert 15 <= len(courses) <= 20
    assert {c.status for c in courses} == {CourseStatus.PUBLISHED, CourseStatus.DRAFT}
    assert all(c.competencies for c in courses)
    assert db.session.scalar(select(func.count(CourseClass.id))) >= 45
    assert db.session.scalar(select(func.count(Material.id))) >= 50
    statuses = set(db.session.scalars(select(Enrollment.status).distinct()))
    assert statuses == {s for s in EnrollmentStatus if s != EnrollmentStatus.WITHDRAWN}
    assert db.session.scalar(select(func.count(JpCredit.id)).where(JpCredit.source == "course")) >= 20
    pegawai = db.session.scalar(select(User).where(User.username == "pegawai"))
    page = my_learning(pegawai)
    assert page.assigned and page.in_progress and page.waitlisted and page.completed and page.overdue == 1
