"""PDF rendering with WeasyPrint: HTML rendered by Jinja, no network access, A4 portrait."""

from __future__ import annotations

from typing import Any

from flask import render_template
from weasyprint import HTML


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """Refuse every external resource: the documents carry their CSS and SVG inline."""
    raise ValueError(f"external resources are not loaded in PDFs: {url}")


def render_pdf(template: str, **context: Any) -> bytes:
    """Render `template` with `context` and convert it to PDF bytes."""
    html = render_template(template, **context)
    return HTML(string=html, url_fetcher=_no_fetch, base_url=".").write_pdf()
