"""The manual grading queue: essays of submitted attempts, graded with points and a rubric comment."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import contains_eager, joinedload

from app.assessments.enums import AttemptStatus, QuestionKind
from app.assessments.forms import GradeForm
from app.assessments.loaders import answer_to_grade
from app.assessments.models import Attempt, AttemptAnswer, Question, Quiz
from app.assessments.permissions import gradable_courses_condition
from app.assessments.services.grading import grade_essay
from app.errors import ServiceError
from app.extensions import db
from app.security import AUTHENTICATED, access
from app.ui.forms import apply_service_error
from app.ui.pagination import page_args

bp = Blueprint("grading", __name__, url_prefix="/grading", template_folder="../templates")


def _queue_query():
    return (
        select(AttemptAnswer)
        .join(AttemptAnswer.attempt)
        .join(Attempt.quiz)
        .join(AttemptAnswer.question)
        .where(
            Question.kind == QuestionKind.ESSAY,
            AttemptAnswer.awarded.is_(None),
            Attempt.status == AttemptStatus.SUBMITTED,
            Attempt.user_id != current_user.id,
            gradable_courses_condition(current_user),
        )
        .options(
            contains_eager(AttemptAnswer.attempt).contains_eager(Attempt.quiz).joinedload(Quiz.course),
            contains_eager(AttemptAnswer.attempt).joinedload(Attempt.user),
            contains_eager(AttemptAnswer.question),
        )
        .order_by(Attempt.submitted_at, AttemptAnswer.position)
    )


@bp.get("/")
@access(AUTHENTICATED)
def queue():
    """Essays waiting for a grade in the courses I teach (everything for evaluators, HR and admins)."""
    page, per_page = page_args()
    pagination = db.paginate(_queue_query(), page=page, per_page=per_page, error_out=False)
    return render_template("assessments/grading_queue.html", pagination=pagination)


@bp.route("/answers/<int:answer_id>", methods=["GET", "POST"])
@access(AUTHENTICATED)
def grade(answer_id: int):
    """Grade one essay: points from 0 to the question's points and a rubric comment."""
    answer = answer_to_grade(answer_id)
    form = GradeForm(obj=answer if answer.awarded is not None else None)
    if form.validate_on_submit():
        try:
            grade_essay(current_user, answer, form.points.data, form.comment.data)
            db.session.commit()
            flash(_("Grade saved."), "success")
            return redirect(url_for(".queue"))
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
    elif answer.awarded is not None and not form.is_submitted():
        form.points.data = f"{answer.awarded:g}"
    attempt = db.session.scalar(
        select(Attempt).where(Attempt.id == answer.attempt_id).options(joinedload(Attempt.user))
    )
    return render_template("assessments/grade.html", answer=answer, attempt=attempt, form=form)
