"""Expiry reminders (60 and 30 days, holder and HR, once a day) and bulk issuing of a class."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from app.certificates.models import Certificate
from app.certificates.reminders import expiring_certificates
from app.certificates.services.bulk import ISSUE_JOB
from app.courses.enums import EnrollmentStatus
from app.extensions import db
from app.jobs.services import start_job
from app.notifications.models import Notification, ReminderLog
from app.notifications.reminders import send_reminders
from tests.certificates.factories import completed, make_course_with_outline, make_holder
from tests.courses.factories import make_class, make_enrollment
from tests.factories import make_unit, make_user


def test_holder_and_hr_are_reminded_60_and_30_days_before_expiry():
    unit = make_unit("Bidang E")
    hr = make_user(roles=["hr"], unit=unit)
    _enrollment, certificate = completed(make_holder(unit=unit), validity_months=12)
    today = date(2026, 1, 1)
    certificate.expires_on = today + timedelta(days=60)
    db.session.flush()
    reminders = expiring_certificates(today)
    assert {r.user_id for r in reminders} == {certificate.user_id, hr.id}
    assert all(r.key == f"certificate:{certificate.id}:expires:60" for r in reminders)
    assert expiring_certificates(today + timedelta(days=1)) == []
    assert {r.key for r in expiring_certificates(today + timedelta(days=30))} == {
        f"certificate:{certificate.id}:expires:30"
    }


def test_revoked_certificates_get_no_reminder():
    _enrollment, certificate = completed(validity_months=12)
    certificate.revoked_at = certificate.issued_at
    certificate.revoked_reason = "Dicabut"
    certificate.expires_on = date(2026, 3, 2)
    db.session.flush()
    assert expiring_certificates(date(2026, 1, 1)) == []


def test_send_reminders_sends_each_once_a_day():
    _enrollment, certificate = completed(validity_months=12)
    today = date(2026, 1, 1)
    certificate.expires_on = today + timedelta(days=30)
    db.session.flush()
    first = send_reminders(today, only=["certificates.expiring"])
    second = send_reminders(today, only=["certificates.expiring"])
    assert first["certificates.expiring"] >= 1 and second["certificates.expiring"] == 0
    count = db.session.scalar(
        select(func.count())
        .select_from(ReminderLog)
        .where(ReminderLog.user_id == certificate.user_id, ReminderLog.key.startswith("certificate:"))
    )
    assert count == 1
    titles = db.session.scalars(select(Notification.title).where(Notification.user_id == certificate.user_id))
    assert sum("berakhir dalam 30 hari" in title or "expires in 30 days" in title for title in titles) == 1


def test_bulk_job_issues_missing_certificates_of_a_class(admin):
    course = make_course_with_outline()
    course_class = make_class(course)
    for _ in range(3):
        make_enrollment(make_holder(), course_class, status=EnrollmentStatus.COMPLETED)
    make_enrollment(make_holder(), course_class)  # not completed: no certificate
    job = start_job(ISSUE_JOB, {"class_id": course_class.id}, created_by_id=admin.id)
    assert job.result == {"issued": 3, "rendered": 3}
    assert job.progress == job.total == 6
    count = db.session.scalar(
        select(func.count()).select_from(Certificate).where(Certificate.class_id == course_class.id)
    )
    assert count == 3
