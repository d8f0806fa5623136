"""Enumerations of merit, defined once: ratings, predicates, sanctions, rewards, workflow states.

Official Indonesian terms (predicates, sanction and reward names, BerAKHLAK values)
are proper names users know and stay the same in every language; descriptive
labels (ratings, potential levels, states) are translated.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l


class Rating(StrEnum):
    """A rating of hasil kerja or perilaku kerja, and the kinerja axis of the 9-box."""

    BELOW = "below"
    MEETS = "meets"
    ABOVE = "above"

    @property
    def label(self) -> Any:
        return RATING_LABELS[self]


RATING_LABELS: dict[Rating, Any] = {
    Rating.BELOW: _l("below expectations"),
    Rating.MEETS: _l("meets expectations"),
    Rating.ABOVE: _l("above expectations"),
}


class Predicate(StrEnum):
    """The performance predicate of PermenPANRB 6/2022."""

    SANGAT_BAIK = "sangat_baik"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"

    @property
    def label(self) -> str:
        return PREDICATE_LABELS[self]


PREDICATE_LABELS: dict[Predicate, str] = {
    Predicate.SANGAT_BAIK: "Sangat Baik",
    Predicate.BAIK: "Baik",
    Predicate.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    Predicate.KURANG: "Kurang/Misconduct",
    Predicate.SANGAT_KURANG: "Sangat Kurang",
}


class OrgPredicate(StrEnum):
    """The organisation's own predicate, which sets the distribution guidance."""

    ISTIMEWA = "istimewa"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"

    @property
    def label(self) -> str:
        return ORG_PREDICATE_LABELS[self]


ORG_PREDICATE_LABELS: dict[OrgPredicate, str] = {
    OrgPredicate.ISTIMEWA: "Istimewa",
    OrgPredicate.BAIK: "Baik",
    OrgPredicate.BUTUH_PERBAIKAN: "Butuh Perbaikan",
    OrgPredicate.KURANG: "Kurang",
    OrgPredicate.SANGAT_KURANG: "Sangat Kurang",
}


class BehaviorValue(StrEnum):
    """The seven BerAKHLAK core values rated under perilaku kerja."""

    BERORIENTASI_PELAYANAN = "berorientasi_pelayanan"
    AKUNTABEL = "akuntabel"
    KOMPETEN = "kompeten"
    HARMONIS = "harmonis"
    LOYAL = "loyal"
    ADAPTIF = "adaptif"
    KOLABORATIF = "kolaboratif"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").title()


class EvaluationStatus(StrEnum):
    """draft → finalised → acknowledged, or objected → objection decided."""

    DRAFT = "draft"
    FINALISED = "finalised"
    ACKNOWLEDGED = "acknowledged"
    OBJECTED = "objected"
    OBJECTION_DECIDED = "objection_decided"
    IMPORTED = "imported"

    @property
    def label(self) -> Any:
        return EVALUATION_STATUS_LABELS[self]


EVALUATION_STATUS_LABELS: dict[EvaluationStatus, Any] = {
    EvaluationStatus.DRAFT: _l("Draft"),
    EvaluationStatus.FINALISED: _l("Finalised"),
    EvaluationStatus.ACKNOWLEDGED: _l("Acknowledged"),
    EvaluationStatus.OBJECTED: _l("Objected"),
    EvaluationStatus.OBJECTION_DECIDED: _l("Objection decided"),
    EvaluationStatus.IMPORTED: _l("Imported (PP 46/2011)"),
}

# Evaluations that count: everything but drafts.
COUNTED_EVALUATION_STATUSES = frozenset(EvaluationStatus) - {EvaluationStatus.DRAFT}


class ObjectionOutcome(StrEnum):
    """How an objection to an evaluation ended."""

    UPHELD = "upheld"  # the objection succeeded: ratings changed
    DISMISSED = "dismissed"  # the evaluation stands

    @property
    def label(self) -> Any:
        return _l("Upheld: ratings changed") if self is ObjectionOutcome.UPHELD else _l("Dismissed")


class Potential(StrEnum):
    """The potensi axis of the 9-box."""

    RENDAH = "rendah"
    MENENGAH = "menengah"
    TINGGI = "tinggi"

    @property
    def label(self) -> Any:
        return POTENTIAL_LABELS[self]


POTENTIAL_LABELS: dict[Potential, Any] = {
    Potential.RENDAH: _l("low"),
    Potential.MENENGAH: _l("medium"),
    Potential.TINGGI: _l("high"),
}


class DisciplineLevel(StrEnum):
    """Levels of discipline sanctions (PP 94/2021)."""

    RINGAN = "ringan"
    SEDANG = "sedang"
    BERAT = "berat"

    @property
    def label(self) -> str:
        return self.value.title()


class SanctionKind(StrEnum):
    """The nine sanctions of PP 94/2021."""

    TEGURAN_LISAN = "teguran_lisan"
    TEGURAN_TERTULIS = "teguran_tertulis"
    PERNYATAAN_TIDAK_PUAS = "pernyataan_tidak_puas"
    POTONGAN_TUKIN_6 = "potongan_tukin_6"
    POTONGAN_TUKIN_9 = "potongan_tukin_9"
    POTONGAN_TUKIN_12 = "potongan_tukin_12"
    PENURUNAN_JABATAN = "penurunan_jabatan"
    PEMBEBASAN_JABATAN = "pembebasan_jabatan"
    PEMBERHENTIAN = "pemberhentian"

    @property
    def label(self) -> str:
        return SANCTION_LABELS[self]


