"""Merit API schemas (shape and types; the services check the rules)."""

from __future__ import annotations

import marshmallow as ma

from app.merit.enums import (
    ActionCategory,
    ActionStatus,
    AppealOutcome,
    Decision,
    EvaluationStatus,
    ObjectionOutcome,
    Potential,
    Predicate,
    Rating,
    SanctionKind,
)
from app.merit.rules import parse_period

RATINGS = [r.value for r in Rating]
ID_RANGE = ma.validate.Range(min=1, max=2**31 - 1)
YEAR_RANGE = ma.validate.Range(min=2000, max=2100)


class Text(ma.fields.String):
    """A string without NUL characters (PostgreSQL refuses them), at most `max_length` long."""

    def __init__(self, *args, max_length: int = 4000, **kwargs) -> None:
        validators = list(kwargs.pop("validate", None) or [])
        validators.append(ma.validate.Length(max=max_length))
        super().__init__(*args, validate=validators, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if "\x00" in text:
            raise ma.ValidationError("NUL characters are not allowed.")
        return text


class Strict(ma.Schema):
    """Request bodies: unknown fields are refused (422), so typos never pass silently."""

    class Meta:
        unknown = ma.RAISE


class YearArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    year = ma.fields.Integer(load_default=None, validate=YEAR_RANGE)


# ---------------------------------------------------------------- evaluations


class WorkTargetSchema(Strict):
    description = Text(required=True, max_length=500)
    indicator = Text(load_default="", max_length=500)
    target = Text(load_default="", max_length=200)
    realisation = Text(load_default="", max_length=200)


class BehaviorRatingSchema(Strict):
    expectation = Text(load_default="")
    rating = ma.fields.String(load_default=None, allow_none=True, validate=ma.validate.OneOf(RATINGS))


class EvaluationCreateSchema(Strict):
    user_id = ma.fields.Integer(required=True, validate=ID_RANGE)
    period = ma.fields.String(required=True, validate=ma.validate.Regexp(r"^\d{4}(-Q[1-4])?$"))
    work_result = ma.fields.String(required=True, validate=ma.validate.OneOf(RATINGS))
    work_behavior = ma.fields.String(required=True, validate=ma.validate.OneOf(RATINGS))
    notes = Text(load_default="")
    targets = ma.fields.List(
        ma.fields.Nested(WorkTargetSchema), load_default=list, validate=ma.validate.Length(max=30)
    )
    behaviors = ma.fields.Dict(
        keys=ma.fields.String(), values=ma.fields.Nested(BehaviorRatingSchema), load_default=dict
    )
    finalise = ma.fields.Boolean(load_default=False)


class EvaluationSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(required=True)
    period = ma.fields.String(required=True)
    evaluator_id = ma.fields.Integer(allow_none=True)
    work_result = ma.fields.Enum(Rating, by_value=True, allow_none=True)
    work_behavior = ma.fields.Enum(Rating, by_value=True, allow_none=True)
    predicate = ma.fields.Enum(Predicate, by_value=True, required=True)
    status = ma.fields.Enum(EvaluationStatus, by_value=True, required=True)
    notes = ma.fields.String()
    finalised_at = ma.fields.DateTime(allow_none=True)
    objection_reason = ma.fields.String(allow_none=True)
    objection_outcome = ma.fields.Enum(ObjectionOutcome, by_value=True, allow_none=True)
    legacy_score = ma.fields.Float(allow_none=True)
    legacy_category = ma.fields.String(allow_none=True)


class ReasonSchema(Strict):
    reason = Text(required=True)


class ObjectionDecisionSchema(Strict):
    outcome = ma.fields.String(required=True, validate=ma.validate.OneOf([o.value for o in ObjectionOutcome]))
    justification = Text(required=True)
    work_result = ma.fields.String(load_default=None, allow_none=True, validate=ma.validate.OneOf(RATINGS))
    work_behavior = ma.fields.String(load_default=None, allow_none=True, validate=ma.validate.OneOf(RATINGS))


# ---------------------------------------------------------------- records


class AbsenceWriteSchema(Strict):
    year = ma.fields.Integer(required=True, validate=YEAR_RANGE)
    days = ma.fields.Integer(required=True, validate=ma.validate.Range(min=0, max=366))
    longest_consecutive = ma.fields.Integer(load_default=0, validate=ma.validate.Range(min=0, max=366))


class AbsenceSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(required=True)
    year = ma.fields.Integer(required=True)
    days = ma.fields.Integer(required=True)
    longest_consecutive = ma.fields.Integer(required=True)
    recommended_sanction = ma.fields.String(
        allow_none=True, metadata={"description": "A sanction code of PP 94/2021, or null below 3 days."}
    )


class SanctionWriteSchema(Strict):
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf([k.value for k in SanctionKind]))
    legal_basis = Text(required=True, max_length=500)
    description = Text(load_default="")
    decided_on = ma.fields.Date(required=True)
    starts_on = ma.fields.Date(load_default=None, allow_none=True)


