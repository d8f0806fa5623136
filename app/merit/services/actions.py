"""The decision workflow: propose → decide (someone else) → appeal within the deadline → final.

Every step and every refusal that matters is audited; an approved sanction or reward
enters the person's record, and a granted appeal reverses the decision.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record_audit
from app.db import utcnow
from app.extensions import db
from app.merit.enums import (
    ActionCategory,
    ActionStatus,
    AppealOutcome,
    Decision,
    DevelopmentKind,
    RecordStatus,
    SanctionKind,
)
from app.merit.errors import MeritError, RefusalAudit, refusal
from app.merit.links import action_link, queue_link
from app.merit.models import MeritAction, Reward, Sanction
from app.merit.permissions import can_decide, can_propose, can_view_merit
from app.merit.recommendations import all_rules
from app.merit.rules import MAX_YEAR, MIN_YEAR
from app.merit.rules_discipline import sanction_end
from app.merit.services.discipline import (
    DEFAULT_LEGAL_BASIS,
    add_reward,
    add_sanction,
    clean_reward_kind,
    identical_active_overlap,
    lock_person,
    revoke_record,
    satyalancana_blockers,
)
from app.merit.services.people import person_for_merit
from app.notifications.services import notify
from app.org.models import User
from app.security import Role
from app.settings.services import get_setting
from app.validation import FieldErrors, raise_if_errors

MAX_TEXT = 4000


def _text(value: Any, errors: FieldErrors, field: str, message: Any) -> str:
    text = str(value or "").strip()
    if not text:
        errors.add(field, message)
    elif len(text) > MAX_TEXT:
        errors.add(field, _l("Use at most %(n)s characters.", n=MAX_TEXT))
    return text


def _audit(action: str, actor: Any, merit_action: MeritAction, **details: Any) -> None:
    record_audit(
        f"merit.action.{action}",
        actor_id=actor.id,
        subject_type="merit_action",
        subject_id=merit_action.id,
        subject_user_id=merit_action.user_id,
        details={
            "category": merit_action.category.value,
            "kind": merit_action.kind,
            "status": merit_action.status.value,
            **details,
        },
    )


def _refused(action: str, actor: Any, merit_action: MeritAction, reason: str) -> RefusalAudit:
    return RefusalAudit(
        f"merit.action.{action}_refused",
        actor.id,
        "merit_action",
        merit_action.id,
        merit_action.user_id,
        {"reason": reason, "category": merit_action.category.value, "kind": merit_action.kind},
    )


def _clean_kind(category: ActionCategory | None, value: Any, errors: FieldErrors) -> str:
    kind = str(value or "").strip()
    if category is ActionCategory.SANCTION:
        if kind not in {k.value for k in SanctionKind}:
            errors.add("kind", _l("Choose one of the nine sanctions of PP 94/2021."))
    elif category is ActionCategory.REWARD:
        clean_reward_kind(kind, errors)
    elif category is ActionCategory.DEVELOPMENT and kind not in {k.value for k in DevelopmentKind}:
        errors.add("kind", _l("Choose one of the development measures."))
    return kind


def propose_action(actor: Any, data: dict[str, Any], *, today: date | None = None) -> MeritAction:
    """Propose a reward, sanction or development measure for a person (HR, evaluators, admins).

    Refuses a second open proposal of the same kind (409), a sanction identical to an
    active one (409) and a Satyalancana the person is not eligible for (422).
    """
    today = today or date.today()
    person = person_for_merit(actor, data.get("user_id"), field="user_id")
    if not can_propose(actor, person):
        raise MeritError(str(_l("You cannot propose merit actions for this person.")), status=403)
    errors = FieldErrors()
    try:
        category = ActionCategory(str(data.get("category") or ""))
    except ValueError:
        category = None
        errors.add("category", _l("Choose reward, sanction or development."))
    kind = _clean_kind(category, data.get("kind"), errors)
    reason = _text(data.get("reason"), errors, "reason", _l("Say why you propose this."))
    rule = str(data.get("source_rule") or "").strip() or None
    if rule is not None and rule not in {r.code for r in all_rules()}:
        errors.add("source_rule", _l("Unknown recommendation rule."))
    year = data.get("year") or today.year
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        errors.add("year", _l("The year must be between %(a)s and %(b)s.", a=MIN_YEAR, b=MAX_YEAR))
    raise_if_errors(errors, MeritError)
    lock_person(person)
    duplicate = db.session.scalar(
        select(MeritAction.id).where(
            MeritAction.user_id == person.id,
            MeritAction.category == category,
            MeritAction.kind == kind,
            MeritAction.status.in_([ActionStatus.PROPOSED, ActionStatus.APPEALED]),
        )
    )
    if duplicate is not None:
        raise MeritError(
            str(_l("The same action is already open for this person (#%(id)s).", id=duplicate)),
            {"kind": [str(_l("Already proposed."))]},
            status=409,
            code="conflict",
        )
    _check_applicable(person, category, kind, today)
    details = {k: v for k, v in (data.get("details") or {}).items() if isinstance(k, str)}
    legal_basis = str(data.get("legal_basis") or "").strip()[:500]
    if legal_basis:
        details["legal_basis"] = legal_basis
    action = MeritAction(
        user_id=person.id,
        year=year,
        category=category,
        kind=kind,
        reason=reason,
        source_rule=rule,
        details=details,
        status=ActionStatus.PROPOSED,
        proposed_by_id=actor.id,
        proposed_at=utcnow(),
    )
    db.session.add(action)
    db.session.flush()
    _audit("proposed", actor, action, reason=reason, source_rule=rule)
    supervisor = person.supervisor
    if supervisor is not None and supervisor.id != actor.id and supervisor.has_role(Role.EVALUATOR):
        notify(
            supervisor,
            _l("A merit action awaits your decision"),
            _l("%(name)s: %(kind)s", name=person.name, kind=kind),
            link=queue_link(),
            kind="merit",
        )
    return action


def _check_applicable(person: User, category: ActionCategory, kind: str, on: date) -> None:
    """Sanctions must not duplicate an active identical one; Satyalancana needs eligibility."""
    if category is ActionCategory.SANCTION:
        sanction = SanctionKind(kind)
        existing = identical_active_overlap(person, sanction, on, sanction_end(sanction, on))
        if existing is not None:
            raise MeritError(
                str(_l("An identical sanction is already active for this person.")),
                {"kind": [str(_l("Already active."))]},
                status=409,
                code="conflict",
            )
    elif category is ActionCategory.REWARD:
        blockers = satyalancana_blockers(person, kind, on)
        if blockers:
            raise MeritError(
                str(_l("Not eligible for this Satyalancana.")), {"kind": [str(b) for b in blockers]}
            )


def action_for(actor: Any, action_id: int, *, lock: bool = False) -> MeritAction:
    """A merit action about someone the actor may see; 404 otherwise (row-locked when deciding)."""
    query = select(MeritAction).where(MeritAction.id == action_id)
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    action = db.session.scalar(query)
    if action is None or not can_view_merit(actor, action.user):
        raise MeritError(str(_l("The merit action was not found.")), status=404, code="not_found")
    return action


def _apply(actor: Any, action: MeritAction, on: date) -> None:
    """Put an approved sanction or reward on the person's record."""
    if action.category is ActionCategory.SANCTION:
        add_sanction(
            actor,
            action.user,
            kind=SanctionKind(action.kind),
            legal_basis=str(action.details.get("legal_basis") or DEFAULT_LEGAL_BASIS),
            description=action.reason,
            decided_on=on,
            starts_on=on,
            merit_action_id=action.id,
        )
    elif action.category is ActionCategory.REWARD:
        add_reward(
            actor,
            action.user,
            kind=action.kind,
            awarded_on=on,
            description=action.reason,
            merit_action_id=action.id,
        )


