"""API schemas of the competency area (shape and types; the rules live in the services)."""

from __future__ import annotations

import marshmallow as ma

from app.competency.enums import MANUAL_SOURCES, CompetencyKind, EvidenceSource

KINDS = [k.value for k in CompetencyKind]
ID = ma.validate.Range(min=1, max=2**31 - 1)


class LevelSchema(ma.Schema):
    level = ma.fields.Integer(required=True)
    title = ma.fields.String(required=True, validate=ma.validate.Length(max=500))
    indicators = ma.fields.List(ma.fields.String(validate=ma.validate.Length(max=1000)), load_default=list)


class CompetencySchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    code = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    kind = ma.fields.Function(lambda c: c.kind.value, dump_only=True, metadata={"enum": KINDS})
    definition = ma.fields.String()
    fixed = ma.fields.Boolean(dump_only=True)
    levels = ma.fields.List(ma.fields.Nested(LevelSchema), required=True)


class CompetencyWriteSchema(ma.Schema):
    """A technical competency: code `T.<n>` (optional: the next free one), name, definition, five levels."""

    code = ma.fields.String(validate=ma.validate.Length(max=20))
    name = ma.fields.String(required=True, validate=ma.validate.Length(max=200))
    definition = ma.fields.String(load_default="", validate=ma.validate.Length(max=5000))
    levels = ma.fields.List(ma.fields.Nested(LevelSchema), required=True, validate=ma.validate.Length(max=10))


class CompetencyListArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=1_000_000))
    per_page = ma.fields.Integer(load_default=20, validate=ma.validate.Range(min=1, max=100))
    kind = ma.fields.String(load_default=None, validate=ma.validate.OneOf(KINDS))


class ImportArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    dry_run = ma.fields.Boolean(load_default=False)


class ImportErrorSchema(ma.Schema):
    index = ma.fields.Integer()
    code = ma.fields.String()
    fields = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.List(ma.fields.String()))


class ImportResultSchema(ma.Schema):
    created = ma.fields.Integer(required=True)
    updated = ma.fields.Integer(required=True)
    unchanged = ma.fields.Integer()
    errors = ma.fields.List(ma.fields.Nested(ImportErrorSchema), required=True)
    applied = ma.fields.Boolean()
    dry_run = ma.fields.Boolean()


class RequirementSchema(ma.Schema):
    competency_id = ma.fields.Integer(required=True)
    level = ma.fields.Integer(required=True)
    code = ma.fields.Function(lambda r: r.competency.code, dump_only=True)
    name = ma.fields.Function(lambda r: r.competency.name, dump_only=True)


class DocumentSchema(ma.Schema):
    filename = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    content_base64 = ma.fields.String(required=True, validate=ma.validate.Length(max=30_000_000))


class EvidenceWriteSchema(ma.Schema):
    competency_id = ma.fields.Integer(required=True, validate=ID)
    level = ma.fields.Integer(required=True, validate=ma.validate.Range(min=-1000, max=1000))
    source = ma.fields.String(required=True, validate=ma.validate.OneOf([s.value for s in MANUAL_SOURCES]))
    note = ma.fields.String(load_default="", validate=ma.validate.Length(max=5000))
    override = ma.fields.Boolean(load_default=False)
    expires_on = ma.fields.Date(load_default=None, allow_none=True)
    document = ma.fields.Nested(DocumentSchema, load_default=None, allow_none=True)


class EvidenceSchema(ma.Schema):
    id = ma.fields.Integer()
    user_id = ma.fields.Integer()
    competency_id = ma.fields.Integer()
    level = ma.fields.Integer()
    source = ma.fields.Function(
        lambda e: e.source.value, metadata={"enum": [s.value for s in EvidenceSource]}
    )
    override = ma.fields.Boolean()
    note = ma.fields.String()
    effective_on = ma.fields.Date()
    expires_on = ma.fields.Date(allow_none=True)
    source_ref = ma.fields.String(allow_none=True)
    recorded_by_id = ma.fields.Integer(allow_none=True)
    recorded_at = ma.fields.DateTime()


class ProfileArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    year = ma.fields.Integer(load_default=None, validate=ma.validate.Range(min=2000, max=2100))


class JpSchema(ma.Schema):
    year = ma.fields.Integer()
    earned = ma.fields.Float()
    target = ma.fields.Float()
    cap = ma.fields.Float(allow_none=True)
    below_target = ma.fields.Boolean()


class ProfileLineSchema(ma.Schema):
    competency_id = ma.fields.Integer()
    code = ma.fields.String()
    required_level = ma.fields.Integer(allow_none=True)
    current_level = ma.fields.Integer(allow_none=True)
    gap = ma.fields.Integer(allow_none=True)


class RecommendationSchema(ma.Schema):
    course_id = ma.fields.Integer()
    competency_id = ma.fields.Integer()
    title = ma.fields.String(allow_none=True)


class ProfileSchema(ma.Schema):
    user_id = ma.fields.Integer()
    position_id = ma.fields.Integer(allow_none=True)
    job_person_match = ma.fields.Float(allow_none=True)
    band = ma.fields.String(allow_none=True)
    jp = ma.fields.Nested(JpSchema)
    competencies = ma.fields.List(ma.fields.Nested(ProfileLineSchema))
    recommendations = ma.fields.List(ma.fields.Nested(RecommendationSchema))
