"""Enumerations of the courses area: delivery forms, course states and enrollment states."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class DeliveryForm(StrEnum):
    """How a training is delivered: classical (KL01–KL12) or non-classical (NKL01–NKL13)."""

    KL01 = "KL01"
    KL02 = "KL02"
    KL03 = "KL03"
    KL04 = "KL04"
    KL05 = "KL05"
    KL06 = "KL06"
    KL07 = "KL07"
    KL08 = "KL08"
    KL09 = "KL09"
    KL10 = "KL10"
    KL11 = "KL11"
    KL12 = "KL12"
    NKL01 = "NKL01"
    NKL02 = "NKL02"
    NKL03 = "NKL03"
    NKL04 = "NKL04"
    NKL05 = "NKL05"
    NKL06 = "NKL06"
    NKL07 = "NKL07"
    NKL08 = "NKL08"
    NKL09 = "NKL09"
    NKL10 = "NKL10"
    NKL11 = "NKL11"
    NKL12 = "NKL12"
    NKL13 = "NKL13"

    @property
    def label(self) -> str:
        """The translated name, e.g. "Technical guidance (bimtek)"."""
        return str(DELIVERY_LABELS[self])

    @property
    def classical(self) -> bool:
        """Klasikal (KL…) rather than nonklasikal (NKL…)."""
        return self.value.startswith("KL")


DELIVERY_LABELS = {
    DeliveryForm.KL01: _l("Structural leadership training"),
    DeliveryForm.KL02: _l("Managerial training"),
    DeliveryForm.KL03: _l("Technical training"),
    DeliveryForm.KL04: _l("Functional training"),
    DeliveryForm.KL05: _l("Socio-cultural training"),
    DeliveryForm.KL06: _l("Seminar or conference"),
    DeliveryForm.KL07: _l("Workshop"),
    DeliveryForm.KL08: _l("Course"),
    DeliveryForm.KL09: _l("Upgrading"),
    DeliveryForm.KL10: _l("Technical guidance (bimtek)"),
    DeliveryForm.KL11: _l("Socialisation"),
    DeliveryForm.KL12: _l("Other classical training"),
    DeliveryForm.NKL01: _l("Coaching"),
    DeliveryForm.NKL02: _l("Mentoring"),
    DeliveryForm.NKL03: _l("E-learning"),
    DeliveryForm.NKL04: _l("Distance learning"),
    DeliveryForm.NKL05: _l("Secondment"),
    DeliveryForm.NKL06: _l("Outdoor learning"),
    DeliveryForm.NKL07: _l("Benchmarking"),
    DeliveryForm.NKL08: _l("Exchange with the private sector or state enterprises"),
    DeliveryForm.NKL09: _l("Self-study"),
    DeliveryForm.NKL10: _l("Community of practice"),
    DeliveryForm.NKL11: _l("On-the-job guidance"),
    DeliveryForm.NKL12: _l("Internship"),
    DeliveryForm.NKL13: _l("Other non-classical training"),
}


class CourseStatus(StrEnum):
    """A course is visible to employees only when published; an archived one is retired.

    Archived courses leave the catalog and take no new enrollments, but keep their
    history (enrollments, completions, certificates, JP and evidence).
    """

    DRAFT = "draft"
    PUBLISHED = "published"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return str(COURSE_STATUS_LABELS[self])


COURSE_STATUS_LABELS = {
    CourseStatus.DRAFT: _l("Draft"),
    CourseStatus.PUBLISHED: _l("Published"),
    CourseStatus.ARCHIVED: _l("Archived"),
}
# The states the course form and the API offer when editing; archiving has its own action.
EDITABLE_COURSE_STATUSES = (CourseStatus.DRAFT, CourseStatus.PUBLISHED)


class EnrollmentStatus(StrEnum):
    """Where a person stands in a class; `overdue` is derived (due date passed, unfinished)."""

    ASSIGNED = "assigned"
    ENROLLED = "enrolled"
    WAITLISTED = "waitlisted"
    COMPLETED = "completed"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return str(ENROLLMENT_STATUS_LABELS[self])


ENROLLMENT_STATUS_LABELS = {
    EnrollmentStatus.ASSIGNED: _l("Assigned"),
    EnrollmentStatus.ENROLLED: _l("Enrolled"),
    EnrollmentStatus.WAITLISTED: _l("Waitlisted"),
    EnrollmentStatus.COMPLETED: _l("Completed"),
    EnrollmentStatus.FAILED: _l("Failed"),
    EnrollmentStatus.WITHDRAWN: _l("Withdrawn"),
}

ACTIVE_STATUSES = frozenset(
    {EnrollmentStatus.ASSIGNED, EnrollmentStatus.ENROLLED, EnrollmentStatus.WAITLISTED}
)
IN_PROGRESS_STATUSES = frozenset({EnrollmentStatus.ASSIGNED, EnrollmentStatus.ENROLLED})
# Statuses that hold a seat in the class (the capacity counts them).
SEATED_STATUSES = frozenset(
    {
        EnrollmentStatus.ASSIGNED,
        EnrollmentStatus.ENROLLED,
        EnrollmentStatus.COMPLETED,
        EnrollmentStatus.FAILED,
    }
)


class MaterialKind(StrEnum):
    """A material is text written in the page, an external link or an uploaded file."""

    TEXT = "text"
    LINK = "link"
    FILE = "file"

    @property
    def label(self) -> str:
        return str(MATERIAL_KIND_LABELS[self])


MATERIAL_KIND_LABELS = {
    MaterialKind.TEXT: _l("Text"),
    MaterialKind.LINK: _l("Link"),
    MaterialKind.FILE: _l("File"),
}
