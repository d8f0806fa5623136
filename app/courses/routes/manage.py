"""HR builds the catalog: create and edit courses, their classes and their ordered materials."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.competency.models import Competency
from app.courses.forms import (
    COMPETENCY_ROWS,
    ClassForm,
    CourseForm,
    MaterialForm,
    delivery_choices,
    status_choices,
)
from app.courses.models import Course
from app.courses.permissions import MANAGERS
from app.courses.routes.helpers import managed_class, managed_course, managed_material
from app.courses.services.catalog import create_course, update_course
from app.courses.services.classes import create_class, update_class
from app.courses.services.materials import add_material, delete_material, move_material, update_material
from app.errors import ServiceError
from app.extensions import db
from app.security import access
from app.ui.forms import apply_service_error

bp = Blueprint("course_admin", __name__, template_folder="../templates")


def _course_form(course: Course | None) -> CourseForm:
    form = CourseForm(obj=course) if request.method == "GET" and course is not None else CourseForm()
    form.delivery.choices = delivery_choices()
    form.status.choices = status_choices(course)
    others = select(Course.id, Course.code, Course.title).order_by(Course.code)
    if course is not None:
        others = others.where(Course.id != course.id)
    form.prerequisite_ids.choices = [(i, f"{code} {title}") for i, code, title in db.session.execute(others)]
    competencies = db.session.execute(
        select(Competency.id, Competency.code, Competency.name).order_by(Competency.kind, Competency.id)
    ).all()
    for entry in form.competencies.entries:
        entry.form.competency_id.choices = [(0, "—")] + [
            (i, f"{code} {name}") for i, code, name in competencies
        ]
    if request.method == "GET" and course is not None:
        form.prerequisite_ids.data = [p.id for p in course.prerequisites]
        form.delivery.data = course.delivery.value
        form.status.data = course.status.value
        links = list(course.competencies)
        while len(form.competencies.entries) < max(COMPETENCY_ROWS, len(links) + 2):
            form.competencies.append_entry()
            form.competencies.entries[-1].form.competency_id.choices = form.competencies.entries[
                0
            ].form.competency_id.choices
        for entry, link in zip(form.competencies.entries, links, strict=False):
            entry.form.competency_id.data = link.competency_id
            entry.form.target_level.data = link.target_level
    return form


def _course_data(form: CourseForm) -> dict:
    return {
        "code": form.code.data,
        "title": form.title.data,
        "description": form.description.data or "",
        "jp": form.jp.data,
        "delivery": form.delivery.data,
        "status": form.status.data,
        "validity_months": form.validity_months.data,
        "allow_level_above_target": form.allow_level_above_target.data,
        "prerequisite_ids": list(form.prerequisite_ids.data or []),
        "competencies": [
            {"competency_id": e.form.competency_id.data, "target_level": e.form.target_level.data}
            for e in form.competencies.entries
            if e.form.competency_id.data
        ],
    }


def _save_course(course: Course | None):
    form = _course_form(course)
    template = "courses/course_form.html"
    if request.method == "GET":
        return render_template(template, form=form, course=course)
    if not form.validate_on_submit():
        return render_template(template, form=form, course=course), 422
    try:
        data = _course_data(form)
        saved = (
            create_course(current_user, data) if course is None else update_course(current_user, course, data)
        )
    except ServiceError as exc:
        db.session.rollback()
        apply_service_error(form, exc)
        return render_template(template, form=form, course=course), exc.status
    db.session.commit()
    flash(_("The course was saved."), "success")
    return redirect(url_for("courses.detail", course_id=saved.id))


@bp.route("/courses/new", methods=["GET", "POST"])
@access(*MANAGERS)
def new_course():
    """Add a course to the catalog (a draft until published)."""
    return _save_course(None)


@bp.route("/courses/<int:course_id>/edit", methods=["GET", "POST"])
@access(*MANAGERS)
def edit_course(course_id: int):
    """Edit a course: texts, JP, delivery form, competencies with target levels, prerequisites, state."""
    return _save_course(managed_course(course_id))


def _class_data(form: ClassForm) -> dict:
    return {
        name: getattr(form, name).data
        for name in ("name", "capacity", "starts_on", "ends_on", "enrol_deadline", "location", "online_url")
    }


def _save_class(course: Course, course_class=None):
    form = ClassForm(obj=course_class) if request.method == "GET" else ClassForm()
    context = {"form": form, "course": course, "course_class": course_class}
    if request.method == "GET":
        return render_template("courses/class_form.html", **context)
    if not form.validate_on_submit():
        return render_template("courses/class_form.html", **context), 422
    try:
        data = _class_data(form)
        if course_class is None:
            create_class(current_user, course, data)
        else:
            update_class(current_user, course_class, data)
    except ServiceError as exc:
        db.session.rollback()
        apply_service_error(form, exc)
        return render_template("courses/class_form.html", **context), exc.status
    db.session.commit()
    flash(_("The class was saved."), "success")
    return redirect(url_for("courses.detail", course_id=course.id))


@bp.route("/courses/<int:course_id>/classes/new", methods=["GET", "POST"])
@access(*MANAGERS)
def new_class(course_id: int):
    """Open a class (angkatan) of a course."""
    return _save_class(managed_course(course_id))


@bp.route("/classes/<int:class_id>/edit", methods=["GET", "POST"])
@access(*MANAGERS)
def edit_class(class_id: int):
    """Edit a class; more seats promote waitlisted people, fewer than those taken are refused."""
    course_class = managed_class(class_id)
    return _save_class(course_class.course, course_class)


def _upload(form: MaterialForm) -> tuple[bytes, str] | None:
    storage = form.file.data
    if storage is None or not getattr(storage, "filename", ""):
        return None
    return storage.read(), storage.filename


def _material_data(form: MaterialForm) -> dict:
    return {
        "title": form.title.data,
        "kind": form.kind.data,
        "body": form.body.data,
        "url": form.url.data,
        "required": form.required.data,
    }


@bp.route("/courses/<int:course_id>/materials", methods=["GET", "POST"])
@access(*MANAGERS)
def materials(course_id: int):
    """The course's materials in order, with a form to add one (text, link or file)."""
    course = managed_course(course_id)
    form = MaterialForm()
    if request.method == "GET":
        return render_template("courses/materials.html", course=course, form=form)
    if not form.validate_on_submit():
        return render_template("courses/materials.html", course=course, form=form), 422
    try:
        add_material(current_user, course, _material_data(form), _upload(form))
    except ServiceError as exc:
        db.session.rollback()
        apply_service_error(form, exc)
        return render_template("courses/materials.html", course=course, form=form), exc.status
    db.session.commit()
    flash(_("The material was added."), "success")
    return redirect(url_for("course_admin.materials", course_id=course.id))


