"""Building blocks every API blueprint uses: pagination, list envelopes, public routes."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask_smorest import Blueprint
from sqlalchemy import Select

from app.extensions import db

PUBLIC_SECURITY: list[dict[str, list[str]]] = []
MAX_ID = 2**31 - 1


def id_field(**kwargs: Any) -> ma.fields.Integer:
    """An id in a request (1 … 2³¹−1, what an INTEGER column holds), e.g. `unit_id = id_field()`."""
    return ma.fields.Integer(validate=ma.validate.Range(min=1, max=MAX_ID), **kwargs)


def api_blueprint(name: str, import_name: str, description: str) -> Blueprint:
    """A flask-smorest blueprint mounted under `/api/v1`."""
    return Blueprint(name, import_name, url_prefix="/api/v1", description=description)


class PageArgsSchema(ma.Schema):
    """`?page=&per_page=` (per_page at most 100)."""

    class Meta:
        unknown = ma.EXCLUDE

    page = ma.fields.Integer(load_default=1, validate=ma.validate.Range(min=1, max=1_000_000))
    per_page = ma.fields.Integer(load_default=20, validate=ma.validate.Range(min=1, max=100))


_PAGE_SCHEMAS: dict[str, type[ma.Schema]] = {}


def page_of(item_schema: type[ma.Schema]) -> type[ma.Schema]:
    """The list envelope `{items, page, per_page, total}` for an item schema."""
    name = item_schema.__name__.removesuffix("Schema") + "PageSchema"
    if name not in _PAGE_SCHEMAS:
        _PAGE_SCHEMAS[name] = type(
            name,
            (ma.Schema,),
            {
                "items": ma.fields.List(ma.fields.Nested(item_schema), required=True),
                "page": ma.fields.Integer(required=True),
                "per_page": ma.fields.Integer(required=True),
                "total": ma.fields.Integer(required=True),
            },
        )
    return _PAGE_SCHEMAS[name]


def paginated(query: Select, args: dict[str, Any]) -> dict[str, Any]:
    """Run a select with the page arguments and wrap it in the list envelope."""
    page = db.paginate(query, page=args["page"], per_page=args["per_page"], error_out=False, max_per_page=100)
    return {"items": page.items, "page": page.page, "per_page": page.per_page, "total": page.total}
