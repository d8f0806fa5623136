"""Courses API: the catalog, materials, classes, enrolment, bulk assignment, progress and withdrawal."""

from __future__ import annotations

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from app.api.common import api_blueprint, page_of, paginated
from app.courses.api_schemas import (
    AssignmentResultSchema,
    AssignmentWriteSchema,
    ClassSchema,
    ClassWriteSchema,
    CourseListArgsSchema,
    CoursePatchSchema,
    CourseSchema,
    CourseWriteSchema,
    EnrollmentListArgsSchema,
    EnrollmentSchema,
    EnrollmentWriteSchema,
    MaterialSchema,
    MaterialWriteSchema,
    ProgressWriteSchema,
)
from app.courses.enums import EnrollmentStatus
from app.courses.models import Course, CourseClass, Enrollment, Material
from app.courses.permissions import MANAGERS, can_manage_courses, can_view_course, can_view_enrollment
from app.courses.services.bulk import apply_assignment, clean_target, preview_assignment
from app.courses.services.catalog import CatalogFilters, catalog_query, create_course, update_course
from app.courses.services.classes import create_class
from app.courses.services.enrollment import assign_person, self_enrol, withdraw
from app.courses.services.materials import add_material, mark_done
from app.extensions import db
from app.org.models import User
from app.org.permissions import can_view_person
from app.security import AUTHENTICATED, access

blp = api_blueprint("courses_api", __name__, "Courses, classes and enrollment")

MAX_ID = 2**31 - 1


def _get(model: type, object_id: int):
    found = db.session.get(model, object_id) if 0 < object_id <= MAX_ID else None
    if found is None:
        abort(404)
    return found


def _course(course_id: int) -> Course:
    course = _get(Course, course_id)
    if not can_view_course(current_user, course):
        abort(404)
    return course


def _class(class_id: int) -> CourseClass:
    course_class = _get(CourseClass, class_id)
    if not can_view_course(current_user, course_class.course):
        abort(404)
    return course_class


def _enrollment(enrollment_id: int) -> Enrollment:
    enrollment = _get(Enrollment, enrollment_id)
    if not can_view_enrollment(current_user, enrollment):
        abort(404)
    return enrollment