def _unapply(actor: Any, action: MeritAction, reason: str) -> None:
    """Revoke the records an action put on file."""
    for model in (Sanction, Reward):
        for row in db.session.scalars(
            select(model).where(model.merit_action_id == action.id, model.status == RecordStatus.ACTIVE)
        ):
            revoke_record(actor, row, reason)


def decide_action(
    actor: Any, action_id: int, data: dict[str, Any], *, today: date | None = None
) -> MeritAction:
    """Approve or reject a proposal with a written justification; never by its proposer (403)."""
    today = today or date.today()
    action = action_for(actor, action_id, lock=True)
    if actor.id is not None and action.proposed_by_id == actor.id:
        raise refusal(
            _l("You proposed this action, so someone else must decide it."),
            status=403,
            code="separation_of_duties",
            audit=_refused("decision", actor, action, "the proposer cannot decide"),
        )
    if not can_decide(actor, action.user):
        raise refusal(
            _l("You cannot decide merit actions for this person."),
            status=403,
            audit=_refused("decision", actor, action, "outside the decider's reach"),
        )
    if action.status is not ActionStatus.PROPOSED:
        raise MeritError(str(_l("This action was already decided.")), status=409, code="conflict")
    errors = FieldErrors()
    try:
        decision = Decision(str(data.get("decision") or ""))
    except ValueError:
        decision = None
        errors.add("decision", _l("Choose approved or rejected."))
    justification = _text(data.get("justification"), errors, "justification", _l("Write the justification."))
    raise_if_errors(errors, MeritError)
    action.status = ActionStatus.APPROVED if decision is Decision.APPROVED else ActionStatus.REJECTED
    action.decision, action.justification = decision, justification
    action.decided_by_id, action.decided_at = actor.id, utcnow()
    action.appeal_deadline = today + timedelta(days=int(get_setting("merit.appeal_days")))
    db.session.flush()
    if decision is Decision.APPROVED:
        _apply(actor, action, today)
    _audit(
        "decided",
        actor,
        action,
        decision=decision.value,
        justification=justification,
        appeal_deadline=action.appeal_deadline.isoformat(),
    )
    notify(
        action.user,
        _l("A merit decision about you: %(decision)s", decision=decision.label),
        _l(
            "%(kind)s. You may appeal until %(date)s.",
            kind=action.kind,
            date=action.appeal_deadline.isoformat(),
        ),
        link=action_link(action.id),
        kind="merit",
    )
    if action.proposed_by is not None:
        notify(
            action.proposed_by,
            _l("Your proposal was decided: %(decision)s", decision=decision.label),
            justification,
            link=action_link(action.id),
            kind="merit",
        )
    return action


