"""Factories for certificate tests: a completed enrollment (which issues its certificate)."""

from __future__ import annotations

from typing import Any

from app.certificates.models import Certificate
from app.certificates.services.issuing import certificate_of
from app.courses.completion import complete_enrollment
from app.courses.models import Course, Enrollment
from app.org.models import User
from tests.competency.factories import fixed
from tests.courses.factories import make_class, make_course, make_enrollment, make_material
from tests.factories import make_position, make_unit, make_user, valid_nip


def make_course_with_outline(**overrides: Any) -> Course:
    """A course developing two fixed competencies, with three materials."""
    options: dict[str, Any] = {
        "title": "Pelayanan Publik Prima",
        "jp": 24,
        "competencies": {fixed("M.5"): 3, fixed("M.3"): 2},
    }
    options.update(overrides)
    course = make_course(**options)
    for title in ("Kebijakan pelayanan publik", "Standar pelayanan", "Pengelolaan pengaduan"):
        make_material(course, title=title)
    return course


def make_holder(**extra: Any) -> User:
    """A civil servant with a NIP, a position and a unit."""
    unit = extra.pop("unit", None) or make_unit("Bidang Pengembangan Kompetensi")
    return make_user(
        unit=unit,
        position=make_position(name="Analis SDM Aparatur"),
        nip=valid_nip(),
        name=extra.pop("name", "Siti Rahmawati"),
        **extra,
    )


def completed(
    person: User | None = None, course: Course | None = None, **course_overrides: Any
) -> tuple[Enrollment, Certificate]:
    """Complete an enrollment (issuing its certificate through the signal) and return both."""
    course = course or make_course_with_outline(**course_overrides)
    enrollment = make_enrollment(person or make_holder(), make_class(course))
    complete_enrollment(enrollment)
    certificate = certificate_of(enrollment.id)
    assert certificate is not None
    return enrollment, certificate


def world_certificate(world: dict[str, Any]) -> Certificate:
    """A certificate of the API world's employee (made once per world, for the schemathesis net)."""
    if "certificate" not in world:
        world["certificate"] = completed(world["employee"])[1]
    return world["certificate"]
