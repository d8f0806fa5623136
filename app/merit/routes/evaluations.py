"""Evaluation pages: write and finalise (evaluator), acknowledge or object (employee), decide
objections (higher evaluator or admin), and import older PP 46/2011 records (HR)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.errors import ServiceError
from app.merit.forms import EvaluationForm, LegacyImportForm, ObjectionDecisionForm, ReasonForm
from app.merit.models import PerformanceEvaluation
from app.merit.permissions import can_decide_objection, can_evaluate
from app.merit.rules import parse_period
from app.merit.services.evaluations import (
    acknowledge_evaluation,
    create_evaluation,
    decide_objection,
    evaluation_for,
    finalise_evaluation,
    object_to_evaluation,
    objection_deadline,
    update_evaluation,
)
from app.merit.services.legacy import import_legacy
from app.merit.services.people import person_or_404
from app.merit.services.talent import calibration
from app.merit.transactions import merit_commit
from app.security import AUTHENTICATED, Role, access
from app.ui.forms import apply_service_error

bp = Blueprint("merit_eval", __name__, url_prefix="/merit", template_folder="../templates")


def _form(evaluation: PerformanceEvaluation | None = None) -> EvaluationForm:
    form = EvaluationForm()
    if request.method == "GET":
        if evaluation is not None:
            form.period.data = evaluation.period
            form.work_result.data = evaluation.work_result.value if evaluation.work_result else None
            form.work_behavior.data = evaluation.work_behavior.value if evaluation.work_behavior else None
            form.notes.data = evaluation.notes
            for entry, target in zip(form.targets.entries, evaluation.targets, strict=False):
                entry.form.process(
                    data=dict(
                        description=target.description,
                        indicator=target.indicator,
                        target=target.target,
                        realisation=target.realisation,
                    )
                )
            while len(form.targets.entries) < len(evaluation.targets):
                target = evaluation.targets[len(form.targets.entries)]
                form.targets.append_entry(
                    {
                        "description": target.description,
                        "indicator": target.indicator,
                        "target": target.target,
                        "realisation": target.realisation,
                    }
                )
            rows = {b.value.value: b for b in evaluation.behaviors}
            form.prepare_behaviors()
            for entry in form.behaviors.entries:
                row = rows.get(entry.form.value.data)
                if row is not None:
                    entry.form.expectation.data = row.expectation
                    entry.form.rating.data = row.rating.value if row.rating else ""
        else:
            form.period.data = request.args.get("period", "")[:7]
            form.prepare_behaviors()
    return form


def _calibration_for(person, period_text: str | None):
    """The calibration of the person's unit for the period being written (None when unknown)."""
    try:
        period = parse_period(period_text)
    except ValueError:
        return None
    return calibration(person.unit, period) if person.unit is not None else None


def _save(form: EvaluationForm, person, evaluation: PerformanceEvaluation | None):
    data = form.to_data()
    data["user_id"] = person.id
    data["finalise"] = request.form.get("submit") == "finalise"
    try:
        with merit_commit():
            if evaluation is None:
                evaluation = create_evaluation(current_user, data)
            else:
                update_evaluation(current_user, evaluation, data)
                if data["finalise"]:
                    finalise_evaluation(current_user, evaluation)
    except ServiceError as exc:
        if exc.status in (403, 404):
            raise
        apply_service_error(form, exc)
        return None
    return evaluation


@bp.route("/people/<int:user_id>/evaluations/new", methods=["GET", "POST"])
@access(Role.EVALUATOR, Role.ADMIN)
def new(user_id: int):
    """Write an evaluation: targets, the seven BerAKHLAK values, the two ratings."""
    person = person_or_404(current_user, user_id)
    if not can_evaluate(current_user, person):
        flash(_("You cannot evaluate this person."), "danger")
        return redirect(url_for("merit.profile", user_id=person.id))
    form = _form()
    if form.validate_on_submit() and (evaluation := _save(form, person, None)) is not None:
        flash(_("The evaluation was saved."), "success")
        return redirect(url_for("merit_eval.detail", evaluation_id=evaluation.id))
    return render_template(
        "merit/evaluation_form.html",
        form=form,
        person=person,
        evaluation=None,
        unit_calibration=_calibration_for(person, form.period.data),
    )


