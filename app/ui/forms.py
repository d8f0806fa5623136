"""Helpers shared by every form: mapping service errors onto fields, choice lists."""

from __future__ import annotations

from flask import flash
from flask_wtf import FlaskForm

from app.errors import ServiceError


def apply_service_error(form: FlaskForm, error: ServiceError) -> None:
    """Show a service's per-field reasons beside the fields; the rest as a flash message.

    The user's input stays in the form because the view re-renders the same form.
    """
    unplaced: list[str] = []
    for name, messages in error.fields.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            if not isinstance(field.errors, list):
                field.errors = list(field.errors)
            field.errors.extend(str(m) for m in messages)
        else:
            unplaced.extend(str(m) for m in messages)
    flash(" ".join([error.message, *unplaced]), "danger")
