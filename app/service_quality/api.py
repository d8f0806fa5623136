"""API of public service quality: survey responses, IKM, complaints and their steps, services, innovations.

The survey and complaint submissions and the status lookup are public (no token)
and rate-limited per IP like the public pages.
"""

from __future__ import annotations

from typing import Any

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from app.api.common import PUBLIC_SECURITY, PageArgsSchema, api_blueprint, page_of, paginated
from app.db import utcnow
from app.extensions import db, limiter
from app.org.loaders import unit_to_manage
from app.org.models import Unit
from app.security import AUTHENTICATED, PUBLIC, Role, access
from app.service_quality.api_schemas import (
    ComplaintCreatedSchema,
    ComplaintInSchema,
    ComplaintListArgsSchema,
    ComplaintSchema,
    ComplaintStatusSchema,
    IkmArgsSchema,
    IkmSchema,
    InnovationSchema,
    PublicServiceSchema,
    SurveyResponseInSchema,
    SurveyResponseOutSchema,
    TransitionSchema,
)
from app.service_quality.loaders import unit_to_view
from app.service_quality.models import Complaint, Innovation, PublicService
from app.service_quality.permissions import can_see_identity, viewable_units_condition
from app.service_quality.public_routes import public_limit
from app.service_quality.rules.periods import parse_period, year_period
from app.service_quality.rules.workdays import is_overdue
from app.service_quality.rules.workflow import OPEN_STATUSES
from app.service_quality.services.catalog import save_innovation, save_public_service
from app.service_quality.services.clock import local_today
from app.service_quality.services.complaints import file_complaint, transition_complaint
from app.service_quality.services.presentation import element_name
from app.service_quality.services.public_view import public_timeline
from app.service_quality.services.queries import complaint_by_code, complaint_for, complaints_query
from app.service_quality.services.survey import submit_survey_response, unit_results

blp = api_blueprint("service_quality_api", __name__, "Public service quality: survey (IKM) and complaints")

VIEWERS = (Role.HR, Role.ADMIN, Role.EVALUATOR)
MANAGERS = (Role.HR, Role.ADMIN)


@blp.route("/survey-responses", methods=["POST"])
@access(PUBLIC)
@limiter.limit(public_limit)
@blp.doc(security=PUBLIC_SECURITY)
@blp.arguments(SurveyResponseInSchema)
@blp.response(201, SurveyResponseOutSchema)
def create_survey_response(data):
    """Submit one satisfaction questionnaire (public, no token; rate-limited per IP)."""
    response = submit_survey_response(data, today=local_today())
    db.session.commit()
    return response


@blp.route("/units/<int:unit_id>/ikm", methods=["GET"])
@access(*VIEWERS)
@blp.arguments(IkmArgsSchema, location="query")
@blp.response(200, IkmSchema)
def unit_ikm(args, unit_id: int):
    """IKM of a unit (with its sub-units) for a year (default: this year) or a finer period."""
    unit = unit_to_view(unit_id)
    if args["period"]:
        try:
            period = parse_period(args["period"])
        except ValueError:
            abort(422)
    else:
        period = year_period(args["year"] or local_today().year)
    results = unit_results(unit, period.start, period.end)
    return {
        "unit_id": unit.id,
        "period_start": period.start,
        "period_end": period.end,
        **results.ikm.as_numbers(),
        "elements": [{"code": e.code, "name": element_name(e), "weight": e.weight} for e in results.elements],
    }


@blp.route("/complaints", methods=["POST"])
@access(PUBLIC)
@limiter.limit(public_limit)
@blp.doc(security=PUBLIC_SECURITY)
@blp.arguments(ComplaintInSchema)
@blp.response(201, ComplaintCreatedSchema)
def create_complaint(data):
    """File a complaint (public, no token, rate-limited); HR or admin tokens may use any channel."""
    staff = current_user if current_user.is_authenticated and current_user.has_role(*MANAGERS) else None
    complaint = file_complaint(data, now=utcnow(), entered_by=staff)
    db.session.commit()
    return complaint


