"""Competency profiles: my profile, a person's profile, recording evidence, evidence documents."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.charts import compare_bars
from app.competency.enums import JP_SOURCE_LABELS, EvidenceSource
from app.competency.forms import EvidenceForm
from app.competency.models import Evidence
from app.competency.permissions import (
    can_manage_external_training,
    can_view_profile,
    evidence_sources_for,
)
from app.competency.routes.helpers import competency_choices, get_or_none, profile_person, uploaded, year_arg
from app.competency.services import competency_profile, jp_summary, record_manual_evidence
from app.competency.services.external import external_trainings_of
from app.competency.services.jp import jp_credits_of
from app.competency.services.profile import evidence_history
from app.competency.services.uploads import content_type_of, document_file
from app.errors import ServiceError
from app.extensions import db
from app.org.models import User
from app.security import AUTHENTICATED, Role, access
from app.ui.forms import apply_service_error
from app.ui.pagination import page_args

bp = Blueprint("competency", __name__, template_folder="../templates")


def _evidence_form(person: User) -> EvidenceForm | None:
    sources = evidence_sources_for(current_user, person)
    if not sources:
        return None
    form = EvidenceForm()
    form.competency_id.choices = competency_choices()
    form.source.choices = [(s.value, s.label) for s in sources]
    return form


def _chart(profile):
    """Required vs current level per required competency (the table beside it is the alternative)."""
    if not profile.required_lines:
        return None
    return compare_bars(
        [
            (line.competency.code, line.required_level, line.current_level or 0)
            for line in profile.required_lines
        ],
        title=_("Required and current level per competency"),
        series=(_("Required"), _("Current")),
        max_value=5,
    )


def _render(person: User, form: EvidenceForm | None = None, status: int = 200):
    year = year_arg()
    profile = competency_profile(person, on=date.today())
    page, per_page = page_args(20)
    history = db.paginate(evidence_history(person), page=page, per_page=per_page, error_out=False)
    html = render_template(
        "competency/profile.html",
        person=person,
        profile=profile,
        chart=_chart(profile),
        jp=jp_summary(person, year),
        credits=jp_credits_of(person, year),
        external=external_trainings_of(person),
        history=history,
        form=form if form is not None else _evidence_form(person),
        can_add_external=can_manage_external_training(current_user, person),
        is_self=person.id == current_user.id,
        Source=EvidenceSource,
        jp_source_labels=JP_SOURCE_LABELS,
    )
    return html, status


@bp.get("/competency/me")
@access(AUTHENTICATED)
def my_profile():
    """The signed-in civil servant's own profile: standard vs current, gaps, JPM, JP and history."""
    return _render(current_user)


@bp.get("/competency/people/<int:user_id>")
@access(AUTHENTICATED)
def person_profile(user_id: int):
    """A person's profile, for themselves, HR in scope and their evaluators (404 otherwise)."""
    return _render(profile_person(user_id))


@bp.post("/competency/people/<int:user_id>/evidence")
@access(Role.HR, Role.ADMIN, Role.EVALUATOR)
def record_evidence_view(user_id: int):
    """Record an assessment, an evaluator rating or override, or prior learning."""
    person = profile_person(user_id)
    form = _evidence_form(person)
    if form is None:
        abort(404)
    if not form.validate_on_submit():
        return _render(person, form, 422)
    data = {
        "competency_id": form.competency_id.data,
        "level": form.level.data,
        "source": form.source.data,
        "override": form.override.data,
        "note": form.note.data,
        "expires_on": form.expires_on.data,
    }
    try:
        evidence = record_manual_evidence(current_user, person, data, uploaded(form.document))
    except ServiceError as exc:
        db.session.rollback()
        apply_service_error(form, exc)
        return _render(person, form, exc.status)
    db.session.commit()
    flash(
        _("The override was recorded and audited.") if evidence.override else _("The evidence was recorded."),
        "success",
    )
    return redirect(url_for("competency.person_profile", user_id=person.id))


@bp.get("/competency/evidence/<int:evidence_id>/document")
@access(AUTHENTICATED)
def evidence_document(evidence_id: int):
    """The document attached to a piece of evidence, for those who may see the person."""
    evidence = get_or_none(Evidence, evidence_id)
    if evidence is None or evidence.document_path is None:
        abort(404)
    person = db.session.get(User, evidence.user_id)
    if person is None or not can_view_profile(current_user, person):
        abort(404)
    path = document_file(evidence.document_path)
    if path is None:
        abort(404)
    return send_file(path, mimetype=content_type_of(evidence.document_path), max_age=0)
