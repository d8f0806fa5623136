"""Renaming and deleting categories of a course's question bank."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.assessments.models import Question, QuestionCategory
from app.assessments.services.attempts import start_attempt, submit_attempt
from app.assessments.services.bank import remove_question
from app.assessments.services.quizzes import set_draw
from app.extensions import db
from tests.assessments.factories import make_learner, make_quiz, single
from tests.conftest import login
from tests.courses.factories import make_course
from tests.factories import make_user


@pytest.fixture
def course():
    return make_course(competencies={})


def _category(course, name):
    return db.session.scalar(
        select(QuestionCategory).where(QuestionCategory.course_id == course.id, QuestionCategory.name == name)
    )


def test_hr_renames_a_category_from_the_bank_page(client, hr_user, course):
    single(course, category="Regulasi")
    category = _category(course, "Regulasi")
    login(client, hr_user)
    overview = client.get(f"/courses/{course.id}/assessments").text
    assert f"/question-categories/{category.id}" in overview and "Ganti nama atau hapus" in overview
    response = client.post(f"/question-categories/{category.id}", data={"name": "  Regulasi   Pelayanan "})
    assert response.status_code == 302
    db.session.refresh(category)
    assert category.name == "Regulasi Pelayanan"
    assert "Regulasi Pelayanan (1)" in client.get(f"/courses/{course.id}/assessments").text


def test_rename_errors_stand_next_to_the_field_and_keep_the_input(client, hr_user, course):
    single(course, category="Regulasi")
    single(course, "Soal lain", category="Etika")
    category = _category(course, "Regulasi")
    login(client, hr_user)
    page = client.post(f"/question-categories/{category.id}", data={"name": "Etika"}).text
    assert 'id="name-error"' in page and "Kategori lain pada kursus ini sudah memakai nama ini." in page
    assert 'value="Etika"' in page and 'aria-invalid="true"' in page
    page = client.post(f"/question-categories/{category.id}", data={"name": "   "}).text
    assert "Isi nama kategori." in page
    page = client.post(f"/question-categories/{category.id}", data={"name": "x" * 121}).text
    assert "Gunakan paling banyak 120 karakter." in page
    db.session.refresh(category)
    assert category.name == "Regulasi"
    # The same name in another course is fine.
    other = make_course(competencies={})
    single(other, category="Etika")
    assert _category(other, "Etika") is not None


def test_an_empty_category_is_deleted(client, hr_user, course):
    single(course, category="Umum")
    login(client, hr_user)
    client.post(f"/courses/{course.id}/assessments/categories", data={"name": "Kosong"})
    empty = _category(course, "Kosong")
    response = client.post(f"/question-categories/{empty.id}/delete", data={"move_to_id": ""})
    assert response.status_code == 302
    assert _category(course, "Kosong") is None


def test_a_used_category_says_what_uses_it(client, hr_user, course):
    kept = single(course, category="Regulasi")
    used = single(course, "Dipakai", category="Regulasi")
    quiz = make_quiz(course, [used], kind="quiz", max_attempts=None)
    person, _e = make_learner(course)
    submit_attempt(start_attempt(person, quiz), [])
    remove_question(used)  # archived: learners answered it
    category = _category(course, "Regulasi")
    login(client, hr_user)
    page = client.post(f"/question-categories/{category.id}/delete", data={"move_to_id": ""}).text
    assert (
        "2 soal (1 di antaranya diarsipkan) ada di kategori ini" in page and 'id="move_to_id-error"' in page
    )
    set_draw(quiz, category.id, 1)
    page = client.post(f"/question-categories/{category.id}/delete", data={"move_to_id": ""}).text
    assert f"Pengambilan acak pada 1 tes memakai kategori ini ({quiz.title})" in page
    assert _category(course, "Regulasi") is not None and kept.category_id == category.id


def test_questions_move_to_another_category_before_delete(client, hr_user, course):
    first, second = single(course, "A", category="Lama"), single(course, "B", category="Lama")
    single(course, "C", category="Baru")
    old, new = _category(course, "Lama"), _category(course, "Baru")
    other_course = make_course(competencies={})
    single(other_course, category="Asing")
    foreign = _category(other_course, "Asing")
    login(client, hr_user)
    page = client.get(f"/question-categories/{old.id}").text
    assert "Baru (1)" in page and "Asing" not in page
    page = client.post(f"/question-categories/{old.id}/delete", data={"move_to_id": str(foreign.id)}).text
    assert "Pilih kategori lain dari kursus ini." in page
    page = client.post(f"/question-categories/{old.id}/delete", data={"move_to_id": "abc"}).text
    assert "Pilih kategori lain dari kursus ini." in page
    response = client.post(f"/question-categories/{old.id}/delete", data={"move_to_id": str(new.id)})
    assert response.status_code == 302
    assert _category(course, "Lama") is None
    ids = db.session.scalars(select(Question.id).where(Question.category_id == new.id)).all()
    assert {first.id, second.id} <= set(ids)


def test_categories_of_other_courses_are_not_found(client, course):
    single(course, category="Regulasi")
    category = _category(course, "Regulasi")
    login(client, make_user(roles=["employee"]))
    assert client.get(f"/question-categories/{category.id}").status_code == 404
    assert client.post(f"/question-categories/{category.id}/delete").status_code == 404
    assert client.get("/question-categories/2147483647").status_code == 404
