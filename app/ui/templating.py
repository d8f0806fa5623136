"""Jinja filters and globals: dates, numbers, navigation, the bell, page links."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask import Flask, request, url_for
from flask_babel import format_date, format_datetime, format_decimal, get_locale
from flask_login import current_user

from app.notifications.services import unread_count
from app.security import ROLE_LABELS
from app.ui.nav import nav_for, person_links_for
from app.ui.wtforms_i18n import install_form_translations


def _fmt_date(value: date | datetime | None, fmt: str = "medium") -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = value.date() if fmt != "datetime" else value
    return format_date(value, fmt)


def _fmt_datetime(value: datetime | None, fmt: str = "medium") -> str:
    return "—" if value is None else format_datetime(value, fmt)


def _fmt_number(value: float | int | None, digits: int = 0) -> str:
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern)


def page_url(page: int, **extra: Any) -> str:
    """The current URL with another page number, keeping every other query argument."""
    args = request.args.to_dict(flat=False)
    args.update({k: v for k, v in extra.items()})
    args["page"] = [str(page)]
    return url_for(request.endpoint or "main.home", **(request.view_args or {}), **args)


def export_url(fmt: str) -> str:
    """The current URL asking for a download (`csv`/`xlsx`) with the same filters, all pages."""
    args = request.args.to_dict(flat=False)
    args.pop("page", None)
    args["format"] = [fmt]
    return url_for(request.endpoint or "main.home", **(request.view_args or {}), **args)


def _context() -> dict[str, Any]:
    context: dict[str, Any] = {"current_locale": str(get_locale() or "id")}
    if current_user.is_authenticated:
        context["nav_items"] = nav_for(current_user)
        context["unread_notifications"] = unread_count(current_user.id)
        context["person_links"] = person_links_for(current_user)
    else:
        context["nav_items"] = []
        context["unread_notifications"] = 0
    return context


def register_templating(app: Flask) -> None:
    """Install filters, globals and the context processor."""
    app.jinja_env.filters["date"] = _fmt_date
    app.jinja_env.filters["datetime"] = _fmt_datetime
    app.jinja_env.filters["number"] = _fmt_number
    app.jinja_env.globals["page_url"] = page_url
    app.jinja_env.globals["export_url"] = export_url
    app.jinja_env.globals["role_labels"] = ROLE_LABELS
    app.context_processor(_context)
    install_form_translations()
