"""Quizzes of a course: settings, fixed questions and random draws from categories."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import to_utc
from sqlalchemy import Select, case, func, select, update
from sqlalchemy.exc import IntegrityError

from app.assessments.enums import GradingMethod, QuizKind, QuizLayout
from app.assessments.models import Attempt, Question, QuestionCategory, Quiz, QuizDraw, QuizQuestion
from app.assessments.services.bank import create_question
from app.assessments.services.common import AssessmentError
from app.errors import ConflictError, NotFoundError
from app.extensions import db
from app.validation import FieldErrors, raise_if_errors

MAX_ATTEMPTS = 100
MAX_MINUTES = 24 * 60
MAX_DRAW = 200


def _number(
    value: Any, errors: FieldErrors, field: str, low: float, high: float, message: Any
) -> float | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        errors.add(field, message)
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        errors.add(field, message)
        return None
    if not low <= number <= high:
        errors.add(field, message)
    return number


def _whole(value: Any, errors: FieldErrors, field: str, high: int, message: Any) -> int | None:
    number = _number(value, errors, field, 1, high, message)
    if number is None:
        return None
    if not float(number).is_integer():
        errors.add(field, message)
    return int(number)


def _moment(value: Any, errors: FieldErrors, field: str) -> datetime | None:
    """An aware datetime; naive ones (forms) are read in the agency's time zone."""
    if value in (None, ""):
        return None
    if not isinstance(value, datetime):
        try:
            value = datetime.fromisoformat(str(value).strip())
        except ValueError:
            errors.add(field, _l("Use a date and time such as 2026-12-01T08:00."))
            return None
    return value.astimezone(UTC) if value.tzinfo else to_utc(value).replace(tzinfo=UTC)


def _enum(enum: type, value: Any, default: Any, errors: FieldErrors, field: str) -> Any:
    if value in (None, ""):
        return default
    try:
        return enum(str(value))
    except ValueError:
        errors.add(field, _l("Choose one of the listed options."))
        return default


def clean_quiz(data: dict[str, Any], errors: FieldErrors) -> dict[str, Any]:
    """Validate a quiz's settings (title, kind, passing score 0–100, attempts, time limit, dates …)."""
    title = " ".join(str(data.get("title") or "").split()) if not isinstance(data.get("title"), dict) else ""
    if not title:
        errors.add("title", _l("This field is required."))
    elif len(title) > 200:
        errors.add("title", _l("Use at most %(n)s characters.", n=200))
    if data.get("kind") in (None, ""):
        errors.add("kind", _l("Choose one of the listed options."))
    passing = _number(
        data.get("passing_score"), errors, "passing_score", 0, 100, _l("Enter a passing score from 0 to 100.")
    )
    if passing is None and "passing_score" not in errors:
        errors.add("passing_score", _l("Enter a passing score from 0 to 100."))
    cleaned = {
        "title": title,
        "description": str(data.get("description") or "").strip()[:5000],
        "kind": _enum(QuizKind, data.get("kind"), QuizKind.QUIZ, errors, "kind"),
        "passing_score": round(passing or 0.0, 2),
        "max_attempts": _whole(
            data.get("max_attempts"),
            errors,
            "max_attempts",
            MAX_ATTEMPTS,
            _l("Enter a number of attempts from 1 to %(n)s, or leave it empty for no limit.", n=MAX_ATTEMPTS),
        ),
        "time_limit_minutes": _whole(
            data.get("time_limit_minutes"),
            errors,
            "time_limit_minutes",
            MAX_MINUTES,
            _l("Enter minutes from 1 to %(n)s, or leave it empty for no limit.", n=MAX_MINUTES),
        ),
        "opens_at": _moment(data.get("opens_at"), errors, "opens_at"),
        "closes_at": _moment(data.get("closes_at"), errors, "closes_at"),
        "grading_method": _enum(
            GradingMethod, data.get("grading_method"), GradingMethod.HIGHEST, errors, "grading_method"
        ),
        "layout": _enum(QuizLayout, data.get("layout"), QuizLayout.ALL, errors, "layout"),
        "shuffle_questions": bool(data.get("shuffle_questions")),
        "shuffle_choices": bool(data.get("shuffle_choices")),
        "show_feedback": bool(data.get("show_feedback", True)),
    }
    if cleaned["opens_at"] and cleaned["closes_at"] and cleaned["closes_at"] <= cleaned["opens_at"]:
        errors.add("closes_at", _l("The test must close after it opens."))
    return cleaned


