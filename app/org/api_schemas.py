"""API schemas for units, positions and users (shape and types; rules live in services)."""

from __future__ import annotations

import marshmallow as ma

from app.org.enums import Employment, Tier
from app.security import Role

TIERS = [t.value for t in Tier]
ROLES = [r.value for r in Role]
EMPLOYMENTS = [e.value for e in Employment]


class UnitSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    code = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40))
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    parent_id = ma.fields.Integer(allow_none=True, load_default=None, validate=ma.validate.Range(min=1))
    active = ma.fields.Boolean(dump_only=True)


class PositionSchema(ma.Schema):
    id = ma.fields.Integer(dump_only=True)
    code = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40))
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    tier = ma.fields.String(required=True, validate=ma.validate.OneOf(TIERS))
    active = ma.fields.Boolean(dump_only=True)


class UserSchema(ma.Schema):
    """A user as the API shows it (never the password hash)."""

    id = ma.fields.Integer(required=True)
    username = ma.fields.String(required=True)
    name = ma.fields.String(required=True)
    email = ma.fields.String(required=True)
    nip = ma.fields.String(allow_none=True)
    roles = ma.fields.List(ma.fields.String(validate=ma.validate.OneOf(ROLES)), required=True)
    unit_id = ma.fields.Integer(allow_none=True)
    position_id = ma.fields.Integer(allow_none=True)
    supervisor_id = ma.fields.Integer(allow_none=True)
    employment = ma.fields.String(validate=ma.validate.OneOf(EMPLOYMENTS))
    appointed_on = ma.fields.Date(allow_none=True)
    active = ma.fields.Boolean()
    locale = ma.fields.String(allow_none=True)


class UserWriteSchema(ma.Schema):
    """Fields accepted when creating (all rules are checked by the people service)."""

    username = ma.fields.String(required=True, validate=ma.validate.Length(max=64))
    password = ma.fields.String(load_only=True, validate=ma.validate.Length(max=200))
    name = ma.fields.String(required=True, validate=ma.validate.Length(max=200))
    email = ma.fields.String(required=True, validate=ma.validate.Length(max=254))
    nip = ma.fields.String(allow_none=True, validate=ma.validate.Length(max=30))
    roles = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(ROLES)), validate=ma.validate.Length(max=4)
    )
    unit_id = ma.fields.Integer(allow_none=True, validate=ma.validate.Range(min=1, max=2**31 - 1))
    position_id = ma.fields.Integer(allow_none=True, validate=ma.validate.Range(min=1, max=2**31 - 1))
    supervisor_id = ma.fields.Integer(allow_none=True, validate=ma.validate.Range(min=1, max=2**31 - 1))
    employment = ma.fields.String(validate=ma.validate.OneOf(EMPLOYMENTS))
    appointed_on = ma.fields.Date(allow_none=True)
    active = ma.fields.Boolean()
    locale = ma.fields.String(allow_none=True, validate=ma.validate.OneOf(["id", "en"]))


class UserListArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=1_000_000))
    per_page = ma.fields.Integer(load_default=20, validate=ma.validate.Range(min=1, max=100))
    q = ma.fields.String(load_default="", validate=ma.validate.Length(max=100))
    unit_id = ma.fields.Integer(load_default=None, validate=ma.validate.Range(min=1, max=2**31 - 1))
    role = ma.fields.String(load_default=None, validate=ma.validate.OneOf(ROLES))


class UserPatchSchema(UserWriteSchema):
    """Every field optional: PATCH changes only what it names."""

    username = ma.fields.String(validate=ma.validate.Length(max=64))
    name = ma.fields.String(validate=ma.validate.Length(max=200))
    email = ma.fields.String(validate=ma.validate.Length(max=254))
