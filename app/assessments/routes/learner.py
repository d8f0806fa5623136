"""The learner's side: my tests, a quiz's start page, the attempt (autosave, submit), the result."""

from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.assessments.enums import AttemptStatus, QuizLayout
from app.assessments.loaders import own_attempt, quiz_to_take
from app.assessments.models import Attempt, AttemptAnswer, CourseInstructor
from app.assessments.permissions import can_manage_assessments
from app.assessments.services import attempts as service
from app.assessments.services.overview import my_tests as my_tests_rows
from app.assessments.services.quizzes import course_quizzes
from app.courses.models import Course
from app.courses.permissions import can_view_course
from app.errors import ServiceError
from app.extensions import db
from app.security import AUTHENTICATED, access

bp = Blueprint("assessments", __name__, template_folder="../templates")


@bp.get("/my/tests")
@access(AUTHENTICATED)
def my_tests():
    """The tests of the courses I am enrolled in, and the courses I teach."""
    rows = my_tests_rows(current_user)
    teaching = db.session.scalars(
        select(Course)
        .join(CourseInstructor, CourseInstructor.course_id == Course.id)
        .where(CourseInstructor.user_id == current_user.id)
        .order_by(Course.title)
    ).all()
    return render_template("assessments/my_tests.html", rows=rows, teaching=teaching)


@bp.get("/courses/<int:course_id>/tests")
@access(AUTHENTICATED)
def course_tests(course_id: int):
    """The tests of a course (published ones for everyone; managers also see drafts)."""
    course = db.session.get(Course, course_id)
    manager = course is not None and can_manage_assessments(current_user, course.id)
    if course is None or (not can_view_course(current_user, course) and not manager):
        abort(404)
    return render_template(
        "assessments/course_tests.html", course=course, quizzes=course_quizzes(course.id), manager=manager
    )


@bp.get("/tests/<int:quiz_id>")
@access(AUTHENTICATED)
def take(quiz_id: int):
    """A quiz's start page: instructions, limits, my attempts and what is left."""
    quiz = quiz_to_take(quiz_id)
    state = service.quiz_state(current_user, quiz)
    db.session.commit()  # expired attempts closed on the way
    return render_template(
        "assessments/take.html",
        quiz=quiz,
        state=state,
        manager=can_manage_assessments(current_user, quiz.course_id),
    )


@bp.post("/tests/<int:quiz_id>/start")
@access(AUTHENTICATED)
def start(quiz_id: int):
    """Start a new attempt (or resume the open one)."""
    quiz = quiz_to_take(quiz_id)
    try:
        attempt = service.start_attempt(current_user, quiz)
        db.session.commit()
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
        return redirect(url_for(".take", quiz_id=quiz.id))
    return redirect(url_for(".attempt", attempt_id=attempt.id))


def _page_index(attempt: Attempt) -> int:
    index = request.args.get("q", 0, type=int) or 0
    return min(max(index, 0), max(len(attempt.answers) - 1, 0))


@bp.get("/attempts/<int:attempt_id>")
@access(AUTHENTICATED)
def attempt(attempt_id: int):
    """The open attempt: all questions or one per page, answers as saved, the time left."""
    attempt = own_attempt(attempt_id)
    if service.close_if_expired(attempt):
        db.session.commit()
        flash(_("The time is up: your saved answers were submitted."), "warning")
    if not attempt.open:
        return redirect(url_for(".result", attempt_id=attempt.id))
    slots = list(attempt.answers)
    index = _page_index(attempt)
    shown = slots if attempt.quiz.layout == QuizLayout.ALL else slots[index : index + 1]
    choices = {c.id: c for slot in shown for c in slot.question.choices}
    return render_template(
        "assessments/attempt.html",
        attempt=attempt,
        quiz=attempt.quiz,
        slots=slots,
        shown=shown,
        index=index,
        choices=choices,
    )


def _answers_from_form(attempt: Attempt) -> list[dict]:
    """The answers of the questions shown on the submitted page (`shown` lists their ids)."""
    shown = {v for v in request.form.getlist("shown") if v.isdigit() and len(v) < 10}
    answers = []
    for slot in attempt.answers:
        if str(slot.question_id) not in shown:
            continue
        name = f"q{slot.question_id}"
        if slot.question.kind.has_choices:
            ids = [int(v) for v in request.form.getlist(name) if v.isdigit() and len(v) < 10]
            answers.append({"question_id": slot.question_id, "choice_ids": ids})
        else:
            answers.append({"question_id": slot.question_id, "text": request.form.get(name, "")})
    return answers


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


@bp.post("/attempts/<int:attempt_id>/save")
@access(AUTHENTICATED)
def save(attempt_id: int):
    """Autosave (JSON for the script) or save and move to another question (the form)."""
    attempt = own_attempt(attempt_id)
    try:
        saved = service.save_answers(attempt, _answers_from_form(attempt))
        db.session.commit()
    except ServiceError as exc:
        db.session.rollback()
        if _wants_json():
            return jsonify({"saved": False, "message": exc.message}), exc.status
        flash(exc.message, "danger")
        return redirect(url_for(".attempt", attempt_id=attempt.id))
    if not saved:
        message = _("The time is up: your saved answers were submitted.")
        if _wants_json():
            return jsonify({"saved": False, "message": message, "closed": True}), 409
        flash(message, "warning")
        return redirect(url_for(".result", attempt_id=attempt.id))
    if _wants_json():
        return jsonify({"saved": True, "message": _("All answers saved.")})
    index = request.form.get("go", type=int)
    if index is None:
        flash(_("All answers saved."), "success")
        index = _page_index(attempt)
    return redirect(url_for(".attempt", attempt_id=attempt.id, q=min(max(index, 0), 10_000)))


@bp.post("/attempts/<int:attempt_id>/submit")
@access(AUTHENTICATED)
def submit(attempt_id: int):
    """Submit the attempt once; it is graded at once (essays wait for a grader)."""
    attempt = own_attempt(attempt_id)
    try:
        outcome = service.submit_attempt(attempt, _answers_from_form(attempt) if attempt.open else None)
        db.session.commit()
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
        return redirect(url_for(".attempt" if exc.status == 422 else ".result", attempt_id=attempt.id))
    if outcome.late:
        flash(_("The time is up: your saved answers were submitted."), "warning")
    return redirect(url_for(".result", attempt_id=attempt.id))


@bp.get("/attempts/<int:attempt_id>/result")
@access(AUTHENTICATED)
def result(attempt_id: int):
    """Score, passed or failed, and (if the quiz allows it) each question with its feedback."""
    attempt = own_attempt(attempt_id)
    if attempt.open:
        return redirect(url_for(".attempt", attempt_id=attempt.id))
    slots: list[AttemptAnswer] = list(attempt.answers)
    return render_template(
        "assessments/result.html",
        attempt=attempt,
        quiz=attempt.quiz,
        slots=slots,
        show_feedback=attempt.quiz.show_feedback,
        reveal_key=attempt.quiz.show_feedback and not service.may_retake(attempt),
        graded=attempt.status == AttemptStatus.GRADED,
    )
