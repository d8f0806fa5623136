"""Public verification (no sign-in): a code's page, its status and content, and the PDF check.

Rate-limited per IP (`VERIFY_RATE_LIMIT`, else `PUBLIC_RATE_LIMIT`) so codes cannot be found
by trying; an unknown or malformed code is a 404 page, never an error.
"""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app.certificates.forms import CheckPdfForm, LookupForm
from app.certificates.labels import STATUS_LABELS
from app.certificates.models import Certificate
from app.certificates.presentation import public_view
from app.certificates.rules import normalise_code
from app.certificates.services.common import local_today
from app.certificates.services.documents import MAX_UPLOAD_BYTES, check_uploaded_pdf
from app.certificates.services.queries import certificate_by_code
from app.errors import ServiceError
from app.extensions import db, limiter
from app.security import PUBLIC, access
from app.ui.forms import apply_service_error

bp = Blueprint("certificates_public", __name__, template_folder="templates")


def verify_limit() -> str:
    """Per-IP limit of the verification page and API."""
    return current_app.config.get("VERIFY_RATE_LIMIT") or current_app.config["PUBLIC_RATE_LIMIT"]


@bp.get("/verify")
@access(PUBLIC)
def lookup():
    """Type a verification code (from a paper certificate) and go to its page."""
    form = LookupForm(request.args)
    if request.args.get("code") and form.validate():
        code = normalise_code(form.code.data)
        if code is not None:
            return redirect(url_for("certificates_public.verify", code=code))
        form.code.errors = [*form.code.errors, _not_found_message()]
    status = 422 if request.args.get("code") else 200
    return render_template("certificates/public/lookup.html", form=form), status


def _not_found_message() -> str:
    return _("No certificate has this code. Check it and try again.")


def _page(certificate: Certificate | None, code: str, form: CheckPdfForm, check: bool | None, status: int):
    if certificate is None:
        return render_template("certificates/public/not_found.html", code=code[:40]), 404
    language = str(get_locale() or "id")
    state = certificate.status_on(local_today())
    return render_template(
        "certificates/public/verify.html",
        certificate=certificate,
        view=public_view(certificate.snapshot, language),
        state=state,
        state_label=STATUS_LABELS[state],
        form=form,
        check=check,
    ), status


@bp.get("/verify/<code>")
@access(PUBLIC)
@limiter.limit(verify_limit)
def verify(code: str):
    """Status (valid, revoked with reason and date, expired), the frozen content and its hash."""
    return _page(certificate_by_code(code), code, CheckPdfForm(), None, 200)


@bp.post("/verify/<code>")
@access(PUBLIC)
@limiter.limit(verify_limit)
def check_pdf(code: str):
    """Compare an uploaded PDF with the one issued: byte for byte, through its SHA-256."""
    certificate = certificate_by_code(code)
    form = CheckPdfForm()
    if certificate is None:
        return _page(None, code, form, None, 404)
    if not form.validate_on_submit():
        return _page(certificate, code, form, None, 422)
    data = form.file.data.read(MAX_UPLOAD_BYTES + 1)
    try:
        matches = check_uploaded_pdf(certificate, data)
    except ServiceError as exc:
        db.session.rollback()
        apply_service_error(form, exc)
        return _page(certificate, code, form, None, exc.status)
    db.session.commit()  # the first check may record the issued PDF's hash
    return _page(certificate, code, CheckPdfForm(formdata=None), matches, 200)
