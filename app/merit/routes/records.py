"""HR pages for a person's records: sanctions (with attachments), rewards, absences, potential
assessments, unpaid leave, the assigned evaluator, revocations; and attachment downloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from app.errors import ServiceError
from app.extensions import db
from app.merit.forms import (
    AbsenceForm,
    AssessmentForm,
    EvaluatorForm,
    LeaveForm,
    RevokeForm,
    RewardForm,
    SanctionForm,
)
from app.merit.models import EvaluatorAssignment, Reward, Sanction, SanctionAttachment
from app.merit.permissions import can_manage_records, can_view_sanction_details
from app.merit.services.attachments import Upload, path_of
from app.merit.services.discipline import record_reward, record_sanction, revoke_record
from app.merit.services.people import person_or_404
from app.merit.services.records import (
    assign_evaluator,
    record_absence,
    record_assessment,
    record_unpaid_leave,
)
from app.merit.settings import reward_kinds
from app.merit.transactions import merit_commit
from app.org.models import User
from app.security import AUTHENTICATED, Role, access
from app.ui.forms import apply_service_error

bp = Blueprint("merit_records", __name__, url_prefix="/merit", template_folder="../templates")

MANAGERS = (Role.HR, Role.ADMIN)


def _managed_person(user_id: int) -> User:
    person = person_or_404(current_user, user_id)
    if not can_manage_records(current_user, person):
        abort(404)
    return person


def _form_page(person: User, form: FlaskForm, title: Any, save: Callable[[], Any], done: str, **extra: Any):
    """Validate, save through the service inside one commit, or show the errors on the form."""
    if form.validate_on_submit():
        try:
            with merit_commit():
                save()
        except ServiceError as exc:
            apply_service_error(form, exc)
        else:
            flash(done, "success")
            return redirect(url_for("merit.profile", user_id=person.id))
    return render_template("merit/record_form.html", form=form, person=person, title=title, **extra)


def _data(form: FlaskForm, *names: str) -> dict[str, Any]:
    return {name: form[name].data for name in names}


@bp.route("/people/<int:user_id>/sanctions/new", methods=["GET", "POST"])
@access(*MANAGERS)
def sanction_new(user_id: int):
    """Record a discipline case decided by the competent official, with attachments."""
    person = _managed_person(user_id)
    form = SanctionForm()

    def save():
        uploads = [
            Upload(f.filename or "", f.read()) for f in (form.attachments.data or []) if f and f.filename
        ]
        fields = ("kind", "legal_basis", "description", "decided_on", "starts_on")
        record_sanction(current_user, person, _data(form, *fields), uploads)

    return _form_page(
        person, form, _l("Record a sanction"), save, _("The sanction is on record."), multipart=True
    )


@bp.route("/people/<int:user_id>/rewards/new", methods=["GET", "POST"])
@access(*MANAGERS)
def reward_new(user_id: int):
    """Record a reward (a Satyalancana only when the person is eligible)."""
    person = _managed_person(user_id)
    form = RewardForm()
    form.kind.choices = sorted(reward_kinds().items())
    save = lambda: record_reward(current_user, person, _data(form, "kind", "awarded_on", "description"))  # noqa: E731
    return _form_page(person, form, _l("Record a reward"), save, _("The reward is on record."))


@bp.route("/people/<int:user_id>/absences", methods=["GET", "POST"])
@access(*MANAGERS)
def absence(user_id: int):
    """Set a year's unexcused absence; the absence table proposes the sanction."""
    person = _managed_person(user_id)
    form = AbsenceForm()
    save = lambda: record_absence(current_user, person, _data(form, "year", "days", "longest_consecutive"))  # noqa: E731
    return _form_page(person, form, _l("Unexcused absence"), save, _("The absence record was saved."))


@bp.route("/people/<int:user_id>/assessments", methods=["GET", "POST"])
@access(*MANAGERS)
def assessment(user_id: int):
    """Record a potential assessment score."""
    person = _managed_person(user_id)
    form = AssessmentForm()
    save = lambda: record_assessment(current_user, person, _data(form, "assessed_on", "score", "note"))  # noqa: E731
    return _form_page(person, form, _l("Potential assessment"), save, _("The assessment was recorded."))


@bp.route("/people/<int:user_id>/leave", methods=["GET", "POST"])
@access(*MANAGERS)
def leave(user_id: int):
    """Record a period of unpaid leave."""
    person = _managed_person(user_id)
    form = LeaveForm()
    save = lambda: record_unpaid_leave(current_user, person, _data(form, "starts_on", "ends_on", "note"))  # noqa: E731
    return _form_page(person, form, _l("Unpaid leave"), save, _("The unpaid leave was recorded."))


@bp.route("/people/<int:user_id>/evaluator", methods=["GET", "POST"])
@access(*MANAGERS)
def evaluator(user_id: int):
    """Assign an evaluator other than the direct superior (or remove the assignment)."""
    person = _managed_person(user_id)
    form = EvaluatorForm()
    evaluators = db.session.execute(
        select(User.id, User.name)
        .where(User.active.is_(True), User.role_rows.any(role=Role.EVALUATOR), User.id != person.id)
        .order_by(User.name)
        .limit(500)
    ).all()
    form.evaluator_id.choices = [(0, _("— the direct superior —")), *evaluators]
    current = db.session.scalar(
        select(EvaluatorAssignment.evaluator_id).where(EvaluatorAssignment.user_id == person.id)
    )
    if not form.is_submitted():
        form.evaluator_id.data = current or 0
    save = lambda: assign_evaluator(current_user, person, form.evaluator_id.data)  # noqa: E731
    return _form_page(person, form, _l("Assigned evaluator"), save, _("The evaluator assignment was saved."))


@bp.route("/records/<kind>/<int:record_id>/revoke", methods=["GET", "POST"])
@access(*MANAGERS)
def revoke(kind: str, record_id: int):
    """Revoke a sanction or reward, with a reason (it stays visible as revoked)."""
    model = {"sanction": Sanction, "reward": Reward}.get(kind)
    row = db.session.get(model, record_id) if model else None
    if row is None:
        abort(404)
    person = _managed_person(row.user_id)
    form = RevokeForm()
    save = lambda: revoke_record(current_user, row, form.reason.data)  # noqa: E731
    return _form_page(person, form, _l("Revoke a record"), save, _("The record was revoked."))


@bp.get("/attachments/<int:attachment_id>")
@access(AUTHENTICATED)
def attachment(attachment_id: int):
    """Download a discipline attachment (only for those who may see sanction details)."""
    row = db.session.get(SanctionAttachment, attachment_id)
    sanction = db.session.get(Sanction, row.sanction_id) if row else None
    person = db.session.get(User, sanction.user_id) if sanction else None
    if person is None or not can_view_sanction_details(current_user, person):
        abort(404)
    path = path_of(row)
    if not path.exists():
        abort(404)
    return send_file(path, mimetype=row.content_type, as_attachment=True, download_name=row.filename)
