"""Factories for assessment tests: questions, quizzes and learners enrolled in a course."""

from __future__ import annotations

from typing import Any

from app.assessments.enums import MultipleScoring, QuizKind
from app.assessments.models import Attempt, Question, Quiz
from app.assessments.services.attempts import start_attempt
from app.assessments.services.bank import create_question
from app.assessments.services.quizzes import add_fixed_questions, create_quiz
from app.courses.models import Course, Enrollment
from app.org.models import Unit, User
from tests.courses.factories import make_class, make_course, make_enrollment
from tests.factories import make_user


def single(
    course: Course, text: str = "Ibu kota Indonesia?", *, category: str = "Umum", points: float = 1
) -> Question:
    """A single-choice question whose first choice is correct."""
    return create_question(
        course.id,
        {
            "kind": "single",
            "text": text,
            "points": points,
            "category": category,
            "feedback": "Jakarta (sampai pemindahan ke IKN).",
            "choices": [
                {"text": "Jakarta", "correct": True},
                {"text": "Bandung", "correct": False},
                {"text": "Surabaya", "correct": False},
            ],
        },
    )


def multiple(course: Course, *, scoring: MultipleScoring = MultipleScoring.PROPORTIONAL) -> Question:
    """A multiple-choice question: the first two of four choices are correct."""
    return create_question(
        course.id,
        {
            "kind": "multiple",
            "text": "Nilai dasar BerAKHLAK mencakup?",
            "scoring": scoring.value,
            "choices": [
                {"text": "Berorientasi Pelayanan", "correct": True},
                {"text": "Akuntabel", "correct": True},
                {"text": "Birokratis", "correct": False},
                {"text": "Eksklusif", "correct": False},
            ],
        },
    )


def short(course: Course) -> Question:
    return create_question(
        course.id,
        {"kind": "short_answer", "text": "Dasar negara Indonesia?", "accepted_answers": ["Pancasila"]},
    )


def essay(course: Course, points: float = 4) -> Question:
    return create_question(
        course.id, {"kind": "essay", "text": "Jelaskan makna pelayanan prima.", "points": points}
    )


def make_quiz(
    course: Course,
    questions: list[Question],
    *,
    kind: QuizKind | str = QuizKind.POST_TEST,
    actor: User | None = None,
    **settings: Any,
) -> Quiz:
    """A quiz with the given fixed questions (passing score 70, 2 attempts unless told)."""
    kind = QuizKind(kind)
    data = {
        "title": f"{kind.label} {course.code}",
        "kind": kind.value,
        "passing_score": 70,
        "max_attempts": 2,
    }
    data.update(settings)
    quiz = create_quiz(actor, course.id, data)
    if questions:
        add_fixed_questions(quiz, [q.id for q in questions])
    return quiz


def make_learner(
    course: Course, username: str | None = None, unit: Unit | None = None
) -> tuple[User, Enrollment]:
    """A civil servant (of `unit`, if given) enrolled in a class of the course."""
    person = make_user(roles=["employee"], username=username, unit=unit)
    return person, make_enrollment(person, make_class(course))


def choice_ids(question: Question, *, correct: bool = True) -> list[int]:
    """The ids of the question's correct (or wrong) choices."""
    return [c.id for c in question.choices if c.correct == correct]


def world_quiz(world: dict[str, Any]) -> Quiz:
    """A post-test of a course the schemathesis run's administrator is enrolled in (made on first use)."""
    if "quiz" not in world:
        course = make_course(competencies={})
        world["quiz"] = make_quiz(course, [single(course), short(course)], max_attempts=None)
        make_enrollment(world["admin"], make_class(course))
    return world["quiz"]


def world_attempt(world: dict[str, Any]) -> Attempt:
    """The administrator's open attempt of `world_quiz` (made on first use)."""
    if "attempt" not in world:
        world["attempt"] = start_attempt(world["admin"], world_quiz(world))
    return world["attempt"]
