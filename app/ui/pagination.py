"""Reading `page`/`per_page` from the query string safely."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import Select

from app.extensions import db

DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100
MAX_PAGE = 1_000_000


def page_args(default_per_page: int = DEFAULT_PER_PAGE) -> tuple[int, int]:
    """`(page, per_page)` from the query string, clamped to sane values (never an error)."""
    page = request.args.get("page", 1, type=int) or 1
    per_page = request.args.get("per_page", default_per_page, type=int) or default_per_page
    return min(max(page, 1), MAX_PAGE), min(max(per_page, 1), MAX_PER_PAGE)


class RowPagination(SelectPagination):
    """Like `db.paginate`, but the items are whole rows (tuples), e.g. an entity plus a count."""

    def _query_items(self) -> list[Any]:
        query = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(query).all())


def paginate_rows(query: Select, page: int, per_page: int) -> RowPagination:
    """Paginate a multi-column select; items are rows, the macro works unchanged."""
    return RowPagination(select=query, session=db.session, page=page, per_page=per_page, error_out=False)
