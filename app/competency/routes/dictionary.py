"""The competency dictionary: browse every competency with its levels; HR adds and edits technical ones."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.competency.enums import CompetencyKind
from app.competency.forms import CompetencyForm
from app.competency.models import Competency
from app.competency.routes.helpers import get_or_404
from app.competency.services.dictionary import (
    create_technical_competency,
    dictionary_query,
    next_technical_code,
    update_technical_competency,
)
from app.errors import ServiceError
from app.extensions import db
from app.security import AUTHENTICATED, Role, access
from app.ui.forms import apply_service_error
from app.ui.pagination import page_args

bp = Blueprint("competency_dictionary", __name__, template_folder="../templates")

MANAGERS = (Role.HR, Role.ADMIN)


@bp.get("/competencies")
@access(AUTHENTICATED)
def index():
    """Every competency (filter by kind, search), each with its five levels and indicators."""
    kind = request.args.get("kind", "")
    q = request.args.get("q", "")[:100]
    page, per_page = page_args(20)
    pagination = db.paginate(dictionary_query(kind=kind, q=q), page=page, per_page=per_page, error_out=False)
    return render_template(
        "competency/dictionary.html", pagination=pagination, kinds=list(CompetencyKind), kind=kind, q=q
    )


@bp.get("/competencies/<int:competency_id>")
@access(AUTHENTICATED)
def detail(competency_id: int):
    """One competency: definition and the five levels with their behaviour indicators."""
    return render_template("competency/detail.html", competency=get_or_404(Competency, competency_id))


def _form_data(form: CompetencyForm) -> dict:
    return {
        "code": form.code.data,
        "name": form.name.data,
        "definition": form.definition.data,
        "levels": [
            {
                "level": index + 1,
                "title": entry.form.title.data,
                "indicators": (entry.form.indicators.data or "").splitlines(),
            }
            for index, entry in enumerate(form.levels.entries)
        ],
    }


def _save(form: CompetencyForm, competency: Competency | None):
    try:
        data = _form_data(form)
        if competency is None:
            saved = create_technical_competency(current_user, data)
        else:
            saved = update_technical_competency(current_user, competency, data)
    except ServiceError as exc:
        db.session.rollback()
        for name, messages in list(exc.fields.items()):
            parts = name.split(".")  # "levels.2.title" → the third level's title field
            if parts[0] == "levels" and len(parts) == 3 and parts[1].isdigit():
                entry = form.levels.entries[int(parts[1])] if int(parts[1]) < 5 else None
                field = getattr(entry.form, parts[2], None) if entry else None
                if field is not None:
                    field.errors = [*field.errors, *messages]
                    del exc.fields[name]
        apply_service_error(form, exc)
        return None
    db.session.commit()
    flash(_("%(code)s was saved.", code=saved.code), "success")
    return redirect(url_for("competency_dictionary.detail", competency_id=saved.id))


@bp.route("/competencies/new", methods=["GET", "POST"])
@access(*MANAGERS)
def new():
    """Add a technical competency (T.<n>) with its five levels."""
    form = CompetencyForm()
    if request.method == "GET":
        form.code.data = next_technical_code()
    if form.validate_on_submit() and (response := _save(form, None)) is not None:
        return response
    status = 422 if form.is_submitted() else 200
    return render_template("competency/competency_form.html", form=form, competency=None), status


@bp.route("/competencies/<int:competency_id>/edit", methods=["GET", "POST"])
@access(*MANAGERS)
def edit(competency_id: int):
    """Edit a technical competency; the fixed dictionary is read-only."""
    competency = get_or_404(Competency, competency_id)
    if competency.fixed:
        flash(_("The fixed competencies of the official dictionary are read-only."), "warning")
        return redirect(url_for("competency_dictionary.detail", competency_id=competency.id))
    form = CompetencyForm(obj=competency if request.method == "GET" else None)
    if request.method == "GET":
        for entry, level in zip(form.levels.entries, competency.levels, strict=False):
            entry.form.title.data = level.title
            entry.form.indicators.data = "\n".join(level.indicators or [])
    if form.validate_on_submit() and (response := _save(form, competency)) is not None:
        return response
    status = 422 if form.is_submitted() else 200
    return render_template("competency/competency_form.html", form=form, competency=competency), status
