"""The question bank of a course: categories and questions (validated per kind), archiving."""

from __future__ import annotations

import math
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, exists, func, select

from app.assessments.enums import MultipleScoring, QuestionKind
from app.assessments.models import AttemptAnswer, Choice, Question, QuestionCategory, QuizQuestion
from app.assessments.services.common import AssessmentError
from app.extensions import db
from app.validation import FieldErrors, raise_if_errors

MAX_TEXT = 5000
MAX_CHOICE_TEXT = 1000
MAX_CHOICES = 10
MAX_ACCEPTED = 20
MAX_POINTS = 1000.0
DEFAULT_CATEGORY = "Umum"


def clean_points(value: Any, errors: FieldErrors, field: str = "points") -> float:
    """Points: a number above 0 and at most 1000."""
    if isinstance(value, bool) or value in (None, ""):
        errors.add(field, _l("Enter points above 0."))
        return 0.0
    try:
        points = float(str(value).strip().replace(",", "."))
    except ValueError:
        errors.add(field, _l("Enter points above 0."))
        return 0.0
    if not math.isfinite(points) or not 0 < points <= MAX_POINTS:
        errors.add(field, _l("Enter points above 0 and at most %(n)s.", n=int(MAX_POINTS)))
    return round(points, 2)


def _clean_text(value: Any, errors: FieldErrors, field: str, limit: int) -> str:
    text = str(value or "").strip() if not isinstance(value, (dict, list)) else ""
    if not text:
        errors.add(field, _l("This field is required."))
    elif len(text) > limit:
        errors.add(field, _l("Use at most %(n)s characters.", n=limit))
    return text


def _clean_kind(value: Any, errors: FieldErrors) -> QuestionKind | None:
    try:
        return QuestionKind(str(value))
    except ValueError:
        errors.add("kind", _l("Choose one of the listed question kinds."))
        return None


def _truthy(value: Any) -> bool:
    return value is True or str(value).strip().lower() in {"1", "true", "yes", "y", "ya", "benar", "x"}


def _clean_choices(kind: QuestionKind, raw: Any, errors: FieldErrors) -> list[tuple[str, bool]]:
    if not isinstance(raw, list):
        errors.add("choices", _l("Give the answer choices."))
        return []
    choices: list[tuple[str, bool]] = []
    for item in raw:
        if not isinstance(item, dict):
            errors.add("choices", _l("Each choice needs a text and whether it is correct."))
            return []
        text = str(item.get("text") or "").strip()
        if not text:
            continue  # blank rows of a form are left out
        if len(text) > MAX_CHOICE_TEXT:
            errors.add("choices", _l("Use at most %(n)s characters.", n=MAX_CHOICE_TEXT))
        choices.append((text, _truthy(item.get("correct"))))
    correct = sum(1 for _t, c in choices if c)
    if kind == QuestionKind.TRUE_FALSE and len(choices) != 2:
        errors.add("choices", _l("A true/false question has exactly two choices."))
    elif not 2 <= len(choices) <= MAX_CHOICES:
        errors.add("choices", _l("Give between 2 and %(n)s choices.", n=MAX_CHOICES))
    if correct == 0:
        errors.add("choices", _l("Mark at least one choice as correct."))
    elif kind != QuestionKind.MULTIPLE and correct > 1:
        errors.add("choices", _l("Mark exactly one choice as correct."))
    if len({t.casefold() for t, _c in choices}) != len(choices):
        errors.add("choices", _l("Two choices have the same text."))
    return choices


def _clean_accepted(raw: Any, errors: FieldErrors) -> list[str]:
    if isinstance(raw, str):
        raw = raw.splitlines()
    if not isinstance(raw, list):
        errors.add("accepted_answers", _l("Give at least one accepted answer."))
        return []
    answers = [str(a).strip() for a in raw if str(a).strip() and not isinstance(a, (dict, list))]
    if not answers:
        errors.add("accepted_answers", _l("Give at least one accepted answer."))
    elif len(answers) > MAX_ACCEPTED or any(len(a) > 200 for a in answers):
        errors.add("accepted_answers", _l("Give at most 20 answers of at most 200 characters."))
    return list(dict.fromkeys(answers))


def clean_question(data: dict[str, Any], errors: FieldErrors) -> dict[str, Any]:
    """Validate one question's fields (kind, text, points, feedback, scoring, choices, accepted answers)."""
    kind = _clean_kind(data.get("kind"), errors)
    cleaned: dict[str, Any] = {
        "kind": kind,
        "text": _clean_text(data.get("text"), errors, "text", MAX_TEXT),
        "points": clean_points(data.get("points", 1), errors),
        "feedback": str(data.get("feedback") or "").strip()[:MAX_TEXT],
        "scoring": MultipleScoring.ALL_OR_NOTHING,
        "choices": [],
        "accepted_answers": [],
    }
    if kind == QuestionKind.MULTIPLE and data.get("scoring"):
        try:
            cleaned["scoring"] = MultipleScoring(str(data.get("scoring")))
        except ValueError:
            errors.add("scoring", _l("Choose one of the listed scoring rules."))
    if kind is not None and kind.has_choices:
        cleaned["choices"] = _clean_choices(kind, data.get("choices"), errors)
    elif kind == QuestionKind.SHORT_ANSWER:
        cleaned["accepted_answers"] = _clean_accepted(data.get("accepted_answers"), errors)
    return cleaned


