"""The assessments pages: bank and quiz forms, taking a test with autosave, grading, analysis, grants."""

from __future__ import annotations

import io
import json

import pytest
from sqlalchemy import func, select

from app.assessments.enums import AttemptStatus
from app.assessments.models import Attempt, Question, Quiz
from app.assessments.services.attempts import start_attempt, submit_attempt
from app.assessments.services.instructors import assign_instructor
from app.courses.enums import EnrollmentStatus
from app.extensions import db
from tests.assessments.factories import choice_ids, essay, make_learner, make_quiz, short, single
from tests.competency.factories import make_technical
from tests.conftest import login
from tests.courses.factories import make_course
from tests.factories import make_unit, make_user


@pytest.fixture
def course():
    return make_course(competencies={make_technical(): 2})


def test_hr_adds_a_question_and_sees_clear_errors(client, hr_user, course):
    login(client, hr_user)
    url = f"/courses/{course.id}/questions/new"
    assert client.get(url + "?kind=true_false").status_code == 200
    bad = {"kind": "single", "text": "Tanpa jawaban benar", "points": "1", "choice_1": "A", "choice_2": "B"}
    response = client.post(url, data=bad)
    assert response.status_code == 200
    assert "Tandai minimal satu pilihan" in response.text
    good = {**bad, "correct_2": "y", "category": "Dasar"}
    response = client.post(url, data=good)
    assert response.status_code == 302
    question = db.session.scalar(select(Question).where(Question.course_id == course.id))
    assert question.category.name == "Dasar" and [c.correct for c in question.choices] == [False, True]
    assert client.get(f"/courses/{course.id}/assessments").status_code == 200
    assert client.get(f"/questions/{question.id}/edit").status_code == 200


def test_quiz_with_passing_score_130_is_refused(client, hr_user, course):
    login(client, hr_user)
    response = client.post(
        f"/quizzes/new/{course.id}", data={"title": "Post-test", "kind": "post_test", "passing_score": "130"}
    )
    assert response.status_code == 200 and "nilai lulus 0 sampai 100" in response.text
    assert db.session.scalar(select(func.count(Quiz.id)).where(Quiz.course_id == course.id)) == 0
    response = client.post(
        f"/quizzes/new/{course.id}",
        data={
            "title": "Post-test",
            "kind": "post_test",
            "passing_score": "75",
            "max_attempts": "2",
            "time_limit_minutes": "30",
            "grading_method": "highest",
            "layout": "one",
        },
    )
    quiz = db.session.scalar(select(Quiz).where(Quiz.course_id == course.id))
    assert response.status_code == 302 and quiz.time_limit_minutes == 30
    question = single(course)
    assert (
        client.post(f"/quizzes/{quiz.id}/questions", data={"question_id": str(question.id)}).status_code
        == 302
    )
    assert [fq.question_id for fq in quiz.fixed_questions] == [question.id]
    for path in ("", "/edit", "/results", "/analysis"):
        assert client.get(f"/quizzes/{quiz.id}{path}").status_code == 200


def test_employee_cannot_manage_until_made_instructor(client, hr_user, course):
    person = make_user(roles=["employee"], username="pengajar1")
    login(client, person)
    assert client.get(f"/courses/{course.id}/assessments").status_code == 404
    assign_instructor(hr_user, course.id, "pengajar1")
    assert client.get(f"/courses/{course.id}/assessments").status_code == 200
    assert client.post(f"/courses/{course.id}/instructors", data={"username": "x"}).status_code == 403


