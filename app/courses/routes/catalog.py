"""The catalog: search, filter and sort courses shown as cards; a course's page; self-enrolment."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.competency.enums import CompetencyKind
from app.competency.models import Competency
from app.competency.services.profile import competency_profile
from app.courses.enums import CourseStatus, DeliveryForm, EnrollmentStatus
from app.courses.models import Enrollment
from app.courses.permissions import can_manage_courses
from app.courses.routes.helpers import flash_refusal, visible_class, visible_course
from app.courses.services.catalog import SORTS, CatalogFilters, catalog_query
from app.courses.services.enrollment import seat_counts, self_enrol, waitlist_position
from app.errors import ServiceError
from app.extensions import db
from app.security import AUTHENTICATED, access
from app.ui.pagination import page_args

bp = Blueprint("courses", __name__, template_folder="../templates")


def _float_arg(name: str) -> float | None:
    value = request.args.get(name, type=float)
    return value if value is not None and 0 <= value <= 100000 else None


def _filters() -> CatalogFilters:
    gaps = None
    if request.args.get("gaps") == "1":
        gaps = competency_profile(current_user, on=date.today(), with_recommendations=False).gaps
    sort = request.args.get("sort", "title")
    competency_id = request.args.get("competency_id", type=int)
    return CatalogFilters(
        q=request.args.get("q", "")[:200],
        competency_id=competency_id if competency_id and 0 < competency_id < 2**31 else None,
        kind=request.args.get("kind", ""),
        delivery=request.args.get("delivery", ""),
        jp_min=_float_arg("jp_min"),
        jp_max=_float_arg("jp_max"),
        gaps=gaps,
        status=request.args.get("status", ""),
        sort=sort if sort in SORTS else "title",
    )


@bp.get("/courses")
@access(AUTHENTICATED)
def catalog():
    """Every published course (drafts too for HR) as a card with its JP and competencies."""
    filters = _filters()
    manager = can_manage_courses(current_user)
    page, per_page = page_args(12)
    pagination = db.paginate(
        catalog_query(filters, manager=manager), page=page, per_page=per_page, error_out=False
    )
    competencies = db.session.execute(
        select(Competency.id, Competency.code, Competency.name).order_by(Competency.kind, Competency.id)
    ).all()
    return render_template(
        "courses/catalog.html",
        pagination=pagination,
        filters=filters,
        gaps_on=request.args.get("gaps") == "1",
        competencies=competencies,
        kinds=list(CompetencyKind),
        deliveries=list(DeliveryForm),
        statuses=list(CourseStatus),
        sorts=SORTS,
        manager=manager,
    )


@bp.get("/courses/<int:course_id>")
@access(AUTHENTICATED)
def detail(course_id: int):
    """A course: description, competencies, prerequisites, classes with seats, materials, my place."""
    course = visible_course(course_id)
    counts = seat_counts([c.id for c in course.classes])
    mine = db.session.scalars(
        select(Enrollment).where(Enrollment.user_id == current_user.id, Enrollment.course_id == course.id)
    ).all()
    active = next(
        (
            e
            for e in mine
            if e.status in (EnrollmentStatus.ASSIGNED, EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED)
        ),
        None,
    )
    return render_template(
        "courses/detail.html",
        course=course,
        counts=counts,
        mine=mine,
        active=active,
        position=waitlist_position(active) if active else None,
        today=date.today(),
        manager=can_manage_courses(current_user),
    )


@bp.post("/classes/<int:class_id>/enrol")
@access(AUTHENTICATED)
def enrol(class_id: int):
    """Self-enrolment in an open class (or its waitlist when it is full)."""
    course_class = visible_class(class_id)
    try:
        enrollment = self_enrol(current_user, course_class)
    except ServiceError as exc:
        flash_refusal(exc)
        return redirect(url_for("courses.detail", course_id=course_class.course_id)), 303
    db.session.commit()
    if enrollment.status == EnrollmentStatus.WAITLISTED:
        flash(
            _("The class is full: you are on its waitlist and will get a seat when one frees up."), "warning"
        )
    else:
        flash(_("You are enrolled. The materials are in My learning."), "success")
    return redirect(url_for("learning.enrollment", enrollment_id=enrollment.id))
