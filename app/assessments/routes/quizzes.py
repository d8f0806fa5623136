"""Managing a quiz: settings, questions and draws, results, extra attempts, item analysis."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import to_user_timezone
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.assessments.forms import DrawForm, GrantForm, QuizForm
from app.assessments.loaders import course_to_manage, quiz_to_manage
from app.assessments.models import Attempt, Question
from app.assessments.permissions import can_grant_attempt
from app.assessments.services import quizzes
from app.assessments.services.analysis import analyse_quiz, histogram_chart
from app.assessments.services.bank import category_counts
from app.assessments.services.grading import grant_extra_attempt
from app.courses.models import Enrollment
from app.errors import ServiceError
from app.extensions import db
from app.security import AUTHENTICATED, Role, access
from app.ui.forms import apply_service_error
from app.ui.pagination import page_args

bp = Blueprint("quizzes", __name__, url_prefix="/quizzes", template_folder="../templates")


def _form_data(form: QuizForm) -> dict:
    return {name: field.data for name, field in form._fields.items() if name != "csrf_token"}


@bp.route("/new/<int:course_id>", methods=["GET", "POST"])
@access(AUTHENTICATED)
def new(course_id: int):
    """Add a pre-test, post-test or another quiz to the course."""
    course = course_to_manage(course_id)
    form = QuizForm()
    if request.method == "GET" and request.args.get("kind"):
        form.kind.data = request.args["kind"]
    if form.validate_on_submit():
        try:
            quiz = quizzes.create_quiz(current_user, course.id, _form_data(form))
            db.session.commit()
            flash(_("Test created. Now add its questions."), "success")
            return redirect(url_for(".detail", quiz_id=quiz.id))
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
    return render_template("assessments/quiz_form.html", course=course, form=form, quiz=None)


@bp.route("/<int:quiz_id>/edit", methods=["GET", "POST"])
@access(AUTHENTICATED)
def edit(quiz_id: int):
    quiz = quiz_to_manage(quiz_id)
    form = QuizForm(obj=quiz)
    if request.method == "GET":
        form.passing_score.data = f"{quiz.passing_score:g}"
        form.max_attempts.data = quiz.max_attempts or ""
        form.time_limit_minutes.data = quiz.time_limit_minutes or ""
        for name in ("opens_at", "closes_at"):
            value = getattr(quiz, name)
            getattr(form, name).data = to_user_timezone(value).replace(tzinfo=None) if value else None
    if form.validate_on_submit():
        try:
            quizzes.update_quiz(quiz, _form_data(form))
            db.session.commit()
            flash(_("Test saved."), "success")
            return redirect(url_for(".detail", quiz_id=quiz.id))
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
    return render_template("assessments/quiz_form.html", course=quiz.course, form=form, quiz=quiz)


@bp.get("/<int:quiz_id>")
@access(AUTHENTICATED)
def detail(quiz_id: int):
    """The quiz's settings, its fixed questions and draws, and bank questions to add."""
    quiz = quiz_to_manage(quiz_id)
    fixed_ids = {fq.question_id for fq in quiz.fixed_questions}
    available = db.session.scalars(
        select(Question)
        .where(
            Question.course_id == quiz.course_id,
            Question.archived.is_(False),
            Question.id.not_in(fixed_ids or {0}),
        )
        .options(joinedload(Question.category))
        .order_by(Question.category_id, Question.id)
    ).all()
    draw_form = DrawForm()
    draw_form.category_id.choices = [
        (str(c.id), f"{c.name} ({n})") for c, n in category_counts(quiz.course_id)
    ]
    return render_template(
        "assessments/quiz_detail.html",
        quiz=quiz,
        course=quiz.course,
        available=available,
        draw_form=draw_form,
        question_count=quizzes.question_count(quiz),
    )


@bp.post("/<int:quiz_id>/remove")
@access(AUTHENTICATED)
def remove(quiz_id: int):
    """Delete a quiz nobody has attempted yet."""
    quiz = quiz_to_manage(quiz_id)
    course_id = quiz.course_id
    try:
        quizzes.remove_quiz(quiz)
        db.session.commit()
        flash(_("Test deleted."), "success")
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
        return redirect(url_for(".detail", quiz_id=quiz_id))
    return redirect(url_for("assessment_bank.overview", course_id=course_id))


