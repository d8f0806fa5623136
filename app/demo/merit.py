"""Demo merit data: two years of evaluations, potential assessments, absences, sanctions,
rewards, KPI values and merit actions, arranged so every box of the 9-box has people."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from random import Random
from typing import Any

from sqlalchemy import select

from app.audit.services import record_audit
from app.extensions import db
from app.merit.enums import (
    ActionCategory,
    ActionStatus,
    Decision,
    DevelopmentKind,
    EvaluationStatus,
    KpiDirection,
    KpiLevel,
    Potential,
    Rating,
    RewardKind,
    SanctionKind,
)
from app.merit.models import (
    AbsenceRecord,
    KpiDefinition,
    KpiValue,
    MeritAction,
    PerformanceEvaluation,
    PotentialAssessment,
    Reward,
    Sanction,
    UnpaidLeave,
)
from app.merit.rules import BOX_AXES, predicate_for
from app.merit.rules_discipline import level_of, sanction_end
from app.merit.services.snapshots import recompute_all
from app.org.models import User

# Ratings (hasil kerja, perilaku kerja) that put someone on each performance axis.
AXIS_RATINGS = {
    Rating.ABOVE: [(Rating.ABOVE, Rating.ABOVE)],
    Rating.MEETS: [(Rating.MEETS, Rating.MEETS), (Rating.ABOVE, Rating.MEETS), (Rating.MEETS, Rating.ABOVE)],
    Rating.BELOW: [(Rating.BELOW, Rating.MEETS), (Rating.MEETS, Rating.BELOW), (Rating.BELOW, Rating.BELOW)],
}
SCORES = {Potential.TINGGI: (82, 96), Potential.MENENGAH: (62, 78), Potential.RENDAH: (35, 58)}
# Boxes for the named demo people (the rest cycle through all nine).
NAMED_BOXES = {"pegawai": 8, "penilai": 9, "penilai2": 7, "sdm": 5, "sdm.yan": 6, "admin": 5}


def _at(day: date) -> datetime:
    return datetime.combine(day, time(9, 0), tzinfo=UTC)


def _evaluation(
    person: User, year: int, ratings: tuple[Rating, Rating], evaluator: User | None, status: EvaluationStatus
) -> PerformanceEvaluation:
    finalised = _at(date(year, 12, 20)) if year < date.today().year else _at(date.today() - timedelta(days=3))
    return PerformanceEvaluation(
        user_id=person.id,
        period=str(year),
        year=year,
        evaluator_id=evaluator.id if evaluator else None,
        work_result=ratings[0],
        work_behavior=ratings[1],
        predicate=predicate_for(*ratings),
        status=status,
        finalised_at=None if status is EvaluationStatus.DRAFT else finalised,
        acknowledged_at=finalised if status is EvaluationStatus.ACKNOWLEDGED else None,
        notes="",
        created_by_id=evaluator.id if evaluator else None,
    )


def _seed_evaluations(
    rng: Random, people: list[User], by_username: dict[str, User], years: tuple[int, int]
) -> None:
    previous, current = years
    head = by_username["penilai2"]
    for index, person in enumerate(people):
        box = NAMED_BOXES.get(person.username, index % 9 + 1)
        potential, performance = BOX_AXES[box]
        evaluator = person.supervisor if person.supervisor_id else head
        evaluator = None if evaluator is None or evaluator.id == person.id else evaluator
        # Half of those below expectations were below last year too (the low-predicate rule).
        low_twice = performance is Rating.BELOW and index % 2 == 1
        last = rng.choice(AXIS_RATINGS[Rating.BELOW if low_twice else rng.choice(list(Rating))])
        db.session.add(_evaluation(person, previous, last, evaluator, EvaluationStatus.ACKNOWLEDGED))
        low, high = SCORES[potential]
        db.session.add(
            PotentialAssessment(
                user_id=person.id,
                assessed_on=date(previous, 9, 15),
                score=float(rng.randint(low, high)),
                note="Asesmen potensi",
            )
        )
        # Some of the evaluator's people still wait for this year's evaluation (the queue).
        waiting = (
            person.supervisor_id == by_username["penilai"].id
            and index % 3 == 0
            and person.username != "pegawai"
        )
        if waiting:
            continue
        status = EvaluationStatus.FINALISED if person.username == "pegawai" else EvaluationStatus.ACKNOWLEDGED
        db.session.add(_evaluation(person, current, rng.choice(AXIS_RATINGS[performance]), evaluator, status))


def _seed_records(rng: Random, people: list[User], by_username: dict[str, User], current: int) -> None:
    hr = by_username["sdm"]
    ordinary = [p for p in people if p.username not in NAMED_BOXES]
    for person, days, run in zip(ordinary[:5], (3, 5, 8, 12, 15), (1, 2, 3, 4, 5), strict=False):
        db.session.add(
            AbsenceRecord(
                user_id=person.id, year=current, days=days, longest_consecutive=run, recorded_by_id=hr.id
            )
        )
    cases = [
        (ordinary[5], SanctionKind.TEGURAN_TERTULIS, date(current - 1, 4, 7)),
        (ordinary[6], SanctionKind.POTONGAN_TUKIN_6, date(current, 8, 1)),
    ]
    for person, kind, decided in cases:
        db.session.add(
            Sanction(
                user_id=person.id,
                kind=kind,
                level=level_of(kind),
                decided_on=decided,
                starts_on=decided,
                ends_on=sanction_end(kind, decided),
                recorded_by_id=hr.id,
                legal_basis="PP 94/2021; SK Gubernur No. 800/" + str(person.id),
                description="Pelanggaran ketentuan jam kerja.",
            )
        )
    veteran = next((p for p in ordinary[7:] if p.appointed_on and p.appointed_on.year <= current - 11), None)
    if veteran is not None:
        db.session.add(
            Reward(
                user_id=veteran.id,
                kind=RewardKind.SATYALANCANA_10.value,
                awarded_on=date(current - 1, 8, 17),
                description="Keppres",
                recorded_by_id=hr.id,
            )
        )
    db.session.add(
        Reward(
            user_id=by_username["penilai"].id,
            kind="pegawai_teladan",
            awarded_on=date(current - 1, 12, 1),
            description="Pegawai Teladan tingkat provinsi",
            recorded_by_id=hr.id,
        )
    )
    db.session.add(
        UnpaidLeave(
            user_id=ordinary[8].id,
            starts_on=date(current - 4, 1, 1),
            ends_on=date(current - 3, 12, 31),
            note="Cuti di luar tanggungan negara",
        )
    )


def _seed_kpis(rng: Random, ctx: dict[str, Any], years: tuple[int, int]) -> None:
    units = ctx["units"]
    person_kpi = KpiDefinition(
        code="KPI-IZIN-TEPAT",
        name="Persentase berkas izin diproses tepat waktu",
        description="Berkas izin yang selesai dalam standar waktu layanan.",
        unit_of_measure="%",
        direction=KpiDirection.HIGHER,
        level=KpiLevel.PERSON,
        source="manual",
        default_target=95.0,
    )
    db.session.add(person_kpi)
    db.session.flush()
    unit_kpis = {
        k.code: k
        for k in db.session.scalars(select(KpiDefinition).where(KpiDefinition.level == KpiLevel.UNIT))
    }
    service_units = [units[c] for c in ("DPMPTSP", "DPMPTSP-YAN", "DISKOMINFO", "BKD")]
    for year in years:
        for unit in service_units:
            for code, (low, high) in {
                "KPI-RESPONSIF": (70, 98),
                "KPI-DIGITAL": (40, 85),
                "KPI-INOVASI": (1, 5),
            }.items():
                if code in unit_kpis:
                    db.session.add(
                        KpiValue(
                            kpi_id=unit_kpis[code].id,
                            period=str(year),
                            year=year,
                            subject_id=unit.id,
                            actual=float(rng.randint(low, high)),
                        )
                    )
        for person in ctx["people"]:
            if person.unit_id == units["DPMPTSP-YAN"].id or person.username == "pegawai":
                db.session.add(
                    KpiValue(
                        kpi_id=person_kpi.id,
                        period=str(year),
                        year=year,
                        subject_id=person.id,
                        actual=float(rng.randint(80, 100)),
                    )
                )


def _seed_actions(ctx: dict[str, Any], current: int) -> None:
    by_username = ctx["by_username"]
    hr, evaluator, head = (by_username[u] for u in ("sdm", "penilai", "penilai2"))
    employee = by_username["pegawai"]
    today = date.today()
    pending = MeritAction(
        user_id=employee.id,
        year=current,
        category=ActionCategory.REWARD,
        kind=RewardKind.PRIORITAS_PENGEMBANGAN.value,
        status=ActionStatus.PROPOSED,
        reason="Kotak 8: kinerja sesuai ekspektasi, potensi tinggi.",
        source_rule="talent_pool",
        proposed_by_id=hr.id,
        proposed_at=_at(today - timedelta(days=2)),
    )
    decided = MeritAction(
        user_id=employee.id,
        year=current - 1,
        category=ActionCategory.DEVELOPMENT,
        kind=DevelopmentKind.SUCCESSION_POOL.value,
        status=ActionStatus.APPROVED,
        reason="Masuk kelompok rencana suksesi.",
        proposed_by_id=evaluator.id,
        proposed_at=_at(today - timedelta(days=10)),
        decision=Decision.APPROVED,
        justification="Memenuhi kriteria kotak 7–9.",
        decided_by_id=head.id,
        decided_at=_at(today - timedelta(days=8)),
        appeal_deadline=today + timedelta(days=6),
    )
    db.session.add_all([pending, decided])
    db.session.flush()
    record_audit(
        "merit.action.proposed",
        actor_id=hr.id,
        subject_type="merit_action",
        subject_id=pending.id,
        subject_user_id=employee.id,
        details={"kind": pending.kind, "demo": True},
    )
    record_audit(
        "merit.action.decided",
        actor_id=head.id,
        subject_type="merit_action",
        subject_id=decided.id,
        subject_user_id=employee.id,
        details={"decision": "approved", "demo": True},
    )


def seed(ctx: dict[str, Any]) -> None:
    """Add merit data for the demo agency and compute both years' talent grids."""
    rng: Random = ctx["rng"]
    people: list[User] = ctx["people"]
    current = date.today().year
    years = (current - 1, current)
    _seed_evaluations(rng, people, ctx["by_username"], years)
    _seed_records(rng, people, ctx["by_username"], current)
    _seed_kpis(rng, ctx, years)
    db.session.flush()
    _seed_actions(ctx, current)
    for year in years:
        recompute_all(year)
    ctx.setdefault("logins", [])
