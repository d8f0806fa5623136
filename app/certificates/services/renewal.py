"""Renewal: put the holder of an expiring (or expired) certificate into a coming class of the same course."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.certificates.models import Certificate
from app.certificates.permissions import can_manage_certificates
from app.certificates.services.common import CertificateError
from app.courses.models import CourseClass, Enrollment
from app.courses.services.enrollment import assign_person
from app.errors import ForbiddenError
from app.extensions import db


def assign_renewal(actor: Any, certificate: Certificate, class_id: Any) -> Enrollment:
    """Assign the holder to `class_id` (a class of the same course) through the courses service.

    The courses service applies its own rules (published course, class not ended, seats or
    waitlist, one active enrollment per course) and notifies the holder.
    """
    if not can_manage_certificates(actor, certificate.user):
        raise ForbiddenError(str(_l("You cannot renew this certificate.")))
    course_class = (
        db.session.get(CourseClass, class_id) if isinstance(class_id, int) and class_id > 0 else None
    )
    if course_class is None or course_class.course_id != certificate.course_id:
        message = str(_l("Choose a class of the same course."))
        raise CertificateError(message, {"class_id": [message]})
    return assign_person(actor, course_class, certificate.user)