@bp.post("/<int:quiz_id>/questions")
@access(AUTHENTICATED)
def add_questions(quiz_id: int):
    quiz = quiz_to_manage(quiz_id)
    ids = [int(v) for v in request.form.getlist("question_id") if v.isdigit() and len(v) < 10]
    try:
        added = quizzes.add_fixed_questions(quiz, ids)
        db.session.commit()
        flash(_("%(n)s questions added.", n=added), "success")
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message + " " + " ".join(m for ms in exc.fields.values() for m in ms), "danger")
    return redirect(url_for(".detail", quiz_id=quiz.id))


@bp.post("/<int:quiz_id>/questions/<int:question_id>/remove")
@access(AUTHENTICATED)
def remove_question(quiz_id: int, question_id: int):
    quiz = quiz_to_manage(quiz_id)
    quizzes.remove_fixed_question(quiz, question_id)
    db.session.commit()
    flash(_("Question taken out of the test."), "success")
    return redirect(url_for(".detail", quiz_id=quiz.id))


@bp.post("/<int:quiz_id>/questions/<int:question_id>/move")
@access(AUTHENTICATED)
def move_question(quiz_id: int, question_id: int):
    """Move a fixed question one place up or down (`direction` = up or down)."""
    quiz = quiz_to_manage(quiz_id)
    try:
        moved = quizzes.move_fixed_question(quiz, question_id, request.form.get("direction"))
        db.session.commit()
        if moved:
            flash(_("Question moved."), "success")
        else:
            flash(_("The question is already at that end of the list."), "info")
    except ServiceError as exc:
        db.session.rollback()
        if exc.status == 404:
            abort(404)
        flash(exc.message, "danger")
    return redirect(url_for(".detail", quiz_id=quiz.id, _anchor=f"fixed-{question_id}"))


@bp.post("/<int:quiz_id>/draws")
@access(AUTHENTICATED)
def set_draw(quiz_id: int):
    quiz = quiz_to_manage(quiz_id)
    form = DrawForm()
    category_id = form.category_id.data
    try:
        quizzes.set_draw(
            quiz, int(category_id) if str(category_id or "").isdigit() else None, form.count.data
        )
        db.session.commit()
        flash(_("Random questions updated."), "success")
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message + " " + " ".join(m for ms in exc.fields.values() for m in ms), "danger")
    return redirect(url_for(".detail", quiz_id=quiz.id))


@bp.get("/<int:quiz_id>/results")
@access(AUTHENTICATED)
def results(quiz_id: int):
    """Every attempt of the quiz, newest first, with a way for HR to grant an extra attempt."""
    quiz = quiz_to_manage(quiz_id)
    page, per_page = page_args()
    query = (
        select(Attempt)
        .where(Attempt.quiz_id == quiz.id)
        .options(joinedload(Attempt.user), joinedload(Attempt.enrollment))
        .order_by(Attempt.started_at.desc(), Attempt.id.desc())
    )
    pagination = db.paginate(query, page=page, per_page=per_page, error_out=False)
    grantable = {a.enrollment_id for a in pagination.items if can_grant_attempt(current_user, a.user)}
    return render_template(
        "assessments/quiz_results.html",
        quiz=quiz,
        course=quiz.course,
        pagination=pagination,
        grantable=grantable,
        grant_form=GrantForm(),
    )


@bp.post("/<int:quiz_id>/grants/<int:enrollment_id>")
@access(Role.HR, Role.ADMIN)
def grant(quiz_id: int, enrollment_id: int):
    """HR grants one more attempt to an enrollment (audited)."""
    quiz = quiz_to_manage(quiz_id)
    enrollment = db.session.get(Enrollment, enrollment_id)
    if enrollment is None or enrollment.course_id != quiz.course_id:
        abort(404)
    if not can_grant_attempt(current_user, enrollment.user):
        abort(403)
    form = GrantForm()
    try:
        grant_extra_attempt(current_user, quiz, enrollment, form.reason.data)
        db.session.commit()
        flash(_("Extra attempt granted to %(name)s.", name=enrollment.user.name), "success")
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message + " " + " ".join(m for ms in exc.fields.values() for m in ms), "danger")
    return redirect(url_for(".results", quiz_id=quiz.id))


@bp.get("/<int:quiz_id>/analysis")
@access(AUTHENTICATED)
def analysis(quiz_id: int):
    """Item analysis: per question answered, % correct, discrimination; the score histogram."""
    quiz = quiz_to_manage(quiz_id)
    result = analyse_quiz(quiz)
    return render_template(
        "assessments/analysis.html",
        quiz=quiz,
        course=quiz.course,
        analysis=result,
        chart=histogram_chart(result, _("Score distribution")),
    )