def _one_per_course(course_id: int, kind: QuizKind, errors: FieldErrors, quiz_id: int | None = None) -> None:
    if kind == QuizKind.QUIZ:
        return
    other = db.session.scalar(
        select(Quiz.id).where(Quiz.course_id == course_id, Quiz.kind == kind, Quiz.id != (quiz_id or 0))
    )
    if other is not None:
        errors.add("kind", _l("This course already has a %(kind)s.", kind=kind.label.lower()))


def _save(quiz: Quiz) -> Quiz:
    try:
        with db.session.begin_nested():
            db.session.add(quiz)
            db.session.flush()
    except IntegrityError:  # a concurrent request added the course's pre- or post-test first
        message = str(_l("This course already has a %(kind)s.", kind=quiz.kind.label.lower()))
        raise AssessmentError(message, {"kind": [message]}, status=409, code="conflict")
    return quiz


def create_quiz(actor: Any, course_id: int, data: dict[str, Any]) -> Quiz:
    """Add a quiz to the course; questions given inline (the API) go to a category named after it."""
    errors = FieldErrors()
    cleaned = clean_quiz(data, errors)
    _one_per_course(course_id, cleaned["kind"], errors)
    inline = data.get("questions") or []
    if not isinstance(inline, list):
        errors.add("questions", _l("Give a list of questions."))
        inline = []
    raise_if_errors(errors, AssessmentError)
    quiz = _save(Quiz(course_id=course_id, created_by_id=getattr(actor, "id", None), **cleaned))
    for position, item in enumerate(inline):
        item = dict(item) if isinstance(item, dict) else {}
        item.setdefault("category", cleaned["title"])
        try:
            question = create_question(course_id, item)
        except AssessmentError as exc:
            fields = {f"questions.{position}.{name}": messages for name, messages in exc.fields.items()}
            raise AssessmentError(exc.message, fields) from None
        db.session.add(QuizQuestion(quiz_id=quiz.id, question_id=question.id, position=position))
    db.session.flush()
    return quiz


def update_quiz(quiz: Quiz, data: dict[str, Any]) -> Quiz:
    """Change a quiz's settings (attempts already started keep their questions and deadline)."""
    errors = FieldErrors()
    cleaned = clean_quiz(data, errors)
    _one_per_course(quiz.course_id, cleaned["kind"], errors, quiz.id)
    raise_if_errors(errors, AssessmentError)
    for name, value in cleaned.items():
        setattr(quiz, name, value)
    return _save(quiz)


def remove_quiz(quiz: Quiz) -> None:
    """Delete a quiz nobody has attempted (attempts keep results and evidence references)."""
    if db.session.scalar(select(Attempt.id).where(Attempt.quiz_id == quiz.id).limit(1)) is not None:
        raise ConflictError(str(_l("Learners have attempted this test; it can no longer be deleted.")))
    db.session.delete(quiz)
    db.session.flush()


def _lock_quiz(quiz: Quiz) -> list[QuizQuestion]:
    """Lock the quiz row (changes to its fixed questions queue behind each other) and read them afresh."""
    db.session.execute(select(Quiz.id).where(Quiz.id == quiz.id).with_for_update())
    return list(
        db.session.scalars(
            select(QuizQuestion)
            .where(QuizQuestion.quiz_id == quiz.id)
            .order_by(QuizQuestion.position, QuizQuestion.id)
            .execution_options(populate_existing=True)
        )
    )


def _renumber(quiz: Quiz, ordered: list[QuizQuestion]) -> None:
    """Give the fixed questions the positions 0 … n−1 in `ordered`.

    Positions are unique per quiz, so they go through negative spares first: no
    statement ever makes two rows share a position, whatever order rows are updated in.
    """
    db.session.flush()
    db.session.execute(
        update(QuizQuestion)
        .where(QuizQuestion.quiz_id == quiz.id)
        .values(position=-1 - QuizQuestion.position)
        .execution_options(synchronize_session=False)
    )
    if ordered:
        db.session.execute(
            update(QuizQuestion), [{"id": fq.id, "position": n} for n, fq in enumerate(ordered)]
        )
    for fixed in ordered:
        db.session.expire(fixed, ["position"])
    db.session.expire(quiz, ["fixed_questions"])


