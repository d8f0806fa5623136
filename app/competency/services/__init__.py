"""Competency use cases; other packages import what they need from here.

Courses and assessments call `record_evidence` and `credit_jp`; merit and reports
call the set-wise loaders (`job_person_match_bulk`, `jp_earned_bulk`, the heatmap).
"""

from app.competency.services.common import CompetencyError, band_thresholds, tier_defaults
from app.competency.services.evidence import record_evidence, record_manual_evidence
from app.competency.services.jp import (
    credit_jp,
    jp_cap_for,
    jp_earned_bulk,
    jp_summary,
    jp_target_for,
    unit_compliance,
    unit_people,
)
from app.competency.services.profile import (
    CompetencyProfile,
    JpmResult,
    competency_profile,
    job_person_match_bulk,
    job_person_match_of,
)
from app.competency.services.recommendations import (
    Gap,
    Recommendation,
    recommend_courses,
    register_recommendation_provider,
    unregister_recommendation_provider,
)
from app.competency.services.standards import prefill_new_position, requirements_for, set_requirements

__all__ = [
    "CompetencyError",
    "CompetencyProfile",
    "Gap",
    "JpmResult",
    "Recommendation",
    "band_thresholds",
    "competency_profile",
    "credit_jp",
    "job_person_match_bulk",
    "job_person_match_of",
    "jp_cap_for",
    "jp_earned_bulk",
    "jp_summary",
    "jp_target_for",
    "prefill_new_position",
    "recommend_courses",
    "record_evidence",
    "record_manual_evidence",
    "register_recommendation_provider",
    "requirements_for",
    "set_requirements",
    "tier_defaults",
    "unit_compliance",
    "unit_people",
    "unregister_recommendation_provider",
]
