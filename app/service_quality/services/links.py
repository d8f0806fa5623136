"""Paths to pages for notifications and reminders, built without a request (e.g. from cron)."""

from __future__ import annotations

from typing import Any

from flask import current_app


def path_for(endpoint: str, **values: Any) -> str:
    """The site-relative path of `endpoint` with `values` (works inside or outside a request)."""
    return current_app.url_map.bind("localhost").build(endpoint, values)
