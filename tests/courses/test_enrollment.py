"""Enrolment: self-enrolment checks, HR assignment, the waitlist and its promotion on withdrawal."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.courses.enums import CourseStatus, EnrollmentStatus
from app.courses.services.classes import update_class
from app.courses.services.common import CourseConflictError, CourseError
from app.courses.services.enrollment import assign_person, self_enrol, waitlist_position, withdraw
from app.errors import NotFoundError
from tests.courses.factories import make_class, make_course, make_enrollment
from tests.factories import make_unit, make_user


def test_self_enrol_takes_a_seat_then_the_waitlist():
    course_class = make_class(make_course(), capacity=1)
    first = self_enrol(make_user(), course_class)
    second = self_enrol(make_user(), course_class)
    assert first.status == EnrollmentStatus.ENROLLED and first.assigned_by_id is None
    assert second.status == EnrollmentStatus.WAITLISTED
    assert waitlist_position(second) == 1


def test_enrolling_twice_in_the_same_course_is_a_conflict():
    course = make_course()
    person = make_user()
    self_enrol(person, make_class(course))
    with pytest.raises(CourseConflictError) as caught:
        self_enrol(person, make_class(course))
    assert caught.value.status == 409 and "class_id" in caught.value.fields


def test_prerequisite_and_deadline_are_checked_with_field_messages():
    basic = make_course(title="Dasar")
    advanced = make_course(prerequisites=[basic])
    closed = make_class(advanced, enrol_deadline=date.today() - timedelta(days=1), starts_on=date.today())
    with pytest.raises(CourseError) as caught:
        self_enrol(make_user(), closed)
    assert set(caught.value.fields) == {"class_id", "prerequisites"}
    assert "Dasar" in caught.value.fields["prerequisites"][0]


def test_completed_prerequisite_opens_the_course():
    basic = make_course()
    advanced = make_course(prerequisites=[basic])
    person = make_user()
    make_enrollment(person, make_class(basic), status=EnrollmentStatus.COMPLETED)
    assert self_enrol(person, make_class(advanced)).status == EnrollmentStatus.ENROLLED


def test_draft_course_classes_are_not_found_for_self_enrolment():
    course_class = make_class(make_course(status=CourseStatus.DRAFT))
    with pytest.raises(NotFoundError):
        self_enrol(make_user(), course_class)


def test_withdrawal_promotes_the_first_waitlisted_person():
    course_class = make_class(make_course(), capacity=1)
    seated = self_enrol(make_user(), course_class)
    first_waiting = self_enrol(make_user(), course_class)
    second_waiting = self_enrol(make_user(), course_class)
    withdraw(seated.user, seated)
    assert seated.status == EnrollmentStatus.WITHDRAWN
    assert first_waiting.status == EnrollmentStatus.ENROLLED
    assert second_waiting.status == EnrollmentStatus.WAITLISTED and waitlist_position(second_waiting) == 1


def test_withdrawn_person_can_enrol_again_in_the_same_class():
    course_class = make_class(make_course())
    person = make_user()
    enrollment = self_enrol(person, course_class)
    withdraw(person, enrollment)
    again = self_enrol(person, course_class)
    assert again.id == enrollment.id and again.status == EnrollmentStatus.ENROLLED
    with pytest.raises(CourseConflictError):
        other = make_user()
        withdraw(other, make_enrollment(other, course_class, status=EnrollmentStatus.COMPLETED))


def test_hr_assigns_in_scope_with_a_due_date_and_notifies():
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    person = make_user(unit=unit)
    course_class = make_class(make_course())
    enrollment = assign_person(hr, course_class, person, due_on=date.today() + timedelta(days=30))
    assert enrollment.status == EnrollmentStatus.ASSIGNED and enrollment.assigned_by_id == hr.id
    outsider = make_user(unit=make_unit())
    with pytest.raises(NotFoundError):
        assign_person(hr, course_class, outsider)


def test_assignment_refuses_a_past_due_date():
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    with pytest.raises(CourseError) as caught:
        assign_person(
            hr, make_class(make_course()), make_user(unit=unit), due_on=date.today() - timedelta(days=1)
        )
    assert "due_on" in caught.value.fields


def test_capacity_cannot_drop_below_seats_and_raising_it_promotes():
    course_class = make_class(make_course(), capacity=2)
    self_enrol(make_user(), course_class)
    self_enrol(make_user(), course_class)
    waiting = self_enrol(make_user(), course_class)
    with pytest.raises(CourseError) as caught:
        update_class(None, course_class, {"capacity": 1})
    assert "capacity" in caught.value.fields
    update_class(None, course_class, {"capacity": 3})
    assert waiting.status == EnrollmentStatus.ENROLLED


def test_class_dates_and_deadline_are_checked():
    course_class = make_class(make_course())
    with pytest.raises(CourseError) as caught:
        update_class(
            None,
            course_class,
            {"ends_on": course_class.starts_on - timedelta(days=1), "enrol_deadline": date(2000, 1, 1)},
        )
    assert {"ends_on", "enrol_deadline"} <= set(caught.value.fields)


def test_jp_that_rounds_to_zero_is_a_field_error():
    from app.courses.services.catalog import update_course

    course = make_course()
    with pytest.raises(CourseError) as caught:
        update_course(None, course, {"jp": 0.001})
    assert "jp" in caught.value.fields
