"""Training effectiveness per course and class: reaction scores, completion and pass rates,
pre-test → post-test gain (when assessments answer), and the participants' competency levels
before the course and now.

Participants are the enrollments (not withdrawn) of classes starting in the year, among the
people the actor manages. A fixed number of grouped queries whatever the number of courses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, func, select

from app.competency.queries import current_levels, level_at
from app.courses.enums import EnrollmentStatus
from app.courses.models import Course, CourseClass, CourseCompetency, Enrollment
from app.extensions import db
from app.org.models import User
from app.org.permissions import people_scope_condition
from app.reports.models import LIKERT_ITEMS, CourseFeedback

Key = tuple[int, int]  # (course id, class id)
# `gains(enrollments) -> {(course id, class id): (average pre-test, average post-test)}` over a
# select of enrollment ids; registered by the assessments package when it is installed.
GainLookup = Callable[[Select], dict[Key, tuple[float | None, float | None]]]
_GAINS: list[GainLookup] = []


def register_gain_lookup(lookup: GainLookup) -> None:
    """Let assessments report the average pre- and post-test scores per course class."""
    if lookup not in _GAINS:
        _GAINS.append(lookup)


def unregister_gain_lookup(lookup: GainLookup) -> None:
    if lookup in _GAINS:
        _GAINS.remove(lookup)


@dataclass
class ClassFigures:
    """One class's (or, summed, one course's) figures."""

    course: Course
    course_class: CourseClass | None
    participants: int = 0
    completed: int = 0
    failed: int = 0
    responses: int = 0
    scores: dict[str, float | None] = field(default_factory=dict)
    pre: float | None = None
    post: float | None = None
    level_before: float | None = None
    level_now: float | None = None

    @property
    def completion_rate(self) -> float | None:
        return None if not self.participants else round(self.completed * 100.0 / self.participants, 1)

    @property
    def pass_rate(self) -> float | None:
        decided = self.completed + self.failed
        return None if not decided else round(self.completed * 100.0 / decided, 1)

    @property
    def reaction(self) -> float | None:
        """The average of the five items (1–5)."""
        values = [v for v in self.scores.values() if v is not None]
        return round(sum(values) / len(values), 2) if values else None

    @property
    def gain(self) -> float | None:
        return None if self.pre is None or self.post is None else round(self.post - self.pre, 1)

    @property
    def level_change(self) -> float | None:
        if self.level_before is None or self.level_now is None:
            return None
        return round(self.level_now - self.level_before, 2)


@dataclass
class CourseEffectiveness:
    """A course with its total and its classes."""

    total: ClassFigures
    classes: list[ClassFigures]


def _participants(actor: Any, year: int, course_id: int | None) -> list[ColumnElement[bool]]:
    conditions = [
        Enrollment.status != EnrollmentStatus.WITHDRAWN,
        Enrollment.class_id.in_(
            select(CourseClass.id).where(CourseClass.starts_on.between(date(year, 1, 1), date(year, 12, 31)))
        ),
        Enrollment.user_id.in_(select(User.id).where(people_scope_condition(actor))),
    ]
    if course_id is not None:
        conditions.append(Enrollment.course_id == course_id)
    return conditions


def effectiveness(actor: Any, year: int, *, course_id: int | None = None, today: date | None = None):
    """Courses with participants in the year, each with its classes (about seven queries)."""
    today = today or date.today()
    where = _participants(actor, year, course_id)
    figures: dict[Key, dict[str, Any]] = {}
    done = func.sum(case((Enrollment.status == EnrollmentStatus.COMPLETED, 1), else_=0))
    failed = func.sum(case((Enrollment.status == EnrollmentStatus.FAILED, 1), else_=0))
    for course, klass, count, completed, lost in db.session.execute(
        select(Enrollment.course_id, Enrollment.class_id, func.count(), done, failed)
        .where(*where)
        .group_by(Enrollment.course_id, Enrollment.class_id)
    ):
        figures[(course, klass)] = {"participants": int(count), "completed": int(completed or 0),
                                    "failed": int(lost or 0)}  # fmt: skip
    if not figures:
        return []
    enrollments = select(Enrollment.id).where(*where)
    averages = [func.avg(getattr(CourseFeedback, item)) for item in LIKERT_ITEMS]
    for course, klass, count, *scores in db.session.execute(
        select(CourseFeedback.course_id, CourseFeedback.class_id, func.count(), *averages)
        .where(CourseFeedback.enrollment_id.in_(enrollments))
        .group_by(CourseFeedback.course_id, CourseFeedback.class_id)
    ):
        figures[(course, klass)]["responses"] = int(count)
        figures[(course, klass)]["scores"] = {
            item: None if v is None else round(float(v), 2)
            for item, v in zip(LIKERT_ITEMS, scores, strict=True)
        }
    for key, (before, now) in _level_change(where, today).items():
        figures[key]["level_before"], figures[key]["level_now"] = before, now
    for lookup in _GAINS:
        for key, (pre, post) in lookup(enrollments).items():
            if key in figures:
                figures[key]["pre"], figures[key]["post"] = pre, post
    return _assemble(figures)


def _level_change(where: list[ColumnElement[bool]], today: date) -> dict[Key, tuple[float, float]]:
    """Average level of the course's competencies among completed participants: before enrolling, and now.

    "Before" is the level as it stood when the person enrolled, "now" today's current level;
    both by the competency rule (expiry and evaluator overrides applied; 0 without evidence).
    """
    completed = [*where, Enrollment.status == EnrollmentStatus.COMPLETED]
    before = level_at(
        Enrollment.user_id,
        CourseCompetency.competency_id,
        Enrollment.enrolled_at,
        correlate=(Enrollment, CourseCompetency),
    )
    current = current_levels(today, select(Enrollment.user_id).where(*completed))
    rows = db.session.execute(
        select(
            Enrollment.course_id,
            Enrollment.class_id,
            func.avg(before),
            func.avg(func.coalesce(current.c.level, 0)),
        )
        .join(CourseCompetency, CourseCompetency.course_id == Enrollment.course_id)
        .outerjoin(
            current,
            and_(
                current.c.user_id == Enrollment.user_id,
                current.c.competency_id == CourseCompetency.competency_id,
            ),
        )
        .where(*completed)
        .group_by(Enrollment.course_id, Enrollment.class_id)
    )
    return {(c, k): (round(float(b), 2), round(float(n), 2)) for c, k, b, n in rows if b is not None}


def _weighted(
    parts: list[ClassFigures], value: Callable[[ClassFigures], float | None], weight
) -> float | None:
    pairs = [(value(p), weight(p)) for p in parts if value(p) is not None and weight(p)]
    total = sum(w for _v, w in pairs)
    return round(sum(v * w for v, w in pairs) / total, 2) if total else None


def _assemble(figures: dict[Key, dict[str, Any]]) -> list[CourseEffectiveness]:
    courses = {
        c.id: c for c in db.session.scalars(select(Course).where(Course.id.in_({k[0] for k in figures})))
    }
    classes = {
        c.id: c
        for c in db.session.scalars(select(CourseClass).where(CourseClass.id.in_({k[1] for k in figures})))
    }
    grouped: dict[int, list[ClassFigures]] = {}
    for (course_id, class_id), values in figures.items():
        grouped.setdefault(course_id, []).append(
            ClassFigures(courses[course_id], classes[class_id], **values)
        )
    result = []
    for course_id, parts in grouped.items():
        parts.sort(key=lambda p: (p.course_class.starts_on, p.course_class.id))
        total = ClassFigures(
            courses[course_id],
            None,
            participants=sum(p.participants for p in parts),
            completed=sum(p.completed for p in parts),
            failed=sum(p.failed for p in parts),
            responses=sum(p.responses for p in parts),
            scores={
                i: _weighted(parts, lambda p, i=i: p.scores.get(i), lambda p: p.responses)
                for i in LIKERT_ITEMS
            },
            pre=_weighted(parts, lambda p: p.pre, lambda p: p.completed),
            post=_weighted(parts, lambda p: p.post, lambda p: p.completed),
            level_before=_weighted(parts, lambda p: p.level_before, lambda p: p.completed),
            level_now=_weighted(parts, lambda p: p.level_now, lambda p: p.completed),
        )
        result.append(CourseEffectiveness(total, parts))
    result.sort(key=lambda c: (c.total.course.code, c.total.course.id))
    return result