class SanctionSchema(ma.Schema):
    """A sanction; `legal_basis`, `description` and `attachments` only for those with a need."""

    id = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True)
    level = ma.fields.String(required=True)
    decided_on = ma.fields.Date(required=True)
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(allow_none=True)
    status = ma.fields.String(required=True)
    legal_basis = ma.fields.String(allow_none=True)
    description = ma.fields.String(allow_none=True)
    attachments = ma.fields.List(ma.fields.String(), allow_none=True)


class RewardWriteSchema(Strict):
    kind = Text(required=True, max_length=40)
    awarded_on = ma.fields.Date(required=True)
    description = Text(load_default="")


class RewardSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(required=True)
    kind = ma.fields.String(required=True)
    awarded_on = ma.fields.Date(required=True)
    description = ma.fields.String()
    status = ma.fields.String(required=True)


# ---------------------------------------------------------------- profile, grid, KPIs


class MeritJpSchema(ma.Schema):
    earned = ma.fields.Float(allow_none=True)
    target = ma.fields.Float(allow_none=True)


class KpiFactSchema(ma.Schema):
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    unit_of_measure = ma.fields.String(required=True)
    target = ma.fields.Float(allow_none=True)
    actual = ma.fields.Float(allow_none=True)
    achievement_percent = ma.fields.Float(allow_none=True)


class MeritRecommendationSchema(ma.Schema):
    category = ma.fields.Enum(ActionCategory, by_value=True, required=True)
    kind = ma.fields.String(required=True)
    reasons = ma.fields.List(ma.fields.String(), required=True)
    rule = ma.fields.String(required=True)


class MeritProfileSchema(ma.Schema):
    user_id = ma.fields.Integer(required=True)
    year = ma.fields.Integer(required=True)
    job_person_match = ma.fields.Float(allow_none=True)
    band = ma.fields.String(allow_none=True)
    potential = ma.fields.Enum(Potential, by_value=True, allow_none=True)
    potential_source = ma.fields.String(allow_none=True)
    performance_predicate = ma.fields.Enum(Predicate, by_value=True, allow_none=True)
    predicate_year = ma.fields.Integer(allow_none=True)
    performance = ma.fields.Enum(Rating, by_value=True, allow_none=True)
    jp = ma.fields.Nested(MeritJpSchema, required=True)
    kpis = ma.fields.List(ma.fields.Nested(KpiFactSchema), required=True)
    kpi_achievement_percent = ma.fields.Float(allow_none=True)
    active_sanctions = ma.fields.List(ma.fields.Nested(SanctionSchema), required=True)
    rewards = ma.fields.List(ma.fields.Nested(RewardSchema), required=True)
    talent_box = ma.fields.Integer(allow_none=True, validate=ma.validate.Range(min=1, max=9))
    box_action = ma.fields.String(allow_none=True)
    recommendations = ma.fields.List(ma.fields.Nested(MeritRecommendationSchema), required=True)


