"""Reordering a quiz's fixed questions: up and down buttons, dense unique positions, frozen attempts."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.assessments.models import Attempt, Quiz, QuizQuestion
from app.assessments.services.attempts import start_attempt
from app.assessments.services.instructors import assign_instructor
from app.assessments.services.quizzes import move_fixed_question, remove_fixed_question
from app.extensions import db
from tests.assessments.factories import make_learner, make_quiz, single
from tests.concurrency import race
from tests.conftest import login
from tests.courses.factories import make_course
from tests.factories import make_user


@pytest.fixture
def course():
    return make_course(competencies={})


def _quiz(course, n=4):
    questions = [single(course, f"Soal {i}") for i in range(n)]
    return make_quiz(course, questions, kind="quiz", max_attempts=None), questions


def _order(quiz_id):
    rows = db.session.execute(
        select(QuizQuestion.question_id, QuizQuestion.position)
        .where(QuizQuestion.quiz_id == quiz_id)
        .order_by(QuizQuestion.position)
    ).all()
    assert [position for _q, position in rows] == list(range(len(rows)))  # dense and unique
    return [question_id for question_id, _p in rows]


def test_hr_moves_questions_with_buttons_and_sees_the_new_order(client, hr_user, course):
    quiz, questions = _quiz(course, 3)
    a, b, c = (q.id for q in questions)
    login(client, hr_user)
    page = client.get(f"/quizzes/{quiz.id}").text
    assert "pindahkan soal 2" in page and f"/quizzes/{quiz.id}/questions/{b}/move" in page
    response = client.post(f"/quizzes/{quiz.id}/questions/{c}/move", data={"direction": "up"})
    assert response.status_code == 302 and response.location.endswith(f"#fixed-{c}")
    assert _order(quiz.id) == [a, c, b]
    page = client.get(f"/quizzes/{quiz.id}").text
    assert "Soal dipindahkan." in page
    assert page.index("Soal 0") < page.index("Soal 2") < page.index("Soal 1")
    client.post(f"/quizzes/{quiz.id}/questions/{a}/move", data={"direction": "down"})
    assert _order(quiz.id) == [c, a, b]


def test_moving_past_the_ends_and_bad_input_are_explained(client, hr_user, course):
    quiz, questions = _quiz(course, 2)
    a, b = (q.id for q in questions)
    login(client, hr_user)
    client.post(f"/quizzes/{quiz.id}/questions/{a}/move", data={"direction": "up"})
    assert "sudah berada di ujung" in client.get(f"/quizzes/{quiz.id}").text
    client.post(f"/quizzes/{quiz.id}/questions/{a}/move", data={"direction": "sideways"})
    assert "Pilih untuk memindahkan soal ke atas atau ke bawah." in client.get(f"/quizzes/{quiz.id}").text
    other = single(course, "Bukan di tes")
    response = client.post(f"/quizzes/{quiz.id}/questions/{other.id}/move", data={"direction": "up"})
    assert response.status_code == 404
    assert _order(quiz.id) == [a, b]


def test_only_managers_of_the_course_move(client, course):
    quiz, questions = _quiz(course, 2)
    url = f"/quizzes/{quiz.id}/questions/{questions[1].id}/move"
    teacher = make_user(roles=["employee"])
    login(client, teacher)
    assert client.post(url, data={"direction": "up"}).status_code == 404
    assign_instructor(make_user(roles=["hr"]), course.id, teacher.username)
    assert client.post(url, data={"direction": "up"}).status_code == 302
    assert _order(quiz.id) == [questions[1].id, questions[0].id]


def test_taking_a_question_out_closes_the_gap_and_attempts_keep_their_order(course):
    quiz, questions = _quiz(course, 4)
    person, _enrollment = make_learner(course)
    attempt = start_attempt(person, quiz)
    frozen = [a.question_id for a in attempt.answers]
    remove_fixed_question(quiz, questions[1].id)
    assert _order(quiz.id) == [questions[0].id, questions[2].id, questions[3].id]
    assert move_fixed_question(quiz, questions[3].id, "up") is True
    assert _order(quiz.id) == [questions[0].id, questions[3].id, questions[2].id]
    db.session.expire_all()
    assert [a.question_id for a in db.session.get(Attempt, attempt.id).answers] == frozen
    assert [fq.question_id for fq in db.session.get(Quiz, quiz.id).fixed_questions] == _order(quiz.id)


@pytest.mark.committed
@pytest.mark.postgres_only
def test_parallel_moves_keep_positions_unique_and_lose_none(app):
    course = make_course(competencies={})
    quiz, questions = _quiz(course, 6)
    db.session.commit()
    quiz_id, ids = quiz.id, [q.id for q in questions]

    def work():
        move_fixed_question(db.session.get(Quiz, quiz_id), ids[-1], "up")

    outcome = race(app, [work] * 4)
    assert (outcome.succeeded, outcome.refused, outcome.errors) == (4, [], []), outcome
    # Four presses of "up" at the same moment move the last question four places, one after another.
    assert _order(quiz_id) == [ids[0], ids[5], ids[1], ids[2], ids[3], ids[4]]
