"""Merit action pages: propose, decide (someone else), appeal (the person), decide the appeal (admin)."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.errors import ServiceError
from app.merit.enums import DEVELOPMENT_LABELS, SANCTION_LABELS, ActionCategory, ActionStatus
from app.merit.forms import AppealDecisionForm, DecisionForm, ProposeForm, ReasonForm
from app.merit.permissions import can_decide, can_propose, can_view_sanction_details
from app.merit.services.actions import action_for, appeal_action, decide_action, decide_appeal, propose_action
from app.merit.services.people import person_or_404
from app.merit.settings import reward_kinds
from app.merit.transactions import merit_commit
from app.security import AUTHENTICATED, Role, access
from app.ui.forms import apply_service_error

bp = Blueprint("merit_actions", __name__, url_prefix="/merit", template_folder="../templates")


def kind_groups() -> list[tuple[ActionCategory, list[tuple[str, str]]]]:
    """Kinds per category for the proposal form."""
    return [
        (ActionCategory.REWARD, sorted(reward_kinds().items())),
        (ActionCategory.SANCTION, [(k.value, v) for k, v in SANCTION_LABELS.items()]),
        (ActionCategory.DEVELOPMENT, [(k.value, str(v)) for k, v in DEVELOPMENT_LABELS.items()]),
    ]


@bp.route("/people/<int:user_id>/propose", methods=["GET", "POST"])
@access(Role.HR, Role.EVALUATOR, Role.ADMIN)
def propose(user_id: int):
    """Propose a reward, sanction or development measure (pre-filled from a recommendation)."""
    person = person_or_404(current_user, user_id)
    if not can_propose(current_user, person):
        flash(_("You cannot propose merit actions for this person."), "danger")
        return redirect(url_for("merit.profile", user_id=person.id))
    form = ProposeForm(formdata=request.form if request.method == "POST" else request.args)
    form.category.choices = [(c.value, c.label) for c in ActionCategory]
    form.kind.choices = [(k, v) for _c, kinds in kind_groups() for k, v in kinds]
    if request.method == "POST" and form.validate():
        data = {
            "user_id": person.id,
            "category": form.category.data,
            "kind": form.kind.data,
            "reason": form.reason.data,
            "legal_basis": form.legal_basis.data,
            "source_rule": form.source_rule.data or None,
        }
        try:
            with merit_commit():
                action = propose_action(current_user, data)
        except ServiceError as exc:
            if exc.status in (403, 404):
                raise
            apply_service_error(form, exc)
        else:
            flash(_("The proposal was sent for a decision."), "success")
            return redirect(url_for("merit_actions.detail", action_id=action.id))
    return render_template("merit/propose.html", form=form, person=person, kind_groups=kind_groups())


@bp.get("/actions/<int:action_id>")
@access(AUTHENTICATED)
def detail(action_id: int):
    """A merit action with its decision, appeal and the forms the viewer may use."""
    action = action_for(current_user, action_id)
    today = date.today()
    return render_template(
        "merit/action_detail.html",
        action=action,
        may_decide=action.status is ActionStatus.PROPOSED
        and action.proposed_by_id != current_user.id
        and can_decide(current_user, action.user),
        is_proposer=action.proposed_by_id == current_user.id,
        may_appeal=action.user_id == current_user.id
        and action.status in (ActionStatus.APPROVED, ActionStatus.REJECTED)
        and (action.appeal_deadline is None or today <= action.appeal_deadline),
        may_decide_appeal=action.status is ActionStatus.APPEALED
        and current_user.has_role(Role.ADMIN)
        and current_user.id not in (action.proposed_by_id, action.decided_by_id, action.user_id),
        show_reason=action.category is not ActionCategory.SANCTION
        or can_view_sanction_details(current_user, action.user),
        decision_form=DecisionForm(),
        appeal_form=ReasonForm(),
        appeal_decision_form=AppealDecisionForm(),
    )


def _step(action_id: int, step, success: str):
    try:
        with merit_commit():
            step()
    except ServiceError as exc:
        if exc.status == 404:
            raise
        flash(" ".join([exc.message, *(str(m) for ms in exc.fields.values() for m in ms)]), "danger")
        return detail(action_id), exc.status
    flash(success, "success")
    return redirect(url_for("merit_actions.detail", action_id=action_id))


@bp.post("/actions/<int:action_id>/decision")
@access(Role.EVALUATOR, Role.ADMIN)
def decision(action_id: int):
    """Approve or reject with a justification; the proposer is refused (403)."""
    data = {
        "decision": request.form.get("decision", ""),
        "justification": request.form.get("justification", ""),
    }
    return _step(
        action_id, lambda: decide_action(current_user, action_id, data), _("The decision was recorded.")
    )


@bp.post("/actions/<int:action_id>/appeal")
@access(AUTHENTICATED)
def appeal(action_id: int):
    """The person appeals within the deadline."""
    reason = request.form.get("reason", "")
    return _step(
        action_id, lambda: appeal_action(current_user, action_id, reason), _("Your appeal was sent.")
    )


@bp.post("/actions/<int:action_id>/appeal-decision")
@access(Role.ADMIN)
def appeal_decision(action_id: int):
    """An administrator decides the appeal; the action becomes final."""
    data = {
        "outcome": request.form.get("outcome", ""),
        "justification": request.form.get("justification", ""),
    }
    return _step(
        action_id, lambda: decide_appeal(current_user, action_id, data), _("The appeal was decided.")
    )
