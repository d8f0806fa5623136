"""My learning: a person's enrollments by section, JP against the target, and gap recommendations."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, select
from sqlalchemy.orm import joinedload

from app.competency.services.jp import JpSummary, jp_summary
from app.competency.services.profile import competency_profile
from app.competency.services.recommendations import Gap, Recommendation
from app.courses.enums import CourseStatus, EnrollmentStatus
from app.courses.models import Course, CourseClass, CourseCompetency, Enrollment
from app.extensions import db
from app.org.models import User

COMPLETED_SHOWN = 50


@dataclass
class MyLearning:
    """Everything the My learning page shows about one person."""

    today: date
    assigned: list[Enrollment] = field(default_factory=list)
    in_progress: list[Enrollment] = field(default_factory=list)
    waitlisted: list[Enrollment] = field(default_factory=list)
    completed: list[Enrollment] = field(default_factory=list)
    ended: list[Enrollment] = field(default_factory=list)  # failed or withdrawn
    jp: JpSummary | None = None
    recommendations: list[Recommendation] = field(default_factory=list)
    courses: dict[int, Course] = field(default_factory=dict)

    @property
    def overdue(self) -> int:
        return sum(1 for e in self.assigned + self.in_progress if e.is_overdue(self.today))


def enrollments_of(user_id: int) -> Any:
    """Select of a person's enrollments with course and class loaded, newest first."""
    return (
        select(Enrollment)
        .where(Enrollment.user_id == user_id)
        .options(joinedload(Enrollment.course), joinedload(Enrollment.course_class))
        .order_by(Enrollment.enrolled_at.desc(), Enrollment.id.desc())
    )


def my_learning(person: User, *, today: date | None = None) -> MyLearning:
    """Assigned (overdue first), in progress, waitlisted, completed, JP and recommendations."""
    today = today or date.today()
    page = MyLearning(today)
    for enrollment in db.session.scalars(enrollments_of(person.id)):
        section = {
            EnrollmentStatus.ASSIGNED: page.assigned,
            EnrollmentStatus.ENROLLED: page.in_progress,
            EnrollmentStatus.WAITLISTED: page.waitlisted,
            EnrollmentStatus.COMPLETED: page.completed,
        }.get(enrollment.status, page.ended)
        section.append(enrollment)
    page.assigned.sort(key=lambda e: (not e.is_overdue(today), e.due_on or date.max, e.id))
    page.in_progress.sort(key=lambda e: (not e.is_overdue(today), e.due_on or date.max, e.id))
    page.completed = page.completed[:COMPLETED_SHOWN]
    page.jp = jp_summary(person, today.year)
    taken = {e.course_id for e in page.assigned + page.in_progress + page.waitlisted + page.completed}
    profile = competency_profile(person, on=today)
    page.recommendations = [r for r in profile.recommendations if r.course_id not in taken]
    ids = sorted({r.course_id for r in page.recommendations})
    if ids:
        page.courses = {c.id: c for c in db.session.scalars(select(Course).where(Course.id.in_(ids)))}
    return page


def courses_for_gaps(gaps: Sequence[Gap]) -> list[tuple[int, int]]:
    """Recommendation provider: published courses developing a gap's competency to the required level."""
    wanted = [g for g in gaps if g.gap < 0]
    if not wanted:
        return []
    rows = db.session.execute(
        select(CourseCompetency.course_id, CourseCompetency.competency_id, CourseCompetency.target_level)
        .join(Course, Course.id == CourseCompetency.course_id)
        .where(
            Course.status == CourseStatus.PUBLISHED,
            CourseCompetency.competency_id.in_([g.competency_id for g in wanted]),
        )
        .order_by(Course.title, Course.id)
    )
    required = {g.competency_id: g.required_level for g in wanted}
    return [(course_id, comp) for course_id, comp, level in rows if level >= required[comp]]


def describe_courses(course_ids: list[int]) -> dict[int, tuple[str, str | None]]:
    """Titles and page addresses of courses, for recommendations shown by other packages."""
    rows = db.session.execute(select(Course.id, Course.code, Course.title).where(Course.id.in_(course_ids)))
    return {course_id: (f"{code} {title}", f"/courses/{course_id}") for course_id, code, title in rows}


def open_classes_condition(today: date) -> Any:
    """SQL condition on `CourseClass` rows still open for self-enrolment on `today` (never cancelled)."""
    return and_(
        CourseClass.cancelled_at.is_(None),
        CourseClass.ends_on >= today,
        (CourseClass.enrol_deadline.is_(None)) | (CourseClass.enrol_deadline >= today),
    )
