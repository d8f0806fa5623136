"""API schemas for units, positions and users (shape and types; rules live in services)."""

from __future__ import annotations

import marshmallow as ma

from app.api.common import PageArgsSchema, id_field
from app.org.enums import Employment, Tier
from app.security import Role
from app.validation import CODE_RE

TIERS = [t.value for t in Tier]
# Documented shapes (the services check them again and say exactly what is wrong).
CODE = ma.validate.Regexp(CODE_RE.pattern, error="Use up to 40 letters, digits, dots, dashes or slashes.")
EMAIL = {"format": "email"}
USERNAME = ma.validate.Regexp(
    r"^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$", error="Use 3–64 letters, digits, dots, dashes or underscores."
)
ROLES = [r.value for r in Role]
EMPLOYMENTS = [e.value for e in Employment]


class UnitSchema(ma.Schema):
    """A unit of the organisation tree."""

    id = ma.fields.Integer(dump_only=True)
    code = ma.fields.String(required=True, validate=CODE)
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    parent_id = id_field(allow_none=True, load_default=None)
    active = ma.fields.Boolean(dump_only=True)


class PositionSchema(ma.Schema):
    """A position (jabatan) and its tier."""

    id = ma.fields.Integer(dump_only=True)
    code = ma.fields.String(required=True, validate=CODE)
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

    username = ma.fields.String(required=True, validate=USERNAME)
    password = ma.fields.String(load_only=True, validate=ma.validate.Length(max=200))
    name = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=200))
    email = ma.fields.String(required=True, validate=ma.validate.Length(max=254), metadata=EMAIL)
    nip = ma.fields.String(
        allow_none=True,
        validate=ma.validate.Length(max=30),
        metadata={"description": "18 digits: birth date, appointment month, gender (1/2), serial"},
    )
    roles = ma.fields.List(
        ma.fields.String(validate=ma.validate.OneOf(ROLES)), validate=ma.validate.Length(max=4)
    )
    unit_id = id_field(allow_none=True)
    position_id = id_field(allow_none=True)
    supervisor_id = id_field(allow_none=True)
    employment = ma.fields.String(validate=ma.validate.OneOf(EMPLOYMENTS))
    appointed_on = ma.fields.Date(allow_none=True)
    active = ma.fields.Boolean()
    locale = ma.fields.String(allow_none=True, validate=ma.validate.OneOf(["id", "en"]))


class UserListArgsSchema(PageArgsSchema):
    """`?page=&per_page=&q=&unit_id=&role=` on the people list."""

    q = ma.fields.String(load_default="", validate=ma.validate.Length(max=100))
    unit_id = id_field(load_default=None)
    role = ma.fields.String(load_default=None, validate=ma.validate.OneOf(ROLES))


class UserPatchSchema(UserWriteSchema):
    """Every field optional: PATCH changes only what it names."""

    username = ma.fields.String(validate=USERNAME)
    name = ma.fields.String(validate=ma.validate.Length(min=1, max=200))
    email = ma.fields.String(validate=ma.validate.Length(max=254), metadata=EMAIL)
