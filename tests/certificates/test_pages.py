"""Signed-in pages: my certificates, one certificate, downloads, revoking, HR list, class jobs, signers."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.certificates.models import Certificate, CertificateSigner
from app.courses.completion import complete_enrollment
from app.courses.models import Enrollment
from app.extensions import db
from app.jobs.models import Job, JobStatus
from tests.certificates.factories import completed, make_holder
from tests.conftest import login
from tests.courses.factories import make_class, make_enrollment
from tests.factories import make_unit, make_user

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_my_certificates_lists_downloads_and_share_link(client):
    _enrollment, certificate = completed()
    login(client, certificate.user)
    page = client.get("/certificates/mine").get_data(as_text=True)
    assert certificate.number in page
    assert f"/certificates/{certificate.id}/pdf" in page
    assert f"/verify/{certificate.code}" in page
    pdf = client.get(f"/certificates/{certificate.id}/pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf" and pdf.data.startswith(b"%PDF-")
    assert "sertifikat-LENTERA" in pdf.headers["Content-Disposition"]
    badge = client.get(f"/certificates/{certificate.id}/badge")
    assert badge.status_code == 200 and "OpenBadgeCredential" in json.loads(badge.data)["type"]


def test_empty_my_certificates(client, employee):
    login(client, employee)
    assert "belum memiliki sertifikat" in client.get("/certificates/mine").get_data(as_text=True)


def test_other_peoples_certificates_are_404(client):
    _enrollment, certificate = completed()
    login(client, make_user())
    for url in ("", "/pdf", "/badge"):
        assert client.get(f"/certificates/{certificate.id}{url}").status_code == 404
    assert client.get("/certificates/2147483647").status_code == 404


def _hr_over(certificate: Certificate):
    return make_user(roles=["hr", "employee"], unit=certificate.user.unit)


def test_hr_revokes_with_a_reason_once(client):
    _enrollment, certificate = completed()
    hr = _hr_over(certificate)
    login(client, hr)
    detail = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    assert "Cabut sertifikat" in detail
    missing = client.post(f"/certificates/{certificate.id}/revoke", data={"reason": ""})
    assert missing.status_code == 422
    short = client.post(f"/certificates/{certificate.id}/revoke", data={"reason": "x"})
    assert short.status_code == 422 and "paling sedikit" in short.get_data(as_text=True)
    done = client.post(f"/certificates/{certificate.id}/revoke", data={"reason": "Nilai ujian dibatalkan"})
    assert done.status_code == 302
    db.session.expire_all()
    revoked = db.session.get(Certificate, certificate.id)
    assert revoked.revoked_reason == "Nilai ujian dibatalkan" and revoked.revoked_by_id == hr.id
    again = client.post(f"/certificates/{certificate.id}/revoke", data={"reason": "Sekali lagi dicabut"})
    assert again.status_code == 409
    entries = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "certificates.revoked")).all()
    assert [e.details["reason"] for e in entries] == ["Nilai ujian dibatalkan"]


def test_hr_of_another_unit_cannot_see_or_revoke(client):
    _enrollment, certificate = completed()
    login(client, make_user(roles=["hr"], unit=make_unit("Unit Lain")))
    assert client.get(f"/certificates/{certificate.id}").status_code == 404
    assert (
        client.post(f"/certificates/{certificate.id}/revoke", data={"reason": "Tidak berhak"}).status_code
        == 404
    )


def test_hr_list_filters(client):
    unit = make_unit("Bidang A")
    _e1, first = completed(make_holder(unit=unit, name="Ani Lestari"))
    _e2, second = completed(make_holder(unit=unit, name="Budi Santoso"))
    hr = make_user(roles=["hr"], unit=unit)
    login(client, hr)
    page = client.get("/certificates").get_data(as_text=True)
    assert first.number in page and second.number in page
    page = client.get("/certificates", query_string={"q": "Budi"}).get_data(as_text=True)
    assert second.number in page and first.number not in page
    page = client.get("/certificates", query_string={"course_id": first.course_id}).get_data(as_text=True)
    assert first.number in page and second.number not in page
    page = client.get("/certificates", query_string={"status": "revoked"}).get_data(as_text=True)
    assert first.number not in page
    page = client.get("/certificates", query_string={"class_id": second.class_id}).get_data(as_text=True)
    assert second.number in page and first.number not in page
    assert client.get("/certificates", query_string={"status": "bogus", "unit_id": "x"}).status_code == 200


def test_class_issue_job_and_zip(client, app):
    unit = make_unit("Bidang B")
    enrollment, certificate = completed(make_holder(unit=unit))
    hr = make_user(roles=["hr"], unit=unit)
    login(client, hr)
    page = client.get(f"/certificates/classes/{enrollment.class_id}")
    assert page.status_code == 200
    response = client.post(f"/certificates/classes/{enrollment.class_id}/issue", data={"force": "y"})
    assert response.status_code == 302
    job = db.session.scalars(select(Job).order_by(Job.id.desc())).first()
    assert job.status == JobStatus.DONE and job.result == {"issued": 0, "rendered": 1}
    response = client.post(f"/certificates/classes/{enrollment.class_id}/zip")
    job = db.session.scalars(select(Job).order_by(Job.id.desc())).first()
    assert job.status == JobStatus.DONE and job.result == {"certificates": 1}
    archive = zipfile.ZipFile(io.BytesIO(Path(job.result_path).read_bytes()))
    assert [info.filename for info in archive.infolist()] == [
        f"sertifikat-{certificate.number.replace('/', '-')}.pdf"
    ]
    assert client.get(f"/jobs/{job.id}/download").status_code == 200
    assert client.get("/certificates/classes/2147483647").status_code == 404


def test_zip_holds_only_the_people_the_hr_officer_manages(client):
    unit, other = make_unit("Bidang C"), make_unit("Bidang D")
    enrollment, _mine = completed(make_holder(unit=unit))
    outsider = make_enrollment(make_holder(unit=other), enrollment.course_class)
    complete_enrollment(outsider)
    login(client, make_user(roles=["hr"], unit=unit))
    client.post(f"/certificates/classes/{enrollment.class_id}/zip")
    job = db.session.scalars(select(Job).order_by(Job.id.desc())).first()
    assert job.result == {"certificates": 1}


def test_signers_page_and_uploads(client, admin):
    unit = make_unit("Badan Kepegawaian")
    login(client, admin)
    assert client.get("/certificates/signers").status_code == 200
    data = {
        "unit_id": unit.id,
        "agency": "BKD Provinsi",
        "name": "Ir. Bambang",
        "nip": "197203151998031004",
        "title": "Kepala",
        "city": "Bandung",
        "signature": (io.BytesIO(PNG), "ttd.png"),
    }
    response = client.post("/certificates/signers/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    row = db.session.scalar(select(CertificateSigner).where(CertificateSigner.unit_id == unit.id))
    assert row.signature_sha256 and row.name == "Ir. Bambang"
    bad = dict(data, nip="123", signature=(io.BytesIO(b"GIF89a"), "x.gif"))
    response = client.post(
        f"/certificates/signers/{row.id}/edit", data=bad, content_type="multipart/form-data"
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "18 angka" in text and "PNG atau JPG" in text
    row_id = row.id
    assert client.post(f"/certificates/signers/{row_id}/delete").status_code == 302
    db.session.expire_all()
    assert db.session.get(CertificateSigner, row_id) is None


def test_hr_assigns_the_renewal_class_in_one_click(client):
    enrollment, certificate = completed(validity_months=12)
    renewal = make_class(enrollment.course)
    login(client, _hr_over(certificate))
    page = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    assert renewal.name in page
    wrong = client.post(f"/certificates/{certificate.id}/renew", data={"class_id": 2147483647})
    assert wrong.status_code == 422
    response = client.post(f"/certificates/{certificate.id}/renew", data={"class_id": renewal.id})
    assert response.status_code == 302
    assigned = db.session.scalar(
        select(Enrollment).where(Enrollment.class_id == renewal.id, Enrollment.user_id == certificate.user_id)
    )
    assert assigned is not None and assigned.assigned_by_id is not None
