"""Training-needs analysis, the participant evaluation and training effectiveness."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import delete

from app.assessments.enums import AttemptStatus, QuizKind
from app.assessments.models import Attempt
from app.courses.completion import complete_enrollment
from app.courses.enums import CourseStatus, EnrollmentStatus
from app.courses.models import Enrollment
from app.errors import ConflictError
from app.extensions import db
from app.notifications.models import Notification
from app.reports.models import CourseFeedback
from app.reports.services.dashboard import unit_dashboard
from app.reports.services.effectiveness import effectiveness, register_gain_lookup, unregister_gain_lookup
from app.reports.services.feedback import submit_feedback
from app.reports.services.training_needs import training_needs
from tests.assessments.factories import make_quiz
from tests.competency.factories import add_evidence, fixed
from tests.conftest import login
from tests.courses.factories import make_class, make_enrollment
from tests.courses.factories import make_course as course_factory
from tests.reports.conftest import YEAR

RATINGS = {"relevance": 5, "material": 4, "trainer": 5, "facilities": 3, "usefulness": 4}


@pytest.fixture
def courses(world):
    """M.1 to 3 (closes both gaps), M.1 to 2 (closes none), M.2 to 2; a draft that would close M.2."""
    closing = course_factory(code="M1-3", jp=24, competencies={fixed("M.1"): 3})
    short = course_factory(code="M1-2", jp=8, competencies={fixed("M.1"): 2})
    m2 = course_factory(code="M2-2", jp=12, competencies={fixed("M.2"): 2})
    course_factory(code="DRAFT", competencies={fixed("M.2"): 3}, status=CourseStatus.DRAFT)
    make_class(closing, starts_on=date.today() + timedelta(days=10), name="Angkatan I")
    return {"closing": closing, "short": short, "m2": m2}


def test_needs_rank_competencies_and_match_courses(world, courses) -> None:
    analysis = training_needs(world.office.unit, YEAR)
    assert [(n.gap.competency.code, n.gap.people_below, n.gap.levels_missing) for n in analysis.needs] == [
        ("M.1", 2, 4),
        ("M.2", 2, 4),
    ]
    m1, m2 = analysis.needs
    assert [o.course.code for o in m1.courses] == ["M1-3"]  # the level-2 course reaches nobody's standard
    option = m1.courses[0]
    assert {p.id for p in option.people} == {world.employee.id, world.office.colleague.id}
    assert option.total_jp == 48 and len(option.classes) == 1
    assert sorted(option.handover.splitlines()) == sorted(
        [world.employee.username, world.office.colleague.username]
    )
    assert [o.course.code for o in m2.courses] == ["M2-2"]  # drafts are not offered


def test_needs_page_pdf_and_download(client, world, courses) -> None:
    login(client, world.office.hr)
    html = client.get(f"/reports/training-needs?year={YEAR}").get_data(as_text=True)
    assert "Training-needs analysis" in html and "M1-3" in html and "serves 2" in html
    rows = load_workbook(
        io.BytesIO(client.get(f"/reports/training-needs?year={YEAR}&format=xlsx").data)
    ).active.iter_rows(values_only=True)
    rows = list(rows)
    assert rows[0][0] == "Competency code" and rows[1][:5] == ("M.1", rows[1][1], 2, 4, "M1-3")
    pdf = client.get(f"/reports/training-needs/pdf?unit_id={world.office.unit.id}&year={YEAR}")
    assert pdf.status_code == 200
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "M1-3" in text and "Dinas" in text
    assert client.get(f"/reports/training-needs?unit_id={world.office.other.id}").status_code == 404
    assert client.get(f"/reports/training-needs/pdf?unit_id={world.office.other.id}").status_code == 404


def _completed(world, courses):
    klass = make_class(
        courses["closing"], starts_on=date(YEAR, 3, 2), ends_on=date(YEAR, 3, 6), name="Batch 1"
    )
    done = make_enrollment(world.employee, klass)
    complete_enrollment(done, on=date(YEAR, 3, 6))
    make_enrollment(world.office.colleague, klass, status=EnrollmentStatus.FAILED)
    return klass, done


def test_completion_offers_the_evaluation_once(client, world, courses) -> None:
    _klass, done = _completed(world, courses)
    note = db.session.query(Notification).filter_by(user_id=world.employee.id).one()
    assert note.link == f"/reports/course-evaluations/{done.id}"
    login(client, world.employee)
    assert "M1-3" in client.get("/reports/course-evaluations/").get_data(as_text=True)
    assert client.post(note.link, data={**RATINGS, "comment": "Useful"}).status_code == 302
    assert db.session.query(CourseFeedback).filter_by(enrollment_id=done.id).one().trainer == 5
    again = client.get(note.link).get_data(as_text=True)
    assert "You evaluated this course" in again
    with pytest.raises(ConflictError):
        submit_feedback(world.employee, done, RATINGS)
    login(client, world.office.colleague)
    assert client.get(note.link).status_code == 404


def test_feedback_needs_five_ratings(client, world, courses) -> None:
    _klass, done = _completed(world, courses)
    login(client, world.employee)
    response = client.post(f"/reports/course-evaluations/{done.id}", data={"relevance": "9"})
    assert response.status_code == 200 and db.session.query(CourseFeedback).count() == 0


def test_effectiveness_per_course_and_class(client, world, courses) -> None:
    klass, done = _completed(world, courses)
    submit_feedback(world.employee, done, RATINGS)

    def gains(enrollments):
        return {(courses["closing"].id, klass.id): (55.0, 80.0)}

    register_gain_lookup(gains)
    try:
        [course] = effectiveness(world.office.hr, YEAR)
    finally:
        unregister_gain_lookup(gains)
    total = course.total
    assert (total.participants, total.completed, total.failed) == (2, 1, 1)
    assert total.completion_rate == 50 and total.pass_rate == 50 and total.responses == 1
    assert total.reaction == 4.2 and total.gain == 25
    assert total.level_before == 2 and total.level_now == 3 and total.level_change == 1
    assert effectiveness(world.office.evaluator, YEAR) == []  # nobody in an evaluator's management scope
    login(client, world.office.hr)
    html = client.get(f"/reports/effectiveness?year={YEAR}").get_data(as_text=True)
    assert "M1-3" in html and "Batch 1" in html
    sheet = load_workbook(
        io.BytesIO(client.get(f"/reports/effectiveness?year={YEAR}&format=xlsx").data)
    ).active
    assert sheet["A2"].value == "M1-3" and sheet["D2"].value == 2


def test_level_before_is_the_level_when_enrolling_with_expiry_and_overrides(world, courses) -> None:
    # Before enrolling, the employee's level of M.1 was 2 (the world's evidence). A level 4
    # that had expired by then does not count, and a later override to 1 reset the level.
    add_evidence(world.employee, "M.1", 4, effective_on=date(2024, 1, 1), expires_on=date(2025, 1, 1))
    _completed(world, courses)
    [course] = effectiveness(world.office.hr, YEAR)
    assert course.total.level_before == 2  # the expired 4 is ignored
    db.session.execute(delete(Enrollment))
    add_evidence(world.employee, "M.1", 1, override=True, effective_on=date(2026, 2, 1))
    _completed(world, courses)
    [course] = effectiveness(world.office.hr, YEAR)
    assert course.total.level_before == 1  # the override reset the 2


def test_dashboard_counts_overdue_assignments(world, courses) -> None:
    klass = make_class(
        courses["m2"], starts_on=date.today() - timedelta(days=30), ends_on=date.today() - timedelta(days=20)
    )
    make_enrollment(
        world.employee, klass, status=EnrollmentStatus.ASSIGNED, due_on=date.today() - timedelta(days=1)
    )
    board = unit_dashboard(world.office.unit, YEAR)
    assert board.total.overdue == 1 and board.children[0].overdue == 1


def test_effectiveness_reads_pre_and_post_tests(world, courses) -> None:
    klass, done = _completed(world, courses)
    pre = make_quiz(courses["closing"], [], kind=QuizKind.PRE_TEST)
    post = make_quiz(courses["closing"], [], kind=QuizKind.POST_TEST)
    for quiz, number, score in ((pre, 1, 40.0), (pre, 2, 90.0), (post, 1, 60.0), (post, 2, 85.0)):
        db.session.add(
            Attempt(quiz_id=quiz.id, enrollment_id=done.id, user_id=world.employee.id, number=number,
                    status=AttemptStatus.GRADED, score=score)
        )  # fmt: skip
    db.session.flush()
    [course] = effectiveness(world.office.hr, YEAR)
    assert (course.total.pre, course.total.post, course.total.gain) == (40, 85, 45)
    assert course.classes[0].course_class.id == klass.id and course.classes[0].gain == 45


def test_assign_these_hands_the_people_to_bulk_assignment(client, world, courses) -> None:
    login(client, world.office.hr)
    html = client.get(f"/reports/training-needs?year={YEAR}").get_data(as_text=True)
    klass = courses["closing"].classes[0]
    assert f'action="/classes/{klass.id}/assign"' in html and "Assign these to Angkatan I" in html
    handover = "\n".join(sorted([world.employee.username, world.office.colleague.username]))
    preview = client.post(f"/classes/{klass.id}/assign", data={"mode": "people", "people": handover})
    assert preview.status_code == 200
    assert db.session.query(Enrollment).filter_by(class_id=klass.id).count() == 0  # a preview only
