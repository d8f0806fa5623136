"""API schemas of public service quality (shape and types; the rules live in the services)."""

from __future__ import annotations

import marshmallow as ma

from app.service_quality.enums import (
    AgeBand,
    Category,
    Channel,
    ComplaintStatus,
    Education,
    Gender,
    Occupation,
)

MAX_ID = 2**31 - 1
_ID = {"validate": ma.validate.Range(min=1, max=MAX_ID)}


def _one_of(enum_cls) -> ma.validate.OneOf:
    return ma.validate.OneOf([e.value for e in enum_cls])


class SurveyResponseInSchema(ma.Schema):
    """One questionnaire: `answers` holds one 1–4 value per active element, in order (nine by default)."""

    unit_id = ma.fields.Integer(required=True, **_ID)
    service_date = ma.fields.Date(required=True)
    answers = ma.fields.List(
        ma.fields.Integer(strict=True, validate=ma.validate.Range(min=1, max=4)),
        required=True,
        validate=ma.validate.Length(min=1, max=50),
    )
    service_id = ma.fields.Integer(allow_none=True, load_default=None, **_ID)
    age_band = ma.fields.String(allow_none=True, load_default=None, validate=_one_of(AgeBand))
    gender = ma.fields.String(allow_none=True, load_default=None, validate=_one_of(Gender))
    education = ma.fields.String(allow_none=True, load_default=None, validate=_one_of(Education))
    occupation = ma.fields.String(allow_none=True, load_default=None, validate=_one_of(Occupation))
    suggestion = ma.fields.String(allow_none=True, load_default=None, validate=ma.validate.Length(max=2000))


class SurveyResponseOutSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    unit_id = ma.fields.Integer(required=True)
    service_date = ma.fields.Date(required=True)
    submitted_on = ma.fields.Date(required=True)


class IkmArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    year = ma.fields.Integer(load_default=None, validate=ma.validate.Range(min=2000, max=2100))
    period = ma.fields.String(
        load_default=None,
        validate=ma.validate.Regexp(r"^\d{4}(-(S[12]|Q[1-4]|\d{2}))?$"),
        metadata={"description": "2026, 2026-S1, 2026-Q2 or 2026-05; overrides `year`"},
    )


class ElementSchema(ma.Schema):
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    weight = ma.fields.String(required=True, metadata={"description": "exact fraction, e.g. 1/9"})


class IkmSchema(ma.Schema):
    """NRR per element in questionnaire order, IKM (1–4), converted IKM (25–100) and grade A–D."""

    unit_id = ma.fields.Integer(required=True)
    period_start = ma.fields.Date(required=True)
    period_end = ma.fields.Date(required=True)
    respondents = ma.fields.Integer(required=True)
    nrr = ma.fields.List(ma.fields.Float(allow_none=True), required=True)
    ikm = ma.fields.Float(allow_none=True, required=True)
    converted = ma.fields.Float(allow_none=True, required=True)
    grade = ma.fields.String(allow_none=True, required=True)
    elements = ma.fields.List(ma.fields.Nested(ElementSchema), required=True)


class ComplaintInSchema(ma.Schema):
    """A complaint; without a token the channel is `web`, HR may record the other channels."""

    unit_id = ma.fields.Integer(required=True, **_ID)
    channel = ma.fields.String(load_default=Channel.WEB.value, validate=_one_of(Channel))
    category = ma.fields.String(required=True, validate=_one_of(Category))
    text = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=5000))
    service_date = ma.fields.Date(required=True)
    service_id = ma.fields.Integer(allow_none=True, load_default=None, **_ID)
    contact_name = ma.fields.String(allow_none=True, load_default=None, validate=ma.validate.Length(max=200))
    contact = ma.fields.String(allow_none=True, load_default=None, validate=ma.validate.Length(max=200))
    confidential = ma.fields.Boolean(load_default=False)


class ComplaintCreatedSchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    tracking_code = ma.fields.String(required=True)


class TransitionSchema(ma.Schema):
    to = ma.fields.String(required=True, validate=_one_of(ComplaintStatus))
    note = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=2000))
    officer_id = ma.fields.Integer(allow_none=True, load_default=None, **_ID)
    answer = ma.fields.String(allow_none=True, load_default=None, validate=ma.validate.Length(max=5000))


class ComplaintSchema(ma.Schema):
    """A complaint as staff see it; `contact_name` and `contact` are null when hidden from the caller."""

    id = ma.fields.Integer(required=True)
    tracking_code = ma.fields.String(required=True)
    unit_id = ma.fields.Integer(required=True)
    service_id = ma.fields.Integer(allow_none=True)
    channel = ma.fields.String(required=True)
    category = ma.fields.String(required=True)
    text = ma.fields.String(required=True)
    service_date = ma.fields.Date(required=True)
    status = ma.fields.String(required=True)
    officer_id = ma.fields.Integer(allow_none=True)
    due_on = ma.fields.Date(allow_none=True)
    overdue = ma.fields.Boolean(required=True)
    answer = ma.fields.String(allow_none=True)
    confidential = ma.fields.Boolean(required=True)
    contact_name = ma.fields.String(allow_none=True)
    contact = ma.fields.String(allow_none=True)
    received_at = ma.fields.DateTime(required=True)
    first_response_at = ma.fields.DateTime(allow_none=True)
    resolved_at = ma.fields.DateTime(allow_none=True)
    closed_at = ma.fields.DateTime(allow_none=True)


class ComplaintListArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=1_000_000))
    per_page = ma.fields.Integer(load_default=20, validate=ma.validate.Range(min=1, max=100))
    unit_id = ma.fields.Integer(load_default=None, **_ID)
    status = ma.fields.String(load_default=None, validate=_one_of(ComplaintStatus))
    assigned_to_me = ma.fields.Boolean(load_default=False)


class PublicStepSchema(ma.Schema):
    status = ma.fields.String(required=True)
    at = ma.fields.DateTime(required=True)
    answer = ma.fields.String(allow_none=True)


class ComplaintStatusSchema(ma.Schema):
    """What the public may know of a complaint: no identity, no internal notes."""

    tracking_code = ma.fields.String(required=True)
    unit_id = ma.fields.Integer(required=True)
    category = ma.fields.String(required=True)
    status = ma.fields.String(required=True)
    received_at = ma.fields.DateTime(required=True)
    steps = ma.fields.List(ma.fields.Nested(PublicStepSchema), required=True)


class PublicServiceSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    unit_id = ma.fields.Integer(dump_only=True)
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    description = ma.fields.String(load_default="", validate=ma.validate.Length(max=2000))
    digital = ma.fields.Boolean(load_default=False)
    active = ma.fields.Boolean(dump_only=True)


class InnovationSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    unit_id = ma.fields.Integer(required=True, **_ID)
    title = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    description = ma.fields.String(load_default="", validate=ma.validate.Length(max=4000))
    implemented_on = ma.fields.Date(required=True)
    evidence = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=2000))
