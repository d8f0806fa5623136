"""API of certificates: a person's certificates, PDF, Open Badge, revoking, and public verification."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from flask import Response, abort
from flask_login import current_user

from app.api.common import PUBLIC_SECURITY, api_blueprint, page_of
from app.certificates.api_schemas import (
    CertificateListArgsSchema,
    CertificateSchema,
    RevokeSchema,
    VerificationSchema,
)
from app.certificates.models import Certificate
from app.certificates.permissions import can_manage_certificates, can_view_certificate
from app.certificates.public_routes import verify_limit
from app.certificates.rules import mask_nip
from app.certificates.services.common import local_today, verify_url
from app.certificates.services.documents import certificate_badge, certificate_pdf, pdf_filename
from app.certificates.services.queries import certificate_by_code
from app.certificates.services.revocation import revoke_certificate
from app.extensions import db, limiter
from app.org.models import User
from app.security import AUTHENTICATED, PUBLIC, Role, access

blp = api_blueprint("certificates_api", __name__, "Certificates: PDF, Open Badges, revocation, verification")

PDF_RESPONSE = {
    200: {
        "description": "The certificate PDF",
        "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
    }
}
BADGE_RESPONSE = {
    200: {
        "description": "An Open Badges 3.0 AchievementCredential (OpenBadgeCredential)",
        "content": {"application/json": {"schema": {"type": "object"}}},
    }
}


def _certificate(certificate_id: int) -> Certificate:
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None or not can_view_certificate(current_user, certificate):
        abort(404)
    return certificate


def certificate_out(certificate: Certificate) -> dict[str, Any]:
    """The API shape of a certificate."""
    return {
        "id": certificate.id,
        "number": certificate.number,
        "verification_code": certificate.code,
        "course_id": certificate.course_id,
        "course_title": certificate.snapshot["course"]["title"],
        "issued_at": certificate.issued_at,
        "expires_at": certificate.expires_on,
        "status": certificate.status_on(local_today()).value,
        "revoked_at": certificate.revoked_at,
        "revoked_reason": certificate.revoked_reason,
        "sha256": certificate.sha256,
        "verify_url": verify_url(certificate.code),
    }


@blp.route("/users/<int:user_id>/certificates", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(CertificateListArgsSchema, location="query")
@blp.response(200, page_of(CertificateSchema))
def list_certificates(args, user_id: int):
    """A person's certificates, newest first (oneself, or HR/admins managing the person)."""
    person = db.session.get(User, user_id)
    if person is None or not (person.id == current_user.id or can_manage_certificates(current_user, person)):
        abort(404)
    page = db.paginate(
        db.select(Certificate)
        .where(Certificate.user_id == person.id)
        .order_by(Certificate.issued_at.desc(), Certificate.id.desc()),
        page=args["page"],
        per_page=args["per_page"],
        error_out=False,
        max_per_page=100,
    )
    items = [certificate_out(c) for c in page.items]
    return {"items": items, "page": page.page, "per_page": page.per_page, "total": page.total}


@blp.route("/certificates/<int:certificate_id>/pdf", methods=["GET"])
@access(AUTHENTICATED)
@blp.doc(responses=PDF_RESPONSE)
def get_pdf(certificate_id: int):
    """The certificate PDF (rendered once, then cached)."""
    certificate = _certificate(certificate_id)
    data = certificate_pdf(certificate)
    db.session.commit()
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{pdf_filename(certificate)}"'
    return response


@blp.route("/certificates/<int:certificate_id>/badge", methods=["GET"])
@access(AUTHENTICATED)
@blp.doc(responses=BADGE_RESPONSE)
def get_badge(certificate_id: int):
    """The Open Badges 3.0 credential, valid against the official AchievementCredential schema."""
    body = json.dumps(certificate_badge(_certificate(certificate_id)), ensure_ascii=False)
    return Response(body, mimetype="application/json")


@blp.route("/certificates/<int:certificate_id>/revoke", methods=["POST"])
@access(Role.HR, Role.ADMIN)
@blp.arguments(RevokeSchema)
@blp.response(200, CertificateSchema)
@blp.alt_response(409, description="Already revoked")
def revoke(data, certificate_id: int):
    """Revoke with a reason (audited); 409 when already revoked."""
    certificate = _certificate(certificate_id)
    revoke_certificate(current_user, certificate, data["reason"])
    db.session.commit()
    return certificate_out(certificate)


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


@blp.route("/verify/<string:code>", methods=["GET"])
@access(PUBLIC)
@limiter.limit(verify_limit)
@blp.doc(security=PUBLIC_SECURITY)
@blp.response(200, VerificationSchema)
def verify(code: str):
    """Public verification (no token, rate-limited): status and the frozen content; 404 if unknown."""
    certificate = certificate_by_code(code)
    if certificate is None:
        abort(404)
    snapshot = certificate.snapshot
    course = snapshot["course"]
    return {
        "status": certificate.status_on(local_today()).value,
        "number": certificate.number,
        "holder_name": snapshot["holder"]["name"],
        "holder_nip": mask_nip(snapshot["holder"].get("nip")),
        "course_title": course["title"],
        "course_code": course["code"],
        "jp": course["jp"],
        "completed_on": _day(snapshot.get("completed_on")),
        "issued_at": _day(snapshot["issued_on"]),
        "expires_at": _day(snapshot.get("expires_on")),
        "revoked_at": certificate.revoked_at,
        "revoked_reason": certificate.revoked_reason,
        "competencies": course.get("competencies") or [],
        "sha256": certificate.sha256,
    }
