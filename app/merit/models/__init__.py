"""Merit tables (imported together so the metadata knows all of them)."""

from app.merit.models.actions import MeritAction
from app.merit.models.evaluations import (
    EvaluationBehavior,
    EvaluationTarget,
    EvaluatorAssignment,
    PerformanceEvaluation,
)
from app.merit.models.kpis import KpiDefinition, KpiTarget, KpiValue
from app.merit.models.records import (
    AbsenceRecord,
    PotentialAssessment,
    ProfileSnapshot,
    Reward,
    Sanction,
    SanctionAttachment,
    UnpaidLeave,
)

__all__ = [
    "AbsenceRecord",
    "EvaluationBehavior",
    "EvaluationTarget",
    "EvaluatorAssignment",
    "KpiDefinition",
    "KpiTarget",
    "KpiValue",
    "MeritAction",
    "PerformanceEvaluation",
    "PotentialAssessment",
    "ProfileSnapshot",
    "Reward",
    "Sanction",
    "SanctionAttachment",
    "UnpaidLeave",
]
