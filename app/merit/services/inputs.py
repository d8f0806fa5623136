"""Loading `MeritInput`s set-wise: a bounded number of queries for any number of people."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import Select, select

from app.extensions import db
from app.merit import competency_inputs
from app.merit.enums import COUNTED_EVALUATION_STATUSES, KpiLevel, RecordStatus
from app.merit.models import (
    AbsenceRecord,
    PerformanceEvaluation,
    PotentialAssessment,
    Reward,
    Sanction,
    UnpaidLeave,
)
from app.merit.rules import Period
from app.merit.rules_profile import MeritInput, RewardFact, SanctionFact
from app.merit.services.kpis import kpi_facts
from app.org.enums import Employment
from app.org.models import User


def reference_day(year: int, today: date | None = None) -> date:
    """The day a year's profile is computed for: today in the current year, else 31 December."""
    today = today or date.today()
    return min(today, date(year, 12, 31))


def load_inputs(
    user_ids: Sequence[int] | Select, years: Sequence[int], *, today: date | None = None
) -> dict[tuple[int, int], MeritInput]:
    """`MeritInput` per (person, year) for the given people (ids, or a select of ids) and years.

    About ten queries whatever the number of people (callers chunk very large sets),
    plus a few per year for the year-specific figures. A select keeps big id lists out
    of the SQL text, which is what makes a whole-agency recompute fast on PostgreSQL.
    """
    chosen = user_ids if isinstance(user_ids, Select) else list(user_ids)
    if (not isinstance(chosen, Select) and not chosen) or not years:
        return {}
    last_year = max(years)
    people = {
        row.id: row
        for row in db.session.execute(
            select(User.id, User.employment, User.appointed_on).where(User.id.in_(chosen))
        )
    }
    ids = list(people)
    predicates: dict[int, dict[int, object]] = defaultdict(dict)
    for user_id, year, predicate in db.session.execute(
        select(
            PerformanceEvaluation.user_id, PerformanceEvaluation.year, PerformanceEvaluation.predicate
        ).where(
            PerformanceEvaluation.user_id.in_(chosen),
            PerformanceEvaluation.quarter.is_(None),
            PerformanceEvaluation.year <= last_year,
            PerformanceEvaluation.status.in_(COUNTED_EVALUATION_STATUSES),
        )
    ):
        predicates[user_id][year] = predicate
    assessments: dict[int, list[tuple[date, float]]] = defaultdict(list)
    for user_id, assessed_on, score in db.session.execute(
        select(PotentialAssessment.user_id, PotentialAssessment.assessed_on, PotentialAssessment.score)
        .where(PotentialAssessment.user_id.in_(chosen))
        .order_by(PotentialAssessment.user_id, PotentialAssessment.assessed_on, PotentialAssessment.id)
    ):
        assessments[user_id].append((assessed_on, score))
    sanctions: dict[int, list[SanctionFact]] = defaultdict(list)
    for row in db.session.execute(
        select(
            Sanction.id, Sanction.user_id, Sanction.kind, Sanction.level, Sanction.starts_on, Sanction.ends_on
        )
        .where(Sanction.user_id.in_(chosen), Sanction.status == RecordStatus.ACTIVE)
        .order_by(Sanction.starts_on)
    ):
        sanctions[row.user_id].append(
            SanctionFact(row.id, row.kind.value, row.level, row.starts_on, row.ends_on)
        )
    rewards: dict[int, list[RewardFact]] = defaultdict(list)
    for row in db.session.execute(
        select(Reward.id, Reward.user_id, Reward.kind, Reward.awarded_on)
        .where(Reward.user_id.in_(chosen), Reward.status == RecordStatus.ACTIVE)
        .order_by(Reward.awarded_on)
    ):
        rewards[row.user_id].append(RewardFact(row.id, row.kind, row.awarded_on))
    absences = {
        (row.user_id, row.year): row
        for row in db.session.execute(
            select(
                AbsenceRecord.user_id,
                AbsenceRecord.year,
                AbsenceRecord.days,
                AbsenceRecord.longest_consecutive,
            ).where(AbsenceRecord.user_id.in_(chosen), AbsenceRecord.year.in_(list(years)))
        )
    }
    leave_starts: dict[int, date] = {}
    for user_id, starts_on in db.session.execute(
        select(UnpaidLeave.user_id, UnpaidLeave.starts_on).where(UnpaidLeave.user_id.in_(chosen))
    ):
        leave_starts[user_id] = min(starts_on, leave_starts.get(user_id, starts_on))
    employment = {uid: p.employment for uid, p in people.items()}
    result: dict[tuple[int, int], MeritInput] = {}
    for year in years:
        on = reference_day(year, today)
        jpm = competency_inputs.jpm_by_user(chosen, on)
        jp = competency_inputs.jp_by_user(chosen, employment, year)
        kpis = kpi_facts(KpiLevel.PERSON, ids, Period(year), chosen=chosen)
        for user_id, person in people.items():
            score = next((s for d, s in reversed(assessments.get(user_id, [])) if d <= on), None)
            absence = absences.get((user_id, year))
            jpm_figures = jpm.get(user_id)
            jp_figures = jp.get(user_id)
            result[(user_id, year)] = MeritInput(
                user_id=user_id,
                year=year,
                on=on,
                is_pns=person.employment is Employment.PNS,
                appointed_on=person.appointed_on,
                jpm=jpm_figures.jpm if jpm_figures else None,
                jpm_band=jpm_figures.band if jpm_figures else None,
                assessment_score=score,
                annual_predicates={y: p for y, p in predicates.get(user_id, {}).items() if y <= year},
                jp_earned=jp_figures.earned if jp_figures else None,
                jp_target=jp_figures.target if jp_figures else None,
                kpis=tuple(kpis.get(user_id, ())),
                sanctions=tuple(s for s in sanctions.get(user_id, ()) if s.starts_on <= on),
                rewards=tuple(r for r in rewards.get(user_id, ()) if r.awarded_on <= on),
                absence_days=absence.days if absence else None,
                absence_consecutive=absence.longest_consecutive if absence else None,
                unpaid_leave=user_id in leave_starts and leave_starts[user_id] <= on,
            )
    return result
