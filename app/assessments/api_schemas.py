"""API schemas of assessments (shape and types; the rules live in the services).

No output schema has a `correct` field: learners never receive the key through the API.
"""

from __future__ import annotations

import marshmallow as ma

from app.api.common import id_field
from app.assessments.enums import GradingMethod, MultipleScoring, QuestionKind, QuizKind, QuizLayout
from app.assessments.services.bank import MAX_CHOICES, MAX_TEXT


def _one_of(enum_cls) -> ma.validate.OneOf:
    return ma.validate.OneOf([e.value for e in enum_cls])


class ChoiceInSchema(ma.Schema):
    text = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=1000))
    correct = ma.fields.Boolean(load_default=False)


class QuestionInSchema(ma.Schema):
    """A question written with its quiz (it joins the course's bank in a category named after the quiz)."""

    kind = ma.fields.String(required=True, validate=_one_of(QuestionKind))
    text = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=MAX_TEXT))
    points = ma.fields.Float(load_default=1.0, validate=ma.validate.Range(min=0.01, max=1000))
    feedback = ma.fields.String(load_default="", validate=ma.validate.Length(max=MAX_TEXT))
    scoring = ma.fields.String(load_default=None, allow_none=True, validate=_one_of(MultipleScoring))
    category = ma.fields.String(load_default=None, allow_none=True, validate=ma.validate.Length(max=120))
    choices = ma.fields.List(
        ma.fields.Nested(ChoiceInSchema), load_default=list, validate=ma.validate.Length(max=MAX_CHOICES)
    )
    accepted_answers = ma.fields.List(
        ma.fields.String(validate=ma.validate.Length(max=200)),
        load_default=list,
        validate=ma.validate.Length(max=20),
    )


class QuizInSchema(ma.Schema):
    title = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    kind = ma.fields.String(required=True, validate=_one_of(QuizKind))
    description = ma.fields.String(load_default="", validate=ma.validate.Length(max=5000))
    passing_score = ma.fields.Float(required=True, validate=ma.validate.Range(min=0, max=100))
    max_attempts = ma.fields.Integer(
        load_default=None, allow_none=True, validate=ma.validate.Range(min=1, max=100)
    )
    time_limit_minutes = ma.fields.Integer(
        load_default=None, allow_none=True, validate=ma.validate.Range(min=1, max=24 * 60)
    )
    opens_at = ma.fields.AwareDateTime(load_default=None, allow_none=True)
    closes_at = ma.fields.AwareDateTime(load_default=None, allow_none=True)
    grading_method = ma.fields.String(
        load_default=GradingMethod.HIGHEST.value, validate=_one_of(GradingMethod)
    )
    layout = ma.fields.String(load_default=QuizLayout.ALL.value, validate=_one_of(QuizLayout))
    shuffle_questions = ma.fields.Boolean(load_default=False)
    shuffle_choices = ma.fields.Boolean(load_default=False)
    show_feedback = ma.fields.Boolean(load_default=True)
    questions = ma.fields.List(
        ma.fields.Nested(QuestionInSchema), load_default=list, validate=ma.validate.Length(max=200)
    )


class QuizSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    course_id = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True)
    kind = ma.fields.String(required=True)
    description = ma.fields.String(required=True)
    passing_score = ma.fields.Float(required=True)
    max_attempts = ma.fields.Integer(allow_none=True)
    time_limit_minutes = ma.fields.Integer(allow_none=True)
    opens_at = ma.fields.AwareDateTime(allow_none=True)
    closes_at = ma.fields.AwareDateTime(allow_none=True)
    grading_method = ma.fields.String(required=True)
    shuffle_questions = ma.fields.Boolean(required=True)
    shuffle_choices = ma.fields.Boolean(required=True)
    question_ids = ma.fields.List(
        ma.fields.Integer(), required=True, metadata={"description": "fixed questions"}
    )


class AttemptChoiceSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    text = ma.fields.String(required=True)


class AttemptQuestionSchema(ma.Schema):
    """A question as the learner sees it: choices in the attempt's frozen order, never which is correct."""

    id = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True)
    text = ma.fields.String(required=True)
    points = ma.fields.Float(required=True)
    choices = ma.fields.List(ma.fields.Nested(AttemptChoiceSchema), required=True)
    choice_ids = ma.fields.List(ma.fields.Integer(), required=True, metadata={"description": "saved answer"})
    text_answer = ma.fields.String(required=True, metadata={"description": "saved answer"})


class AttemptSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    quiz_id = ma.fields.Integer(required=True)
    number = ma.fields.Integer(required=True)
    status = ma.fields.String(required=True)
    started_at = ma.fields.AwareDateTime(required=True)
    expires_at = ma.fields.AwareDateTime(allow_none=True, required=True)
    score = ma.fields.Float(allow_none=True)
    passed = ma.fields.Boolean(allow_none=True)
    questions = ma.fields.List(ma.fields.Nested(AttemptQuestionSchema), required=True)


class AnswerInSchema(ma.Schema):
    question_id = id_field(required=True)
    choice_ids = ma.fields.List(id_field(), load_default=list, validate=ma.validate.Length(max=MAX_CHOICES))
    text = ma.fields.String(load_default="", validate=ma.validate.Length(max=20000))


class AnswersInSchema(ma.Schema):
    answers = ma.fields.List(
        ma.fields.Nested(AnswerInSchema), required=True, validate=ma.validate.Length(max=500)
    )


class SavedSchema(ma.Schema):
    saved = ma.fields.Boolean(required=True)


class SubmitResultSchema(ma.Schema):
    """`score` and `passed` are null while essays wait for a grader."""

    attempt_id = ma.fields.Integer(required=True)
    status = ma.fields.String(required=True)
    score = ma.fields.Float(allow_none=True, required=True)
    passed = ma.fields.Boolean(allow_none=True, required=True)
    enrollment_status = ma.fields.String(required=True)


class SubmitInSchema(ma.Schema):
    """The final answers; without `answers` the saved ones are submitted."""

    answers = ma.fields.List(
        ma.fields.Nested(AnswerInSchema),
        load_default=None,
        allow_none=True,
        validate=ma.validate.Length(max=500),
    )
