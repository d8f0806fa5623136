"""Pre-test → post-test gain per class, as the reports' effectiveness page asks for it."""

from __future__ import annotations

from sqlalchemy import select

from app.assessments.services.attempts import start_attempt, submit_attempt
from app.assessments.services.gains import class_gains
from app.courses.models import Enrollment
from tests.assessments.factories import choice_ids, make_learner, make_quiz, single
from tests.courses.factories import make_course


def test_average_first_pre_test_and_final_post_test_per_class():
    course = make_course()
    questions = [single(course, "Satu"), single(course, "Dua")]
    pre = make_quiz(course, questions, kind="pre_test", max_attempts=3)
    post = make_quiz(course, questions, kind="post_test", max_attempts=3)
    person, enrollment = make_learner(course)
    right = [{"question_id": q.id, "choice_ids": choice_ids(q)} for q in questions]
    submit_attempt(start_attempt(person, pre), right[:1])  # 50: the first pre-test counts
    submit_attempt(start_attempt(person, pre), right)  # 100: ignored
    submit_attempt(start_attempt(person, post), right[:1])  # 50
    submit_attempt(start_attempt(person, post), right)  # 100: highest counts
    gains = class_gains(select(Enrollment.id).where(Enrollment.id == enrollment.id))
    assert gains == {(course.id, enrollment.class_id): (50.0, 100.0)}
