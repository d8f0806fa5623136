"""Finding certificates: by code (public), a person's own, and HR's filtered list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import format_date
from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import joinedload

from app.certificates.enums import CertificateStatus
from app.certificates.models import Certificate
from app.certificates.permissions import managed_certificates_condition
from app.certificates.rules import normalise_code
from app.courses.enums import CourseStatus
from app.courses.models import Course, CourseClass
from app.extensions import db
from app.org.models import Unit, User


def certificate_by_code(raw: str | None) -> Certificate | None:
    """The certificate with this verification code (typed in any case, with or without dashes)."""
    code = normalise_code(raw)
    if code is None:
        return None
    return db.session.scalar(select(Certificate).where(Certificate.code == code))


def status_condition(status: CertificateStatus, today: date) -> ColumnElement[bool]:
    """SQL condition on `Certificate` for a status on `today` (the same rule as `rules.status_of`)."""
    not_revoked = Certificate.revoked_at.is_(None)
    if status == CertificateStatus.REVOKED:
        return Certificate.revoked_at.is_not(None)
    if status == CertificateStatus.EXPIRED:
        return and_(not_revoked, Certificate.expires_on.is_not(None), Certificate.expires_on <= today)
    return and_(not_revoked, or_(Certificate.expires_on.is_(None), Certificate.expires_on > today))


def certificates_of(user_id: int) -> list[Certificate]:
    """A person's certificates, newest first."""
    return list(
        db.session.scalars(
            select(Certificate)
            .where(Certificate.user_id == user_id)
            .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
        )
    )


@dataclass(frozen=True)
class ListFilters:
    """HR list filters; None means "any"."""

    course_id: int | None = None
    class_id: int | None = None
    unit_id: int | None = None
    status: CertificateStatus | None = None
    text: str = ""


def managed_list_query(actor: Any, filters: ListFilters, today: date) -> Select:
    """The certificates of the people the actor manages, filtered, newest first (holder eager-loaded)."""
    query = (
        select(Certificate)
        .join(User, User.id == Certificate.user_id)
        .where(managed_certificates_condition(actor))
        .options(joinedload(Certificate.user))
        .order_by(Certificate.issued_at.desc(), Certificate.id.desc())
    )
    if filters.course_id:
        query = query.where(Certificate.course_id == filters.course_id)
    if filters.class_id:
        query = query.where(Certificate.class_id == filters.class_id)
    if filters.unit_id:
        unit = db.session.get(Unit, filters.unit_id)
        path = unit.path if unit is not None else "/none/"
        query = query.where(
            User.unit_id.in_(select(Unit.id).where(Unit.path.startswith(path, autoescape=True)))
        )
    if filters.status is not None:
        query = query.where(status_condition(filters.status, today))
    text = filters.text.strip()[:100]
    if text:
        query = query.where(
            or_(
                User.name.icontains(text, autoescape=True),
                User.nip.icontains(text, autoescape=True),
                Certificate.number.icontains(text, autoescape=True),
            )
        )
    return query


def class_certificates(class_id: int, actor: Any = None) -> list[Certificate]:
    """The certificates of a class by holder name; with `actor`, only those of people they manage."""
    query = (
        select(Certificate)
        .join(User, User.id == Certificate.user_id)
        .where(Certificate.class_id == class_id)
        .order_by(User.name, Certificate.id)
    )
    if actor is not None:
        query = query.where(managed_certificates_condition(actor))
    return list(db.session.scalars(query))


def renewal_classes(certificate: Certificate, today: date) -> list[tuple[CourseClass, str]]:
    """Classes of the certificate's course that have not ended yet, soonest first, with a label."""
    if certificate.course_id is None:
        return []
    classes = db.session.scalars(
        select(CourseClass)
        .join(Course, Course.id == CourseClass.course_id)
        .where(
            CourseClass.course_id == certificate.course_id,
            CourseClass.ends_on >= today,
            CourseClass.cancelled_at.is_(None),
            Course.status == CourseStatus.PUBLISHED,
        )
        .order_by(CourseClass.starts_on, CourseClass.id)
    ).all()
    return [(c, f"{c.name} · {format_date(c.starts_on)} – {format_date(c.ends_on)}") for c in classes]
