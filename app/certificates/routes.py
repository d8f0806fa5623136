"""Signed-in pages of a certificate: my certificates, one certificate, its PDF and badge, revoking."""

from __future__ import annotations

import json

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.certificates.forms import RenewForm, RevokeForm
from app.certificates.labels import STATUS_LABELS
from app.certificates.models import Certificate
from app.certificates.permissions import can_manage_certificates, can_view_certificate
from app.certificates.presentation import pdf_view
from app.certificates.services.common import local_today
from app.certificates.services.documents import certificate_badge, certificate_pdf, pdf_filename
from app.certificates.services.queries import certificates_of, renewal_classes
from app.certificates.services.renewal import assign_renewal
from app.certificates.services.revocation import revoke_certificate
from app.errors import ServiceError
from app.extensions import db
from app.security import AUTHENTICATED, Role, access
from app.ui.forms import apply_service_error

bp = Blueprint("certificates", __name__, template_folder="templates")


def visible_certificate(certificate_id: int) -> Certificate:
    """The certificate if the current user may see it (the holder, HR in scope, admins); 404 otherwise."""
    certificate = db.session.get(Certificate, certificate_id)
    if certificate is None or not can_view_certificate(current_user, certificate):
        abort(404)
    return certificate


@bp.get("/certificates/mine")
@access(AUTHENTICATED)
def mine():
    """The signed-in person's certificates: status, download, badge and the link to share."""
    today = local_today()
    rows = [(c, c.status_on(today)) for c in certificates_of(current_user.id)]
    return render_template("certificates/mine.html", rows=rows, status_labels=STATUS_LABELS)


def _detail(certificate: Certificate, revoke_form: RevokeForm, renew_form: RenewForm, status: int = 200):
    manager = can_manage_certificates(current_user, certificate.user)
    classes = renewal_classes(certificate, local_today()) if manager else []
    renew_form.class_id.choices = [(c.id, label) for c, label in classes]
    state = certificate.status_on(local_today())
    return render_template(
        "certificates/detail.html",
        certificate=certificate,
        view=pdf_view(certificate.snapshot, certificate.sha256, str(get_locale() or "id")),
        state=state,
        state_label=STATUS_LABELS[state],
        manager=manager,
        revoke_form=revoke_form,
        renew_form=renew_form,
        renewal_classes=classes,
    ), status


@bp.get("/certificates/<int:certificate_id>")
@access(AUTHENTICATED)
def detail(certificate_id: int):
    """One certificate: content, status, downloads; for HR also revoking and renewal."""
    return _detail(visible_certificate(certificate_id), RevokeForm(formdata=None), RenewForm(formdata=None))


@bp.get("/certificates/<int:certificate_id>/pdf")
@access(AUTHENTICATED)
def pdf(certificate_id: int):
    """The PDF (rendered once per snapshot, then served from the cache)."""
    certificate = visible_certificate(certificate_id)
    data = certificate_pdf(certificate)
    db.session.commit()  # keeps the first render's hash
    response = Response(data, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{pdf_filename(certificate)}"'
    return response


@bp.get("/certificates/<int:certificate_id>/badge")
@access(AUTHENTICATED)
def badge(certificate_id: int):
    """The Open Badges 3.0 credential (JSON) for a digital wallet."""
    certificate = visible_certificate(certificate_id)
    body = json.dumps(certificate_badge(certificate), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/ld+json")
    name = pdf_filename(certificate).removesuffix(".pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}-badge.json"'
    return response


@bp.post("/certificates/<int:certificate_id>/revoke")
@access(Role.HR, Role.ADMIN)
def revoke(certificate_id: int):
    """Revoke with a mandatory reason (audited)."""
    certificate = visible_certificate(certificate_id)
    form = RevokeForm()
    if form.validate_on_submit():
        try:
            revoke_certificate(current_user, certificate, form.reason.data)
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
            return _detail(visible_certificate(certificate_id), form, RenewForm(formdata=None), exc.status)
        db.session.commit()
        flash(_("The certificate was revoked."), "success")
        return redirect(url_for("certificates.detail", certificate_id=certificate.id))
    return _detail(certificate, form, RenewForm(formdata=None), 422)


@bp.post("/certificates/<int:certificate_id>/renew")
@access(Role.HR, Role.ADMIN)
def renew(certificate_id: int):
    """Assign the holder to a class of the same course in one click (to renew the certificate)."""
    certificate = visible_certificate(certificate_id)
    form = RenewForm()
    form.class_id.choices = [(c.id, label) for c, label in renewal_classes(certificate, local_today())]
    if form.validate_on_submit():
        try:
            assign_renewal(current_user, certificate, form.class_id.data)
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
            return _detail(visible_certificate(certificate_id), RevokeForm(formdata=None), form, exc.status)
        db.session.commit()
        flash(_("The holder was assigned to the renewal class."), "success")
        return redirect(url_for("certificates.detail", certificate_id=certificate.id))
    return _detail(certificate, RevokeForm(formdata=None), form, 422)
