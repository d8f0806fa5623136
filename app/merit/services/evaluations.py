"""Performance evaluations: write (draft), finalise, acknowledge, object, decide the objection."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.audit.services import record_audit
from app.db import utcnow
from app.extensions import db
from app.merit.enums import BehaviorValue, EvaluationStatus, ObjectionOutcome, Rating
from app.merit.errors import MeritError, RefusalAudit, refusal
from app.merit.links import evaluation_link
from app.merit.models import EvaluationBehavior, EvaluationTarget, PerformanceEvaluation
from app.merit.permissions import can_decide_objection, can_evaluate, can_view_merit
from app.merit.rules import Period, parse_period, predicate_for
from app.merit.services.people import person_for_merit
from app.merit.services.snapshots import refresh_snapshots
from app.notifications.services import notify
from app.org.models import User
from app.security import Role
from app.settings.services import get_setting
from app.validation import FieldErrors, raise_if_errors

MAX_TARGETS = 30
MAX_TEXT = 4000


def clean_rating(value: Any, errors: FieldErrors, field: str, *, required: bool = True) -> Rating | None:
    """One of below, meets, above."""
    if value in (None, ""):
        if required:
            errors.add(field, _l("Choose below, meets or above."))
        return None
    try:
        return Rating(str(value).strip().lower())
    except ValueError:
        errors.add(field, _l("Choose below, meets or above."))
        return None


def _clean_text(value: Any, errors: FieldErrors, field: str, max_length: int = MAX_TEXT) -> str:
    text = str(value or "").strip()
    if len(text) > max_length:
        errors.add(field, _l("Use at most %(n)s characters.", n=max_length))
    return text


def _clean_targets(raw: Any, errors: FieldErrors) -> list[dict[str, str]]:
    targets: list[dict[str, str]] = []
    if raw in (None, ""):
        return targets
    if not isinstance(raw, list) or len(raw) > MAX_TARGETS:
        errors.add("targets", _l("Give at most %(n)s work targets.", n=MAX_TARGETS))
        return targets
    for index, item in enumerate(raw):
        item = item if isinstance(item, dict) else {}
        description = _clean_text(item.get("description"), errors, f"targets.{index}.description", 500)
        if not description:
            if any(str(item.get(k) or "").strip() for k in ("indicator", "target", "realisation")):
                errors.add(f"targets.{index}.description", _l("Describe the work target."))
            continue
        targets.append(
            {
                "description": description,
                "indicator": _clean_text(item.get("indicator"), errors, f"targets.{index}.indicator", 500),
                "target": _clean_text(item.get("target"), errors, f"targets.{index}.target", 200),
                "realisation": _clean_text(
                    item.get("realisation"), errors, f"targets.{index}.realisation", 200
                ),
            }
        )
    return targets


def _clean_behaviors(raw: Any, errors: FieldErrors) -> dict[BehaviorValue, dict[str, Any]]:
    behaviors: dict[BehaviorValue, dict[str, Any]] = {}
    if raw in (None, ""):
        return behaviors
    if not isinstance(raw, dict):
        errors.add("behaviors", _l("Give the BerAKHLAK values by code."))
        return behaviors
    for key, item in raw.items():
        try:
            value = BehaviorValue(str(key))
        except ValueError:
            errors.add("behaviors", _l("Unknown BerAKHLAK value: %(code)s.", code=key))
            continue
        item = item if isinstance(item, dict) else {}
        behaviors[value] = {
            "expectation": _clean_text(item.get("expectation"), errors, f"behaviors.{value}.expectation"),
            "rating": clean_rating(item.get("rating"), errors, f"behaviors.{value}.rating", required=False),
        }
    return behaviors


def _clean(data: dict[str, Any], *, creating: bool) -> dict[str, Any]:
    errors = FieldErrors()
    clean: dict[str, Any] = {}
    if creating:
        try:
            clean["period"] = parse_period(data.get("period"))
        except ValueError as exc:
            errors.add("period", exc.args[0])
    clean["work_result"] = clean_rating(data.get("work_result"), errors, "work_result")
    clean["work_behavior"] = clean_rating(data.get("work_behavior"), errors, "work_behavior")
    clean["notes"] = _clean_text(data.get("notes"), errors, "notes")
    clean["targets"] = _clean_targets(data.get("targets"), errors)
    clean["behaviors"] = _clean_behaviors(data.get("behaviors"), errors)
    raise_if_errors(errors, MeritError)
    return clean


def _apply(evaluation: PerformanceEvaluation, clean: dict[str, Any]) -> None:
    evaluation.work_result = clean["work_result"]
    evaluation.work_behavior = clean["work_behavior"]
    evaluation.predicate = predicate_for(clean["work_result"], clean["work_behavior"])
    evaluation.notes = clean["notes"]
    evaluation.targets = [EvaluationTarget(position=i, **t) for i, t in enumerate(clean["targets"])]
    existing = {b.value: b for b in evaluation.behaviors}
    rows = []
    for value in BehaviorValue:
        item = clean["behaviors"].get(value)
        row = existing.get(value) or EvaluationBehavior(value=value)
        if item is not None:
            row.expectation, row.rating = item["expectation"], item["rating"]
        rows.append(row)
    evaluation.behaviors = rows


def _summary(evaluation: PerformanceEvaluation) -> dict[str, Any]:
    return {
        "period": evaluation.period,
        "work_result": evaluation.work_result.value if evaluation.work_result else None,
        "work_behavior": evaluation.work_behavior.value if evaluation.work_behavior else None,
        "predicate": evaluation.predicate.value,
        "status": evaluation.status.value,
    }


def _audit(action: str, actor: Any, evaluation: PerformanceEvaluation, **extra: Any) -> None:
    record_audit(
        f"merit.evaluation.{action}",
        actor_id=actor.id,
        subject_type="evaluation",
        subject_id=evaluation.id,
        subject_user_id=evaluation.user_id,
        details={**_summary(evaluation), **extra},
    )


def create_evaluation(actor: Any, data: dict[str, Any]) -> PerformanceEvaluation:
    """Write a person's evaluation for a period (a draft unless `finalise` is true).

    Refuses an unknown or invisible person (422 on `user_id`), oneself or someone out of
    reach (403), a rating outside below/meets/above (422) and a second evaluation for
    the same period (409).
    """
    person = person_for_merit(actor, data.get("user_id"), field="user_id")
    if not can_evaluate(actor, person):
        raise MeritError(str(_l("You cannot evaluate this person.")), status=403)
    clean = _clean(data, creating=True)
    period: Period = clean["period"]
    evaluation = PerformanceEvaluation(
        user_id=person.id,
        period=period.code,
        year=period.year,
        quarter=period.quarter,
        evaluator_id=actor.id,
        created_by_id=actor.id,
        status=EvaluationStatus.DRAFT,
    )
    _apply(evaluation, clean)
    try:
        with db.session.begin_nested():
            db.session.add(evaluation)
            db.session.flush()
    except IntegrityError:
        raise MeritError(
            str(_l("%(period)s already has an evaluation for this person.", period=period.code)),
            {"period": [str(_l("This period already has an evaluation."))]},
            status=409,
            code="conflict",
        ) from None
    _audit("created", actor, evaluation)
    if data.get("finalise"):
        finalise_evaluation(actor, evaluation)
    return evaluation


def _require_editor(actor: Any, evaluation: PerformanceEvaluation) -> None:
    if evaluation.evaluator_id != actor.id and not actor.has_role(Role.ADMIN):
        raise MeritError(str(_l("Only the evaluator who wrote it can change this evaluation.")), status=403)


def update_evaluation(
    actor: Any, evaluation: PerformanceEvaluation, data: dict[str, Any]
) -> PerformanceEvaluation:
    """Change a draft (only the evaluator who wrote it, or an admin)."""
    _require_editor(actor, evaluation)
    if not evaluation.is_draft:
        raise MeritError(str(_l("Only a draft can be changed.")), status=409, code="conflict")
    _apply(evaluation, _clean(data, creating=False))
    db.session.flush()
    _audit("updated", actor, evaluation)
    return evaluation


def finalise_evaluation(actor: Any, evaluation: PerformanceEvaluation) -> PerformanceEvaluation:
    """Finalise a draft: the person is notified and may acknowledge or object within the deadline."""
    _require_editor(actor, evaluation)
    if not evaluation.is_draft:
        raise MeritError(str(_l("This evaluation is already final.")), status=409, code="conflict")
    evaluation.status = EvaluationStatus.FINALISED
    evaluation.finalised_at = utcnow()
    db.session.flush()
    _audit("finalised", actor, evaluation)
    days = int(get_setting("merit.objection_days"))
    notify(
        evaluation.user,
        _l("Your performance evaluation for %(period)s is final", period=evaluation.period),
        _l(
            "Predicate: %(predicate)s. Acknowledge it, or object within %(days)s days.",
            predicate=evaluation.predicate.label,
            days=days,
        ),
        link=evaluation_link(evaluation.id),
        kind="merit",
    )
    refresh_snapshots([evaluation.user_id], [evaluation.year])
    return evaluation


def _require_subject(actor: Any, evaluation: PerformanceEvaluation) -> None:
    if actor.id != evaluation.user_id:
        raise MeritError(str(_l("Only the evaluated person can do this.")), status=403)


def acknowledge_evaluation(actor: Any, evaluation: PerformanceEvaluation) -> PerformanceEvaluation:
    """The person accepts their finalised evaluation."""
    _require_subject(actor, evaluation)
    if evaluation.status is not EvaluationStatus.FINALISED:
        raise MeritError(
            str(_l("Only a finalised evaluation can be acknowledged.")), status=409, code="conflict"
        )
    evaluation.status = EvaluationStatus.ACKNOWLEDGED
    evaluation.acknowledged_at = utcnow()
    db.session.flush()
    _audit("acknowledged", actor, evaluation)
    return evaluation


def objection_deadline(evaluation: PerformanceEvaluation) -> date | None:
    """The last day the person may object (the setting's days after finalising)."""
    if evaluation.finalised_at is None:
        return None
    return evaluation.finalised_at.date() + timedelta(days=int(get_setting("merit.objection_days")))


def object_to_evaluation(
    actor: Any, evaluation: PerformanceEvaluation, reason: Any, *, today: date | None = None
) -> PerformanceEvaluation:
    """The person objects, with a reason, within the deadline; a late objection is refused and audited."""
    _require_subject(actor, evaluation)
    if evaluation.status is not EvaluationStatus.FINALISED:
        raise MeritError(
            str(_l("Only a finalised evaluation can be objected to.")), status=409, code="conflict"
        )
    errors = FieldErrors()
    text = _clean_text(reason, errors, "reason")
    if not text:
        errors.add("reason", _l("Say why you object."))
    raise_if_errors(errors, MeritError)
    today = today or date.today()
    deadline = objection_deadline(evaluation)
    if deadline is not None and today > deadline:
        raise refusal(
            _l("The objection period ended on %(date)s.", date=deadline.isoformat()),
            status=409,
            code="deadline_passed",
            audit=RefusalAudit(
                "merit.evaluation.objection_refused",
                actor.id,
                "evaluation",
                evaluation.id,
                evaluation.user_id,
                {"reason": "deadline passed", "deadline": deadline.isoformat(), "today": today.isoformat()},
            ),
        )
    evaluation.status = EvaluationStatus.OBJECTED
    evaluation.objection_reason = text
    evaluation.objected_at = utcnow()
    db.session.flush()
    _audit("objected", actor, evaluation, objection=text)
    for reviewer in _objection_reviewers(evaluation):
        notify(
            reviewer,
            _l(
                "%(name)s objects to the evaluation for %(period)s",
                name=evaluation.user.name,
                period=evaluation.period,
            ),
            text,
            link=evaluation_link(evaluation.id),
            kind="merit",
        )
    return evaluation


def _objection_reviewers(evaluation: PerformanceEvaluation) -> list[User]:
    evaluator = evaluation.evaluator
    superior = evaluator.supervisor if evaluator is not None else None
    if superior is not None and superior.active and superior.has_role(Role.EVALUATOR):
        return [superior]
    from_role = select(User).where(User.active.is_(True), User.role_rows.any(role=Role.ADMIN))
    return list(db.session.scalars(from_role.limit(20)))


def decide_objection(
    actor: Any, evaluation: PerformanceEvaluation, data: dict[str, Any]
) -> PerformanceEvaluation:
    """A higher evaluator or an admin upholds (new ratings) or dismisses an objection, with a reason."""
    if not can_decide_objection(actor, evaluation):
        raise MeritError(str(_l("Only a higher evaluator or an admin decides this objection.")), status=403)
    if evaluation.status is not EvaluationStatus.OBJECTED:
        raise MeritError(str(_l("There is no open objection.")), status=409, code="conflict")
    errors = FieldErrors()
    try:
        outcome = ObjectionOutcome(str(data.get("outcome") or ""))
    except ValueError:
        outcome = None
        errors.add("outcome", _l("Choose upheld or dismissed."))
    justification = _clean_text(data.get("justification"), errors, "justification")
    if not justification:
        errors.add("justification", _l("Write the justification."))
    ratings: dict[str, Rating | None] = {}
    if outcome is ObjectionOutcome.UPHELD:
        ratings["work_result"] = clean_rating(data.get("work_result"), errors, "work_result")
        ratings["work_behavior"] = clean_rating(data.get("work_behavior"), errors, "work_behavior")
        if (ratings["work_result"], ratings["work_behavior"]) == (
            evaluation.work_result,
            evaluation.work_behavior,
        ):
            errors.add("work_result", _l("Upholding an objection changes at least one rating."))
    raise_if_errors(errors, MeritError)
    before = _summary(evaluation)
    if outcome is ObjectionOutcome.UPHELD:
        evaluation.work_result = ratings["work_result"]
        evaluation.work_behavior = ratings["work_behavior"]
        evaluation.predicate = predicate_for(evaluation.work_result, evaluation.work_behavior)
    evaluation.status = EvaluationStatus.OBJECTION_DECIDED
    evaluation.objection_outcome = outcome
    evaluation.objection_justification = justification
    evaluation.objection_decided_by_id = actor.id
    evaluation.objection_decided_at = utcnow()
    db.session.flush()
    _audit(
        "objection_decided",
        actor,
        evaluation,
        outcome=outcome.value,
        justification=justification,
        before=before,
    )
    notify(
        evaluation.user,
        _l("Your objection for %(period)s was decided", period=evaluation.period),
        _l(
            "Outcome: %(outcome)s. Predicate now: %(predicate)s.",
            outcome=outcome.label,
            predicate=evaluation.predicate.label,
        ),
        link=evaluation_link(evaluation.id),
        kind="merit",
    )
    refresh_snapshots([evaluation.user_id], [evaluation.year])
    return evaluation


def evaluation_for(actor: Any, evaluation_id: int) -> PerformanceEvaluation:
    """An evaluation the actor may see; 404 otherwise."""
    evaluation = db.session.get(PerformanceEvaluation, evaluation_id)
    if evaluation is None or not can_view_merit(actor, evaluation.user):
        raise MeritError(str(_l("The evaluation was not found.")), status=404, code="not_found")
    return evaluation
