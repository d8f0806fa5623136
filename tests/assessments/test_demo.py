"""The demo step: post-tests with 10–20 Indonesian questions for the demo courses, simulated attempts."""

from __future__ import annotations

from random import Random

from sqlalchemy import func, select

from app.assessments.enums import AttemptStatus, QuizKind
from app.assessments.models import Attempt, Question, Quiz
from app.demo import assessments as demo
from app.demo.assessment_questions import BANKS
from app.extensions import db
from app.security import Role
from tests.assessments.factories import make_learner
from tests.competency.factories import make_technical
from tests.courses.factories import make_course
from tests.factories import make_user


def test_every_bank_has_10_to_20_valid_questions():
    for code, questions in BANKS.items():
        assert 10 <= len(questions) <= 20, code


def test_seed_makes_post_tests_for_the_courses_that_exist():
    hr = make_user(roles=[Role.HR.value], username="sdm")
    instructor = make_user(username="sdm.yan")
    ppp = make_course(code="PPP", competencies={make_technical(): 2})
    aduan = make_course(code="ADUAN")
    learners = [make_learner(ppp)[0] for _ in range(6)] + [make_learner(aduan)[0] for _ in range(4)]
    demo.seed({"rng": Random(1), "by_username": {"sdm": hr, "sdm.yan": instructor}, "people": learners})
    kinds = db.session.execute(select(Quiz.course_id, Quiz.kind)).all()
    assert sorted((c, k.value) for c, k in kinds) == sorted(
        [(ppp.id, "post_test"), (ppp.id, "pre_test"), (aduan.id, "post_test")]
    )
    assert db.session.scalar(select(func.count(Question.id)).where(Question.course_id == ppp.id)) == len(
        BANKS["PPP"]
    )
    attempts = db.session.scalars(select(Attempt)).all()
    assert attempts and all(a.status != AttemptStatus.IN_PROGRESS for a in attempts)
    post = db.session.scalar(select(Quiz).where(Quiz.course_id == aduan.id, Quiz.kind == QuizKind.POST_TEST))
    aduan_attempts = [a for a in attempts if a.quiz_id == post.id]
    assert all(a.status == AttemptStatus.SUBMITTED for a in aduan_attempts)  # an essay waits for a grader
