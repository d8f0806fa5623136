"""PDF certificates: a Jinja template fed plain data, WeasyPrint with a fetcher that only reads
the app's own static files, and a file cache keyed by the snapshot hash.

Rendering is deterministic for one snapshot, so the bytes served today are the bytes a holder
downloaded last year (the public page checks an uploaded PDF against them).
"""

from __future__ import annotations

import base64
import mimetypes
import os
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import segno
from flask import current_app
from flask_babel import force_locale
from markupsafe import Markup
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher, path2url

from app.certificates.presentation import pdf_view

TEMPLATE = "certificates/pdf/certificate.html"
STYLESHEET = "css/certificate-pdf.css"
# Part of the cache key: bump when the template or stylesheet changes what a PDF looks like.
LAYOUT_VERSION = "1"


class StaticOnlyFetcher(URLFetcher):
    """Refuses every URL except `data:` and files inside one folder (no network, no other files)."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols={"data", "file"})
        self.root = root.resolve()

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if path.is_relative_to(self.root) and path.is_file():
                return super().fetch(path2url(str(path)), headers)
        raise ValueError(f"blocked URL in a certificate: {url[:200]}")


def static_root() -> Path:
    """The app's static folder: the only files a certificate may load."""
    return Path(current_app.static_folder or "").resolve()


def qr_svg(url: str) -> Markup:
    """The verification URL as an inline SVG QR code (segno escapes everything it writes)."""
    qr = segno.make(url, error="m")
    return Markup(qr.svg_inline(scale=4, dark="#13294b", omitsize=True))  # noqa: S704 - generated SVG


def image_data_uri(data: bytes | None, filename: str = "") -> str | None:
    """An uploaded image as a `data:` URI (so rendering never reads the upload folder)."""
    if not data:
        return None
    mime = mimetypes.guess_type(filename)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def certificate_html(
    snapshot: dict[str, Any], sha256: str, *, logo: str | None = None, signature: str | None = None
) -> str:
    """The certificate's HTML in the holder's language (from the snapshot), from plain data only."""
    language = snapshot.get("language", "id")
    with force_locale(language):
        view = pdf_view(snapshot, sha256, language)
        template = current_app.jinja_env.get_template(TEMPLATE)
        return template.render(
            c=view,
            qr=qr_svg(snapshot["verify_url"]),
            logo=logo,
            signature=signature,
            stylesheet=STYLESHEET,
            lang=language,
        )


@lru_cache(maxsize=4)
def _stylesheet(root: str) -> CSS:
    path = Path(root) / STYLESHEET
    return CSS(filename=str(path), url_fetcher=StaticOnlyFetcher(Path(root)))


def html_to_pdf(html: str) -> bytes:
    """Render certificate HTML with WeasyPrint; only the static folder is reachable."""
    root = static_root()
    document = HTML(string=html, base_url=path2url(str(root) + os.sep), url_fetcher=StaticOnlyFetcher(root))
    return document.write_pdf(stylesheets=[_stylesheet(str(root))])


def _cache_dir() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "certificates" / "pdf"


def cache_path(sha256: str) -> Path:
    """Where the PDF of a snapshot is cached."""
    return _cache_dir() / f"{sha256}-v{LAYOUT_VERSION}.pdf"


def cached_pdf(sha256: str, produce: Callable[[], bytes]) -> bytes:
    """The cached bytes for a snapshot hash, rendering (and caching) them on first use.

    Written to a temporary file then renamed, so concurrent renders never expose half a file.
    """
    path = cache_path(sha256)
    if path.is_file():
        return path.read_bytes()
    data = produce()
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)
    return data
