"""API schemas of the courses area (shape and types; the rules live in the services)."""

from __future__ import annotations

import copy

import marshmallow as ma

from app.api.common import id_field
from app.courses.enums import CourseStatus, DeliveryForm, EnrollmentStatus, MaterialKind

DELIVERIES = [d.value for d in DeliveryForm]
STATUSES = [s.value for s in CourseStatus]
ENROLLMENT_STATUSES = [s.value for s in EnrollmentStatus]
API_MATERIAL_KINDS = [MaterialKind.TEXT.value, MaterialKind.LINK.value]


class CourseCompetencySchema(ma.Schema):
    competency_id = id_field(required=True)
    target_level = ma.fields.Integer(required=True, validate=ma.validate.Range(min=1, max=5))


class CourseSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    code = ma.fields.String(required=True)
    title = ma.fields.String(required=True)
    description = ma.fields.String()
    jp = ma.fields.Float(required=True)
    delivery = ma.fields.Function(lambda c: c.delivery.value, metadata={"enum": DELIVERIES})
    delivery_name = ma.fields.Function(lambda c: c.delivery.label)
    status = ma.fields.Function(lambda c: c.status.value, metadata={"enum": STATUSES})
    validity_months = ma.fields.Integer(allow_none=True)
    allow_level_above_target = ma.fields.Boolean()
    competencies = ma.fields.List(ma.fields.Nested(CourseCompetencySchema))
    prerequisite_ids = ma.fields.Function(lambda c: [p.id for p in c.prerequisites])


class CourseWriteSchema(ma.Schema):
    """A new course (a draft unless `status` is `published`)."""

    code = ma.fields.String(required=True, validate=ma.validate.Length(max=30))
    title = ma.fields.String(required=True, validate=ma.validate.Length(max=200))
    description = ma.fields.String(validate=ma.validate.Length(max=20000))
    jp = ma.fields.Float(required=True, validate=ma.validate.Range(min=0, max=1000, min_inclusive=False))
    delivery = ma.fields.String(required=True, validate=ma.validate.OneOf(DELIVERIES))
    status = ma.fields.String(validate=ma.validate.OneOf(STATUSES))
    validity_months = ma.fields.Integer(allow_none=True, validate=ma.validate.Range(min=1, max=600))
    allow_level_above_target = ma.fields.Boolean()
    competencies = ma.fields.List(
        ma.fields.Nested(CourseCompetencySchema), validate=ma.validate.Length(max=50)
    )
    prerequisite_ids = ma.fields.List(id_field(), validate=ma.validate.Length(max=50))


def _all_optional(schema: type[ma.Schema], name: str) -> type[ma.Schema]:
    """A copy of `schema` whose fields are all optional (for PATCH bodies)."""
    fields = {}
    for field_name, field in schema._declared_fields.items():
        optional = copy.deepcopy(field)
        optional.required = False
        fields[field_name] = optional
    return ma.Schema.from_dict(fields, name=name)


# Some fields of a course; `competencies` and `prerequisite_ids` replace their sets.
CoursePatchSchema = _all_optional(CourseWriteSchema, "CoursePatchSchema")


class CourseListArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=1_000_000))
    per_page = ma.fields.Integer(load_default=20, validate=ma.validate.Range(min=1, max=100))
    q = ma.fields.String(load_default="", validate=ma.validate.Length(max=200))
    competency_id = id_field(load_default=None)
    delivery = ma.fields.String(load_default="", validate=ma.validate.OneOf(["", "KL", "NKL", *DELIVERIES]))
    # HR and admins only (employees always get published courses); archived ones only when asked for.
    status = ma.fields.String(load_default="", validate=ma.validate.OneOf(["", *STATUSES]))


class MaterialSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    course_id = ma.fields.Integer()
    position = ma.fields.Integer()
    title = ma.fields.String()
    kind = ma.fields.Function(lambda m: m.kind.value, metadata={"enum": [k.value for k in MaterialKind]})
    body = ma.fields.String()
    url = ma.fields.String()
    file_name = ma.fields.String(allow_none=True)
    required = ma.fields.Boolean()


class MaterialWriteSchema(ma.Schema):
    title = ma.fields.String(required=True, validate=ma.validate.Length(max=200))
    kind = ma.fields.String(required=True, validate=ma.validate.OneOf(API_MATERIAL_KINDS))
    body = ma.fields.String(validate=ma.validate.Length(max=100_000))
    url = ma.fields.String(validate=ma.validate.Length(max=500))
    required = ma.fields.Boolean(load_default=True)


class ClassSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    course_id = ma.fields.Integer()
    name = ma.fields.String()
    capacity = ma.fields.Integer()
    starts_on = ma.fields.Date()
    ends_on = ma.fields.Date()
    enrol_deadline = ma.fields.Date(allow_none=True)
    location = ma.fields.String()
    online_url = ma.fields.String()
    cancelled_at = ma.fields.DateTime(allow_none=True, dump_only=True)
    cancel_reason = ma.fields.String(allow_none=True, dump_only=True)


class ClassWriteSchema(ma.Schema):
    name = ma.fields.String(required=True, validate=ma.validate.Length(max=200))
    capacity = ma.fields.Integer(required=True, validate=ma.validate.Range(min=1, max=100_000))
    starts_on = ma.fields.Date(required=True)
    ends_on = ma.fields.Date(required=True)
    enrol_deadline = ma.fields.Date(allow_none=True)
    location = ma.fields.String(validate=ma.validate.Length(max=200))
    online_url = ma.fields.String(validate=ma.validate.Length(max=500))


class EnrollmentSchema(ma.Schema):
    id = ma.fields.Integer()
    user_id = ma.fields.Integer()
    class_id = ma.fields.Integer()
    course_id = ma.fields.Integer()
    status = ma.fields.Function(lambda e: e.status.value, metadata={"enum": ENROLLMENT_STATUSES})
    due_on = ma.fields.Date(allow_none=True)
    progress_percent = ma.fields.Integer()
    enrolled_at = ma.fields.DateTime()
    completed_at = ma.fields.DateTime(allow_none=True)


class EnrollmentWriteSchema(ma.Schema):
    """No `user_id`: self-enrolment; with `user_id`: an HR assignment."""

    user_id = id_field()
    due_on = ma.fields.Date(allow_none=True)


class AssignmentWriteSchema(ma.Schema):
    user_ids = ma.fields.List(id_field(), validate=ma.validate.Length(max=10_000))
    unit_id = id_field(allow_none=True)
    include_subunits = ma.fields.Boolean(load_default=False)
    position_id = id_field(allow_none=True)
    gaps = ma.fields.Boolean(load_default=False)
    due_on = ma.fields.Date(allow_none=True)
    dry_run = ma.fields.Boolean(load_default=False)


class AssignmentResultSchema(ma.Schema):
    assigned = ma.fields.Integer(required=True)
    already_enrolled = ma.fields.Integer(required=True)
    waitlisted = ma.fields.Integer(required=True)
    targeted = ma.fields.Integer(required=True)


class ProgressWriteSchema(ma.Schema):
    material_id = id_field(required=True)


class EnrollmentListArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=1_000_000))
    per_page = ma.fields.Integer(load_default=20, validate=ma.validate.Range(min=1, max=100))
    status = ma.fields.String(load_default="", validate=ma.validate.OneOf(["", *ENROLLMENT_STATUSES]))
