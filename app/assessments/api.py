"""API of assessments: quizzes of a course, attempts (start, autosave, submit).

Attempts belong to the token's user; no response ever says which choice is correct.
"""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user

from app.api.common import PageArgsSchema, api_blueprint, page_of, paginated
from app.assessments.api_schemas import (
    AnswersInSchema,
    AttemptSchema,
    QuizInSchema,
    QuizSchema,
    SavedSchema,
    SubmitInSchema,
    SubmitResultSchema,
)
from app.assessments.models import Attempt, Quiz
from app.assessments.permissions import can_manage_assessments
from app.assessments.services import attempts as service
from app.assessments.services.quizzes import course_quizzes_query, create_quiz
from app.courses.models import Course
from app.courses.permissions import can_view_course
from app.errors import ConflictError, ForbiddenError
from app.extensions import db
from app.security import AUTHENTICATED, access

blp = api_blueprint("assessments_api", __name__, "Assessments: quizzes and attempts")


def _course(course_id: int, *, manage: bool) -> Course:
    course = db.session.get(Course, course_id)
    manager = course is not None and can_manage_assessments(current_user, course.id)
    if course is None or (not can_view_course(current_user, course) and not manager):
        abort(404)
    if manage and not manager:
        raise ForbiddenError(_("You do not have permission to do this."))
    return course


def _quiz(quiz_id: int) -> Quiz:
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None:
        abort(404)
    _course(quiz.course_id, manage=False)
    return quiz


def _own_attempt(attempt_id: int) -> Attempt:
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != current_user.id:
        abort(404)
    return attempt


def attempt_document(attempt: Attempt) -> dict[str, Any]:
    """The attempt as the learner sees it: frozen order, saved answers, no key."""
    questions = []
    for slot in attempt.answers:
        question = slot.question
        by_id = {c.id: c for c in question.choices}
        questions.append(
            {
                "id": question.id,
                "kind": question.kind.value,
                "text": question.text,
                "points": slot.points,
                "choices": [{"id": i, "text": by_id[i].text} for i in slot.choice_order if i in by_id],
                "choice_ids": list(slot.chosen_ids or []),
                "text_answer": slot.text_answer,
            }
        )
    return {
        "id": attempt.id,
        "quiz_id": attempt.quiz_id,
        "number": attempt.number,
        "status": attempt.status.value,
        "started_at": attempt.started_at,
        "expires_at": attempt.deadline_at,
        "score": attempt.score,
        "passed": attempt.passed,
        "questions": questions,
    }


@blp.route("/courses/<int:course_id>/quizzes", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_of(QuizSchema))
def list_quizzes(args, course_id: int):
    """The course's quizzes (pre-test, post-test, others)."""
    course = _course(course_id, manage=False)
    return paginated(course_quizzes_query(course.id), args)


@blp.route("/courses/<int:course_id>/quizzes", methods=["POST"])
@access(AUTHENTICATED)
@blp.arguments(QuizInSchema)
@blp.response(201, QuizSchema)
def create(data, course_id: int):
    """Create a quiz with its questions (HR, admins and the course's instructors)."""
    course = _course(course_id, manage=True)
    quiz = create_quiz(current_user, course.id, data)
    db.session.commit()
    return quiz


@blp.route("/quizzes/<int:quiz_id>", methods=["GET"])
@access(AUTHENTICATED)
@blp.response(200, QuizSchema)
def get_quiz(quiz_id: int):
    return _quiz(quiz_id)


@blp.route("/quizzes/<int:quiz_id>/attempts", methods=["POST"])
@access(AUTHENTICATED)
@blp.response(201, AttemptSchema)
def start(quiz_id: int):
    """Start an attempt (or get the open one back): questions frozen, `expires_at` set by the server."""
    quiz = _quiz(quiz_id)
    attempt = service.start_attempt(current_user, quiz)
    db.session.commit()
    return attempt_document(attempt)


@blp.route("/attempts/<int:attempt_id>", methods=["GET"])
@access(AUTHENTICATED)
@blp.response(200, AttemptSchema)
def get_attempt(attempt_id: int):
    attempt = _own_attempt(attempt_id)
    if service.close_if_expired(attempt):
        db.session.commit()
    return attempt_document(attempt)


@blp.route("/attempts/<int:attempt_id>/answers", methods=["PUT"])
@access(AUTHENTICATED)
@blp.arguments(AnswersInSchema)
@blp.response(200, SavedSchema)
def save(data, attempt_id: int):
    """Autosave answers; 409 once submitted or past the deadline and grace (then closed and graded)."""
    attempt = _own_attempt(attempt_id)
    saved = service.save_answers(attempt, data["answers"])
    db.session.commit()
    if not saved:
        raise ConflictError(_("The time is up: your saved answers were submitted."))
    return {"saved": True}


@blp.route("/attempts/<int:attempt_id>/submit", methods=["POST"])
@access(AUTHENTICATED)
@blp.arguments(SubmitInSchema)
@blp.response(200, SubmitResultSchema)
def submit(data, attempt_id: int):
    """Submit once: `{score, passed, enrollment_status}`; 409 after the time limit or a second submit."""
    attempt = _own_attempt(attempt_id)
    outcome = service.submit_attempt(attempt, data.get("answers"))
    db.session.commit()
    if outcome.late:
        raise ConflictError(_("The time is up: your saved answers were submitted."))
    return {
        "attempt_id": attempt.id,
        "status": attempt.status.value,
        "score": attempt.score,
        "passed": attempt.passed,
        "enrollment_status": attempt.enrollment.status.value,
    }
