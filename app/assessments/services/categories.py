"""Categories of a course's question bank: rename (unique per course) and delete (only when unused)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from app.assessments.models import Question, QuestionCategory, Quiz, QuizDraw
from app.assessments.services.common import AssessmentError
from app.errors import ConflictError
from app.extensions import db
from app.validation import FieldErrors, raise_if_errors

MAX_NAME = 120


def clean_category_name(value: Any, errors: FieldErrors, field: str = "name") -> str:
    """A category name: spaces collapsed, required, at most 120 characters."""
    name = " ".join(str(value or "").split()) if not isinstance(value, (dict, list)) else ""
    if not name:
        errors.add(field, _l("Enter a name for the category."))
    elif len(name) > MAX_NAME:
        errors.add(field, _l("Use at most %(n)s characters.", n=MAX_NAME))
    return name


def _taken(course_id: int, name: str, category_id: int | None = None) -> bool:
    return (
        db.session.scalar(
            select(QuestionCategory.id).where(
                QuestionCategory.course_id == course_id,
                QuestionCategory.name == name,
                QuestionCategory.id != (category_id or 0),
            )
        )
        is not None
    )


def _taken_error() -> AssessmentError:
    message = str(_l("Another category of this course has this name."))
    return AssessmentError(message, {"name": [message]})


def rename_category(category: QuestionCategory, name: Any) -> QuestionCategory:
    """Rename a category; the name must be unique within the course."""
    errors = FieldErrors()
    cleaned = clean_category_name(name, errors)
    raise_if_errors(errors, AssessmentError)
    if _taken(category.course_id, cleaned, category.id):
        raise _taken_error()
    category.name = cleaned
    try:
        with db.session.begin_nested():
            db.session.flush()
    except IntegrityError:  # a parallel rename or new category took the name first
        raise _taken_error() from None
    return category


@dataclass(frozen=True)
class CategoryUse:
    """What still uses a category: its questions (archived ones too) and the tests drawing from it."""

    questions: int
    archived: int
    draw_quizzes: list[str]

    @property
    def unused(self) -> bool:
        return not self.questions and not self.draw_quizzes


def category_use(category: QuestionCategory) -> CategoryUse:
    """Count the category's questions and list the tests that draw random questions from it (2 queries)."""
    total, archived = db.session.execute(
        select(func.count(Question.id), func.count(Question.id).filter(Question.archived.is_(True))).where(
            Question.category_id == category.id
        )
    ).one()
    titles = db.session.scalars(
        select(Quiz.title)
        .join(QuizDraw, QuizDraw.quiz_id == Quiz.id)
        .where(QuizDraw.category_id == category.id)
    ).all()
    return CategoryUse(total or 0, archived or 0, sorted(titles))


def delete_category(category: QuestionCategory, move_to_id: Any = None) -> int:
    """Delete a category no random draw uses; its questions first go to `move_to_id` (another category
    of the course) if given, otherwise it must hold none. Returns how many questions were moved."""
    target = None
    if move_to_id not in (None, ""):
        target = db.session.get(QuestionCategory, move_to_id) if isinstance(move_to_id, int) else None
        if target is None or target.course_id != category.course_id or target.id == category.id:
            message = str(_l("Choose another category of this course."))
            raise AssessmentError(message, {"move_to_id": [message]})
    use = category_use(category)
    if use.draw_quizzes:
        raise ConflictError(
            str(
                _l(
                    "Random draws of %(n)s tests use this category (%(titles)s). Remove those draws first.",
                    n=len(use.draw_quizzes),
                    titles=", ".join(use.draw_quizzes),
                )
            )
        )
    if use.questions and target is None:
        message = str(
            _l(
                "%(n)s questions (%(archived)s of them archived) are in this category. "
                "Choose a category to move them to, or delete them first.",
                n=use.questions,
                archived=use.archived,
            )
        )
        raise AssessmentError(message, {"move_to_id": [message]}, status=409, code="conflict")
    if target is not None:
        db.session.execute(
            update(Question)
            .where(Question.category_id == category.id)
            .values(category_id=target.id)
            .execution_options(synchronize_session="fetch")
        )
    try:
        with db.session.begin_nested():
            db.session.delete(category)
            db.session.flush()
    except IntegrityError:  # a question was added to it meanwhile
        raise ConflictError(str(_l("The category is in use. Reload the page and try again."))) from None
    return use.questions if target is not None else 0
