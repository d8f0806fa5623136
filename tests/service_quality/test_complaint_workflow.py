"""Moving complaints through the workflow: who may take which step, 409s, notes, deadlines, reminders."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.errors import ConflictError, ForbiddenError, NotFoundError
from app.extensions import db
from app.notifications.models import Notification
from app.notifications.reminders import send_reminders
from app.security import SYSTEM_ACTOR
from app.service_quality.enums import ComplaintStatus
from app.service_quality.models import ComplaintEvent
from app.service_quality.services import ServiceQualityError
from app.service_quality.services.clock import local_today
from app.settings.services import set_setting
from tests.conftest import login
from tests.factories import make_unit, make_user
from tests.service_quality.factories import at, file, move

FRIDAY = date(2026, 3, 6)


def test_a_complaint_walks_the_whole_workflow_through_the_pages(client) -> None:
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    officer = make_user(unit=unit, username="petugas.satu")
    complaint = file(unit)
    url = f"/service/complaints/{complaint.id}"
    login(client, hr)
    assert client.post(url, data={"to": "verified", "note": "Berkas lengkap"}).status_code == 302
    assert (
        client.post(
            url, data={"to": "assigned", "note": "Mohon ditangani", "officer": "Petugas.Satu"}
        ).status_code
        == 302
    )
    login(client, officer)
    mine = client.get("/service/complaints/mine").get_data(as_text=True)
    assert complaint.tracking_code in mine
    assert client.post(url, data={"to": "in_progress", "note": "Sedang dicek"}).status_code == 302
    no_answer = client.post(url, data={"to": "resolved", "note": "Selesai"})
    assert no_answer.status_code == 422 and "wajib" in no_answer.get_data(as_text=True).lower()
    assert (
        client.post(url, data={"to": "resolved", "note": "Selesai", "answer": "Izin terbit."}).status_code
        == 302
    )
    login(client, hr)
    assert client.post(url, data={"to": "closed", "note": "Jawaban dikirim lewat e-mail"}).status_code == 302
    db.session.expire_all()
    events = db.session.scalars(
        select(ComplaintEvent).where(ComplaintEvent.complaint_id == complaint.id).order_by(ComplaintEvent.id)
    ).all()
    assert [e.to_status.value for e in events] == [
        "received", "verified", "assigned", "in_progress", "resolved", "closed"
    ]  # fmt: skip
    assert [e.note for e in events[1:]] == [
        "Berkas lengkap", "Mohon ditangani", "Sedang dicek", "Selesai", "Jawaban dikirim lewat e-mail"
    ]  # fmt: skip
    assert events[2].officer_id == officer.id
    assert complaint.status is ComplaintStatus.CLOSED and complaint.answer == "Izin terbit."
    assert complaint.due_on is None
    page = client.get(url).get_data(as_text=True)
    assert "Izin terbit." in page and "Berkas lengkap" in page


def test_a_step_the_workflow_does_not_allow_is_409_and_changes_nothing(client) -> None:
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    complaint = file(unit)
    response = login(client, hr).post(
        f"/service/complaints/{complaint.id}", data={"to": "closed", "note": "x"}
    )
    assert response.status_code == 409
    assert "tidak dapat berpindah" in response.get_data(as_text=True)
    db.session.refresh(complaint)
    assert complaint.status is ComplaintStatus.RECEIVED
    with pytest.raises(ConflictError):
        move(complaint, "resolved", answer="x")
    with pytest.raises(ServiceQualityError) as bad:
        move(complaint, "flying")
    assert "to" in bad.value.fields


def test_notes_officers_and_answers_are_required_where_the_step_needs_them() -> None:
    unit = make_unit()
    complaint = file(unit)
    with pytest.raises(ServiceQualityError) as no_note:
        move(complaint, "verified", note="  ")
    assert "note" in no_note.value.fields
    move(complaint, "verified")
    with pytest.raises(ServiceQualityError) as no_officer:
        move(complaint, "assigned")
    assert "officer_id" in no_officer.value.fields
    inactive = make_user(unit=unit, active=False)
    with pytest.raises(ServiceQualityError):
        move(complaint, "assigned", officer_id=inactive.id)
    assert (
        db.session.scalar(
            select(func.count(ComplaintEvent.id)).where(ComplaintEvent.complaint_id == complaint.id)
        )
        == 2
    )


def test_who_may_act() -> None:
    unit, elsewhere = make_unit(), make_unit()
    hr_elsewhere = make_user(roles=["hr"], unit=elsewhere)
    officer = make_user(unit=unit)
    stranger = make_user(unit=unit)
    complaint = file(unit)
    with pytest.raises(NotFoundError):
        move(complaint, "verified", actor=hr_elsewhere)
    with pytest.raises(NotFoundError):
        move(complaint, "verified", actor=stranger)
    move(complaint, "verified")
    with pytest.raises(ServiceQualityError):  # an HR officer can only assign people they manage
        move(
            complaint,
            "assigned",
            officer_id=make_user(unit=elsewhere).id,
            actor=make_user(roles=["hr"], unit=unit),
        )
    move(complaint, "assigned", officer_id=officer.id)
    with pytest.raises(ForbiddenError):  # the officer works on it but does not reassign or close
        move(complaint, "assigned", actor=officer, officer_id=officer.id)
    move(complaint, "in_progress", actor=officer)
    move(complaint, "resolved", actor=officer, answer="Done")
    with pytest.raises(ForbiddenError):
        move(complaint, "closed", actor=officer)


def test_confidential_identity_is_hidden_from_the_officer(client) -> None:
    unit = make_unit()
    officer = make_user(unit=unit)
    evaluator = make_user(roles=["evaluator"], unit=unit)
    complaint = file(unit, contact_name="Whistle Blower", contact="wb@example.com", confidential=True)
    move(complaint, "verified")
    move(complaint, "assigned", officer_id=officer.id)
    for viewer in (officer, evaluator):
        page = login(client, viewer).get(f"/service/complaints/{complaint.id}").get_data(as_text=True)
        assert "Whistle Blower" not in page and "wb@example.com" not in page
        assert complaint.text in page
    hr = make_user(roles=["hr"], unit=unit)
    assert "Whistle Blower" in login(client, hr).get(f"/service/complaints/{complaint.id}").get_data(
        as_text=True
    )
    other_employee = make_user(unit=unit)
    assert login(client, other_employee).get(f"/service/complaints/{complaint.id}").status_code == 404


def test_deadlines_count_working_days_and_holidays_from_the_settings() -> None:
    unit = make_unit()
    set_setting("service.holidays", ["2026-03-09"])
    complaint = file(unit, now=at(FRIDAY))
    assert complaint.due_on == date(2026, 3, 12)  # Mon 9 is a holiday: Tue, Wed, Thu
    move(complaint, "held", now=at(date(2026, 3, 10)))
    assert complaint.due_on is None  # waiting for the complainant: the clock stops
    move(complaint, "verified", now=at(date(2026, 3, 11)))
    assert complaint.due_on == date(2026, 3, 18)
    set_setting("service.resolve_days", 10)
    officer = make_user(unit=unit)
    move(complaint, "assigned", officer_id=officer.id, now=at(date(2026, 3, 12)))
    assert complaint.due_on == date(2026, 3, 25)  # still counted from verification


def test_my_complaints_flags_overdue_ones(client) -> None:
    unit = make_unit()
    officer = make_user(unit=unit)
    old = file(unit, now=at(local_today() - timedelta(days=20)))
    move(old, "verified", now=at(local_today() - timedelta(days=20)))
    move(old, "assigned", officer_id=officer.id, now=at(local_today() - timedelta(days=19)))
    fresh = file(unit)
    move(fresh, "verified")
    move(fresh, "assigned", officer_id=officer.id)
    page = login(client, officer).get("/service/complaints/mine").get_data(as_text=True)
    assert page.index(old.tracking_code) < page.index(fresh.tracking_code)
    assert page.count("Lewat tenggat") == 1


def test_reminders_go_to_the_officer_or_the_units_hr_once_a_day() -> None:
    parent = make_unit()
    unit = make_unit(parent=parent)
    hr = make_user(roles=["hr"], unit=parent)
    make_user(roles=["hr"], unit=make_unit())  # HR elsewhere: not reminded
    officer = make_user(unit=unit)
    today = local_today()
    waiting = file(unit, now=at(today - timedelta(days=10)))
    assigned = file(unit, now=at(today - timedelta(days=20)))
    move(assigned, "verified", now=at(today - timedelta(days=20)))
    move(assigned, "assigned", officer_id=officer.id, now=at(today - timedelta(days=20)))
    file(unit)  # due in three working days: no reminder yet
    sent = send_reminders(today, only=["service_quality.complaint_deadlines"])
    assert sent == {"service_quality.complaint_deadlines": 2}
    titles = dict(
        db.session.execute(
            select(Notification.user_id, Notification.title).where(Notification.kind == "reminder")
        ).all()
    )
    assert titles == {
        hr.id: f"Pengaduan {waiting.tracking_code} melewati tenggat",
        officer.id: f"Pengaduan {assigned.tracking_code} melewati tenggat",
    }
    assert send_reminders(today, only=["service_quality.complaint_deadlines"]) == {
        "service_quality.complaint_deadlines": 0
    }


def test_the_system_actor_manages_everything() -> None:
    complaint = file(make_unit())
    assert move(complaint, "archived", actor=SYSTEM_ACTOR).status is ComplaintStatus.ARCHIVED