def test_learner_takes_a_test_with_autosave_and_reload(client, course):
    q1, q2 = single(course, "Satu"), short(course)
    quiz = make_quiz(course, [q1, q2], time_limit_minutes=20)
    person, enrollment = make_learner(course)
    login(client, person)
    assert client.get(f"/tests/{quiz.id}").status_code == 200
    response = client.post(f"/tests/{quiz.id}/start")
    attempt = db.session.scalar(select(Attempt).where(Attempt.user_id == person.id))
    assert response.headers["Location"].endswith(f"/attempts/{attempt.id}")
    page = client.get(f"/attempts/{attempt.id}").text
    assert "correct" not in page.lower().replace("correct_", "")  # nothing marks the right choice
    right = choice_ids(q1)[0]
    saved = client.post(
        f"/attempts/{attempt.id}/save",
        data={"shown": [str(q1.id), str(q2.id)], f"q{q1.id}": str(right), f"q{q2.id}": "PANCASILA"},
        headers={"Accept": "application/json"},
    )
    assert saved.status_code == 200 and saved.json["saved"] is True
    page = client.get(f"/attempts/{attempt.id}").text  # a reload keeps the answers
    assert f'value="{right}" id="c{right}" checked' in page and 'value="PANCASILA"' in page
    response = client.post(f"/attempts/{attempt.id}/submit", data={"shown": []})
    assert response.status_code == 302
    db.session.refresh(attempt)
    assert attempt.score == 100.0 and attempt.passed
    result = client.get(f"/attempts/{attempt.id}/result").text
    assert "100" in result and "Lulus" in result
    db.session.refresh(enrollment)
    assert enrollment.status == EnrollmentStatus.COMPLETED
    again = client.post(f"/attempts/{attempt.id}/submit", data={"shown": []})
    assert again.status_code == 302  # refused with a message, nothing re-scored
    assert db.session.scalar(select(func.count(Attempt.id)).where(Attempt.user_id == person.id)) == 1