class TalentGridSchema(ma.Schema):
    unit_id = ma.fields.Integer(required=True)
    year = ma.fields.Integer(required=True)
    boxes = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.List(ma.fields.Integer()), required=True)
    computed_at = ma.fields.DateTime(allow_none=True)


class UnitKpiSchema(ma.Schema):
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    unit_of_measure = ma.fields.String(required=True)
    direction = ma.fields.String(required=True)
    source = ma.fields.String(required=True)
    target = ma.fields.Float(allow_none=True)
    actual = ma.fields.Float(allow_none=True)
    achievement_percent = ma.fields.Float(allow_none=True)


class UnitKpisSchema(ma.Schema):
    items = ma.fields.List(ma.fields.Nested(UnitKpiSchema), required=True)


class CalibrationSchema(ma.Schema):
    period = ma.fields.String(required=True)
    organisation_predicate = ma.fields.String(required=True)
    counts = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Integer(), required=True)
    total = ma.fields.Integer(required=True)
    warnings = ma.fields.List(
        ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.String()), required=True
    )


def _valid_period(value: str) -> None:
    """The period's year must also be in range (the pattern alone lets "1999" through)."""
    try:
        parse_period(value)
    except ValueError as exc:
        raise ma.ValidationError(str(exc)) from None


class CalibrationArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    period = ma.fields.String(
        load_default=None, validate=[ma.validate.Regexp(r"^\d{4}(-Q[1-4])?$"), _valid_period]
    )


# ---------------------------------------------------------------- merit actions


class ActionCreateSchema(Strict):
    user_id = ma.fields.Integer(required=True, validate=ID_RANGE)
    category = ma.fields.String(required=True, validate=ma.validate.OneOf([c.value for c in ActionCategory]))
    kind = Text(required=True, max_length=40)
    reason = Text(required=True)
    legal_basis = Text(load_default="", max_length=500)
    source_rule = Text(load_default=None, allow_none=True, max_length=40)
    year = ma.fields.Integer(load_default=None, allow_none=True, validate=YEAR_RANGE)


class ActionSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    user_id = ma.fields.Integer(required=True)
    year = ma.fields.Integer(required=True)
    category = ma.fields.Enum(ActionCategory, by_value=True, required=True)
    kind = ma.fields.String(required=True)
    reason = ma.fields.String(allow_none=True)
    source_rule = ma.fields.String(allow_none=True)
    status = ma.fields.Enum(ActionStatus, by_value=True, required=True)
    proposed_by_id = ma.fields.Integer(allow_none=True)
    proposed_at = ma.fields.DateTime(required=True)
    decision = ma.fields.Enum(Decision, by_value=True, allow_none=True)
    justification = ma.fields.String(allow_none=True)
    decided_by_id = ma.fields.Integer(allow_none=True)
    decided_at = ma.fields.DateTime(allow_none=True)
    appeal_deadline = ma.fields.Date(allow_none=True)
    appeal_reason = ma.fields.String(allow_none=True)
    appeal_outcome = ma.fields.Enum(AppealOutcome, by_value=True, allow_none=True)
    outcome = ma.fields.Enum(Decision, by_value=True, allow_none=True)


class ActionListArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=1_000_000))
    per_page = ma.fields.Integer(load_default=20, validate=ma.validate.Range(min=1, max=100))
    user_id = ma.fields.Integer(load_default=None, validate=ID_RANGE)
    status = ma.fields.String(load_default=None, validate=ma.validate.OneOf([s.value for s in ActionStatus]))


class DecisionSchema(Strict):
    decision = ma.fields.String(required=True, validate=ma.validate.OneOf([d.value for d in Decision]))
    justification = Text(required=True)


class AppealDecisionSchema(Strict):
    outcome = ma.fields.String(required=True, validate=ma.validate.OneOf([o.value for o in AppealOutcome]))
    justification = Text(required=True)
