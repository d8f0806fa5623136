"""Factories for service quality: services, survey responses, complaints moved along the workflow."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

from app.db import utcnow
from app.extensions import db
from app.org.models import Unit, User
from app.security import SYSTEM_ACTOR
from app.service_quality.models import Complaint, Innovation, PublicService, SurveyResponse
from app.service_quality.services.clock import local_today
from app.service_quality.services.complaints import file_complaint, transition_complaint
from app.service_quality.services.survey import submit_survey_response

_seq = itertools.count(1)


def make_service(unit: Unit, *, name: str | None = None, digital: bool = False, active: bool = True):
    """A public service of `unit`."""
    service = PublicService(
        unit_id=unit.id, name=name or f"Layanan {next(_seq)}", description="", digital=digital, active=active
    )
    db.session.add(service)
    db.session.flush()
    return service


def make_response(
    unit: Unit, answers: list[int] | None = None, *, on: date | None = None, **extra: Any
) -> SurveyResponse:
    """A survey response submitted on `on` (default today) with nine answers (default all 4)."""
    day = on or local_today()
    data = {"unit_id": unit.id, "service_date": day, "answers": answers or [4] * 9, **extra}
    return submit_survey_response(data, today=day)


def complaint_data(unit: Unit, **overrides: Any) -> dict[str, Any]:
    """Valid public complaint input for `unit`."""
    return {
        "unit_id": unit.id,
        "category": "pengaduan",
        "text": "Berkas saya belum diproses setelah dua minggu.",
        "service_date": local_today() - timedelta(days=2),
        "contact_name": "Budi Warga",
        "contact": "budi@example.com",
        **overrides,
    }


def file(unit: Unit, *, now: datetime | None = None, **overrides: Any) -> Complaint:
    """A complaint filed through the public web channel."""
    moment = now or utcnow()
    data = complaint_data(unit, **overrides)
    if now is not None and "service_date" not in overrides:
        data["service_date"] = moment.date()
    return file_complaint(data, now=moment)


def move(
    complaint: Complaint, to: str, *, actor: Any = SYSTEM_ACTOR, now: datetime | None = None, **extra: Any
):
    """Move a complaint one step (as an administrator unless `actor` is given)."""
    data = {"to": to, "note": f"Step to {to}", **extra}
    return transition_complaint(actor, complaint.id, data, now=now or utcnow())


def resolve(complaint: Complaint, officer: User, *, at: datetime, hours: float) -> Complaint:
    """Verify, assign to `officer`, start and resolve: resolution `hours` after receipt."""
    move(complaint, "verified", now=at + timedelta(hours=1))
    move(complaint, "assigned", officer_id=officer.id, now=at + timedelta(hours=1))
    move(complaint, "in_progress", actor=officer, now=at + timedelta(hours=min(hours, 2)))
    return move(complaint, "resolved", actor=officer, answer="Selesai.", now=at + timedelta(hours=hours))


def make_innovation(unit: Unit, implemented_on: date, title: str | None = None) -> Innovation:
    """A registered innovation."""
    innovation = Innovation(
        unit_id=unit.id, title=title or f"Inovasi {next(_seq)}", implemented_on=implemented_on, evidence="SK"
    )
    db.session.add(innovation)
    db.session.flush()
    return innovation


def at(day: date, hour: int = 9) -> datetime:
    """A UTC moment on `day` (09:00 UTC is 16:00 in Jakarta, the same date)."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def world_complaint(world: dict[str, Any]) -> Complaint:
    """One complaint in the schemathesis run's organisation (made on first use)."""
    if "complaint" not in world:
        world["complaint"] = file(world["unit"])
    return world["complaint"]
