"""The assessments API: create a quiz with questions, start (no key revealed), autosave, submit once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.assessments.models import Attempt
from app.db import utcnow
from app.extensions import db
from tests.assessments.factories import make_learner, make_quiz, single
from tests.competency.factories import make_technical
from tests.courses.factories import make_course

QUIZ = {
    "title": "Post-test Pelayanan Publik",
    "kind": "post_test",
    "passing_score": 70,
    "max_attempts": 2,
    "time_limit_minutes": 15,
    "questions": [
        {
            "kind": "single",
            "text": "Standar pelayanan publik diatur dalam?",
            "points": 2,
            "choices": [{"text": "UU 25/2009", "correct": True}, {"text": "UU 5/2014", "correct": False}],
        },
        {
            "kind": "true_false",
            "text": "Maklumat pelayanan wajib dipublikasikan.",
            "choices": [{"text": "Benar", "correct": True}, {"text": "Salah", "correct": False}],
        },
        {
            "kind": "multiple",
            "text": "Komponen standar pelayanan?",
            "scoring": "proportional",
            "choices": [
                {"text": "Persyaratan", "correct": True},
                {"text": "Biaya/tarif", "correct": True},
                {"text": "Warna seragam", "correct": False},
            ],
        },
    ],
}


@pytest.fixture
def course():
    return make_course(competencies={make_technical(): 3})


def test_create_start_submit(client, api_token, hr_user, course):
    response = client.post(f"/api/v1/courses/{course.id}/quizzes", json=QUIZ, headers=api_token(hr_user))
    assert response.status_code == 201, response.json
    quiz_id = response.json["id"]
    assert len(response.json["question_ids"]) == 3
    person, _enrollment = make_learner(course)
    headers = api_token(person)
    started = client.post(f"/api/v1/quizzes/{quiz_id}/attempts", headers=headers)
    assert started.status_code == 201
    body = started.json
    assert body["expires_at"] and len(body["questions"]) == 3
    assert "correct" not in started.text  # the key never leaves the server before submission
    assert all(set(c) == {"id", "text"} for q in body["questions"] for c in q["choices"])
    attempt = db.session.get(Attempt, body["id"])
    right = {slot.question_id: [c.id for c in slot.question.choices if c.correct] for slot in attempt.answers}
    answers = [{"question_id": q, "choice_ids": ids} for q, ids in right.items()]
    url = f"/api/v1/attempts/{body['id']}"
    saved = client.put(f"{url}/answers", json={"answers": answers[:1]}, headers=headers)
    assert saved.status_code == 200
    assert client.get(f"/api/v1/attempts/{body['id']}", headers=headers).json["questions"]
    result = client.post(f"/api/v1/attempts/{body['id']}/submit", json={"answers": answers}, headers=headers)
    assert result.status_code == 200, result.json
    assert result.json["score"] == 100.0 and result.json["passed"] is True
    assert result.json["enrollment_status"] == "completed"
    again = client.post(f"/api/v1/attempts/{body['id']}/submit", json={"answers": answers}, headers=headers)
    assert again.status_code == 409 and again.json["error"]["code"] == "conflict"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"passing_score": 130}, "passing_score"),
        ({"kind": "final"}, "kind"),
        (
            {"questions": [{"kind": "single", "text": "?", "choices": [{"text": "a"}, {"text": "b"}]}]},
            "questions.0.choices",
        ),
    ],
)
def test_bad_quizzes_are_refused_clearly(client, api_token, hr_user, course, change, field):
    response = client.post(
        f"/api/v1/courses/{course.id}/quizzes", json={**QUIZ, **change}, headers=api_token(hr_user)
    )
    assert response.status_code == 422
    assert any(key.startswith(field.split(".")[0]) for key in response.json["error"]["fields"])


def test_learners_cannot_create_quizzes(client, api_token, employee, course):
    response = client.post(f"/api/v1/courses/{course.id}/quizzes", json=QUIZ, headers=api_token(employee))
    assert response.status_code == 403


def test_submit_after_the_time_limit_is_409_and_graded_on_saved(client, api_token, course):
    quiz = make_quiz(course, [single(course)], time_limit_minutes=5)
    person, _e = make_learner(course)
    headers = api_token(person)
    attempt_id = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=headers).json["id"]
    attempt = db.session.get(Attempt, attempt_id)
    attempt.started_at = utcnow() - timedelta(minutes=30)
    attempt.deadline_at = utcnow() - timedelta(minutes=25)
    db.session.flush()
    response = client.post(f"/api/v1/attempts/{attempt_id}/submit", json={"answers": []}, headers=headers)
    assert response.status_code == 409
    db.session.refresh(attempt)
    assert attempt.closed_automatically and attempt.score == 0.0


def test_answers_outside_the_attempt_are_422(client, api_token, course):
    quiz = make_quiz(course, [single(course)])
    person, _e = make_learner(course)
    headers = api_token(person)
    attempt_id = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=headers).json["id"]
    other = single(course, "Lain")
    response = client.post(
        f"/api/v1/attempts/{attempt_id}/submit",
        json={"answers": [{"question_id": other.id, "choice_ids": [other.choices[0].id]}]},
        headers=headers,
    )
    assert response.status_code == 422 and "answers.0" in response.json["error"]["fields"]
    assert db.session.scalar(select(Attempt.status).where(Attempt.id == attempt_id)) == "in_progress"


def test_someone_elses_attempt_is_404(client, api_token, course):
    quiz = make_quiz(course, [single(course)])
    person, _e = make_learner(course)
    attempt_id = client.post(f"/api/v1/quizzes/{quiz.id}/attempts", headers=api_token(person)).json["id"]
    stranger, _e2 = make_learner(course)
    assert client.get(f"/api/v1/attempts/{attempt_id}", headers=api_token(stranger)).status_code == 404