def appeal_action(actor: Any, action_id: int, reason: Any, *, today: date | None = None) -> MeritAction:
    """The person appeals a decision about them, with a reason, until the deadline (then 409, audited)."""
    today = today or date.today()
    action = action_for(actor, action_id, lock=True)
    if action.user_id != actor.id:
        raise MeritError(str(_l("Only the person concerned can appeal.")), status=403)
    if action.status not in (ActionStatus.APPROVED, ActionStatus.REJECTED):
        raise MeritError(str(_l("This action cannot be appealed now.")), status=409, code="conflict")
    errors = FieldErrors()
    text = _text(reason, errors, "reason", _l("Say why you appeal."))
    raise_if_errors(errors, MeritError)
    if action.appeal_deadline is not None and today > action.appeal_deadline:
        raise refusal(
            _l("The appeal period ended on %(date)s.", date=action.appeal_deadline.isoformat()),
            status=409,
            code="deadline_passed",
            audit=_refused("appeal", actor, action, f"deadline {action.appeal_deadline.isoformat()} passed"),
        )
    action.status, action.appeal_reason, action.appealed_at = ActionStatus.APPEALED, text, utcnow()
    db.session.flush()
    _audit("appealed", actor, action, appeal_reason=text)
    admins = db.session.scalars(
        select(User).where(User.active.is_(True), User.role_rows.any(role=Role.ADMIN)).limit(20)
    )
    for admin in admins:
        notify(admin, _l("An appeal awaits your decision"), text, link=action_link(action.id), kind="merit")
    return action


def decide_appeal(
    actor: Any, action_id: int, data: dict[str, Any], *, today: date | None = None
) -> MeritAction:
    """An admin dismisses or grants an appeal, with a justification; the action becomes final."""
    today = today or date.today()
    action = action_for(actor, action_id, lock=True)
    if not actor.has_role(Role.ADMIN):
        raise MeritError(str(_l("Only an administrator decides appeals.")), status=403)
    if actor.id is not None and actor.id in (action.proposed_by_id, action.decided_by_id, action.user_id):
        raise refusal(
            _l("You took part in this decision, so another administrator must decide the appeal."),
            status=403,
            code="separation_of_duties",
            audit=_refused("appeal_decision", actor, action, "involved in the decision"),
        )
    if action.status is not ActionStatus.APPEALED:
        raise MeritError(str(_l("There is no open appeal.")), status=409, code="conflict")
    errors = FieldErrors()
    try:
        outcome = AppealOutcome(str(data.get("outcome") or ""))
    except ValueError:
        outcome = None
        errors.add("outcome", _l("Choose dismissed or granted."))
    justification = _text(data.get("justification"), errors, "justification", _l("Write the justification."))
    raise_if_errors(errors, MeritError)
    action.appeal_outcome, action.appeal_justification = outcome, justification
    action.appeal_decided_by_id, action.appeal_decided_at = actor.id, utcnow()
    action.status = ActionStatus.FINAL
    db.session.flush()
    if outcome is AppealOutcome.GRANTED:
        if action.decision is Decision.APPROVED:
            _unapply(actor, action, justification)
        else:
            _apply(actor, action, today)
    _audit(
        "appeal_decided",
        actor,
        action,
        outcome=outcome.value,
        justification=justification,
        final_outcome=action.outcome.value if action.outcome else None,
    )
    involved = {p.id: p for p in (action.user, action.proposed_by, action.decided_by) if p is not None}
    for person in involved.values():
        notify(
            person,
            _l("The appeal was decided: %(outcome)s", outcome=outcome.label),
            justification,
            link=action_link(action.id),
            kind="merit",
        )
    return action
