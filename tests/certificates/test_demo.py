"""The demo seeds signing officials and a certificate for each completed demo enrollment."""

from __future__ import annotations

from sqlalchemy import func, select

from app.certificates.models import Certificate, CertificateSigner
from app.courses.enums import EnrollmentStatus
from app.courses.models import Enrollment
from app.extensions import db


def test_seed_demo_adds_signers_and_certificates(app) -> None:
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    signers = db.session.scalars(select(CertificateSigner)).all()
    assert {s.agency for s in signers} == {
        "Pemerintah Provinsi Nusantara",
        "Badan Kepegawaian Daerah Provinsi Nusantara",
    }
    completed = db.session.scalar(
        select(func.count()).select_from(Enrollment).where(Enrollment.status == EnrollmentStatus.COMPLETED)
    )
    assert db.session.scalar(select(func.count()).select_from(Certificate)) == completed