@bp.route("/materials/<int:material_id>/edit", methods=["GET", "POST"])
@access(*MANAGERS)
def edit_material(material_id: int):
    """Edit a material's title, text or link, required flag, or replace its file."""
    material = managed_material(material_id)
    form = MaterialForm(obj=material) if request.method == "GET" else MaterialForm()
    form.kind.data = material.kind.value
    context = {"form": form, "material": material, "course": material.course}
    if request.method == "GET":
        return render_template("courses/material_form.html", **context)
    if not form.validate_on_submit():
        return render_template("courses/material_form.html", **context), 422
    try:
        update_material(current_user, material, _material_data(form), _upload(form))
    except ServiceError as exc:
        db.session.rollback()
        apply_service_error(form, exc)
        return render_template("courses/material_form.html", **context), exc.status
    db.session.commit()
    flash(_("The material was saved."), "success")
    return redirect(url_for("course_admin.materials", course_id=material.course_id))


@bp.post("/materials/<int:material_id>/move")
@access(*MANAGERS)
def move(material_id: int):
    """Move a material up or down the list."""
    material = managed_material(material_id)
    move_material(current_user, material, -1 if request.form.get("direction") == "up" else 1)
    db.session.commit()
    return redirect(url_for("course_admin.materials", course_id=material.course_id))


@bp.post("/materials/<int:material_id>/delete")
@access(*MANAGERS)
def delete(material_id: int):
    """Remove a material (learners' progress is recomputed)."""
    material = managed_material(material_id)
    course_id = material.course_id
    delete_material(current_user, material)
    db.session.commit()
    flash(_("The material was removed."), "success")
    return redirect(url_for("course_admin.materials", course_id=course_id))
