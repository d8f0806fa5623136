"""Factories for course tests: courses with competencies, classes, materials and enrollments."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from app.competency.models import Competency
from app.courses.enums import CourseStatus, DeliveryForm, EnrollmentStatus, MaterialKind
from app.courses.models import Course, CourseClass, CourseCompetency, Enrollment, Material
from app.extensions import db
from app.org.models import User

_seq = itertools.count(1)


def make_course(
    *,
    code: str | None = None,
    title: str | None = None,
    jp: float = 12,
    delivery: DeliveryForm = DeliveryForm.KL03,
    status: CourseStatus = CourseStatus.PUBLISHED,
    competencies: dict[Competency, int] | None = None,
    prerequisites: list[Course] | None = None,
    validity_months: int | None = None,
    description: str = "",
) -> Course:
    """A published course (by default) developing the given competencies to their target levels."""
    n = next(_seq)
    course = Course(
        code=code or f"C-{n:04d}",
        title=title or f"Pelatihan {n}",
        description=description or f"Deskripsi pelatihan {n}",
        jp=jp,
        delivery=delivery,
        status=status,
        validity_months=validity_months,
        competencies=[
            CourseCompetency(competency_id=c.id, target_level=level)
            for c, level in (competencies or {}).items()
        ],
        prerequisites=list(prerequisites or []),
    )
    db.session.add(course)
    db.session.flush()
    return course


def make_class(
    course: Course,
    *,
    capacity: int = 30,
    starts_on: date | None = None,
    ends_on: date | None = None,
    enrol_deadline: date | None = None,
    name: str | None = None,
) -> CourseClass:
    """A class of `course` starting in a week and lasting five days."""
    starts = starts_on or date.today() + timedelta(days=7)
    course_class = CourseClass(
        course=course,
        name=name or f"Angkatan {next(_seq)}",
        capacity=capacity,
        starts_on=starts,
        ends_on=ends_on or starts + timedelta(days=5),
        enrol_deadline=enrol_deadline,
    )
    db.session.add(course_class)
    db.session.flush()
    return course_class


def make_material(
    course: Course, *, title: str | None = None, required: bool = True, kind: MaterialKind = MaterialKind.TEXT
) -> Material:
    """A text material at the end of the course's list."""
    position = len(course.materials) + 1
    material = Material(
        course=course,
        position=position,
        title=title or f"Materi {position}",
        kind=kind,
        body="Isi materi." if kind == MaterialKind.TEXT else "",
        url="https://example.org/materi" if kind == MaterialKind.LINK else "",
        required=required,
    )
    db.session.add(material)
    db.session.flush()
    return material


def make_enrollment(
    person: User,
    course_class: CourseClass,
    *,
    status: EnrollmentStatus = EnrollmentStatus.ENROLLED,
    due_on: date | None = None,
    assigned_by: User | None = None,
) -> Enrollment:
    """An enrollment row written directly (no capacity or prerequisite checks)."""
    enrollment = Enrollment(
        user_id=person.id,
        class_id=course_class.id,
        course_id=course_class.course_id,
        status=status,
        due_on=due_on,
        assigned_by_id=assigned_by.id if assigned_by else None,
    )
    db.session.add(enrollment)
    db.session.flush()
    return enrollment


def world_course(world: dict) -> Course:
    """A published course with a class, a material and the employee enrolled (schemathesis run)."""
    if "course" not in world:
        course = make_course(title="Pelayanan Publik Prima")
        course_class = make_class(course, capacity=5)
        make_material(course)
        world["course"] = course
        world["class"] = course_class
        world["enrollment"] = make_enrollment(world["employee"], course_class)
    return world["course"]
