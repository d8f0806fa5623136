"""Enumerations of public service quality: complaint channels, categories, statuses, respondent profile."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Channel(StrEnum):
    """How a complaint reached the unit (domain.md §8)."""

    WEB = "web"
    PHONE = "phone"
    LETTER = "letter"
    IN_PERSON = "in_person"
    SOCIAL_MEDIA = "social_media"

    @property
    def label(self) -> str:
        return str(CHANNEL_LABELS[self])


CHANNEL_LABELS = {
    Channel.WEB: _l("Web form"),
    Channel.PHONE: _l("Telephone"),
    Channel.LETTER: _l("Letter"),
    Channel.IN_PERSON: _l("In person"),
    Channel.SOCIAL_MEDIA: _l("Social media"),
}


class Category(StrEnum):
    """Class of a complaint (SP4N-LAPOR! practice)."""

    ASPIRASI = "aspirasi"
    PENGADUAN = "pengaduan"
    INFORMATION_REQUEST = "permintaan_informasi"
    WHISTLE_BLOWING = "whistle_blowing"

    @property
    def label(self) -> str:
        return str(CATEGORY_LABELS[self])


CATEGORY_LABELS = {
    Category.ASPIRASI: _l("Aspiration (aspirasi)"),
    Category.PENGADUAN: _l("Complaint (pengaduan)"),
    Category.INFORMATION_REQUEST: _l("Request for information"),
    Category.WHISTLE_BLOWING: _l("Whistle-blowing"),
}


class ComplaintStatus(StrEnum):
    """Where a complaint stands in the workflow of domain.md §8."""

    RECEIVED = "received"
    VERIFIED = "verified"
    HELD = "held"
    OUTSIDE_AUTHORITY = "outside_authority"
    ARCHIVED = "archived"
    ASSIGNED = "assigned"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])


STATUS_LABELS = {
    ComplaintStatus.RECEIVED: _l("Received"),
    ComplaintStatus.VERIFIED: _l("Verified"),
    ComplaintStatus.HELD: _l("On hold"),
    ComplaintStatus.OUTSIDE_AUTHORITY: _l("Outside our authority"),
    ComplaintStatus.ARCHIVED: _l("Archived"),
    ComplaintStatus.ASSIGNED: _l("Assigned to an officer"),
    ComplaintStatus.IN_PROGRESS: _l("Being handled"),
    ComplaintStatus.RESOLVED: _l("Resolved"),
    ComplaintStatus.CLOSED: _l("Closed"),
}


class AgeBand(StrEnum):
    """Optional respondent age band."""

    UNDER_20 = "under_20"
    FROM_20_TO_29 = "20_29"
    FROM_30_TO_39 = "30_39"
    FROM_40_TO_49 = "40_49"
    FROM_50_TO_59 = "50_59"
    OVER_60 = "60_plus"


AGE_BAND_LABELS = {
    AgeBand.UNDER_20: _l("Under 20"),
    AgeBand.FROM_20_TO_29: "20–29",
    AgeBand.FROM_30_TO_39: "30–39",
    AgeBand.FROM_40_TO_49: "40–49",
    AgeBand.FROM_50_TO_59: "50–59",
    AgeBand.OVER_60: _l("60 or over"),
}


class Gender(StrEnum):
    """Optional respondent gender."""

    MALE = "male"
    FEMALE = "female"


GENDER_LABELS = {Gender.MALE: _l("Male"), Gender.FEMALE: _l("Female")}


class Education(StrEnum):
    """Optional respondent education (the SKM questionnaire's levels)."""

    PRIMARY = "sd"
    JUNIOR = "smp"
    SENIOR = "sma"
    DIPLOMA = "diploma"
    BACHELOR = "s1"
    POSTGRADUATE = "s2_s3"


EDUCATION_LABELS = {
    Education.PRIMARY: _l("Primary school (SD) or below"),
    Education.JUNIOR: _l("Junior high school (SMP)"),
    Education.SENIOR: _l("Senior high school (SMA/SMK)"),
    Education.DIPLOMA: _l("Diploma (D1–D4)"),
    Education.BACHELOR: _l("Bachelor (S1)"),
    Education.POSTGRADUATE: _l("Master or doctorate (S2/S3)"),
}


class Occupation(StrEnum):
    """Optional respondent occupation (the SKM questionnaire's groups)."""

    CIVIL_SERVANT = "asn"
    MILITARY_POLICE = "tni_polri"
    PRIVATE = "swasta"
    ENTREPRENEUR = "wirausaha"
    STUDENT = "pelajar"
    OTHER = "lainnya"


OCCUPATION_LABELS = {
    Occupation.CIVIL_SERVANT: _l("Civil servant (ASN)"),
    Occupation.MILITARY_POLICE: _l("Military or police (TNI/Polri)"),
    Occupation.PRIVATE: _l("Private employee"),
    Occupation.ENTREPRENEUR: _l("Entrepreneur"),
    Occupation.STUDENT: _l("Student"),
    Occupation.OTHER: _l("Other"),
}

PROFILE_LABELS = {
    "age_band": AGE_BAND_LABELS,
    "gender": GENDER_LABELS,
    "education": EDUCATION_LABELS,
    "occupation": OCCUPATION_LABELS,
}
"""For each optional profile question, its choice labels (used by forms, results and exports)."""
