"""The individual evaluation report (Laporan Evaluasi Kinerja ASN) of one person and year, as plain data.

The page, the PDF and the bulk ZIP all render this one structure; it reads merit's
profile (predicate, KPIs, JP, JPM, recommendations), the competency profile, the unit's
public-service figures and the narrative kept per year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.competency.services.profile import ProfileLine, competency_profile
from app.extensions import db
from app.merit.enums import COUNTED_EVALUATION_STATUSES, ActionStatus, Predicate, Rating
from app.merit.models import MeritAction, PerformanceEvaluation
from app.merit.recommendations import Recommendation
from app.merit.rules import predicate_for
from app.merit.rules_profile import KpiFact
from app.merit.services.inputs import reference_day
from app.merit.services.profiles import person_profile
from app.org.models import User
from app.reports.lookups import CertificateLine, certificates_earned
from app.reports.models import EvaluationNarrative
from app.reports.services.service_quality import ServiceFigures, service_figures
from app.settings.services import get_setting

# Rows of the predicate matrix (hasil kerja, high to low) and its columns (perilaku kerja, low to high).
MATRIX_ROWS = (Rating.ABOVE, Rating.MEETS, Rating.BELOW)
MATRIX_COLUMNS = (Rating.BELOW, Rating.MEETS, Rating.ABOVE)
DECIDED = (ActionStatus.APPROVED, ActionStatus.REJECTED, ActionStatus.APPEALED, ActionStatus.FINAL)


@dataclass(frozen=True)
class Agency:
    """The header of official documents (settings)."""

    name: str
    office: str
    address: str


@dataclass
class EvaluationReport:
    """Everything the report shows; `None` or empty where a figure does not exist."""

    person: User
    year: int
    on: date
    agency: Agency
    evaluation: PerformanceEvaluation | None
    predicate: Predicate | None
    box: int | None
    kpis: tuple[KpiFact, ...]
    kpi_achievement: float | None
    jp_earned: float | None
    jp_target: float | None
    jpm: float | None
    jpm_band: str | None
    competencies: list[ProfileLine]
    certificates: list[CertificateLine]
    service: ServiceFigures | None
    narrative: EvaluationNarrative | None
    recommendations: list[Recommendation]
    actions: list[MeritAction]

    @property
    def matrix_cell(self) -> tuple[int, int] | None:
        """(row, column) of the evaluation's ratings in the predicate matrix."""
        evaluation = self.evaluation
        if evaluation is None or evaluation.work_result is None or evaluation.work_behavior is None:
            return None
        return MATRIX_ROWS.index(evaluation.work_result), MATRIX_COLUMNS.index(evaluation.work_behavior)

    @property
    def evaluator(self) -> User | None:
        return self.evaluation.evaluator if self.evaluation is not None else self.person.supervisor


def agency() -> Agency:
    """The agency identity from the settings."""
    return Agency(
        str(get_setting("agency.name")),
        str(get_setting("agency.unit_name")),
        str(get_setting("agency.address")),
    )


def annual_evaluation(person: User, year: int) -> PerformanceEvaluation | None:
    """The person's annual evaluation for `year` once it is no longer a draft."""
    return db.session.scalar(
        select(PerformanceEvaluation)
        .where(
            PerformanceEvaluation.user_id == person.id,
            PerformanceEvaluation.period == str(year),
            PerformanceEvaluation.status.in_(COUNTED_EVALUATION_STATUSES),
        )
        .options(joinedload(PerformanceEvaluation.evaluator))
    )


def decided_actions(person: User, year: int) -> list[MeritAction]:
    """Merit actions about the person for the year that have a decision."""
    return list(
        db.session.scalars(
            select(MeritAction)
            .where(
                MeritAction.user_id == person.id, MeritAction.year == year, MeritAction.status.in_(DECIDED)
            )
            .options(joinedload(MeritAction.decided_by))
            .order_by(MeritAction.decided_at, MeritAction.id)
        ).unique()
    )


def narrative_of(person: User, year: int) -> EvaluationNarrative | None:
    """The narrative kept for the person and year, if written."""
    return db.session.scalar(
        select(EvaluationNarrative).where(
            EvaluationNarrative.user_id == person.id, EvaluationNarrative.year == year
        )
    )


def evaluation_report(person: User, year: int, *, today: date | None = None) -> EvaluationReport:
    """Assemble the report of `person` for `year` (about twenty queries, whatever the history)."""
    on = reference_day(year, today)
    profile = person_profile(person, year, today=today, trend_years=1)
    core, data = profile.profile.core, profile.data
    evaluation = annual_evaluation(person, year)
    competencies = competency_profile(person, on=on, with_recommendations=False)
    service = None
    if person.unit is not None:
        figures = service_figures(
            [person.unit.id], date(year, 1, 1), date(year, 12, 31), today or date.today()
        )
        service = figures[person.unit.id] if figures[person.unit.id].present else None
    return EvaluationReport(
        person=person,
        year=year,
        on=on,
        agency=agency(),
        evaluation=evaluation,
        predicate=evaluation.predicate if evaluation is not None else None,
        box=core.box,
        kpis=data.kpis,
        kpi_achievement=core.kpi_achievement,
        jp_earned=core.jp_earned,
        jp_target=core.jp_target,
        jpm=competencies.match.jpm,
        jpm_band=competencies.match.band.label if competencies.match.band else None,
        competencies=competencies.required_lines,
        certificates=certificates_earned(person.id, year),
        service=service,
        narrative=narrative_of(person, year),
        recommendations=profile.profile.recommendations,
        actions=decided_actions(person, year),
    )


def report_filename(person: User, year: int, extension: str) -> str:
    """`laporan-evaluasi-<NIP or id>-<year>.<ext>`."""
    return f"laporan-evaluasi-{person.nip or person.id}-{year}.{extension}"


def matrix_cells() -> list[list[str]]:
    """The predicate matrix as text, rows and columns in `MATRIX_ROWS`/`MATRIX_COLUMNS` order."""
    return [[str(predicate_for(r, c).label) for c in MATRIX_COLUMNS] for r in MATRIX_ROWS]