@blp.route("/courses", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(CourseListArgsSchema, location="query")
@blp.response(200, page_of(CourseSchema))
def list_courses(args):
    """The catalog: search title, description and code; filter by competency or delivery form.

    Employees see published courses only; HR officers and admins see drafts too, and archived
    courses when they ask for `status=archived`.
    """
    filters = CatalogFilters(
        q=args["q"], competency_id=args["competency_id"], delivery=args["delivery"], status=args["status"]
    )
    return paginated(catalog_query(filters, manager=can_manage_courses(current_user)), args)


@blp.route("/courses", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(CourseWriteSchema)
@blp.response(201, CourseSchema)
def post_course(data):
    """Add a course (a draft unless `status` is `published`); a duplicate code is 409."""
    course = create_course(current_user, data)
    db.session.commit()
    return course


@blp.route("/courses/<int:course_id>", methods=["GET"])
@access(AUTHENTICATED)
@blp.response(200, CourseSchema)
def get_course(course_id: int):
    """One course with its competencies and prerequisites (drafts: 404 for employees)."""
    return _course(course_id)


@blp.route("/courses/<int:course_id>", methods=["PATCH"])
@access(*MANAGERS)
@blp.arguments(CoursePatchSchema)
@blp.response(200, CourseSchema)
def patch_course(data, course_id: int):
    """Change some fields of a course; `competencies` and `prerequisite_ids` replace their sets.

    `status: archived` retires the course (no new enrollments, history kept); `draft` restores it.
    """
    course = update_course(current_user, _course(course_id), data)
    db.session.commit()
    return course


@blp.route("/courses/<int:course_id>/materials", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(MaterialWriteSchema)
@blp.response(201, MaterialSchema)
def post_material(data, course_id: int):
    """Append a text or link material (files are uploaded through the web page)."""
    material = add_material(current_user, _course(course_id), data)
    db.session.commit()
    return material


@blp.route("/courses/<int:course_id>/classes", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(ClassWriteSchema)
@blp.response(201, ClassSchema)
def post_class(data, course_id: int):
    """Open a class; the end before the start or a deadline in the past is 422."""
    course_class = create_class(current_user, _course(course_id), data)
    db.session.commit()
    return course_class


@blp.route("/courses/<int:course_id>/classes", methods=["GET"])
@access(AUTHENTICATED)
@blp.response(200, ClassSchema(many=True))
def list_classes(course_id: int):
    """The classes of a course, earliest first."""
    return _course(course_id).classes


@blp.route("/classes/<int:class_id>/enrollments", methods=["POST"])
@access(AUTHENTICATED)
@blp.arguments(EnrollmentWriteSchema)
@blp.response(201, EnrollmentSchema)
def post_enrollment(data, class_id: int):
    """Self-enrolment (no `user_id`) or an HR assignment; a full class answers `waitlisted`."""
    course_class = _class(class_id)
    user_id = data.get("user_id")
    if user_id is None or (user_id == current_user.id and not can_manage_courses(current_user)):
        enrollment = self_enrol(current_user, course_class)
    else:
        person = db.session.get(User, user_id)
        if (
            person is None
            or not can_manage_courses(current_user)
            or not can_view_person(current_user, person)
        ):
            abort(404)
        enrollment = assign_person(current_user, course_class, person, due_on=data.get("due_on"))
    db.session.commit()
    return enrollment


@blp.route("/classes/<int:class_id>/assignments", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(AssignmentWriteSchema)
@blp.response(200, AssignmentResultSchema)
def post_assignments(data, class_id: int):
    """Assign the class to people, a unit (with sub-units), a position or gaps; idempotent.

    `dry_run=true` only counts (the preview).
    """
    course_class = _class(class_id)
    target = clean_target(current_user, data)
    if data.get("dry_run"):
        result = preview_assignment(current_user, course_class, target)
        db.session.rollback()
        return result.as_api()
    result = apply_assignment(current_user, course_class, target, due_on=data.get("due_on"))
    db.session.commit()
    return result.as_api()


@blp.route("/users/<int:user_id>/enrollments", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(EnrollmentListArgsSchema, location="query")
@blp.response(200, page_of(EnrollmentSchema))
def list_enrollments(args, user_id: int):
    """A person's enrollments, newest first (oneself, or HR/admin in scope)."""
    person = db.session.get(User, user_id) if 0 < user_id <= MAX_ID else None
    if person is None or not (
        person.id == current_user.id
        or (can_manage_courses(current_user) and can_view_person(current_user, person))
    ):
        abort(404)
    query = select(Enrollment).where(Enrollment.user_id == person.id)
    if args["status"]:
        query = query.where(Enrollment.status == EnrollmentStatus(args["status"]))
    return paginated(query.order_by(Enrollment.enrolled_at.desc(), Enrollment.id.desc()), args)


@blp.route("/enrollments/<int:enrollment_id>/progress", methods=["POST"])
@access(AUTHENTICATED)
@blp.arguments(ProgressWriteSchema)
@blp.response(200, EnrollmentSchema)
def post_progress(data, enrollment_id: int):
    """The learner marks a material done; the last required one completes the enrollment."""
    enrollment = _enrollment(enrollment_id)
    if enrollment.user_id != current_user.id:
        abort(404)
    material = _get(Material, data["material_id"])
    enrollment = mark_done(current_user, enrollment, material)
    db.session.commit()
    return enrollment


@blp.route("/enrollments/<int:enrollment_id>/withdraw", methods=["POST"])
@access(AUTHENTICATED)
@blp.response(200, EnrollmentSchema)
def post_withdraw(enrollment_id: int):
    """Withdraw (the learner, or HR in scope); the seat goes to the first waitlisted person."""
    enrollment = withdraw(current_user, _enrollment(enrollment_id))
    db.session.commit()
    return enrollment
