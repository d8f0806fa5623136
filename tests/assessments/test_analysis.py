"""Item analysis by choice (distractor analysis): picks, shares, top and bottom groups, constant queries."""

from __future__ import annotations

import pytest

from app.assessments import rules
from app.assessments.services.analysis import analyse_quiz
from app.assessments.services.attempts import start_attempt, submit_attempt
from tests.assessments.factories import choice_ids, make_learner, make_quiz, single
from tests.conftest import login
from tests.courses.factories import make_course


@pytest.fixture
def course():
    return make_course(competencies={})


def test_choice_stats_compare_the_top_and_bottom_groups():
    # Ten attempts: the three best pick the key (1), the three weakest the distractor 2, one left it blank.
    results = [(90.0, [1]), (85.0, [1]), (80.0, [1]), (70.0, [3]), (60.0, [1]), (50.0, [])]
    results += [(40.0, [3]), (30.0, [2]), (20.0, [2]), (10.0, [2])]
    stats, blank = rules.choice_stats(results, [(1, True), (2, False), (3, False), (4, False)])
    key, lure, other, dead = stats
    assert blank == 1
    assert (key.picked, key.percent, key.upper_percent, key.lower_percent) == (4, 40.0, 100.0, 0.0)
    assert (lure.picked, lure.upper_percent, lure.lower_percent) == (3, 0.0, 100.0)
    assert other.percent == 20.0 and dead.picked == 0
    assert not any(s.suspicious for s in stats)


def test_a_wrong_key_is_marked():
    # Strong learners pick choice 2, which is marked wrong; the "correct" choice 1 attracts the weak.
    results = [(90.0, [2]), (80.0, [2]), (30.0, [1]), (20.0, [1])]
    key, lure = rules.choice_stats(results, [(1, True), (2, False)])[0]
    assert key.suspicious and lure.suspicious
    assert rules.choice_stats([], [(1, True)]) == ([rules.ChoiceStats(1, 0, None, None, None, True)], 0)


def _sit(course, quiz, question, picked):
    person, _e = make_learner(course)
    attempt = start_attempt(person, quiz)
    submit_attempt(attempt, [{"question_id": question.id, "choice_ids": picked}])


def test_the_analysis_page_shows_each_choice(client, hr_user, course):
    question = single(course, "Dasar hukum pelayanan publik?")
    quiz = make_quiz(course, [question], kind="quiz", max_attempts=None)
    jakarta, bandung, _surabaya = (c.id for c in question.choices)
    for picked in ([jakarta], [jakarta], [bandung], []):
        _sit(course, quiz, question, picked)
    (row,) = analyse_quiz(quiz).items
    assert [(c.text, s.picked) for c, s in row.choices] == [("Jakarta", 2), ("Bandung", 1), ("Surabaya", 0)]
    assert row.blank == 1
    login(client, hr_user)
    page = client.get(f"/quizzes/{quiz.id}/analysis").text
    assert "Pilihan yang dijawab" in page and "<caption" in page and "Dasar hukum pelayanan publik?" in page
    assert "Jakarta" in page and "benar" in page and "50,0%" in page and "tidak ada yang memilihnya" in page


def test_the_analysis_page_queries_stay_constant(client, hr_user, course, count_queries):
    questions = [single(course, f"S{i}") for i in range(3)]
    quiz = make_quiz(course, questions, kind="quiz", max_attempts=None)

    def sit_all(n):
        for i in range(n):
            person, _e = make_learner(course)
            attempt = start_attempt(person, quiz)
            answers = [
                {"question_id": q.id, "choice_ids": choice_ids(q, correct=i % 2 == 0)[:1]} for q in questions
            ]
            submit_attempt(attempt, answers)

    def measure():
        login(client, hr_user)
        with count_queries:
            response = client.get(f"/quizzes/{quiz.id}/analysis")
        assert response.status_code == 200 and "Pilihan yang dijawab" in response.text
        return count_queries.count

    sit_all(2)
    few = measure()
    sit_all(10)
    assert measure() == few
