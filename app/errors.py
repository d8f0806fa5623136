"""Service errors and the HTTP error handlers (HTML pages for people, JSON for the API)."""

from __future__ import annotations

from typing import Any

from flask import Flask, current_app, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.security import is_api_request


class ServiceError(Exception):
    """A use case refused its input; carries a message and per-field reasons.

    Views map `fields` onto their form, the API returns them in the error body.
    Each package subclasses it (`OrgError`, `CourseError` …).
    """

    status = 422
    code = "validation_error"

    def __init__(
        self,
        message: str,
        fields: dict[str, list[str]] | None = None,
        *,
        status: int | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}
        if status is not None:
            self.status = status
        if code is not None:
            self.code = code


class NotFoundError(ServiceError):
    """The object does not exist or is not visible to the caller."""

    status = 404
    code = "not_found"


class ForbiddenError(ServiceError):
    """The caller may see the object but not do this to it."""

    status = 403
    code = "forbidden"


class ConflictError(ServiceError):
    """The request conflicts with the current state (duplicate, full, wrong state)."""

    status = 409
    code = "conflict"


_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "validation_error",
    429: "rate_limited",
    500: "server_error",
}


def error_body(
    status: int, message: str, fields: dict[str, Any] | None = None, code: str | None = None
) -> dict[str, Any]:
    """The API's error document: `{"error": {"code", "message", "fields"}}`."""
    return {
        "error": {
            "code": code or _HTTP_CODES.get(status, "error"),
            "message": message,
            "fields": fields or {},
        }
    }


def _webargs_fields(error: HTTPException) -> dict[str, Any]:
    """Flatten webargs' `{"json": {"field": [...]}}` messages to a field map."""
    data = getattr(error, "data", None) or {}
    messages = data.get("messages") or data.get("errors") or {}
    fields: dict[str, Any] = {}
    for location_messages in messages.values():
        if isinstance(location_messages, dict):
            fields.update(location_messages)
        else:
            fields.setdefault("_schema", []).extend(location_messages)
    return fields


def _default_message(status: int) -> str:
    messages = {
        400: _("The request could not be understood."),
        401: _("Please sign in first."),
        403: _("You do not have permission to do this."),
        404: _("The page or item was not found."),
        405: _("This method is not allowed here."),
        409: _("The request conflicts with the current state."),
        413: _("The upload is too large."),
        422: _("Some fields are not valid."),
        429: _("Too many requests. Please wait a moment and try again."),
    }
    return messages.get(status, _("Something went wrong on our side."))


def handle_http_exception(error: HTTPException):
    """Render an HTTP error as JSON on the API and as a friendly page elsewhere."""
    status = error.code or 500
    if isinstance(error, CSRFError):
        message = _("The form expired or was sent twice. Please reload the page and try again.")
    elif status == 429:
        message = _("Too many attempts. Please wait a minute and try again.")
    else:
        message = _default_message(status)
    if is_api_request():
        fields = _webargs_fields(error) if status in (400, 422) else {}
        data = getattr(error, "data", None) or {}
        if data.get("message"):
            message = data["message"]
        response = jsonify(error_body(status, message, fields))
        response.status_code = status
        if status == 401:
            response.headers["WWW-Authenticate"] = "Bearer"
        return response
    template = f"errors/{status}.html" if status in (403, 404, 429, 500) else "errors/generic.html"
    return render_template(template, status=status, message=message), status


def handle_service_error(error: ServiceError):
    """A service error that escaped a view: JSON on the API, an error page elsewhere."""
    if is_api_request():
        return jsonify(error_body(error.status, error.message, error.fields, error.code)), error.status
    template = "errors/generic.html"
    if error.status in (403, 404):
        template = f"errors/{error.status}.html"
    return render_template(template, status=error.status, message=error.message), error.status


def handle_unexpected(error: Exception):
    """Log an unexpected exception and answer 500 without leaking internals."""
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    return handle_http_exception(InternalServerError())


def register_error_handlers(app: Flask) -> None:
    """Attach the handlers for HTTP errors, service errors and anything unexpected."""
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(ServiceError, handle_service_error)
    if not app.config.get("TESTING") or app.config.get("HANDLE_UNEXPECTED_ERRORS"):
        app.register_error_handler(Exception, handle_unexpected)
