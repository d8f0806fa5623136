"""HTTP-level input hygiene shared by every page and API endpoint.

* `<int:...>` URL parts are bounded to what an `INTEGER` column holds, so an id
  like `/users/99999999999999999999` is a plain 404 instead of a database error.
* Text containing NUL characters (which PostgreSQL refuses to store or compare)
  is refused before any view runs: 422 with the field name on the API, 400 on pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from flask import Flask, abort, request
from flask_babel import gettext as _
from werkzeug.routing import IntegerConverter

from app.errors import ServiceError

MAX_ID = 2**31 - 1


class BoundedIntConverter(IntegerConverter):
    """`<int:x>` accepting 0 … 2³¹−1 unless a route gives its own bounds."""

    def __init__(
        self,
        map,
        fixed_digits: int = 0,
        min: int | None = None,
        max: int | None = MAX_ID,
        signed: bool = False,
    ) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def bounded_int_arg(name: str, *, minimum: int = 1, maximum: int = MAX_ID) -> int | None:
    """An integer query argument, or None when it is absent, not a number or out of range."""
    value = request.args.get(name, type=int)
    if value is None or not minimum <= value <= maximum:
        return None
    return value


def _strings_with_nul(value: Any, path: str) -> Iterator[str]:
    """Dotted paths of every string (or key) in a JSON value that contains a NUL character."""
    if isinstance(value, str):
        if "\x00" in value:
            yield path or "_body"
    elif isinstance(value, dict):
        for key, item in value.items():
            child = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and "\x00" in key:
                yield child
            else:
                yield from _strings_with_nul(item, child)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings_with_nul(item, f"{path}.{index}" if path else str(index))


def _fields_with_nul() -> list[str]:
    fields: list[str] = []
    for source in (request.args, request.form):
        for key, values in source.lists():
            if "\x00" in key or any("\x00" in v for v in values):
                fields.append(key.replace("\x00", ""))
    if request.is_json:
        fields.extend(_strings_with_nul(request.get_json(silent=True), ""))
    return fields


def refuse_nul_characters() -> None:
    """`before_request` hook: stop requests whose text carries NUL characters."""
    if "\x00" in request.path:
        abort(404)
    fields = _fields_with_nul()
    if not fields:
        return
    message = _("Text may not contain NUL characters.")
    status = 422 if request.path.startswith("/api/") else 400
    raise ServiceError(message, {name: [message] for name in fields}, status=status)


def register_http_hygiene(app: Flask) -> None:
    """Install the bounded `int` converter (before any route exists) and the NUL guard."""
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request(refuse_nul_characters)
