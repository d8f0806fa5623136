"""My learning: my enrollments, an enrollment's materials and progress, marking done, withdrawing."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.courses.completion import unmet_requirements
from app.courses.enums import EnrollmentStatus, MaterialKind
from app.courses.models import Enrollment, Material
from app.courses.permissions import MANAGERS, can_assign, can_manage_courses
from app.courses.routes.helpers import get_or_404, own_enrollment, visible_enrollment
from app.courses.services.enrollment import waitlist_position, withdraw
from app.courses.services.learning import my_learning as my_learning_data
from app.courses.services.materials import done_material_ids, mark_done, open_material
from app.courses.services.uploads import material_file
from app.errors import ServiceError
from app.extensions import db
from app.org.models import User
from app.security import AUTHENTICATED, access

bp = Blueprint("learning", __name__, template_folder="../templates")


@bp.get("/learning")
@access(AUTHENTICATED)
def my_learning():
    """Assigned (overdue first), in progress, waitlisted and completed courses; JP; recommendations."""
    return render_template("courses/my_learning.html", page=my_learning_data(current_user))


@bp.get("/learning/people/<int:user_id>")
@access(*MANAGERS)
def person_learning(user_id: int):
    """A person's training as HR sees it (people in the officer's units; 404 otherwise)."""
    person = get_or_404(User, user_id)
    if not can_assign(current_user, person):
        abort(404)
    return render_template("courses/my_learning.html", page=my_learning_data(person), person=person)


@bp.get("/learning/enrollments/<int:enrollment_id>")
@access(AUTHENTICATED)
def enrollment(enrollment_id: int):
    """One enrollment: the class, the ordered materials with what is done, progress and status."""
    item = visible_enrollment(enrollment_id)
    return render_template(
        "courses/enrollment.html",
        enrollment=item,
        materials=item.course.materials,
        done=done_material_ids(item),
        unmet=unmet_requirements(item) if item.status != EnrollmentStatus.COMPLETED else [],
        position=waitlist_position(item),
        today=date.today(),
        is_learner=item.user_id == current_user.id,
    )


def _material_of(enrollment, material_id: int) -> Material:
    material = get_or_404(Material, material_id)
    if material.course_id != enrollment.course_id:
        abort(404)
    return material


@bp.get("/learning/enrollments/<int:enrollment_id>/materials/<int:material_id>")
@access(AUTHENTICATED)
def material(enrollment_id: int, material_id: int):
    """Read a material (text in the page, a link out or a file download); opening it is recorded."""
    item = visible_enrollment(enrollment_id)
    shown = _material_of(item, material_id)
    if item.status not in (EnrollmentStatus.ASSIGNED, EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED):
        abort(404)
    if open_material(current_user, item, shown) is not None:
        db.session.commit()
    return render_template(
        "courses/material.html",
        enrollment=item,
        material=shown,
        done=shown.id in done_material_ids(item),
        Kind=MaterialKind,
        is_learner=item.user_id == current_user.id,
    )


@bp.post("/learning/enrollments/<int:enrollment_id>/materials/<int:material_id>/done")
@access(AUTHENTICATED)
def material_done(enrollment_id: int, material_id: int):
    """Mark a material done; the last required one completes the course."""
    item = own_enrollment(enrollment_id)
    shown = _material_of(item, material_id)
    try:
        mark_done(current_user, item, shown)
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
        return redirect(url_for("learning.enrollment", enrollment_id=item.id))
    db.session.commit()
    if item.status == EnrollmentStatus.COMPLETED:
        flash(
            _(
                "Congratulations, you completed %(course)s. The JP were added to your record.",
                course=item.course.title,
            ),
            "success",
        )
    else:
        flash(_("Marked as done."), "success")
    return redirect(url_for("learning.enrollment", enrollment_id=item.id))


@bp.post("/learning/enrollments/<int:enrollment_id>/withdraw")
@access(AUTHENTICATED)
def withdraw_view(enrollment_id: int):
    """Withdraw from a class (the seat goes to the first person on the waitlist)."""
    item = visible_enrollment(enrollment_id)
    try:
        withdraw(current_user, item)
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
        return redirect(url_for("learning.enrollment", enrollment_id=item.id))
    db.session.commit()
    flash(_("You withdrew from the class."), "success")
    if item.user_id == current_user.id:
        return redirect(url_for("learning.my_learning"))
    return redirect(url_for("course_roster.roster", class_id=item.class_id))


@bp.get("/learning/materials/<int:material_id>/file")
@access(AUTHENTICATED)
def material_file_view(material_id: int):
    """A material's file, for people holding a seat in the course and catalog managers."""
    shown = get_or_404(Material, material_id)
    if not can_manage_courses(current_user):
        seated = db.session.scalar(
            select(Enrollment.id)
            .where(
                Enrollment.user_id == current_user.id,
                Enrollment.course_id == shown.course_id,
                Enrollment.status.in_(
                    (EnrollmentStatus.ASSIGNED, EnrollmentStatus.ENROLLED, EnrollmentStatus.COMPLETED)
                ),
            )
            .limit(1)
        )
        if seated is None:
            abort(404)
    path = material_file(shown.file_path)
    if path is None:
        abort(404)
    return send_file(path, mimetype=shown.content_type, as_attachment=True, download_name=shown.file_name)
