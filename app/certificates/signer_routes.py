"""Signing officials per agency: HR (for their units) and admins set name, NIP, title, signature and logo."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.certificates.forms import SignerForm
from app.certificates.models import CertificateSigner
from app.certificates.services.signers import default_signer, delete_signer, save_signer
from app.errors import ServiceError
from app.extensions import db
from app.org.choices import unit_choices
from app.org.models import Unit
from app.org.permissions import can_manage_unit, unit_scope_condition
from app.security import Role, access
from app.ui.forms import apply_service_error

bp = Blueprint("certificates_signers", __name__, template_folder="templates")


def _upload(field) -> bytes | None:
    storage = field.data
    if storage is None or not getattr(storage, "filename", ""):
        return None
    return storage.read(2 * 1024 * 1024)


@bp.get("/certificates/signers")
@access(Role.HR, Role.ADMIN)
def index():
    """The signing officials of the agencies in scope, and the default from the settings."""
    rows = db.session.scalars(
        select(CertificateSigner)
        .join(Unit, Unit.id == CertificateSigner.unit_id)
        .where(unit_scope_condition(current_user))
        .order_by(Unit.path)
    ).all()
    return render_template("certificates/signers/index.html", rows=rows, default=default_signer())


def _signer_or_404(signer_id: int) -> CertificateSigner:
    row = db.session.get(CertificateSigner, signer_id)
    if row is None or not can_manage_unit(current_user, row.unit):
        abort(404)
    return row


def _form_page(form: SignerForm, row: CertificateSigner | None):
    form.unit_id.choices = unit_choices(current_user)
    if form.validate_on_submit():
        unit = db.session.get(Unit, form.unit_id.data or 0)
        if unit is None or not can_manage_unit(current_user, unit):
            form.unit_id.errors = [_("Choose a unit you manage.")]
        else:
            data = {name: form[name].data for name in ("agency", "name", "nip", "title", "city")}
            data.update(remove_signature=form.remove_signature.data, remove_logo=form.remove_logo.data)
            try:
                if row is not None and row.unit_id != unit.id:
                    delete_signer(current_user, row)
                save_signer(
                    current_user, unit, data, signature=_upload(form.signature), logo=_upload(form.logo)
                )
            except ServiceError as exc:
                db.session.rollback()
                apply_service_error(form, exc)
                return render_template("certificates/signers/form.html", form=form, row=row), exc.status
            db.session.commit()
            flash(_("The signing official was saved."), "success")
            return redirect(url_for("certificates_signers.index"))
    status = 422 if form.is_submitted() else 200
    return render_template("certificates/signers/form.html", form=form, row=row), status


@bp.route("/certificates/signers/new", methods=["GET", "POST"])
@access(Role.HR, Role.ADMIN)
def new():
    """Set the signing official of an agency."""
    return _form_page(SignerForm(), None)


@bp.route("/certificates/signers/<int:signer_id>/edit", methods=["GET", "POST"])
@access(Role.HR, Role.ADMIN)
def edit(signer_id: int):
    """Change an agency's signing official (issued certificates keep the old one)."""
    row = _signer_or_404(signer_id)
    return _form_page(SignerForm(obj=row), row)


@bp.post("/certificates/signers/<int:signer_id>/delete")
@access(Role.HR, Role.ADMIN)
def delete(signer_id: int):
    """Remove an agency's signing official; its people fall back to the parent agency or the default."""
    delete_signer(current_user, _signer_or_404(signer_id))
    db.session.commit()
    flash(_("The signing official was removed."), "success")
    return redirect(url_for("certificates_signers.index"))
