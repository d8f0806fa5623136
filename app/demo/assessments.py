"""Demo assessments: question banks, post-tests (and a pre-test) for the demo courses, an instructor,
and simulated attempts of the learners in progress so results, grading and item analysis have data.

Runs after the demo courses; courses are looked up by code and missing ones are skipped.
"""

from __future__ import annotations

from datetime import timedelta
from random import Random
from typing import Any

from sqlalchemy import select

from app.assessments.enums import QuizKind
from app.assessments.models import Quiz
from app.assessments.services.attempts import start_attempt, submit_attempt
from app.assessments.services.bank import create_question, get_or_create_category
from app.assessments.services.instructors import assign_instructor
from app.assessments.services.quizzes import add_fixed_questions, create_quiz, set_draw
from app.courses.enums import IN_PROGRESS_STATUSES
from app.courses.models import Course, Enrollment
from app.db import utcnow
from app.demo.assessment_questions import BANKS
from app.extensions import db
from app.org.models import User

INSTRUCTOR = "sdm.yan"
INSTRUCTOR_COURSES = ("PPP", "ADUAN")
PRE_TEST_COURSE = "PPP"


def seed(ctx: dict[str, Any]) -> None:
    """Banks and tests for the demo courses that exist, then attempts by the learners in progress."""
    rng: Random = ctx["rng"]
    by_username: dict[str, User] = ctx["by_username"]
    hr = by_username.get("sdm")
    courses = {
        c.code: c for c in db.session.scalars(select(Course).where(Course.code.in_(list(BANKS)))).all()
    }
    quizzes = []
    for code, questions in BANKS.items():
        course = courses.get(code)
        if course is None:
            continue
        category = f"Post-test {code}"
        made = [create_question(course.id, {**q, "category": category}) for q in questions]
        quiz = create_quiz(
            hr,
            course.id,
            {
                "title": f"Post-test {course.title}",
                "kind": QuizKind.POST_TEST.value,
                "description": "Kerjakan secara mandiri. Nilai lulus 70; jawaban tersimpan otomatis.",
                "passing_score": 70,
                "max_attempts": 3,
                "time_limit_minutes": 30,
                "grading_method": "highest",
                "layout": "one" if code == "LITDIG" else "all",
                "shuffle_questions": True,
                "shuffle_choices": True,
                "show_feedback": True,
            },
        )
        add_fixed_questions(quiz, [q.id for q in made])
        quizzes.append(quiz)
        if code == PRE_TEST_COURSE:
            pre = create_quiz(
                hr,
                course.id,
                {"title": f"Pre-test {course.title}", "kind": QuizKind.PRE_TEST.value, "passing_score": 0,
                 "max_attempts": 1, "time_limit_minutes": 15, "shuffle_choices": True},
            )  # fmt: skip
            set_draw(pre, get_or_create_category(course.id, category).id, 5)
            quizzes.append(pre)
    instructor = by_username.get(INSTRUCTOR)
    if instructor is not None and hr is not None:
        for code in INSTRUCTOR_COURSES:
            if code in courses:
                assign_instructor(hr, courses[code].id, instructor.username)
    pegawai = by_username.get("pegawai")
    for quiz in quizzes:
        _simulate(quiz, rng, skip_user_id=pegawai.id if pegawai else None)
    db.session.flush()


def _simulate(quiz: Quiz, rng: Random, *, skip_user_id: int | None) -> None:
    """Some learners in progress sit the test once, answering by a hidden ability."""
    enrollments = db.session.scalars(
        select(Enrollment)
        .where(Enrollment.course_id == quiz.course_id, Enrollment.status.in_(IN_PROGRESS_STATUSES))
        .order_by(Enrollment.id)
    ).all()
    for enrollment in enrollments:
        if enrollment.user_id == skip_user_id or rng.random() < 0.3:
            continue
        ability = rng.uniform(0.35, 0.98)
        started = utcnow() - timedelta(days=rng.randint(1, 20), minutes=rng.randint(0, 600))
        attempt = start_attempt(enrollment.user, quiz, now=started, rng=rng)
        answers = [_answer(slot, ability, rng) for slot in attempt.answers]
        submit_attempt(attempt, answers, now=started + timedelta(minutes=rng.randint(5, 25)))


def _answer(slot: Any, ability: float, rng: Random) -> dict[str, Any]:
    question = slot.question
    knows = rng.random() < ability
    if question.kind.has_choices:
        right = [c.id for c in question.choices if c.correct]
        wrong = [c.id for c in question.choices if not c.correct]
        return {"question_id": question.id, "choice_ids": right if knows else rng.sample(wrong, 1)}
    if question.kind.value == "short_answer":
        return {"question_id": question.id, "text": question.accepted_answers[0] if knows else "tidak tahu"}
    text = (
        "Saya akan menanggapi dengan sopan, memeriksa fakta, menjelaskan tindak lanjut dan tenggat waktunya."
        if knows
        else "Menunggu arahan atasan."
    )
    return {"question_id": question.id, "text": text}
