"""Issuing on completion: once per enrollment, numbered per year, with a frozen, hashed snapshot."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from app.assessments.services.attempts import start_attempt, submit_attempt
from app.audit.models import AuditEntry
from app.certificates.models import Certificate
from app.certificates.rules import sha256_hex
from app.certificates.services.issuing import (
    _RESULT_SOURCES,
    certificate_of,
    issue_certificate,
    register_result_source,
)
from app.certificates.services.signers import save_signer
from app.courses.enums import EnrollmentStatus
from app.courses.models import MaterialProgress
from app.db import utcnow
from app.errors import ConflictError
from app.extensions import db
from app.settings.services import set_setting
from tests.assessments.factories import choice_ids, make_learner, make_quiz, single
from tests.certificates.factories import completed, make_course_with_outline, make_holder
from tests.courses.factories import make_class, make_enrollment
from tests.factories import make_unit, make_user


def test_completing_an_enrollment_issues_one_certificate_with_a_frozen_snapshot():
    enrollment, certificate = completed()
    snapshot = certificate.snapshot
    year = date.today().year
    assert certificate.number.startswith(f"LENTERA/{year}/")
    assert len(certificate.code) == 12
    assert snapshot["holder"]["name"] == "Siti Rahmawati"
    assert snapshot["holder"]["position"] == "Analis SDM Aparatur"
    assert snapshot["holder"]["nip"] == enrollment.user.nip
    assert snapshot["course"]["title"] == "Pelayanan Publik Prima"
    assert snapshot["course"]["jp"] == 24.0
    assert [(c["code"], c["level"]) for c in snapshot["course"]["competencies"]] == [("M.3", 2), ("M.5", 3)]
    assert snapshot["course"]["outline"] == [
        "Kebijakan pelayanan publik",
        "Standar pelayanan",
        "Pengelolaan pengaduan",
    ]
    assert snapshot["verify_url"].endswith(f"/verify/{certificate.code}")
    assert certificate.sha256 == sha256_hex(certificate.snapshot_json)
    assert json.loads(certificate.snapshot_json) == snapshot
    assert certificate.expires_on is None


def test_later_edits_never_change_an_issued_certificate():
    enrollment, certificate = completed()
    before = (certificate.snapshot_json, certificate.sha256)
    enrollment.user.name = "Nama Baru"
    enrollment.course.title = "Judul Baru"
    db.session.flush()
    db.session.expire_all()
    again = db.session.get(Certificate, certificate.id)
    assert (again.snapshot_json, again.sha256) == before
    assert again.snapshot["holder"]["name"] == "Siti Rahmawati"


def test_issuing_twice_returns_the_first_certificate():
    enrollment, certificate = completed()
    assert issue_certificate(enrollment) is certificate
    count = db.session.scalar(select(func.count()).where(Certificate.enrollment_id == enrollment.id))
    assert count == 1


def test_numbers_follow_each_other_within_the_year():
    _e1, first = completed()
    _e2, second = completed()
    assert int(second.number.rsplit("/", 1)[1]) == int(first.number.rsplit("/", 1)[1]) + 1


def test_number_format_is_a_setting(admin):
    set_setting("certificates.number_format", "STTP-{year}-{seq:04d}", actor_id=admin.id)
    _enrollment, certificate = completed()
    assert certificate.number.startswith(f"STTP-{date.today().year}-")
    assert len(certificate.number.rsplit("-", 1)[1]) == 4


def test_only_a_completed_enrollment_earns_a_certificate():
    enrollment = make_enrollment(make_user(), make_class(make_course_with_outline()))
    assert enrollment.status == EnrollmentStatus.ENROLLED
    with pytest.raises(ConflictError):
        issue_certificate(enrollment)


def test_validity_period_sets_the_expiry():
    _enrollment, certificate = completed(validity_months=24)
    assert certificate.expires_on is not None
    assert (certificate.expires_on - date.today()).days in range(725, 735)
    assert certificate.snapshot["expires_on"] == certificate.expires_on.isoformat()


def test_signer_comes_from_the_nearest_agency_else_the_settings(admin):
    agency = make_unit("Badan Kepegawaian Daerah")
    section = make_unit("Bidang Diklat", parent=agency)
    save_signer(
        admin,
        agency,
        {"agency": "BKD Provinsi", "name": "Ir. Bambang", "title": "Kepala BKD", "nip": "197203151998031004"},
    )
    _e, inside = completed(make_holder(unit=section))
    _e, outside = completed(make_holder(unit=make_unit("Dinas Lain")))
    assert inside.snapshot["signer"]["name"] == "Ir. Bambang"
    assert inside.snapshot["signer"]["agency"] == "BKD Provinsi"
    assert outside.snapshot["signer"]["name"] == "Kepala Badan Kepegawaian Daerah"


def test_score_from_a_registered_source_gives_the_qualification():
    source = register_result_source(lambda enrollment: 92.5)
    try:
        _enrollment, certificate = completed()
    finally:
        _RESULT_SOURCES.remove(source)
    assert certificate.snapshot["result"] == {"score": 92.5, "qualification": "very_satisfactory"}


def test_english_speakers_get_an_english_certificate():
    _enrollment, certificate = completed(make_holder(locale="en"))
    assert certificate.snapshot["language"] == "en"


def test_issuing_is_audited():
    _enrollment, certificate = completed()
    entry = db.session.scalar(
        select(AuditEntry).where(
            AuditEntry.action == "certificates.issued", AuditEntry.subject_id == certificate.id
        )
    )
    assert entry is not None and entry.details["sha256"] == certificate.sha256


def test_passing_the_post_test_issues_a_certificate_with_its_score():
    course = make_course_with_outline()
    question = single(course)
    quiz = make_quiz(course, [question])
    person, enrollment = make_learner(course)
    for material in course.materials:
        db.session.add(
            MaterialProgress(enrollment_id=enrollment.id, material_id=material.id, completed_at=utcnow())
        )
    db.session.flush()
    attempt = start_attempt(person, quiz)
    submit_attempt(attempt, [{"question_id": question.id, "choice_ids": choice_ids(question)}])
    assert enrollment.status == EnrollmentStatus.COMPLETED
    certificate = certificate_of(enrollment.id)
    assert certificate.snapshot["result"] == {"score": 100.0, "qualification": "very_satisfactory"}