def get_or_create_category(course_id: int, name: str) -> QuestionCategory:
    """The course's category of that name, created when missing."""
    name = " ".join((name or "").split())[:120] or DEFAULT_CATEGORY
    category = db.session.scalar(
        select(QuestionCategory).where(QuestionCategory.course_id == course_id, QuestionCategory.name == name)
    )
    if category is None:
        category = QuestionCategory(course_id=course_id, name=name)
        db.session.add(category)
        db.session.flush()
    return category


def create_category(course_id: int, name: Any) -> QuestionCategory:
    """Add a category to a course's bank (names are unique per course)."""
    errors = FieldErrors()
    text = _clean_text(name, errors, "name", 120)
    raise_if_errors(errors, AssessmentError)
    exists_already = db.session.scalar(
        select(QuestionCategory.id).where(
            QuestionCategory.course_id == course_id, QuestionCategory.name == text
        )
    )
    if exists_already:
        raise AssessmentError(
            str(_l("This category exists already.")), {"name": [str(_l("This category exists already."))]}
        )
    return get_or_create_category(course_id, text)


def category_of(course_id: int, data: dict[str, Any], errors: FieldErrors) -> QuestionCategory | None:
    """The category a question goes in: `category_id` of this course, or `category` by name."""
    category_id = data.get("category_id")
    if category_id not in (None, ""):
        category = db.session.get(QuestionCategory, category_id) if isinstance(category_id, int) else None
        if category is None or category.course_id != course_id:
            errors.add("category_id", _l("Choose a category of this course."))
            return None
        return category
    return get_or_create_category(course_id, str(data.get("category") or ""))


def create_question(course_id: int, data: dict[str, Any]) -> Question:
    """Add a question to the course's bank (validated for its kind)."""
    errors = FieldErrors()
    cleaned = clean_question(data, errors)
    raise_if_errors(errors, AssessmentError)
    category = category_of(course_id, data, errors)
    raise_if_errors(errors, AssessmentError)
    question = Question(course_id=course_id, category_id=category.id)
    _apply(question, cleaned)
    db.session.add(question)
    db.session.flush()
    return question


def update_question(question: Question, data: dict[str, Any]) -> Question:
    """Change a question; choices are matched by position so frozen attempts keep their choice ids."""
    errors = FieldErrors()
    cleaned = clean_question(data, errors)
    if cleaned["kind"] is not None and cleaned["kind"] != question.kind and question_used(question.id):
        errors.add("kind", _l("Learners have answered this question; its kind can no longer change."))
    raise_if_errors(errors, AssessmentError)
    category = category_of(question.course_id, data, errors)
    raise_if_errors(errors, AssessmentError)
    question.category_id = category.id
    _apply(question, cleaned)
    db.session.flush()
    return question


def _apply(question: Question, cleaned: dict[str, Any]) -> None:
    question.kind = cleaned["kind"]
    question.text = cleaned["text"]
    question.points = cleaned["points"]
    question.feedback = cleaned["feedback"]
    question.scoring = cleaned["scoring"]
    question.accepted_answers = cleaned["accepted_answers"]
    existing = list(question.choices)
    for position, (text, correct) in enumerate(cleaned["choices"]):
        if position < len(existing):
            choice = existing[position]
            choice.text, choice.correct, choice.position = text, correct, position
        else:
            question.choices.append(Choice(text=text, correct=correct, position=position))
    for extra in existing[len(cleaned["choices"]) :]:
        question.choices.remove(extra)


def question_used(question_id: int) -> bool:
    """True when an attempt holds the question (it is then archived, never deleted)."""
    return bool(db.session.scalar(select(exists().where(AttemptAnswer.question_id == question_id))))


def remove_question(question: Question) -> bool:
    """Delete an unused question, or archive a used one (out of quizzes and draws); True when deleted."""
    db.session.execute(delete(QuizQuestion).where(QuizQuestion.question_id == question.id))
    if question_used(question.id):
        question.archived = True
        db.session.flush()
        return False
    db.session.delete(question)
    db.session.flush()
    return True


def category_counts(course_id: int) -> list[tuple[QuestionCategory, int]]:
    """The course's categories with their number of active questions (one query)."""
    rows = db.session.execute(
        select(QuestionCategory, func.count(Question.id))
        .outerjoin(Question, (Question.category_id == QuestionCategory.id) & Question.archived.is_(False))
        .where(QuestionCategory.course_id == course_id)
        .group_by(QuestionCategory.id)
        .order_by(QuestionCategory.name)
    ).all()
    return [(category, count) for category, count in rows]