@blp.route("/complaint-status/<string:code>", methods=["GET"])
@access(PUBLIC)
@limiter.limit(public_limit)
@blp.doc(security=PUBLIC_SECURITY)
@blp.response(200, ComplaintStatusSchema)
def complaint_status(code: str):
    """Status and answers of a complaint by tracking code (public; never the complainant's identity)."""
    complaint = complaint_by_code(code)
    if complaint is None:
        abort(404)
    return {
        "tracking_code": complaint.tracking_code,
        "unit_id": complaint.unit_id,
        "category": complaint.category.value,
        "status": complaint.status.value,
        "received_at": complaint.received_at,
        "steps": [
            {"status": s.status.value, "at": s.at, "answer": s.answer} for s in public_timeline(complaint)
        ],
    }


def complaint_document(complaint: Complaint) -> dict[str, Any]:
    """A complaint for the caller: the identity is left out when it is hidden from them."""
    shown = can_see_identity(current_user, complaint)
    document = {name: getattr(complaint, name, None) for name in ComplaintSchema().fields}
    document.update(
        channel=complaint.channel.value,
        category=complaint.category.value,
        status=complaint.status.value,
        overdue=complaint.status in OPEN_STATUSES and is_overdue(complaint.due_on, local_today()),
        contact_name=complaint.contact_name if shown else None,
        contact=complaint.contact if shown else None,
    )
    return document


@blp.route("/complaints", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(ComplaintListArgsSchema, location="query")
@blp.response(200, page_of(ComplaintSchema))
def list_complaints(args):
    """Complaints the caller may see (managers, the unit's evaluators, the assigned officer), newest first."""
    unit = None
    if args["unit_id"] is not None:
        unit = db.session.get(Unit, args["unit_id"])
        if unit is None:
            abort(404)
    status = args["status"]
    query = complaints_query(current_user, unit=unit, status=status)
    if args["assigned_to_me"]:
        query = query.where(Complaint.officer_id == current_user.id)
    page = paginated(query, args)
    page["items"] = [complaint_document(c) for c in page["items"]]
    return page


@blp.route("/complaints/<int:complaint_id>", methods=["GET"])
@access(AUTHENTICATED)
@blp.response(200, ComplaintSchema)
def get_complaint(complaint_id: int):
    """One complaint the caller may see; 404 otherwise."""
    return complaint_document(complaint_for(current_user, complaint_id))


@blp.route("/complaints/<int:complaint_id>/transition", methods=["POST"])
@access(AUTHENTICATED)
@blp.arguments(TransitionSchema)
@blp.response(200, ComplaintSchema)
@blp.alt_response(409, description="The workflow does not allow this step from the current one")
def transition(data, complaint_id: int):
    """Move a complaint to its next step with a note (`officer_id` to assign, `answer` to resolve)."""
    complaint = transition_complaint(current_user, complaint_id, data, now=utcnow())
    db.session.commit()
    return complaint_document(complaint)


@blp.route("/units/<int:unit_id>/services", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_of(PublicServiceSchema))
def list_services(args, unit_id: int):
    """The active public services of a unit."""
    unit = db.get_or_404(Unit, unit_id)
    query = (
        select(PublicService)
        .where(PublicService.unit_id == unit.id, PublicService.active.is_(True))
        .order_by(PublicService.name)
    )
    return paginated(query, args)


@blp.route("/units/<int:unit_id>/services", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(PublicServiceSchema)
@blp.response(201, PublicServiceSchema)
def create_service(data, unit_id: int):
    """Add a public service to a unit the caller manages."""
    service = save_public_service(current_user, unit_to_manage(unit_id), data)
    db.session.commit()
    return service


@blp.route("/innovations", methods=["GET"])
@access(*VIEWERS)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_of(InnovationSchema))
def list_innovations(args):
    """Registered innovations of the units the caller follows, newest first."""
    query = (
        select(Innovation)
        .join(Unit, Unit.id == Innovation.unit_id)
        .where(viewable_units_condition(current_user))
        .order_by(Innovation.implemented_on.desc(), Innovation.id.desc())
    )
    return paginated(query, args)


@blp.route("/innovations", methods=["POST"])
@access(*MANAGERS)
@blp.arguments(InnovationSchema)
@blp.response(201, InnovationSchema)
def create_innovation(data):
    """Register an innovation put into practice by a unit the caller manages."""
    innovation = save_innovation(current_user, data, today=local_today())
    db.session.commit()
    return innovation
