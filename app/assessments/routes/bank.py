"""A course's assessments page: question bank (categories, questions, import/export), quizzes, instructors."""

from __future__ import annotations

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.assessments.enums import QuestionKind
from app.assessments.forms import (
    CHOICE_ROWS,
    CategoryDeleteForm,
    CategoryForm,
    CategoryRenameForm,
    ImportForm,
    InstructorForm,
    QuestionForm,
)
from app.assessments.loaders import category_to_manage, course_to_manage, question_to_manage
from app.assessments.models import Question, QuestionCategory
from app.assessments.permissions import can_assign_instructors
from app.assessments.services import bank, categories, exchange
from app.assessments.services.common import AssessmentError
from app.assessments.services.instructors import assign_instructor, course_instructors, remove_instructor
from app.assessments.services.quizzes import course_quizzes
from app.errors import ServiceError
from app.extensions import db
from app.http import bounded_int_arg
from app.security import AUTHENTICATED, Role, access
from app.ui.forms import apply_service_error
from app.ui.pagination import page_args

bp = Blueprint("assessment_bank", __name__, template_folder="../templates")


@bp.get("/courses/<int:course_id>/assessments")
@access(AUTHENTICATED)
def overview(course_id: int):
    """The course's quizzes, question bank by category, and instructors."""
    course = course_to_manage(course_id)
    category_id = bounded_int_arg("category_id")
    page, per_page = page_args()
    query = (
        select(Question)
        .where(Question.course_id == course.id, Question.archived.is_(False))
        .options(selectinload(Question.category), selectinload(Question.choices))
        .order_by(Question.category_id, Question.id)
    )
    if category_id:
        query = query.where(Question.category_id == category_id)
    return render_template(
        "assessments/overview.html",
        course=course,
        quizzes=course_quizzes(course.id),
        categories=bank.category_counts(course.id),
        category_id=category_id,
        pagination=db.paginate(query, page=page, per_page=per_page, error_out=False),
        instructors=course_instructors(course.id),
        can_assign=can_assign_instructors(current_user),
        category_form=CategoryForm(),
        import_form=ImportForm(),
        instructor_form=InstructorForm(),
    )


@bp.post("/courses/<int:course_id>/assessments/categories")
@access(AUTHENTICATED)
def add_category(course_id: int):
    course = course_to_manage(course_id)
    form = CategoryForm()
    try:
        bank.create_category(course.id, form.name.data)
        db.session.commit()
        flash(_("Category added."), "success")
    except ServiceError as exc:
        db.session.rollback()
        flash(" ".join([exc.message, *[m for ms in exc.fields.values() for m in ms]]), "danger")
    return redirect(url_for(".overview", course_id=course.id))


def _category_page(
    category: QuestionCategory, rename_form: CategoryRenameForm, delete_form: CategoryDeleteForm
):
    delete_form.move_to_id.choices = [("", _("— nowhere: delete only if empty —"))] + [
        (str(c.id), f"{c.name} ({n})")
        for c, n in bank.category_counts(category.course_id)
        if c.id != category.id
    ]
    return render_template(
        "assessments/category.html",
        course=course_to_manage(category.course_id),
        category=category,
        use=categories.category_use(category),
        rename_form=rename_form,
        delete_form=delete_form,
    )


@bp.route("/question-categories/<int:category_id>", methods=["GET", "POST"])
@access(AUTHENTICATED)
def category(category_id: int):
    """Rename a category of the bank; the page also offers deleting it."""
    category = category_to_manage(category_id)
    form = CategoryRenameForm(obj=category)
    if form.validate_on_submit():
        try:
            categories.rename_category(category, form.name.data)
            db.session.commit()
            flash(_("Category renamed."), "success")
            return redirect(url_for(".overview", course_id=category.course_id))
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
    return _category_page(category, form, CategoryDeleteForm(formdata=None))


@bp.post("/question-categories/<int:category_id>/delete")
@access(AUTHENTICATED)
def delete_category(category_id: int):
    """Delete an unused category, or move its questions to another one first."""
    category = category_to_manage(category_id)
    course_id = category.course_id
    form = CategoryDeleteForm()
    target = str(form.move_to_id.data or "")
    try:
        moved = categories.delete_category(
            category, int(target) if target.isdigit() and len(target) < 10 else target
        )
        db.session.commit()
        flash(
            _("Category deleted; %(n)s questions moved.", n=moved) if moved else _("Category deleted."),
            "success",
        )
        return redirect(url_for(".overview", course_id=course_id))
    except ServiceError as exc:
        db.session.rollback()
        apply_service_error(form, exc)
    return _category_page(category, CategoryRenameForm(formdata=None, obj=category), form)


def _choice_rows() -> list[dict[str, object]]:
    return [
        {"text": request.form.get(f"choice_{i}", ""), "correct": request.form.get(f"correct_{i}") == "y"}
        for i in range(1, CHOICE_ROWS + 1)
    ]


