"""API: merit actions — propose, decide (never the proposer: 403), appeal, decide the appeal."""

from __future__ import annotations

from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.api.common import api_blueprint, page_of, paginated
from app.merit.api_schemas import (
    ActionCreateSchema,
    ActionListArgsSchema,
    ActionSchema,
    AppealDecisionSchema,
    DecisionSchema,
    ReasonSchema,
)
from app.merit.enums import ActionCategory
from app.merit.models import MeritAction
from app.merit.permissions import can_view_sanction_details, visible_merit_condition
from app.merit.services.actions import action_for, appeal_action, decide_action, decide_appeal, propose_action
from app.merit.transactions import merit_commit
from app.org.models import User
from app.org.permissions import in_managed_scope
from app.security import AUTHENTICATED, Role, access

blp = api_blueprint("merit_actions_api", __name__, "Merit: actions and decisions")

FIELDS = [name for name in ActionSchema().fields if name not in ("reason", "outcome")]


def _doc(action: MeritAction, show_reason: bool) -> dict:
    """The action as the API shows it; a sanction's reason only to those who may see its details."""
    doc = {name: getattr(action, name) for name in FIELDS}
    doc["outcome"] = action.outcome
    doc["reason"] = action.reason if show_reason else None
    return doc


def _reason_visible(action: MeritAction, *, precise: bool) -> bool:
    if action.category is not ActionCategory.SANCTION:
        return True
    if current_user.id in (action.user_id, action.proposed_by_id, action.decided_by_id):
        return True
    if current_user.has_role(Role.HR, Role.ADMIN):
        return in_managed_scope(current_user, action.user)
    return precise and can_view_sanction_details(current_user, action.user)


@blp.route("/merit-actions", methods=["POST"])
@access(Role.HR, Role.EVALUATOR, Role.ADMIN)
@blp.arguments(ActionCreateSchema)
@blp.response(201, ActionSchema)
def create(data):
    """Propose a reward, sanction or development measure; `kind` is a code of domain.md §5–6."""
    with merit_commit():
        action = propose_action(current_user, data)
    return _doc(action, True)


@blp.route("/merit-actions", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(ActionListArgsSchema, location="query")
@blp.response(200, page_of(ActionSchema))
def list_actions(args):
    """Merit actions about people the caller may see (oneself for employees), newest first."""
    query = (
        select(MeritAction)
        .options(joinedload(MeritAction.user))
        .where(MeritAction.user_id.in_(select(User.id).where(visible_merit_condition(current_user))))
        .order_by(MeritAction.id.desc())
    )
    if args["user_id"]:
        query = query.where(MeritAction.user_id == args["user_id"])
    if args["status"]:
        query = query.where(MeritAction.status == args["status"])
    page = paginated(query, args)
    page["items"] = [_doc(a, _reason_visible(a, precise=False)) for a in page["items"]]
    return page


@blp.route("/merit-actions/<int:action_id>", methods=["GET"])
@access(AUTHENTICATED)
@blp.response(200, ActionSchema)
def get(action_id: int):
    """One merit action (404 when not visible)."""
    action = action_for(current_user, action_id)
    return _doc(action, _reason_visible(action, precise=True))


@blp.route("/merit-actions/<int:action_id>/decision", methods=["POST"])
@access(Role.EVALUATOR, Role.ADMIN)
@blp.arguments(DecisionSchema)
@blp.response(200, ActionSchema)
def decision(data, action_id: int):
    """Approve or reject with a justification; 403 when the decider proposed it (audited)."""
    with merit_commit():
        action = decide_action(current_user, action_id, data)
    return _doc(action, True)


@blp.route("/merit-actions/<int:action_id>/appeal", methods=["POST"])
@access(AUTHENTICATED)
@blp.arguments(ReasonSchema)
@blp.response(200, ActionSchema)
def appeal(data, action_id: int):
    """The person concerned appeals within the deadline (409 after it, audited)."""
    with merit_commit():
        action = appeal_action(current_user, action_id, data["reason"])
    return _doc(action, True)


@blp.route("/merit-actions/<int:action_id>/appeal/decision", methods=["POST"])
@access(Role.ADMIN)
@blp.arguments(AppealDecisionSchema)
@blp.response(200, ActionSchema)
def appeal_decision(data, action_id: int):
    """An administrator not involved in the decision dismisses or grants the appeal."""
    with merit_commit():
        action = decide_appeal(current_user, action_id, data)
    return _doc(action, True)
