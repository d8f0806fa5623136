"""Demo certificates: signing officials for the province and the BKD, and the certificates of every
completed demo enrollment (issued through the normal service, so numbers and snapshots are real)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from app.certificates.models import Certificate
from app.certificates.services.issuing import issue_certificate
from app.certificates.services.signers import save_signer
from app.courses.enums import EnrollmentStatus
from app.courses.models import Enrollment
from app.extensions import db

SIGNERS = {
    "PROV": {
        "agency": "Pemerintah Provinsi Nusantara",
        "name": "Dr. Hendra Wijaya, S.H., M.Si.",
        "nip": "197001011995031001",
        "title": "Sekretaris Daerah",
        "city": "Nusantara",
    },
    "BKD": {
        "agency": "Badan Kepegawaian Daerah Provinsi Nusantara",
        "name": "Ir. Bambang Hartono, M.M.",
        "nip": "197203151998031004",
        "title": "Kepala Badan Kepegawaian Daerah",
        "city": "Nusantara",
    },
}


def seed(ctx: dict[str, Any]) -> None:
    """Signing officials, then a certificate for each completed enrollment that has none yet."""
    admin = ctx["by_username"]["admin"]
    for code, data in SIGNERS.items():
        save_signer(admin, ctx["units"][code], data)
    missing = db.session.scalars(
        select(Enrollment)
        .outerjoin(Certificate, Certificate.enrollment_id == Enrollment.id)
        .where(Enrollment.status == EnrollmentStatus.COMPLETED, Certificate.id.is_(None))
        .order_by(Enrollment.completed_at, Enrollment.id)
    ).all()
    for enrollment in missing:
        issue_certificate(enrollment, actor_id=admin.id)
