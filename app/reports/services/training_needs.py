"""Training-needs analysis (Analisis Kebutuhan Pelatihan) of a unit's subtree for a year.

Competencies are ranked by total gap (people below standard × levels missing); for each,
the published courses whose target level brings people up to their standard, the JP
each would take, and the people it would serve — the list handed over to the courses
package's bulk assignment. Five queries whatever the unit's size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from app.courses.enums import CourseStatus
from app.courses.models import Course, CourseClass, CourseCompetency
from app.extensions import db
from app.org.models import Unit, User
from app.reports.services.gaps import GapTotal, active_people, gap_totals, shortfalls


@dataclass(frozen=True)
class Person:
    """Someone a course would serve: enough to name them and hand them over."""

    id: int
    username: str
    name: str


@dataclass
class CourseOption:
    """A published course that closes the gap of `people` (its target level reaches their standard)."""

    course: Course
    target_level: int
    people: list[Person] = field(default_factory=list)
    classes: list[CourseClass] = field(default_factory=list)

    @property
    def total_jp(self) -> float:
        """The JP the course would take for everyone it serves."""
        return self.course.jp * len(self.people)

    @property
    def handover(self) -> str:
        """The people one per line by user name, as the bulk assignment form reads them."""
        return "\n".join(p.username for p in self.people)


@dataclass
class Need:
    """A competency with its total gap and the courses that close it."""

    gap: GapTotal
    courses: list[CourseOption]


@dataclass
class TrainingNeeds:
    """The analysis of one unit subtree and year."""

    unit: Unit
    year: int
    on: date
    people: int
    needs: list[Need]

    @property
    def total_levels_missing(self) -> int:
        return sum(n.gap.levels_missing for n in self.needs)


def training_needs(unit: Unit, year: int, *, today: date | None = None) -> TrainingNeeds:
    """Build the analysis (five queries)."""
    today = today or date.today()
    on = min(today, date(year, 12, 31))
    people = active_people([unit.id])
    count = db.session.scalar(select(func.count()).select_from(people.subquery())) or 0
    gaps = gap_totals(people, on)
    options = _course_options(people, on, [g.competency.id for g in gaps], today)
    needs = [Need(g, options.get(g.competency.id, [])) for g in gaps]
    return TrainingNeeds(unit, year, on, count, needs)


def _course_options(
    people, on: date, competency_ids: list[int], today: date
) -> dict[int, list[CourseOption]]:
    """Per competency: the courses that close someone's gap, with the people served and open classes."""
    if not competency_ids:
        return {}
    gaps = shortfalls(people, on)
    rows = db.session.execute(
        select(
            CourseCompetency.competency_id,
            CourseCompetency.course_id,
            CourseCompetency.target_level,
            User.id,
            User.username,
            User.name,
        )
        .join(gaps, gaps.c.competency_id == CourseCompetency.competency_id)
        .join(User, User.id == gaps.c.user_id)
        .join(Course, Course.id == CourseCompetency.course_id)
        .where(
            Course.status == CourseStatus.PUBLISHED,
            gaps.c.missing > 0,
            CourseCompetency.target_level >= gaps.c.required,
            CourseCompetency.competency_id.in_(competency_ids),
        )
        .order_by(CourseCompetency.competency_id, CourseCompetency.course_id, User.name, User.id)
    ).all()
    course_ids = sorted({row[1] for row in rows})
    courses = {c.id: c for c in db.session.scalars(select(Course).where(Course.id.in_(course_ids)))}
    classes: dict[int, list[CourseClass]] = defaultdict(list)
    for course_class in db.session.scalars(
        select(CourseClass)
        .where(CourseClass.course_id.in_(course_ids), CourseClass.ends_on >= today)
        .order_by(CourseClass.starts_on, CourseClass.id)
    ):
        classes[course_class.course_id].append(course_class)
    found: dict[tuple[int, int], CourseOption] = {}
    for competency_id, course_id, target, user_id, username, name in rows:
        option = found.get((competency_id, course_id))
        if option is None:
            option = found[(competency_id, course_id)] = CourseOption(
                courses[course_id], target, classes=classes.get(course_id, [])
            )
        option.people.append(Person(user_id, username, name))
    result: dict[int, list[CourseOption]] = defaultdict(list)
    for (competency_id, _course_id), option in found.items():
        result[competency_id].append(option)
    for options in result.values():  # most people served first, then the fewest JP each
        options.sort(key=lambda o: (-len(o.people), o.course.jp, o.course.code))
    return result


def needs_rows(analysis: TrainingNeeds) -> Iterator[list]:
    """One row per (competency, course); a competency without a course gets one row with blanks."""
    for need in analysis.needs:
        competency = need.gap.competency
        head = [competency.code, competency.name, need.gap.people_below, need.gap.levels_missing]
        if not need.courses:
            yield [*head, None, None, None, None, None, None]
        for option in need.courses:
            course = option.course
            yield [*head, course.code, course.title, course.jp, option.target_level, len(option.people),
                   option.total_jp]  # fmt: skip
