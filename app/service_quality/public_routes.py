"""Public pages (no sign-in): the satisfaction survey, the complaint form and complaint tracking.

Every POST is rate-limited per IP (`PUBLIC_RATE_LIMIT`), and so is tracking (codes
must not be guessable by trying). Forms carry a honeypot field; a filled honeypot is
answered like a success and nothing is kept.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.db import utcnow
from app.errors import ServiceError
from app.extensions import db, limiter
from app.org.models import Unit
from app.security import PUBLIC, access
from app.service_quality.forms import ComplaintForm, TrackForm, survey_form_class
from app.service_quality.models import PublicService
from app.service_quality.services.catalog import active_elements
from app.service_quality.services.clock import local_today
from app.service_quality.services.complaints import Upload, file_complaint, max_attachment_bytes
from app.service_quality.services.presentation import element_name
from app.service_quality.services.public_view import public_timeline
from app.service_quality.services.queries import complaint_by_code
from app.service_quality.services.survey import submit_survey_response
from app.ui.forms import apply_service_error

bp = Blueprint("public_service", __name__, template_folder="templates")

FILED_KEY = "filed_complaint_code"
PROFILE = ("age_band", "gender", "education", "occupation")


def public_limit() -> str:
    """The per-IP limit of public forms, from the configuration."""
    return current_app.config["PUBLIC_RATE_LIMIT"]


def _unit_or_404(unit_id: int) -> Unit:
    unit = db.session.get(Unit, unit_id)
    if unit is None or not unit.active:
        abort(404)
    return unit


def service_choices(unit_id: int | None = None) -> list[tuple[int, str]] | dict[str, list[tuple[int, str]]]:
    """Active services of one unit, or of every active unit grouped by unit name (for optgroups)."""
    query = (
        select(PublicService.id, PublicService.name, Unit.name)
        .join(Unit, Unit.id == PublicService.unit_id)
        .where(PublicService.active.is_(True), Unit.active.is_(True))
        .order_by(Unit.path, PublicService.name)
    )
    blank = (0, _("— not listed or not sure —"))
    if unit_id is not None:
        rows = db.session.execute(query.where(PublicService.unit_id == unit_id)).all()
        return [blank] + [(sid, name) for sid, name, _unit in rows]
    grouped: dict[str, list[tuple[int, str]]] = {"": [blank]}
    for sid, name, unit_name in db.session.execute(query):
        grouped.setdefault(unit_name, []).append((sid, name))
    return grouped


def max_mb() -> int:
    """The attachment size limit in MB (shown beside the field)."""
    return max_attachment_bytes() // 1_048_576


def public_unit_choices() -> list[tuple[int, str]]:
    """Every active unit, in tree order, for the public complaint form."""
    rows = db.session.execute(
        select(Unit.id, Unit.name).where(Unit.active.is_(True)).order_by(Unit.path)
    ).all()
    return [(0, _("— choose a unit —"))] + [(uid, name) for uid, name in rows]


@bp.route("/survey/<int:unit_id>", methods=["GET", "POST"])
@access(PUBLIC)
@limiter.limit(public_limit, methods=["POST"])
def survey(unit_id: int):
    """The satisfaction questionnaire of a unit (SKM): one question per element, four answers each."""
    unit = _unit_or_404(unit_id)
    elements = active_elements()
    form = survey_form_class(elements)()
    form.service_id.choices = service_choices(unit.id)
    form.limit_dates(local_today())
    if form.validate_on_submit():
        if form.website.data:
            return redirect(url_for("public_service.survey_thanks", unit_id=unit.id))
        data = {
            "unit_id": unit.id,
            "service_id": form.service_id.data or None,
            "service_date": form.service_date.data,
            "answers": [form[f"q_{e.id}"].data for e in elements],
            "suggestion": form.suggestion.data,
            **{name: form[name].data for name in PROFILE},
        }
        try:
            submit_survey_response(data, today=local_today())
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
        else:
            db.session.commit()
            return redirect(url_for("public_service.survey_thanks", unit_id=unit.id))
    questions = [(element_name(element), form[f"q_{element.id}"]) for element in elements]
    page = render_template("service_quality/public/survey.html", unit=unit, form=form, questions=questions)
    return page, 422 if request.method == "POST" else 200


@bp.get("/survey/<int:unit_id>/thanks")
@access(PUBLIC)
def survey_thanks(unit_id: int):
    """Thank the respondent."""
    return render_template("service_quality/public/survey_thanks.html", unit=_unit_or_404(unit_id))


def complaint_data(form: ComplaintForm) -> tuple[dict[str, Any], Upload | None]:
    """The service's input from a (public or staff) complaint form, and the attached file if any."""
    data = {
        name: form[name].data
        for name in ("unit_id", "category", "service_date", "text", "contact_name", "contact", "confidential")
    }
    data["service_id"] = form.service_id.data or None
    if "channel" in form:
        data["channel"] = form["channel"].data
    upload = None
    storage = form.attachment.data
    if storage is not None and getattr(storage, "filename", ""):
        upload = Upload(storage.filename, storage.read(max_attachment_bytes() + 1))
    return data, upload


@bp.route("/complaint", methods=["GET", "POST"])
@access(PUBLIC)
@limiter.limit(public_limit, methods=["POST"])
def complaint():
    """File a complaint, aspiration, information request or whistle-blowing report."""
    form = ComplaintForm()
    form.unit_id.choices = public_unit_choices()
    form.service_id.choices = service_choices()
    form.limit_dates(local_today())
    if request.method == "GET":
        form.unit_id.data = request.args.get("unit", 0, type=int)
    if form.validate_on_submit():
        if form.website.data:
            session[FILED_KEY] = None
            return redirect(url_for("public_service.complaint_filed"))
        try:
            data, upload = complaint_data(form)
            filed = file_complaint(data, now=utcnow(), upload=upload)
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
        else:
            db.session.commit()
            session[FILED_KEY] = filed.tracking_code
            return redirect(url_for("public_service.complaint_filed"))
    page = render_template("service_quality/public/complaint.html", form=form, staff=False, max_mb=max_mb())
    return page, 422 if request.method == "POST" else 200


@bp.get("/complaint/filed")
@access(PUBLIC)
def complaint_filed():
    """Show the tracking code of the complaint just filed (once)."""
    if FILED_KEY not in session:
        return redirect(url_for("public_service.complaint"))
    code = session.pop(FILED_KEY)
    return render_template("service_quality/public/complaint_filed.html", code=code)


@bp.get("/complaint/track")
@access(PUBLIC)
@limiter.limit(public_limit)
def track():
    """Status and answers of a complaint by its tracking code; never who filed it."""
    form = TrackForm(request.args)
    found, status = None, 200
    if request.args.get("code"):
        if form.validate():
            found = complaint_by_code(form.code.data)
        if found is None:
            status = 404
            form.code.errors = [_("No complaint has this tracking code. Check it and try again.")]
    timeline = public_timeline(found) if found is not None else None
    return render_template(
        "service_quality/public/track.html", form=form, complaint=found, timeline=timeline
    ), status
