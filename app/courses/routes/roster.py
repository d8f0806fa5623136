"""HR views: a class's roster, assigning people (one, or many with a preview), marking results,
the overdue people of a unit, and CSV exports of both."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import or_, select

from app.courses.enums import IN_PROGRESS_STATUSES, EnrollmentStatus
from app.courses.forms import AssignForm, AssignPersonForm
from app.courses.permissions import MANAGERS, can_assign, roster_people_condition
from app.courses.routes.helpers import flash_refusal, get_or_404, managed_class, visible_enrollment
from app.courses.services.bulk import apply_assignment, clean_target, people_from_text, preview_assignment
from app.courses.services.enrollment import assign_person, seat_counts
from app.courses.services.roster import overdue_query, record_result, roster_csv_rows, roster_query
from app.errors import ServiceError
from app.extensions import db
from app.org.models import Position, Unit, User
from app.org.permissions import unit_scope_condition
from app.reports.exports import rows_download
from app.security import access
from app.ui.forms import apply_service_error
from app.ui.pagination import page_args

bp = Blueprint("course_roster", __name__, template_folder="../templates")


def _units() -> list[tuple[int, str]]:
    rows = db.session.execute(
        select(Unit.id, Unit.code, Unit.name)
        .where(Unit.active.is_(True), unit_scope_condition(current_user))
        .order_by(Unit.path)
    )
    return [(i, f"{code} {name}") for i, code, name in rows]


@bp.get("/classes/<int:class_id>/roster")
@access(*MANAGERS)
def roster(class_id: int):
    """Who is in the class (in your units), with status, due date and progress; paginated."""
    course_class = managed_class(class_id)
    status = request.args.get("status", "")
    page, per_page = page_args(50)
    pagination = db.paginate(
        roster_query(current_user, course_class, status), page=page, per_page=per_page, error_out=False
    )
    form = AssignPersonForm()
    return render_template(
        "courses/roster.html",
        course_class=course_class,
        pagination=pagination,
        status=status,
        statuses=list(EnrollmentStatus),
        counts=seat_counts([course_class.id])[course_class.id],
        form=form,
        today=date.today(),
        in_progress=IN_PROGRESS_STATUSES,
        takes_people=not (course_class.cancelled or course_class.course.archived),
    )


@bp.get("/classes/<int:class_id>/roster.csv")
@access(*MANAGERS)
def roster_csv(class_id: int):
    """The roster as CSV (every status, people in your units)."""
    course_class = managed_class(class_id)
    rows = roster_csv_rows(roster_query(current_user, course_class), date.today())
    return rows_download(rows, f"roster-{course_class.id}.csv")


@bp.post("/classes/<int:class_id>/assign-person")
@access(*MANAGERS)
def assign_one(class_id: int):
    """Assign one person (NIP or user name) with an optional due date."""
    course_class = managed_class(class_id)
    form = AssignPersonForm()
    if form.validate_on_submit():
        name = form.person.data.strip()
        person = db.session.scalar(
            select(User).where(
                or_(User.nip == name, User.username == name), roster_people_condition(current_user)
            )
        )
        try:
            if person is None:
                raise ServiceError(_("Unknown person."), {"person": [_("Unknown or outside your units.")]})
            enrollment = assign_person(current_user, course_class, person, due_on=form.due_on.data)
        except ServiceError as exc:
            flash_refusal(exc)
        else:
            db.session.commit()
            if enrollment.status == EnrollmentStatus.WAITLISTED:
                flash(_("The class is full: %(name)s is on the waitlist.", name=person.name), "warning")
            else:
                flash(_("%(name)s was assigned.", name=person.name), "success")
    else:
        flash(_("Enter a NIP or user name."), "danger")
    return redirect(url_for("course_roster.roster", class_id=course_class.id))


def _assign_form() -> AssignForm:
    form = AssignForm()
    form.unit_id.choices = [(0, "—"), *_units()]
    positions = db.session.execute(
        select(Position.id, Position.code, Position.name)
        .where(Position.active.is_(True))
        .order_by(Position.name)
    )
    form.position_id.choices = [(0, "—")] + [(i, f"{code} {name}") for i, code, name in positions]
    return form


def _target_data(form: AssignForm) -> dict:
    mode = form.mode.data
    if mode == "unit":
        return {"unit_id": form.unit_id.data, "include_subunits": form.include_subunits.data}
    if mode == "position":
        return {"position_id": form.position_id.data}
    if mode == "gaps":
        return {"gaps": True}
    return {"user_ids": people_from_text(current_user, form.people.data or "")}


@bp.route("/classes/<int:class_id>/assign", methods=["GET", "POST"])
@access(*MANAGERS)
def assign(class_id: int):
    """Assign the class to many people: preview the counts first, then apply (idempotent)."""
    course_class = managed_class(class_id)
    form = _assign_form()
    context = {"course_class": course_class, "form": form, "preview": None}
    if request.method == "GET":
        return render_template("courses/assign.html", **context)
    if not form.validate_on_submit():
        return render_template("courses/assign.html", **context), 422
    try:
        target = clean_target(current_user, _target_data(form))
        if request.form.get("action") != "apply":
            context["preview"] = preview_assignment(current_user, course_class, target)
            db.session.rollback()
            return render_template("courses/assign.html", **context)
        result = apply_assignment(current_user, course_class, target, due_on=form.due_on.data)
    except ServiceError as exc:
        db.session.rollback()
        for name in ("user_ids", "target"):
            if name in exc.fields:
                exc.fields.setdefault("people" if name == "user_ids" else "mode", []).extend(
                    exc.fields.pop(name)
                )
        apply_service_error(form, exc)
        return render_template("courses/assign.html", **context), exc.status
    db.session.commit()
    flash(
        _(
            "%(assigned)s assigned, %(waitlisted)s waitlisted, %(already)s were already in the course.",
            assigned=result.assigned,
            waitlisted=result.waitlisted,
            already=result.already_enrolled,
        ),
        "success",
    )
    return redirect(url_for("course_roster.roster", class_id=course_class.id))


@bp.post("/enrollments/<int:enrollment_id>/result", endpoint="record_result")
@access(*MANAGERS)
def record_result_view(enrollment_id: int):
    """HR records the result of a classical training: completed (JP and evidence) or failed."""
    enrollment = visible_enrollment(enrollment_id)
    if not can_assign(current_user, enrollment.user) or enrollment.user_id == current_user.id:
        abort(404)
    result = request.form.get("result", "")
    try:
        record_result(current_user, enrollment, result, request.form.get("reason") or "")
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
    else:
        db.session.commit()
        if result == "completed":
            flash(_("Marked as completed; the JP and competency evidence were recorded."), "success")
        else:
            flash(_("Marked as failed."), "success")
    return redirect(url_for("course_roster.roster", class_id=enrollment.class_id))


@bp.get("/courses/overdue")
@access(*MANAGERS)
def overdue():
    """Unfinished assignments past their due date in a unit (with sub-units), most overdue first."""
    unit = _chosen_unit()
    page, per_page = page_args(50)
    query = overdue_query(
        current_user, unit, date.today(), include_subunits=request.args.get("subunits", "1") != "0"
    )
    pagination = db.paginate(query, page=page, per_page=per_page, error_out=False)
    return render_template(
        "courses/overdue.html", pagination=pagination, units=_units(), unit=unit, today=date.today()
    )


@bp.get("/courses/overdue.csv")
@access(*MANAGERS)
def overdue_csv():
    """The overdue list as CSV."""
    unit = _chosen_unit()
    query = overdue_query(
        current_user, unit, date.today(), include_subunits=request.args.get("subunits", "1") != "0"
    )
    return rows_download(roster_csv_rows(query, date.today()), "overdue.csv")


def _chosen_unit() -> Unit | None:
    unit_id = request.args.get("unit_id", type=int)
    if not unit_id:
        return None
    unit = get_or_404(Unit, unit_id)
    if unit.id not in {i for i, _label in _units()}:
        abort(404)
    return unit
