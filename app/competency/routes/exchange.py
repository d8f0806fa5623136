"""Framework exchange pages: upload CASE JSON or CSV, preview per-item errors, apply; export both."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from flask import Blueprint, Response, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.competency.forms import ExchangeApplyForm, ExchangeUploadForm
from app.competency.services.exchange import (
    ImportResult,
    export_case,
    export_csv,
    import_case,
    import_competencies,
    read_csv,
)
from app.errors import ServiceError
from app.extensions import db
from app.security import Role, access
from app.ui.forms import apply_service_error

bp = Blueprint("competency_exchange", __name__, template_folder="../templates")

MANAGERS = (Role.HR, Role.ADMIN)
MAX_BYTES = 10 * 1024 * 1024


def _run(raw: bytes, filename: str, *, dry_run: bool) -> ImportResult:
    """Import a CASE (.json) or CSV file; raises ServiceError for a file that is neither."""
    if filename.lower().endswith(".csv"):
        return import_competencies(read_csv(raw), dry_run=dry_run)
    try:
        package = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ServiceError(
            _("The file is neither CSV nor JSON."), {"file": [_("The file is neither CSV nor JSON.")]}
        )
    return import_case(package, dry_run=dry_run)


def _stash_dir() -> Path:
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "competency-imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@bp.route("/competencies/exchange", methods=["GET", "POST"])
@access(*MANAGERS)
def index():
    """Upload a framework file for a dry-run preview; export links for CASE and CSV."""
    form = ExchangeUploadForm()
    result, token, status = None, None, 200
    if form.validate_on_submit():
        storage = form.file.data
        raw = storage.read(MAX_BYTES + 1)
        try:
            if len(raw) > MAX_BYTES:
                raise ServiceError(_("The upload is too large."), {"file": [_("The upload is too large.")]})
            result = _run(raw, storage.filename or "", dry_run=True)
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
            for key, messages in exc.fields.items():
                if key != "file":
                    form.file.errors = [*form.file.errors, *(f"{key}: {m}" for m in messages)]
            status = 422
        else:
            if not result.errors:
                suffix = ".csv" if (storage.filename or "").lower().endswith(".csv") else ".json"
                token = f"{current_user.id}-{secrets.token_urlsafe(18)}{suffix}"
                (_stash_dir() / token).write_bytes(raw)
    elif form.is_submitted():
        status = 422
    apply_form = ExchangeApplyForm(formdata=None, token=token)
    return render_template(
        "competency/exchange.html", form=form, result=result, apply_form=apply_form
    ), status


@bp.post("/competencies/exchange/apply")
@access(*MANAGERS)
def apply():
    """Apply a previewed file: every competency or none."""
    form = ExchangeApplyForm()
    token = form.token.data or ""
    if not form.validate_on_submit() or not token.startswith(f"{current_user.id}-") or "/" in token:
        flash(_("Tick the confirmation box to apply the import."), "danger")
        return redirect(url_for("competency_exchange.index"))
    path = _stash_dir() / token
    if not path.is_file():
        flash(_("The uploaded file has expired. Please upload it again."), "danger")
        return redirect(url_for("competency_exchange.index"))
    raw = path.read_bytes()
    path.unlink(missing_ok=True)
    try:
        result = _run(raw, token, dry_run=False)
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
        return redirect(url_for("competency_exchange.index"))
    if not result.applied:
        db.session.rollback()
        flash(_("The file has errors; nothing was imported."), "danger")
        return redirect(url_for("competency_exchange.index"))
    db.session.commit()
    flash(
        _("Import finished: %(c)s created, %(u)s updated.", c=len(result.created), u=len(result.updated)),
        "success",
    )
    return redirect(url_for("competency_dictionary.index"))


@bp.get("/competencies/export.json")
@access(*MANAGERS)
def export_json():
    """Download the dictionary as a CASE 1.0 CFPackage."""
    body = json.dumps(export_case(), ensure_ascii=False, indent=1)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": "attachment; filename=kompetensi-case.json"},
    )


@bp.get("/competencies/export.csv")
@access(*MANAGERS)
def export_csv_view():
    """Download the dictionary as CSV (one row per level)."""
    return Response(
        "\ufeff" + export_csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": "attachment; filename=kompetensi.csv"},
    )
