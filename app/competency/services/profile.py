"""Competency profiles and job-person match: one person in detail, or any set of people at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from app.competency.enums import JpmBand
from app.competency.models import Competency, Evidence, PositionRequirement
from app.competency.queries import current_levels, people_with_jpm
from app.competency.rules import band_for, gap, job_person_match
from app.competency.services.common import UserIds, band_thresholds, id_batches
from app.competency.services.recommendations import Gap, Recommendation, recommend_courses
from app.extensions import db
from app.org.models import User


@dataclass(frozen=True)
class JpmResult:
    """A person's job-person match: JPM (None without a standard), band and the two totals."""

    jpm: float | None
    band: JpmBand | None
    required_total: int
    current_total: int


def job_person_match_bulk(user_ids_or_select: UserIds, *, on: date) -> dict[int, JpmResult]:
    """JPM of every given person on a day, computed in SQL (one query per 2,000 ids, or one for a select).

    Accepts a list of user ids or a select of user ids; every existing person is
    in the result, with `jpm=None` when their position has no standard.
    """
    thresholds = band_thresholds()
    result: dict[int, JpmResult] = {}
    for batch in id_batches(user_ids_or_select):
        for user_id, required_total, current_total, _jpm in db.session.execute(people_with_jpm(batch, on)):
            value = job_person_match(int(required_total or 0), int(current_total or 0))
            result[user_id] = JpmResult(
                value, band_for(value, thresholds), int(required_total or 0), int(current_total or 0)
            )
    return result


def job_person_match_of(person: User, *, on: date) -> JpmResult:
    """One person's JPM (the same query as the bulk one)."""
    return job_person_match_bulk([person.id], on=on)[person.id]


@dataclass(frozen=True)
class ProfileLine:
    """One competency on a profile: required (None when not in the standard), current and gap."""

    competency: Competency
    required_level: int | None
    current_level: int | None

    @property
    def gap(self) -> int | None:
        return None if self.required_level is None else gap(self.current_level, self.required_level)

    @property
    def below(self) -> bool:
        return self.gap is not None and self.gap < 0


@dataclass
class CompetencyProfile:
    """Everything the profile page and API show about one person on one day."""

    person: User
    on: date
    lines: list[ProfileLine]
    match: JpmResult
    recommendations: list[Recommendation] = field(default_factory=list)

    @property
    def required_lines(self) -> list[ProfileLine]:
        return [line for line in self.lines if line.required_level is not None]

    @property
    def other_lines(self) -> list[ProfileLine]:
        return [line for line in self.lines if line.required_level is None]

    def code_of(self, competency_id: int) -> str:
        """The code of a competency on this profile (for labelling recommendations)."""
        return next((line.competency.code for line in self.lines if line.competency.id == competency_id), "")

    @property
    def gaps(self) -> list[Gap]:
        return [
            Gap(
                line.competency.id,
                line.competency.code,
                line.required_level,
                line.current_level or 0,
                line.gap,
            )
            for line in self.required_lines
            if line.below
        ]


def current_levels_of(user_id: int, on: date) -> dict[int, int]:
    """`{competency_id: current level}` for one person."""
    current = current_levels(on, [user_id])
    return dict(db.session.execute(select(current.c.competency_id, current.c.level)).all())


def competency_profile(
    person: User, *, on: date | None = None, with_recommendations: bool = True
) -> CompetencyProfile:
    """Required vs current level per competency, the JPM and band, and course recommendations."""
    on = on or date.today()
    required: dict[int, int] = {}
    if person.position_id is not None:
        required = dict(
            db.session.execute(
                select(PositionRequirement.competency_id, PositionRequirement.level).where(
                    PositionRequirement.position_id == person.position_id
                )
            ).all()
        )
    current = current_levels_of(person.id, on)
    ids = set(required) | set(current)
    competencies = db.session.scalars(select(Competency).where(Competency.id.in_(ids))).all() if ids else []
    order = {"manajerial": 0, "sosial_kultural": 1, "teknis": 2}
    competencies = sorted(competencies, key=lambda c: (order[c.kind.value], len(c.code), c.code))
    lines = [ProfileLine(c, required.get(c.id), current.get(c.id)) for c in competencies]
    profile = CompetencyProfile(person, on, lines, job_person_match_of(person, on=on))
    if with_recommendations:
        profile.recommendations = recommend_courses(profile.gaps)
    return profile


def evidence_history(person: User) -> select:
    """Select of a person's evidence, newest first (for pagination)."""
    return (
        select(Evidence)
        .where(Evidence.user_id == person.id)
        .order_by(Evidence.recorded_at.desc(), Evidence.id.desc())
    )