def test_autosave_refuses_choices_of_another_question(client, course):
    q1, q2 = single(course, "Satu"), single(course, "Dua")
    quiz = make_quiz(course, [q1, q2])
    person, _e = make_learner(course)
    attempt = start_attempt(person, quiz)
    login(client, person)
    response = client.post(
        f"/attempts/{attempt.id}/save",
        data={"shown": [str(q1.id)], f"q{q1.id}": str(choice_ids(q2)[0])},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 422 and response.json["saved"] is False


def test_someone_elses_attempt_is_not_found(client, course):
    quiz = make_quiz(course, [single(course)])
    person, _e = make_learner(course)
    attempt = start_attempt(person, quiz)
    other, _e2 = make_learner(course)
    login(client, other)
    for path in ("", "/result"):
        assert client.get(f"/attempts/{attempt.id}{path}").status_code == 404
    assert client.post(f"/attempts/{attempt.id}/submit").status_code == 404


def test_grading_queue_and_essay_grade(client, evaluator, course):
    q, e = single(course), essay(course, points=4)
    quiz = make_quiz(course, [q, e])
    person, _e = make_learner(course)
    attempt = start_attempt(person, quiz)
    submit_attempt(
        attempt, [{"question_id": q.id, "choice_ids": choice_ids(q)}, {"question_id": e.id, "text": "Esai"}]
    )
    slot = next(a for a in attempt.answers if a.question_id == e.id)
    login(client, evaluator)
    assert "Esai" in client.get("/grading/").text or client.get("/grading/").status_code == 200
    response = client.post(f"/grading/answers/{slot.id}", data={"points": "9", "comment": ""})
    assert response.status_code == 200 and "Beri 0 sampai 4 poin" in response.text
    response = client.post(f"/grading/answers/{slot.id}", data={"points": "4", "comment": "Baik sekali"})
    assert response.status_code == 302
    db.session.refresh(attempt)
    assert attempt.status == AttemptStatus.GRADED and attempt.score == 100.0
    login(client, person)
    assert client.get(f"/grading/answers/{slot.id}").status_code == 404  # never one's own


def test_item_analysis_has_a_histogram_and_table(client, hr_user, course):
    questions = [single(course, f"S{i}") for i in range(3)]
    quiz = make_quiz(course, questions, kind="quiz")
    for n in range(4):
        person, _e = make_learner(course)
        attempt = start_attempt(person, quiz)
        answers = [{"question_id": q.id, "choice_ids": choice_ids(q)} for q in questions[:n]]
        submit_attempt(attempt, answers)
    login(client, hr_user)
    page = client.get(f"/quizzes/{quiz.id}/analysis").text
    assert "<svg" in page and "<table" in page and "4 percobaan dinilai" in page


def test_import_and_export_roundtrip(client, hr_user, course):
    login(client, hr_user)
    payload = {
        "questions": [
            {
                "category": "Etika",
                "kind": "single",
                "text": "Soal A",
                "choices": [{"text": "Ya", "correct": True}, {"text": "Tidak", "correct": False}],
            },
            {
                "category": "Etika",
                "kind": "short_answer",
                "text": "Soal B",
                "accepted_answers": ["BerAKHLAK"],
            },
            {"category": "Esai", "kind": "essay", "text": "Soal C", "points": 5},
        ]
    }
    data = {"file": (io.BytesIO(json.dumps(payload).encode()), "soal.json")}
    assert client.post(f"/courses/{course.id}/questions/import", data=data).status_code == 302
    exported = client.get(f"/courses/{course.id}/questions/export.csv")
    assert exported.status_code == 200 and "Soal A" in exported.text and "BerAKHLAK" in exported.text
    other = make_course()
    data = {"file": (io.BytesIO(exported.data), "soal.csv")}
    assert client.post(f"/courses/{other.id}/questions/import", data=data).status_code == 302
    assert db.session.scalar(select(func.count(Question.id)).where(Question.course_id == other.id)) == 3
    as_json = client.get(f"/courses/{other.id}/questions/export.json").json
    assert [q["text"] for q in as_json["questions"]] == ["Soal A", "Soal B", "Soal C"]


def test_a_bad_import_saves_nothing(client, hr_user, course):
    login(client, hr_user)
    csv_text = (
        "category,kind,text,choice_1,choice_2,correct\nA,single,Baik,Ya,Tidak,1\nA,single,Rusak,Ya,Tidak,\n"
    )
    data = {"file": (io.BytesIO(csv_text.encode()), "soal.csv")}
    response = client.post(f"/courses/{course.id}/questions/import", data=data, follow_redirects=True)
    assert "row 2" in response.text
    assert db.session.scalar(select(func.count(Question.id)).where(Question.course_id == course.id)) == 0
    data = {"file": (io.BytesIO(b"\xff\xfe"), "soal.txt")}
    assert client.post(f"/courses/{course.id}/questions/import", data=data).status_code == 302


def test_hr_grants_an_extra_attempt(client, course):
    unit = make_unit()
    hr_user = make_user(roles=["hr"], unit=unit)
    quiz = make_quiz(course, [single(course)], max_attempts=1)
    person, enrollment = make_learner(course, unit=unit)
    submit_attempt(start_attempt(person, quiz), [])
    assert enrollment.status == EnrollmentStatus.FAILED
    login(client, hr_user)
    assert "Berikan" in client.get(f"/quizzes/{quiz.id}/results").text
    response = client.post(f"/quizzes/{quiz.id}/grants/{enrollment.id}", data={"reason": "Gangguan listrik"})
    assert response.status_code == 302
    db.session.refresh(enrollment)
    assert enrollment.status == EnrollmentStatus.ENROLLED


def test_my_tests_lists_the_tests_of_my_courses(client, course):
    quiz = make_quiz(course, [single(course)])
    person, _e = make_learner(course)
    login(client, person)
    assert quiz.title in client.get("/my/tests").text


def test_course_pages_lead_to_the_tests(client, hr_user, course):
    quiz = make_quiz(course, [single(course)])
    person, enrollment = make_learner(course)
    login(client, person)
    assert "/tests" in client.get(f"/courses/{course.id}").text
    assert f"/courses/{course.id}/tests" in client.get(f"/learning/enrollments/{enrollment.id}").text
    page = client.get(f"/courses/{course.id}/tests").text
    assert f"/tests/{quiz.id}" in page and "Kelola tes" not in page
    login(client, hr_user)
    assert "Kelola tes" in client.get(f"/courses/{course.id}/tests").text


def test_one_question_per_page_with_navigation(client, course):
    q1, q2 = single(course, "Satu"), single(course, "Dua")
    quiz = make_quiz(course, [q1, q2], layout="one")
    person, _e = make_learner(course)
    attempt = start_attempt(person, quiz)
    login(client, person)
    first = attempt.answers[0].question
    page = client.get(f"/attempts/{attempt.id}").text
    assert first.text in page and attempt.answers[1].question.text not in page
    response = client.post(
        f"/attempts/{attempt.id}/save",
        data={"shown": [str(first.id)], f"q{first.id}": str(choice_ids(first)[0]), "go": "1"},
    )
    assert response.headers["Location"].endswith(f"/attempts/{attempt.id}?q=1")
    page = client.get(f"/attempts/{attempt.id}?q=1").text
    assert attempt.answers[1].question.text in page and "Soal sebelumnya" in page
    db.session.expire_all()
    assert attempt.answers[0].chosen_ids == choice_ids(first)


def test_a_quiz_is_deleted_only_before_anyone_attempts_it(client, hr_user, course):
    quiz = make_quiz(course, [single(course)])
    person, _e = make_learner(course)
    start_attempt(person, quiz)
    login(client, hr_user)
    client.post(f"/quizzes/{quiz.id}/remove")
    assert db.session.get(Quiz, quiz.id) is not None
    other_id = make_quiz(course, [], kind="quiz").id
    assert client.post(f"/quizzes/{other_id}/remove").status_code == 302
    db.session.expire_all()
    assert db.session.get(Quiz, other_id) is None


def test_my_tests_shows_the_standing(client, course):
    quiz = make_quiz(course, [single(course)], max_attempts=3)
    person, _e = make_learner(course)
    submit_attempt(start_attempt(person, quiz), [])
    login(client, person)
    page = client.get("/my/tests").text
    assert "Tidak lulus" in page and "<td>2</td>" in page


def test_the_key_stays_hidden_while_a_retake_is_possible(client, course):
    question = single(course)
    quiz = make_quiz(course, [question], max_attempts=2)
    person, _e = make_learner(course)
    first = start_attempt(person, quiz)
    submit_attempt(first, [])
    login(client, person)
    assert "jawaban benar" not in client.get(f"/attempts/{first.id}/result").text
    second = start_attempt(person, quiz)
    submit_attempt(second, [])  # no attempts left: the key may be shown now
    assert "jawaban benar" in client.get(f"/attempts/{second.id}/result").text


def _essay_attempt(course, quiz=None):
    if quiz is None:
        quiz = make_quiz(course, [single(course), essay(course)], kind="quiz")
    person, _e = make_learner(course, unit=make_unit())
    attempt = start_attempt(person, quiz)
    submit_attempt(attempt, [{"question_id": a.question_id, "text": "Jawaban"} for a in attempt.answers[1:]])
    return quiz


def test_pages_do_not_grow_queries_with_rows(client, hr_user, evaluator, course, count_queries):
    def measure(url, user):
        login(client, user)
        with count_queries:
            assert client.get(url).status_code == 200
        return count_queries.count

    quiz = _essay_attempt(course)
    overview = measure(f"/courses/{course.id}/assessments", hr_user)
    queue = measure("/grading/", evaluator)
    results = measure(f"/quizzes/{quiz.id}/results", hr_user)
    for _ in range(8):
        _essay_attempt(course, quiz)
    assert measure(f"/courses/{course.id}/assessments", hr_user) == overview
    assert measure("/grading/", evaluator) == queue
    assert measure(f"/quizzes/{quiz.id}/results", hr_user) == results


def test_hr_grants_only_in_their_units(client, course):
    quiz = make_quiz(course, [single(course)], max_attempts=1)
    person, enrollment = make_learner(course, unit=make_unit())
    submit_attempt(start_attempt(person, quiz), [])
    login(client, make_user(roles=["hr"], unit=make_unit()))
    response = client.post(f"/quizzes/{quiz.id}/grants/{enrollment.id}", data={"reason": "Alasan yang sah"})
    assert response.status_code == 403
    assert enrollment.status == EnrollmentStatus.FAILED