def add_fixed_questions(quiz: Quiz, question_ids: list[Any]) -> int:
    """Add questions of the course's bank to every attempt of the quiz; returns how many were new."""
    ids = [q for q in question_ids if isinstance(q, int) and not isinstance(q, bool)]
    valid = set(
        db.session.scalars(
            select(Question.id).where(
                Question.id.in_(ids), Question.course_id == quiz.course_id, Question.archived.is_(False)
            )
        )
    )
    if not valid or len(valid) != len(set(ids)):
        message = str(_l("Choose questions of this course's bank."))
        raise AssessmentError(message, {"question_ids": [message]})
    fixed = _lock_quiz(quiz)
    present = {fq.question_id for fq in fixed}
    position = max((fq.position for fq in fixed), default=-1)
    added = 0
    for question_id in dict.fromkeys(ids):
        if question_id in present:
            continue
        position += 1
        db.session.add(QuizQuestion(quiz_id=quiz.id, question_id=question_id, position=position))
        added += 1
    db.session.flush()
    db.session.expire(quiz, ["fixed_questions"])
    return added


def remove_fixed_question(quiz: Quiz, question_id: int) -> None:
    """Take a question out of the quiz (it stays in the bank); the others close the gap."""
    fixed = _lock_quiz(quiz)
    gone = [fq for fq in fixed if fq.question_id == question_id]
    for row in gone:
        db.session.delete(row)
    if gone:
        _renumber(quiz, [fq for fq in fixed if fq.question_id != question_id])


def move_fixed_question(quiz: Quiz, question_id: int, direction: Any) -> bool:
    """Move a fixed question one place up or down; False when it is already first or last.

    The quiz row is locked, so two moves at the same moment run one after the other and
    positions stay 0 … n−1. Attempts already started keep their own frozen order.
    """
    if direction not in ("up", "down"):
        message = str(_l("Choose to move the question up or down."))
        raise AssessmentError(message, {"direction": [message]})
    fixed = _lock_quiz(quiz)
    index = next((i for i, fq in enumerate(fixed) if fq.question_id == question_id), None)
    if index is None:
        raise NotFoundError(str(_l("This question is not in the test.")))
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(fixed):
        return False
    fixed[index], fixed[other] = fixed[other], fixed[index]
    _renumber(quiz, fixed)
    return True


def set_draw(quiz: Quiz, category_id: Any, count: Any) -> QuizDraw | None:
    """Draw `count` random questions from a category of the course per attempt (0 removes the draw)."""
    errors = FieldErrors()
    category = db.session.get(QuestionCategory, category_id) if isinstance(category_id, int) else None
    if category is None or category.course_id != quiz.course_id:
        errors.add("category_id", _l("Choose a category of this course."))
    number = _number(count, errors, "count", 0, MAX_DRAW, _l("Enter a number from 0 to %(n)s.", n=MAX_DRAW))
    if number is not None and not float(number).is_integer():
        errors.add("count", _l("Enter a number from 0 to %(n)s.", n=MAX_DRAW))
    raise_if_errors(errors, AssessmentError)
    draw = next((d for d in quiz.draws if d.category_id == category.id), None)
    if not number:
        if draw is not None:
            quiz.draws.remove(draw)
        db.session.flush()
        return None
    if draw is None:
        draw = QuizDraw(category_id=category.id, count=int(number))
        quiz.draws.append(draw)
    draw.count = int(number)
    db.session.flush()
    return draw


def question_count(quiz: Quiz) -> int:
    """How many questions an attempt gets at most (fixed plus the draws, capped by each category's size)."""
    draws = list(quiz.draws)
    available: dict[int, int] = {}
    if draws:
        available = dict(
            db.session.execute(
                select(Question.category_id, func.count(Question.id))
                .where(Question.category_id.in_({d.category_id for d in draws}), Question.archived.is_(False))
                .group_by(Question.category_id)
            ).all()
        )
    return len(quiz.fixed_questions) + sum(min(d.count, available.get(d.category_id, 0)) for d in draws)


def course_quizzes_query(course_id: int) -> Select:
    """The course's quizzes: pre-test, post-test, then the others by title."""
    order = case({QuizKind.PRE_TEST.value: 0, QuizKind.POST_TEST.value: 1}, value=Quiz.kind, else_=2)
    return select(Quiz).where(Quiz.course_id == course_id).order_by(order, Quiz.title, Quiz.id)


def course_quizzes(course_id: int) -> list[Quiz]:
    """The course's quizzes in order (see `course_quizzes_query`)."""
    return list(db.session.scalars(course_quizzes_query(course_id)))
