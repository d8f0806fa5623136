"""External training: HR records it with a certificate scan, served only to those who may see the person."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.competency.forms import ExternalTrainingForm
from app.competency.models import ExternalTraining
from app.competency.permissions import can_manage_external_training, can_view_profile
from app.competency.routes.helpers import competency_choices, get_or_none, profile_person, uploaded
from app.competency.services.external import record_external_training
from app.competency.services.uploads import document_file
from app.errors import ServiceError
from app.extensions import db
from app.org.models import User
from app.security import AUTHENTICATED, Role, access
from app.settings.services import get_setting
from app.ui.forms import apply_service_error

bp = Blueprint("competency_external", __name__, template_folder="../templates")


@bp.route("/competency/people/<int:user_id>/external-training/new", methods=["GET", "POST"])
@access(Role.HR, Role.ADMIN)
def new(user_id: int):
    """Record a training taken elsewhere, with its certificate scan, JP and optional competency."""
    person = profile_person(user_id)
    if not can_manage_external_training(current_user, person):
        abort(404)
    form = ExternalTrainingForm()
    form.competency_id.choices = competency_choices(blank=_("— none —"))
    status = 200
    if form.is_submitted():
        status = 422
    if form.validate_on_submit():
        data = {
            "title": form.title.data,
            "issuer": form.issuer.data,
            "certificate_number": form.certificate_number.data,
            "started_on": form.started_on.data,
            "ended_on": form.ended_on.data,
            "jp": str(form.jp.data),
            "competency_id": form.competency_id.data or None,
            "level": form.level.data or None,
            "note": form.note.data,
        }
        try:
            record_external_training(current_user, person, data, uploaded(form.document))
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
            status = exc.status
        else:
            db.session.commit()
            flash(_("The external training was recorded."), "success")
            return redirect(url_for("competency.person_profile", user_id=person.id))
    return render_template(
        "competency/external_form.html",
        form=form,
        person=person,
        minutes_per_jp=get_setting("competency.jp_minutes"),
    ), status


@bp.get("/competency/external-training/<int:training_id>/certificate")
@access(AUTHENTICATED)
def certificate(training_id: int):
    """The certificate scan of an external training, for those who may see the person (404 otherwise)."""
    training = get_or_none(ExternalTraining, training_id)
    person = db.session.get(User, training.user_id) if training is not None else None
    if person is None or not can_view_profile(current_user, person):
        abort(404)
    path = document_file(training.document_path)
    if path is None:
        abort(404)
    return send_file(path, mimetype=training.document_type, download_name=training.document_name, max_age=0)