SANCTION_LABELS: dict[SanctionKind, str] = {
    SanctionKind.TEGURAN_LISAN: "Teguran lisan",
    SanctionKind.TEGURAN_TERTULIS: "Teguran tertulis",
    SanctionKind.PERNYATAAN_TIDAK_PUAS: "Pernyataan tidak puas secara tertulis",
    SanctionKind.POTONGAN_TUKIN_6: "Pemotongan tunjangan kinerja 25% selama 6 bulan",
    SanctionKind.POTONGAN_TUKIN_9: "Pemotongan tunjangan kinerja 25% selama 9 bulan",
    SanctionKind.POTONGAN_TUKIN_12: "Pemotongan tunjangan kinerja 25% selama 12 bulan",
    SanctionKind.PENURUNAN_JABATAN: "Penurunan jabatan setingkat lebih rendah selama 12 bulan",
    SanctionKind.PEMBEBASAN_JABATAN: "Pembebasan dari jabatan menjadi jabatan pelaksana selama 12 bulan",
    SanctionKind.PEMBERHENTIAN: "Pemberhentian dengan hormat tidak atas permintaan sendiri",
}


class RewardKind(StrEnum):
    """The rewards regulation names; agencies add their own codes in a setting."""

    SATYALANCANA_10 = "satyalancana_10"
    SATYALANCANA_20 = "satyalancana_20"
    SATYALANCANA_30 = "satyalancana_30"
    KENAIKAN_PANGKAT_ISTIMEWA = "kenaikan_pangkat_istimewa"
    PRIORITAS_PENGEMBANGAN = "prioritas_pengembangan"
    UNDANGAN_ACARA_KENEGARAAN = "undangan_acara_kenegaraan"


REWARD_LABELS: dict[str, str] = {
    RewardKind.SATYALANCANA_10: "Satyalancana Karya Satya X Tahun",
    RewardKind.SATYALANCANA_20: "Satyalancana Karya Satya XX Tahun",
    RewardKind.SATYALANCANA_30: "Satyalancana Karya Satya XXX Tahun",  # XXX: the Roman numeral 30
    RewardKind.KENAIKAN_PANGKAT_ISTIMEWA: "Kenaikan pangkat istimewa",
    RewardKind.PRIORITAS_PENGEMBANGAN: "Prioritas pengembangan kompetensi",
    RewardKind.UNDANGAN_ACARA_KENEGARAAN: "Undangan acara kenegaraan",
}


class DevelopmentKind(StrEnum):
    """Development measures the recommendation rules suggest."""

    SUCCESSION_POOL = "succession_pool"
    COACHING = "coaching"
    PERFORMANCE_REVIEW = "performance_review"
    ASSIGN_COURSE = "assign_course"
    DEVELOPMENT_PLAN = "development_plan"

    @property
    def label(self) -> Any:
        return DEVELOPMENT_LABELS[self]


DEVELOPMENT_LABELS: dict[DevelopmentKind, Any] = {
    DevelopmentKind.SUCCESSION_POOL: _l("Succession pool"),
    DevelopmentKind.COACHING: _l("Performance coaching"),
    DevelopmentKind.PERFORMANCE_REVIEW: _l("Performance review"),
    DevelopmentKind.ASSIGN_COURSE: _l("Assign a recommended course"),
    DevelopmentKind.DEVELOPMENT_PLAN: _l("Competency development plan"),
}


class ActionCategory(StrEnum):
    """What a recommendation or merit action is about."""

    REWARD = "reward"
    SANCTION = "sanction"
    DEVELOPMENT = "development"

    @property
    def label(self) -> Any:
        return CATEGORY_LABELS[self]


CATEGORY_LABELS: dict[ActionCategory, Any] = {
    ActionCategory.REWARD: _l("Reward"),
    ActionCategory.SANCTION: _l("Sanction"),
    ActionCategory.DEVELOPMENT: _l("Development"),
}


class ActionStatus(StrEnum):
    """proposed → approved or rejected → (appealed →) final."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"
    APPEALED = "appealed"
    FINAL = "final"

    @property
    def label(self) -> Any:
        return ACTION_STATUS_LABELS[self]


ACTION_STATUS_LABELS: dict[ActionStatus, Any] = {
    ActionStatus.PROPOSED: _l("Proposed"),
    ActionStatus.APPROVED: _l("Approved"),
    ActionStatus.REJECTED: _l("Rejected"),
    ActionStatus.APPEALED: _l("Appealed"),
    ActionStatus.FINAL: _l("Final"),
}


class Decision(StrEnum):
    """A decider's answer to a proposal."""

    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def label(self) -> Any:
        return _l("Approved") if self is Decision.APPROVED else _l("Rejected")


class AppealOutcome(StrEnum):
    """An admin's answer to an appeal: the decision stands, or it is reversed."""

    DISMISSED = "dismissed"
    GRANTED = "granted"

    @property
    def label(self) -> Any:
        return _l("Granted: decision reversed") if self is AppealOutcome.GRANTED else _l("Dismissed")


class KpiDirection(StrEnum):
    """Whether a higher or a lower actual value is better."""

    HIGHER = "higher"
    LOWER = "lower"

    @property
    def label(self) -> Any:
        return _l("Higher is better") if self is KpiDirection.HIGHER else _l("Lower is better")


class KpiLevel(StrEnum):
    """Whom a KPI measures: one person or a unit."""

    PERSON = "person"
    UNIT = "unit"

    @property
    def label(self) -> Any:
        return _l("Person") if self is KpiLevel.PERSON else _l("Unit")


class RecordStatus(StrEnum):
    """A sanction or reward on record, or one revoked (with a reason)."""

    ACTIVE = "active"
    REVOKED = "revoked"
