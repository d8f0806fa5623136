"""HR retires and restores courses and cancels classes, each after a confirmation step."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.courses.forms import CancelClassForm, ConfirmForm
from app.courses.permissions import MANAGERS
from app.courses.routes.helpers import flash_refusal, managed_class, managed_course
from app.courses.services.lifecycle import active_count, archive_course, cancel_class, unarchive_course
from app.errors import ServiceError
from app.extensions import db
from app.security import access
from app.ui.forms import apply_service_error

bp = Blueprint("course_lifecycle", __name__, template_folder="../templates")


def _refused(exc: ServiceError, course_id: int):
    flash_refusal(exc)
    return redirect(url_for("courses.detail", course_id=course_id)), 303


@bp.route("/courses/<int:course_id>/archive", methods=["GET", "POST"])
@access(*MANAGERS)
def archive(course_id: int):
    """Confirm, then archive a course: it leaves the catalog and takes nobody new; history stays."""
    course = managed_course(course_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("courses/archive.html", course=course, form=form)
    try:
        archive_course(current_user, course)
    except ServiceError as exc:
        return _refused(exc, course.id)
    db.session.commit()
    flash(_("The course was archived."), "success")
    return redirect(url_for("courses.detail", course_id=course.id))


@bp.post("/courses/<int:course_id>/unarchive")
@access(*MANAGERS)
def unarchive(course_id: int):
    """Restore an archived course as a draft."""
    course = managed_course(course_id)
    try:
        unarchive_course(current_user, course)
    except ServiceError as exc:
        return _refused(exc, course.id)
    db.session.commit()
    flash(_("The course was restored as a draft."), "success")
    return redirect(url_for("courses.detail", course_id=course.id))


@bp.route("/classes/<int:class_id>/cancel", methods=["GET", "POST"])
@access(*MANAGERS)
def cancel(class_id: int):
    """Cancel a class with a reason: active people are withdrawn and notified; results stay."""
    course_class = managed_class(class_id)
    form = CancelClassForm()
    if course_class.cancelled:
        flash(_("This class is already cancelled."), "warning")
        return redirect(url_for("courses.detail", course_id=course_class.course_id)), 303
    context = {"course_class": course_class, "form": form, "active": active_count(course_class)}
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("courses/cancel_class.html", **context), status
    try:
        withdrawn = cancel_class(current_user, course_class, form.reason.data)
    except ServiceError as exc:
        db.session.rollback()
        apply_service_error(form, exc)
        return render_template("courses/cancel_class.html", **context), exc.status
    db.session.commit()
    flash(_("The class was cancelled; %(n)s people were withdrawn and notified.", n=withdrawn), "success")
    return redirect(url_for("courses.detail", course_id=course_class.course_id))
