"""Enumerations of the competency area: kinds, evidence sources and JPM bands."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class CompetencyKind(StrEnum):
    """The three kinds of competency (PermenPANRB 38/2017)."""

    MANAJERIAL = "manajerial"
    SOSIAL_KULTURAL = "sosial_kultural"
    TEKNIS = "teknis"

    @property
    def label(self) -> str:
        """The Indonesian name (a proper term, the same in every language)."""
        return KIND_LABELS[self]


KIND_LABELS: dict[CompetencyKind, str] = {
    CompetencyKind.MANAJERIAL: "Manajerial",
    CompetencyKind.SOSIAL_KULTURAL: "Sosial Kultural",
    CompetencyKind.TEKNIS: "Teknis",
}


class EvidenceSource(StrEnum):
    """Where a piece of competency evidence comes from."""

    COURSE = "course"
    ASSESSMENT = "assessment"
    EVALUATOR = "evaluator"
    PRIOR_LEARNING = "prior_learning"
    EXTERNAL_TRAINING = "external_training"

    @property
    def label(self) -> str:
        return str(SOURCE_LABELS[self])


SOURCE_LABELS = {
    EvidenceSource.COURSE: _l("Course completion"),
    EvidenceSource.ASSESSMENT: _l("Assessment"),
    EvidenceSource.EVALUATOR: _l("Evaluator rating"),
    EvidenceSource.PRIOR_LEARNING: _l("Prior learning"),
    EvidenceSource.EXTERNAL_TRAINING: _l("External training"),
}

# Labels of the JP ledger's usual sources (other packages may credit under their own names).
JP_SOURCE_LABELS = {
    "course": _l("Course completion"),
    "external_training": _l("External training"),
    "history": _l("Earlier training (imported)"),
}

# Sources a person (HR, evaluator) may record by hand; course and external training have their own flows.
MANUAL_SOURCES = (EvidenceSource.ASSESSMENT, EvidenceSource.EVALUATOR, EvidenceSource.PRIOR_LEARNING)


class JpmBand(StrEnum):
    """Job-person match bands; the thresholds are settings."""

    OPTIMAL = "optimal"
    CUKUP_OPTIMAL = "cukup_optimal"
    KURANG_OPTIMAL = "kurang_optimal"

    @property
    def label(self) -> str:
        """The Indonesian band name (a proper term)."""
        return JPM_BAND_LABELS[self]


JPM_BAND_LABELS: dict[JpmBand, str] = {
    JpmBand.OPTIMAL: "Optimal",
    JpmBand.CUKUP_OPTIMAL: "Cukup Optimal",
    JpmBand.KURANG_OPTIMAL: "Kurang Optimal",
}

LEVELS = (1, 2, 3, 4, 5)
