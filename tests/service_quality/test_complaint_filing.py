"""Filing complaints: the public form, staff entry, the 30-day rule, attachments and public tracking."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from sqlalchemy import func, select

from app.extensions import db
from app.service_quality.enums import Channel, ComplaintStatus
from app.service_quality.models import Complaint, ComplaintAttachment
from app.service_quality.services.clock import local_today
from app.settings.services import set_setting
from tests.conftest import login
from tests.factories import make_unit, make_user
from tests.service_quality.factories import file, move

PDF = b"%PDF-1.4\n" + b"0" * 2000


def _form(unit, **overrides) -> dict:
    data = {
        "unit_id": str(unit.id),
        "category": "pengaduan",
        "service_id": "0",
        "service_date": (local_today() - timedelta(days=3)).isoformat(),
        "text": "Permohonan izin saya tidak diproses dua minggu.",
        "contact_name": "Rina Warga",
        "contact": "rina@example.com",
    }
    data.update(overrides)
    return data


def _count() -> int:
    return db.session.scalar(select(func.count(Complaint.id)))


def test_the_public_files_a_complaint_and_gets_a_tracking_code(client) -> None:
    unit = make_unit("Dinas Perizinan")
    page = client.get(f"/complaint?unit={unit.id}").get_data(as_text=True)
    assert "Dinas Perizinan" in page and 'enctype="multipart/form-data"' in page
    response = client.post("/complaint", data={**_form(unit), "attachment": (BytesIO(PDF), "bukti.pdf")})
    assert response.status_code == 302 and response.location.endswith("/complaint/filed")
    complaint = db.session.scalar(select(Complaint).where(Complaint.unit_id == unit.id))
    assert complaint.channel is Channel.WEB and complaint.status is ComplaintStatus.RECEIVED
    assert complaint.contact_name == "Rina Warga" and complaint.due_on is not None
    attachment = db.session.scalar(
        select(ComplaintAttachment).where(ComplaintAttachment.complaint_id == complaint.id)
    )
    assert attachment.content_type == "application/pdf" and attachment.data == PDF
    filed = client.get("/complaint/filed").get_data(as_text=True)
    assert complaint.tracking_code in filed
    assert client.get("/complaint/filed").status_code == 302  # shown once


def test_the_30_day_rule_and_future_dates(client) -> None:
    unit = make_unit()
    before = _count()
    too_old = client.post(
        "/complaint", data=_form(unit, service_date=(local_today() - timedelta(days=31)).isoformat())
    )
    assert too_old.status_code == 422 and "30 hari" in too_old.get_data(as_text=True)
    future = client.post(
        "/complaint", data=_form(unit, service_date=(local_today() + timedelta(days=1)).isoformat())
    )
    assert future.status_code == 422 and "masa depan" in future.get_data(as_text=True)
    assert _count() == before
    on_the_limit = client.post(
        "/complaint", data=_form(unit, service_date=(local_today() - timedelta(days=30)).isoformat())
    )
    assert on_the_limit.status_code == 302
    assert _count() == before + 1


def test_attachments_are_checked_and_a_refusal_saves_nothing(client) -> None:
    unit = make_unit()
    set_setting("service.attachment_max_mb", 1)
    before = _count()
    cases = [
        ((BytesIO(b"MZ\x90\x00" + b"\0" * 100), "formulir.exe"), "program"),
        ((BytesIO(b"MZ\x90\x00" + b"\0" * 100), "formulir.pdf"), "program"),
        ((BytesIO(b"%PDF-" + b"0" * 1_048_576), "besar.pdf"), "terlalu besar"),
        ((BytesIO(b"hello"), "catatan.txt"), "PDF, JPG, atau PNG"),
    ]
    for upload, message in cases:
        response = client.post("/complaint", data={**_form(unit), "attachment": upload})
        assert response.status_code == 422, message
        assert message in response.get_data(as_text=True)
    assert _count() == before
    assert db.session.scalar(select(func.count(ComplaintAttachment.id))) == 0


def test_bad_input_never_errors(client) -> None:
    unit = make_unit()
    before = _count()
    for data in [
        {},
        _form(unit, unit_id="0"),
        _form(unit, unit_id="abc", category="spam", service_date="31/31/2026"),
        _form(unit, text="short"),
        _form(unit, text="x" * 6000),
        _form(unit, service_id="999999"),
        _form(unit, contact="c" * 500),
    ]:
        response = client.post("/complaint", data=data)
        assert response.status_code == 422, data
    assert _count() == before


def test_the_honeypot_keeps_nothing(client) -> None:
    unit = make_unit()
    before = _count()
    response = client.post("/complaint", data=_form(unit, website="spam"))
    assert response.status_code == 302
    assert _count() == before


def test_tracking_shows_steps_and_answers_but_never_the_identity_or_notes(client) -> None:
    unit = make_unit("Bidang Pelayanan")
    officer = make_user(unit=unit, name="Petugas Rahasia")
    complaint = file(unit, contact_name="Rina Warga", contact="0812-5555-0000", confidential=True)
    move(complaint, "verified")
    move(complaint, "assigned", officer_id=officer.id)
    move(complaint, "in_progress", actor=officer)
    move(
        complaint,
        "resolved",
        actor=officer,
        answer="Izin Anda sudah terbit.",
        note="catatan internal sensitif",
    )
    page = client.get(f"/complaint/track?code={complaint.tracking_code.lower()}").get_data(as_text=True)
    assert "Selesai" in page and "Izin Anda sudah terbit." in page and "Bidang Pelayanan" in page
    for secret in [
        "Rina Warga",
        "0812-5555-0000",
        "Petugas Rahasia",
        "catatan internal sensitif",
        complaint.text,
    ]:
        assert secret not in page
    missing = client.get("/complaint/track?code=AAAA-BBBB-CCCC-DDDD")
    assert missing.status_code == 404 and "Tidak ada pengaduan" in missing.get_data(as_text=True)
    assert client.get("/complaint/track?code=%ff<script>").status_code == 404
    assert client.get("/complaint/track?code=%00").status_code == 400  # NUL is refused app-wide
    assert client.get("/complaint/track").status_code == 200


def test_staff_record_phone_complaints_with_the_same_form(client) -> None:
    unit, other = make_unit(), make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    login(client, hr)
    page = client.get("/service/complaints/new").get_data(as_text=True)
    assert 'name="channel"' in page and 'name="category"' in page
    response = client.post(
        "/service/complaints/new", data=_form(unit, channel="phone", contact_name="Penelepon")
    )
    assert response.status_code == 302
    complaint = db.session.scalar(select(Complaint).where(Complaint.unit_id == unit.id))
    assert complaint.channel is Channel.PHONE and complaint.entered_by_id == hr.id
    refused = client.post("/service/complaints/new", data=_form(other, channel="letter"))
    assert refused.status_code == 422
    assert db.session.scalar(select(func.count(Complaint.id)).where(Complaint.unit_id == other.id)) == 0


def test_employees_cannot_record_complaints_as_staff(client) -> None:
    employee = make_user(unit=make_unit())
    assert login(client, employee).get("/service/complaints/new").status_code == 403


def test_staff_download_the_attachment_unless_confidential_hides_it(client) -> None:
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    officer = make_user(unit=unit)
    login(client, hr)
    client.post(
        "/complaint", data={**_form(unit, confidential="y"), "attachment": (BytesIO(PDF), "bukti saya.pdf")}
    )
    complaint = db.session.scalar(select(Complaint).where(Complaint.unit_id == unit.id))
    download = client.get(f"/service/complaints/{complaint.id}/attachment")
    assert download.status_code == 200 and download.data == PDF
    assert download.mimetype == "application/pdf"
    assert 'filename="bukti_saya.pdf"' in download.headers["Content-Disposition"]
    assert "sandbox" in download.headers["Content-Security-Policy"]
    move(complaint, "verified")
    move(complaint, "assigned", officer_id=officer.id)
    assert login(client, officer).get(f"/service/complaints/{complaint.id}/attachment").status_code == 404
