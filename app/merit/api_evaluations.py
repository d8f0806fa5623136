"""API: performance evaluations (write, finalise, acknowledge, object, decide the objection)."""

from __future__ import annotations

from flask_login import current_user
from sqlalchemy import select

from app.api.common import PageArgsSchema, api_blueprint, page_of, paginated
from app.merit.api_schemas import (
    EvaluationCreateSchema,
    EvaluationSchema,
    ObjectionDecisionSchema,
    ReasonSchema,
)
from app.merit.models import PerformanceEvaluation
from app.merit.services.evaluations import (
    acknowledge_evaluation,
    create_evaluation,
    decide_objection,
    evaluation_for,
    finalise_evaluation,
    object_to_evaluation,
)
from app.merit.services.people import person_or_404
from app.merit.transactions import merit_commit
from app.security import AUTHENTICATED, Role, access

blp = api_blueprint("merit_evaluations_api", __name__, "Merit: performance evaluations")


@blp.route("/evaluations", methods=["POST"])
@access(Role.EVALUATOR, Role.ADMIN)
@blp.arguments(EvaluationCreateSchema)
@blp.response(201, EvaluationSchema)
def create(data):
    """Write a person's evaluation for a period; the predicate follows from the two ratings.

    A draft unless `finalise` is true. 409 when the period already has one.
    """
    with merit_commit():
        evaluation = create_evaluation(current_user, data)
    return evaluation


@blp.route("/evaluations/<int:evaluation_id>", methods=["GET"])
@access(AUTHENTICATED)
@blp.response(200, EvaluationSchema)
def get(evaluation_id: int):
    """An evaluation the caller may see (404 otherwise)."""
    return evaluation_for(current_user, evaluation_id)


@blp.route("/users/<int:user_id>/evaluations", methods=["GET"])
@access(AUTHENTICATED)
@blp.arguments(PageArgsSchema, location="query")
@blp.response(200, page_of(EvaluationSchema))
def list_for_user(args, user_id: int):
    """A person's evaluations, newest first."""
    person = person_or_404(current_user, user_id)
    query = (
        select(PerformanceEvaluation)
        .where(PerformanceEvaluation.user_id == person.id)
        .order_by(PerformanceEvaluation.year.desc(), PerformanceEvaluation.period.desc())
    )
    return paginated(query, args)


@blp.route("/evaluations/<int:evaluation_id>/finalise", methods=["POST"])
@access(Role.EVALUATOR, Role.ADMIN)
@blp.response(200, EvaluationSchema)
def finalise(evaluation_id: int):
    """Finalise a draft (its evaluator or an admin); the person is notified."""
    with merit_commit():
        evaluation = finalise_evaluation(current_user, evaluation_for(current_user, evaluation_id))
    return evaluation


@blp.route("/evaluations/<int:evaluation_id>/acknowledge", methods=["POST"])
@access(AUTHENTICATED)
@blp.response(200, EvaluationSchema)
def acknowledge(evaluation_id: int):
    """The evaluated person acknowledges a finalised evaluation."""
    with merit_commit():
        evaluation = acknowledge_evaluation(current_user, evaluation_for(current_user, evaluation_id))
    return evaluation


@blp.route("/evaluations/<int:evaluation_id>/objection", methods=["POST"])
@access(AUTHENTICATED)
@blp.arguments(ReasonSchema)
@blp.response(200, EvaluationSchema)
def objection(data, evaluation_id: int):
    """The evaluated person objects within the deadline (409 after it, audited)."""
    with merit_commit():
        evaluation = object_to_evaluation(
            current_user, evaluation_for(current_user, evaluation_id), data["reason"]
        )
    return evaluation


@blp.route("/evaluations/<int:evaluation_id>/objection/decision", methods=["POST"])
@access(Role.EVALUATOR, Role.ADMIN)
@blp.arguments(ObjectionDecisionSchema)
@blp.response(200, EvaluationSchema)
def objection_decision(data, evaluation_id: int):
    """A higher evaluator or an admin upholds (with new ratings) or dismisses the objection."""
    with merit_commit():
        evaluation = decide_objection(current_user, evaluation_for(current_user, evaluation_id), data)
    return evaluation
