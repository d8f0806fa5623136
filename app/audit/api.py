"""API: the audit log (`GET /audit?subject_user_id=`)."""

from __future__ import annotations

import marshmallow as ma
from flask_login import current_user

from app.api.common import api_blueprint, page_of, paginated
from app.audit.queries import visible_entries_query
from app.security import Role, access

blp = api_blueprint("audit_api", __name__, "Audit log")


class AuditArgsSchema(ma.Schema):
    class Meta:
        unknown = ma.EXCLUDE

    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=1_000_000))
    per_page = ma.fields.Integer(load_default=20, validate=ma.validate.Range(min=1, max=100))
    subject_user_id = ma.fields.Integer(load_default=None, validate=ma.validate.Range(min=1, max=2**31 - 1))
    action = ma.fields.String(load_default=None, validate=ma.validate.Length(max=80))


class AuditEntrySchema(ma.Schema):
    id = ma.fields.Integer(required=True)
    at = ma.fields.DateTime(required=True)
    actor_id = ma.fields.Integer(allow_none=True)
    action = ma.fields.String(required=True)
    subject_type = ma.fields.String(required=True)
    subject_id = ma.fields.Integer(allow_none=True)
    subject_user_id = ma.fields.Integer(allow_none=True)
    details = ma.fields.Dict(required=True)
    hash = ma.fields.String(required=True)
    prev_hash = ma.fields.String(required=True)


@blp.route("/audit", methods=["GET"])
@access(Role.HR, Role.ADMIN)
@blp.arguments(AuditArgsSchema, location="query")
@blp.response(200, page_of(AuditEntrySchema))
def list_entries(args):
    """Audit entries newest first: admins see all, HR officers those about people in their units."""
    query = visible_entries_query(
        current_user,
        subject_user_id=args["subject_user_id"],
        action=(args["action"] or "").replace("\x00", "") or None,
    )
    return paginated(query, args)
