"""The flask-smorest `Api` that generates `/api/v1/openapi.json` from the code."""

from __future__ import annotations

import marshmallow as ma
from flask_smorest import Api


class FieldErrorsSchema(ma.Schema):
    """Inner part of the error document."""

    code = ma.fields.String(required=True)
    message = ma.fields.String(required=True)
    fields = ma.fields.Dict(keys=ma.fields.String(), values=ma.fields.Raw(), required=True)


class ErrorSchema(ma.Schema):
    """`{"error": {"code", "message", "fields"}}`: every API error looks like this."""

    error = ma.fields.Nested(FieldErrorsSchema, required=True)


class LenteraApi(Api):
    """`Api` whose error documents follow api-v1.md.

    flask-smorest would install its own app-wide HTTP error handler; Lentera's
    handlers in `app.errors` already answer JSON on `/api/` and HTML elsewhere,
    so that registration is skipped.
    """

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self) -> None:  # pragma: no cover - intentionally empty
        return None
