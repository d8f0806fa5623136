"""Marshmallow schemas of the certificates API (shapes of ../shared/api-v1.md "Certificates")."""

from __future__ import annotations

import marshmallow as ma

from app.api.common import PageArgsSchema
from app.certificates.enums import CertificateStatus

STATUSES = [s.value for s in CertificateStatus]


class CertificateSchema(ma.Schema):
    """A certificate as listed for its holder (and HR)."""

    id = ma.fields.Integer(required=True)
    number = ma.fields.String(required=True)
    verification_code = ma.fields.String(required=True)
    course_id = ma.fields.Integer(required=True, allow_none=True)
    course_title = ma.fields.String(required=True)
    issued_at = ma.fields.DateTime(required=True)
    expires_at = ma.fields.Date(required=True, allow_none=True)
    status = ma.fields.String(required=True, validate=ma.validate.OneOf(STATUSES))
    revoked_at = ma.fields.DateTime(required=True, allow_none=True)
    revoked_reason = ma.fields.String(required=True, allow_none=True)
    sha256 = ma.fields.String(required=True)
    verify_url = ma.fields.String(required=True)


class CertificateListArgsSchema(PageArgsSchema):
    """Paging of a person's certificates."""


class RevokeSchema(ma.Schema):
    """`{reason}`: why the certificate is revoked (5–1000 characters)."""

    class Meta:
        unknown = ma.RAISE

    reason = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=1000))


class VerificationSchema(ma.Schema):
    """What anyone may learn from a verification code."""

    status = ma.fields.String(required=True, validate=ma.validate.OneOf(STATUSES))
    number = ma.fields.String(required=True)
    holder_name = ma.fields.String(required=True)
    holder_nip = ma.fields.String(required=True, metadata={"description": "Partly masked"})
    course_title = ma.fields.String(required=True)
    course_code = ma.fields.String(required=True)
    jp = ma.fields.Float(required=True)
    completed_on = ma.fields.Date(required=True, allow_none=True)
    issued_at = ma.fields.Date(required=True)
    expires_at = ma.fields.Date(required=True, allow_none=True)
    revoked_at = ma.fields.DateTime(required=True, allow_none=True)
    revoked_reason = ma.fields.String(required=True, allow_none=True)
    competencies = ma.fields.List(ma.fields.Dict(), required=True)
    sha256 = ma.fields.String(required=True)
