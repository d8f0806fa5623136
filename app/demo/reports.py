"""Demo report data: the qualitative part of last year's evaluation reports, and course evaluations
for the completed enrollments the earlier steps left."""

from __future__ import annotations

from datetime import date
from random import Random
from typing import Any

from sqlalchemy import select

from app.courses.enums import EnrollmentStatus
from app.courses.models import Enrollment
from app.extensions import db
from app.merit.enums import COUNTED_EVALUATION_STATUSES
from app.merit.models import PerformanceEvaluation
from app.reports.models import LIKERT_ITEMS, CourseFeedback, EvaluationNarrative

NARRATIVES = (
    ("Menyelesaikan seluruh target kerja tepat waktu dan menjadi rujukan rekan kerja.",
     "Ketelitian, orientasi pelayanan, kerja sama tim.", "Mendelegasikan pekerjaan rutin."),
    ("Target kerja utama tercapai; beberapa laporan terlambat pada triwulan ketiga.",
     "Penguasaan teknis, komunikasi dengan pemangku kepentingan.", "Manajemen waktu dan dokumentasi."),
    ("Kinerja stabil dengan perbaikan nyata setelah pendampingan.",
     "Kemauan belajar, disiplin.", "Analisis data dan penyusunan rekomendasi."),
)  # fmt: skip
COMMENTS = ("Materi sangat relevan.", "Studi kasus perlu ditambah.", "", "Pengajar menguasai materi.")


def seed(ctx: dict[str, Any]) -> None:
    """Narratives for last year's evaluated people; evaluations for completed courses."""
    rng: Random = ctx["rng"]
    year = date.today().year - 1
    evaluations = db.session.scalars(
        select(PerformanceEvaluation)
        .where(
            PerformanceEvaluation.period == str(year),
            PerformanceEvaluation.status.in_(COUNTED_EVALUATION_STATUSES),
            PerformanceEvaluation.evaluator_id.is_not(None),
        )
        .order_by(PerformanceEvaluation.id)
    ).all()
    for evaluation in evaluations[::2]:
        narrative, strengths, improvements = rng.choice(NARRATIVES)
        db.session.add(
            EvaluationNarrative(
                user_id=evaluation.user_id, year=year, narrative=narrative, strengths=strengths,
                improvements=improvements, author_id=evaluation.evaluator_id,
            )
        )  # fmt: skip
    completed = db.session.scalars(
        select(Enrollment).where(Enrollment.status == EnrollmentStatus.COMPLETED).order_by(Enrollment.id)
    ).all()
    for enrollment in completed[: len(completed) * 3 // 4]:
        db.session.add(
            CourseFeedback(
                enrollment_id=enrollment.id, user_id=enrollment.user_id, course_id=enrollment.course_id,
                class_id=enrollment.class_id, comment=rng.choice(COMMENTS),
                **{item: rng.choice((3, 4, 4, 5, 5)) for item in LIKERT_ITEMS},
            )
        )  # fmt: skip
    db.session.flush()