@bp.route("/evaluations/<int:evaluation_id>/edit", methods=["GET", "POST"])
@access(Role.EVALUATOR, Role.ADMIN)
def edit(evaluation_id: int):
    """Change a draft (its evaluator or an admin)."""
    evaluation = evaluation_for(current_user, evaluation_id)
    if not evaluation.is_draft:
        flash(_("Only a draft can be changed."), "warning")
        return redirect(url_for("merit_eval.detail", evaluation_id=evaluation.id))
    form = _form(evaluation)
    form.period.data = evaluation.period
    if form.validate_on_submit() and _save(form, evaluation.user, evaluation) is not None:
        flash(_("The evaluation was saved."), "success")
        return redirect(url_for("merit_eval.detail", evaluation_id=evaluation.id))
    return render_template(
        "merit/evaluation_form.html", form=form, person=evaluation.user, evaluation=evaluation
    )


@bp.get("/evaluations/<int:evaluation_id>")
@access(AUTHENTICATED)
def detail(evaluation_id: int):
    """An evaluation with what the viewer may do next (and the unit's calibration for drafts)."""
    evaluation = evaluation_for(current_user, evaluation_id)
    unit_calibration = _calibration_for(evaluation.user, evaluation.period) if evaluation.is_draft else None
    return render_template(
        "merit/evaluation_detail.html",
        evaluation=evaluation,
        deadline=objection_deadline(evaluation),
        reason_form=ReasonForm(),
        decision_form=ObjectionDecisionForm(),
        may_decide_objection=can_decide_objection(current_user, evaluation),
        unit_calibration=unit_calibration,
    )


def _act(evaluation_id: int, action, success: str):
    evaluation = evaluation_for(current_user, evaluation_id)
    try:
        with merit_commit():
            action(evaluation)
    except ServiceError as exc:
        if exc.status == 404:
            raise
        flash(" ".join([exc.message, *(str(m) for ms in exc.fields.values() for m in ms)]), "danger")
    else:
        flash(success, "success")
    return redirect(url_for("merit_eval.detail", evaluation_id=evaluation_id))


@bp.post("/evaluations/<int:evaluation_id>/finalise")
@access(Role.EVALUATOR, Role.ADMIN)
def finalise(evaluation_id: int):
    """Finalise a draft; the employee is notified."""
    return _act(evaluation_id, lambda e: finalise_evaluation(current_user, e), _("The evaluation is final."))


@bp.post("/evaluations/<int:evaluation_id>/acknowledge")
@access(AUTHENTICATED)
def acknowledge(evaluation_id: int):
    """The employee acknowledges their evaluation."""
    return _act(evaluation_id, lambda e: acknowledge_evaluation(current_user, e), _("Acknowledged."))


@bp.post("/evaluations/<int:evaluation_id>/object")
@access(AUTHENTICATED)
def object_(evaluation_id: int):
    """The employee objects, with a reason, within the deadline."""
    reason = request.form.get("reason", "")
    return _act(
        evaluation_id, lambda e: object_to_evaluation(current_user, e, reason), _("Your objection was sent.")
    )


@bp.post("/evaluations/<int:evaluation_id>/objection")
@access(Role.EVALUATOR, Role.ADMIN)
def objection(evaluation_id: int):
    """A higher evaluator or an admin decides the objection."""
    data = {k: request.form.get(k, "") for k in ("outcome", "justification", "work_result", "work_behavior")}
    return _act(
        evaluation_id, lambda e: decide_objection(current_user, e, data), _("The objection was decided.")
    )


@bp.route("/evaluations/import", methods=["GET", "POST"])
@access(Role.HR, Role.ADMIN)
def legacy_import():
    """Import older PP 46/2011 evaluations (CSV: nip or username, year, skp, behavior)."""
    form = LegacyImportForm()
    if form.validate_on_submit():
        raw = form.file.data.read(5 * 1024 * 1024 + 1)
        try:
            with merit_commit():
                result = import_legacy(current_user, raw)
        except ServiceError as exc:
            apply_service_error(form, exc)
        else:
            flash(_("%(n)s older evaluations were imported.", n=result.created), "success")
            return redirect(url_for("merit_eval.legacy_import"))
    return render_template("merit/legacy_import.html", form=form)
