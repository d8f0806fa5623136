"""Forms of the assessments pages (shape and types only; the services validate the rules)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, DateTimeLocalField, SelectField, StringField, TextAreaField
from wtforms.validators import Optional

from app.assessments.enums import (
    GRADING_LABELS,
    LAYOUT_LABELS,
    QUESTION_KIND_LABELS,
    QUIZ_KIND_LABELS,
    SCORING_LABELS,
)

CHOICE_ROWS = 6
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]


def _options(labels: dict[Any, Any]) -> list[tuple[str, Any]]:
    return [(key.value, label) for key, label in labels.items()]


class CategoryForm(FlaskForm):
    name = StringField(_l("New category"))


class CategoryRenameForm(FlaskForm):
    name = StringField(_l("Name"))


class CategoryDeleteForm(FlaskForm):
    move_to_id = SelectField(_l("Move its questions to"), coerce=str, validate_choice=False)


class QuestionForm(FlaskForm):
    """A question of any kind: six choice rows (blank ones are left out) and accepted answers."""

    kind = SelectField(_l("Kind"), choices=_options(QUESTION_KIND_LABELS), validate_choice=False)
    category_id = SelectField(_l("Category"), coerce=str, validate_choice=False)
    category = StringField(_l("…or a new category"))
    text = TextAreaField(_l("Question"), render_kw={"rows": 3})
    points = StringField(_l("Points"), default="1")
    scoring = SelectField(
        _l("Scoring of multiple choice"), choices=_options(SCORING_LABELS), validate_choice=False
    )
    accepted_answers = TextAreaField(
        _l("Accepted answers (short answer, one per line)"), render_kw={"rows": 3}
    )
    feedback = TextAreaField(_l("Feedback shown after submission"), render_kw={"rows": 2})

    def data_for_service(self, choices: list[dict[str, Any]]) -> dict[str, Any]:
        """The service's input: the fields plus the choice rows read from the request."""
        category_id = self.category_id.data
        return {
            "kind": self.kind.data,
            "category_id": int(category_id) if str(category_id or "").isdigit() else None,
            "category": self.category.data,
            "text": self.text.data,
            "points": self.points.data,
            "scoring": self.scoring.data,
            "accepted_answers": self.accepted_answers.data or "",
            "feedback": self.feedback.data,
            "choices": choices,
        }


class ImportForm(FlaskForm):
    file = FileField(_l("CSV or JSON file"))


class InstructorForm(FlaskForm):
    username = StringField(_l("User name of the instructor"))


class QuizForm(FlaskForm):
    title = StringField(_l("Title"))
    kind = SelectField(_l("Kind"), choices=_options(QUIZ_KIND_LABELS), validate_choice=False)
    description = TextAreaField(_l("Instructions for learners"), render_kw={"rows": 3})
    passing_score = StringField(_l("Passing score (%)"), default="70")
    max_attempts = StringField(_l("Maximum attempts (empty: no limit)"), default="2")
    time_limit_minutes = StringField(_l("Time limit in minutes (empty: none)"))
    opens_at = DateTimeLocalField(_l("Opens at (optional)"), format=DATETIME_FORMATS, validators=[Optional()])
    closes_at = DateTimeLocalField(
        _l("Closes at (optional)"), format=DATETIME_FORMATS, validators=[Optional()]
    )
    grading_method = SelectField(
        _l("Grade across attempts"), choices=_options(GRADING_LABELS), validate_choice=False
    )
    layout = SelectField(_l("Layout"), choices=_options(LAYOUT_LABELS), validate_choice=False)
    shuffle_questions = BooleanField(_l("Shuffle the questions for each attempt"))
    shuffle_choices = BooleanField(_l("Shuffle the choices for each attempt"))
    show_feedback = BooleanField(_l("Show answers and feedback after submission"), default=True)


class DrawForm(FlaskForm):
    category_id = SelectField(_l("Category"), coerce=str, validate_choice=False)
    count = StringField(_l("Random questions per attempt (0 removes)"), default="5")


class GrantForm(FlaskForm):
    reason = StringField(_l("Reason for the extra attempt"))


class GradeForm(FlaskForm):
    points = StringField(_l("Points awarded"))
    comment = TextAreaField(_l("Rubric comment"), render_kw={"rows": 4})