def _question_form(course_id: int, question: Question | None = None) -> QuestionForm:
    form = QuestionForm(obj=question)
    form.category_id.choices = [("", _("— new category below —"))] + [
        (str(c.id), c.name) for c, _count in bank.category_counts(course_id)
    ]
    if question is not None and request.method == "GET":
        form.category_id.data = str(question.category_id)
        form.accepted_answers.data = "\n".join(question.accepted_answers or [])
        form.points.data = f"{question.points:g}"
    return form


def _rows_for(question: Question | None) -> list[dict[str, object]]:
    if request.method == "POST":
        return _choice_rows()
    existing = [{"text": c.text, "correct": c.correct} for c in (question.choices if question else [])]
    if not existing and request.args.get("kind") == QuestionKind.TRUE_FALSE.value:
        existing = [{"text": _("True"), "correct": True}, {"text": _("False"), "correct": False}]
    return existing + [{"text": "", "correct": False}] * (CHOICE_ROWS - len(existing))


@bp.route("/courses/<int:course_id>/questions/new", methods=["GET", "POST"])
@access(AUTHENTICATED)
def new_question(course_id: int):
    """Add a question of any kind to the bank."""
    course = course_to_manage(course_id)
    form = _question_form(course.id)
    if request.method == "GET" and request.args.get("kind") in {k.value for k in QuestionKind}:
        form.kind.data = request.args["kind"]
    if form.validate_on_submit():
        try:
            bank.create_question(course.id, form.data_for_service(_choice_rows()))
            db.session.commit()
            flash(_("Question added."), "success")
            return redirect(url_for(".overview", course_id=course.id))
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
    return render_template("assessments/question_form.html", course=course, form=form, rows=_rows_for(None))


@bp.route("/questions/<int:question_id>/edit", methods=["GET", "POST"])
@access(AUTHENTICATED)
def edit_question(question_id: int):
    """Change a question (attempts keep their frozen choice order and points)."""
    question = question_to_manage(question_id)
    course = question_to_course(question)
    form = _question_form(course.id, question)
    if form.validate_on_submit():
        try:
            bank.update_question(question, form.data_for_service(_choice_rows()))
            db.session.commit()
            flash(_("Question saved."), "success")
            return redirect(url_for(".overview", course_id=course.id))
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
    rows = _rows_for(question)
    return render_template(
        "assessments/question_form.html", course=course, form=form, rows=rows, question=question
    )


def question_to_course(question: Question):
    return course_to_manage(question.course_id)


@bp.post("/questions/<int:question_id>/remove")
@access(AUTHENTICATED)
def remove_question(question_id: int):
    """Delete an unused question, archive a used one."""
    question = question_to_manage(question_id)
    course_id = question.course_id
    deleted = bank.remove_question(question)
    db.session.commit()
    flash(
        _("Question deleted.") if deleted else _("Question archived (learners have answered it)."), "success"
    )
    return redirect(url_for(".overview", course_id=course_id))


@bp.get("/courses/<int:course_id>/questions/export.<fmt>")
@access(AUTHENTICATED)
def export_questions(course_id: int, fmt: str):
    """Download the bank as CSV or JSON."""
    course = course_to_manage(course_id)
    if fmt == "csv":
        body, mimetype = exchange.export_csv(course.id), "text/csv; charset=utf-8"
    elif fmt == "json":
        body, mimetype = exchange.export_json(course.id, course.code), "application/json"
    else:
        return redirect(url_for(".overview", course_id=course.id))
    filename = f"questions-{course.code}.{fmt}"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'}
    )


@bp.post("/courses/<int:course_id>/questions/import")
@access(AUTHENTICATED)
def import_questions(course_id: int):
    """Import questions from a CSV or JSON file: all rows or none."""
    course = course_to_manage(course_id)
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise AssessmentError(_("Choose a file to import."), {"file": [_("Choose a file to import.")]})
        records = exchange.parse_upload(upload.read(exchange.MAX_BYTES + 1), upload.filename)
        count = exchange.import_questions(course.id, records)
        db.session.commit()
        flash(_("%(n)s questions imported.", n=count), "success")
    except ServiceError as exc:
        db.session.rollback()
        details = [f"{field}: {'; '.join(messages)}" for field, messages in list(exc.fields.items())[:20]]
        flash(" ".join([exc.message, *details]), "danger")
    return redirect(url_for(".overview", course_id=course.id))


@bp.post("/courses/<int:course_id>/instructors")
@access(Role.HR, Role.ADMIN)
def add_instructor(course_id: int):
    """HR makes a person an instructor of the course."""
    course = course_to_manage(course_id)
    form = InstructorForm()
    try:
        assign_instructor(current_user, course.id, form.username.data)
        db.session.commit()
        flash(_("Instructor added."), "success")
    except ServiceError as exc:
        db.session.rollback()
        flash(" ".join([exc.message, *[m for ms in exc.fields.values() for m in ms]]), "danger")
    return redirect(url_for(".overview", course_id=course.id))


@bp.post("/courses/<int:course_id>/instructors/<int:user_id>/remove")
@access(Role.HR, Role.ADMIN)
def drop_instructor(course_id: int, user_id: int):
    course = course_to_manage(course_id)
    remove_instructor(current_user, course.id, user_id)
    db.session.commit()
    flash(_("Instructor removed."), "success")
    return redirect(url_for(".overview", course_id=course.id))
