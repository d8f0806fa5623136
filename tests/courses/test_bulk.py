"""Bulk assignment: preview, set-wise apply, idempotence, waitlist overflow, units, positions, gaps."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.courses.enums import EnrollmentStatus
from app.courses.models import Enrollment
from app.courses.services.bulk import apply_assignment, clean_target, preview_assignment
from app.courses.services.common import CourseError
from app.extensions import db
from tests.competency.factories import add_evidence, fixed, set_standard
from tests.courses.factories import make_class, make_course, make_enrollment
from tests.factories import make_position, make_unit, make_user


def _statuses(course_class) -> dict[str, int]:
    rows = db.session.execute(
        select(Enrollment.status, func.count())
        .where(Enrollment.class_id == course_class.id)
        .group_by(Enrollment.status)
    )
    return {status.value: n for status, n in rows}


def test_unit_with_subunits_preview_then_apply_is_idempotent(count_queries):
    root = make_unit()
    child = make_unit(parent=root)
    hr = make_user(roles=["hr"], unit=root)
    people = [make_user(unit=root) for _ in range(3)] + [make_user(unit=child) for _ in range(3)]
    course_class = make_class(make_course(), capacity=5)
    make_enrollment(people[0], course_class)
    target = clean_target(hr, {"unit_id": root.id, "include_subunits": True})
    preview = preview_assignment(hr, course_class, target)
    # hr is in the unit too: 7 people, one already enrolled, 4 free seats
    assert (preview.targeted, preview.already_enrolled, preview.assigned, preview.waitlisted) == (7, 1, 4, 2)
    with count_queries:
        result = apply_assignment(hr, course_class, target, due_on=date(2099, 1, 1))
    assert result == preview
    assert count_queries.count <= 20  # bounded: lock, counts, one UPDATE, one INSERT, promotion, audit
    assert _statuses(course_class) == {"enrolled": 1, "assigned": 4, "waitlisted": 2}
    again = apply_assignment(hr, course_class, target)
    assert (again.assigned, again.waitlisted, again.already_enrolled) == (0, 0, 7)
    assert _statuses(course_class) == {"enrolled": 1, "assigned": 4, "waitlisted": 2}


def test_without_subunits_only_the_unit_itself():
    root = make_unit()
    child = make_unit(parent=root)
    admin = make_user(roles=["admin"])
    make_user(unit=root)
    make_user(unit=child)
    target = clean_target(admin, {"unit_id": root.id, "include_subunits": False})
    assert preview_assignment(admin, make_class(make_course()), target).targeted == 1


def test_unknown_unit_and_empty_target_are_field_errors():
    admin = make_user(roles=["admin"])
    with pytest.raises(CourseError) as caught:
        clean_target(admin, {"unit_id": 2**31 - 1})
    assert "unit_id" in caught.value.fields
    with pytest.raises(CourseError) as caught:
        clean_target(admin, {})
    assert "target" in caught.value.fields


def test_hr_cannot_target_people_outside_their_units():
    hr = make_user(roles=["hr"], unit=make_unit())
    outsider = make_user(unit=make_unit())
    with pytest.raises(CourseError) as caught:
        clean_target(hr, {"user_ids": [outsider.id]})
    assert "user_ids" in caught.value.fields


def test_withdrawn_people_are_reassigned_by_the_same_row():
    admin = make_user(roles=["admin"])
    person = make_user()
    course_class = make_class(make_course())
    old = make_enrollment(person, course_class, status=EnrollmentStatus.WITHDRAWN)
    result = apply_assignment(admin, course_class, clean_target(admin, {"user_ids": [person.id]}))
    assert result.assigned == 1
    db.session.refresh(old)
    assert old.status == EnrollmentStatus.ASSIGNED and old.assigned_by_id == admin.id


def test_position_and_gap_targets():
    admin = make_user(roles=["admin"])
    position = make_position()
    set_standard(position, {"M.1": 3})
    below = make_user(position=position)
    at_standard = make_user(position=position)
    add_evidence(at_standard, "M.1", 3)
    course = make_course(competencies={fixed("M.1"): 3})
    course_class = make_class(course)
    by_position = clean_target(admin, {"position_id": position.id})
    assert preview_assignment(admin, course_class, by_position).targeted == 2
    by_gap = clean_target(admin, {"gaps": True})
    result = apply_assignment(admin, course_class, by_gap)
    assert result.assigned == 1
    assert (
        db.session.scalar(select(Enrollment.user_id).where(Enrollment.class_id == course_class.id))
        == below.id
    )
