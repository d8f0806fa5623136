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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import segno
from flask import current_app
from flask_babel import force_locale
from markupsafe import Markup

from app.certificates.presentation import pdf_view
from app.certificates.rendering import StaticOnlyFetcher, render_pdf

__all__ = ["StaticOnlyFetcher", "cached_pdf", "certificate_html", "certificate_to_pdf"]

TEMPLATE = "certificates/pdf/certificate.html"
ANNEX_TEMPLATE = "certificates/pdf/annex.html"
STYLESHEET = "css/certificate-pdf.css"
# Part of the cache key: bump when the template or stylesheet changes what a PDF looks like.
LAYOUT_VERSION = "2"


def static_root() -> Path:
    """The app's static folder: the only files a certificate may load."""
    return Path(current_app.static_folder or "").resolve()


def qr_svg(url: str) -> Markup:
    """The verification URL as an inline SVG QR code (segno escapes everything it writes)."""
    qr = segno.make_qr(url, error="m")  # not segno.make: that tries Micro QR sizes first (3 ms)
    return Markup(qr.svg_inline(scale=4, dark="#13294b", omitsize=True))  # noqa: S704 - generated SVG


def image_data_uri(data: bytes | None, filename: str = "") -> str | None:
    """An uploaded image as a `data:` URI (so rendering never reads the upload folder)."""
    if not data:
        return None
    mime = mimetypes.guess_type(filename)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


@dataclass(frozen=True)
class CertificateHtml:
    """A certificate as HTML: the holder's page, and the annex every holder of the class shares."""

    page: str
    annex: str | None = None


def certificate_html(
    snapshot: dict[str, Any], sha256: str, *, logo: str | None = None, signature: str | None = None
) -> CertificateHtml:
    """The certificate's HTML in the holder's language (from the snapshot), from plain data only.

    The annex holds nothing personal (no name, number or code), so it is the same HTML for a
    whole class and WeasyPrint lays it out once (see `app.certificates.rendering`).
    """
    language = snapshot.get("language", "id")
    with force_locale(language):
        view = pdf_view(snapshot, sha256, language)
        env = current_app.jinja_env
        page = env.get_template(TEMPLATE).render(
            c=view, qr=qr_svg(snapshot["verify_url"]), logo=logo, signature=signature, lang=language
        )
        annex = env.get_template(ANNEX_TEMPLATE).render(c=view, lang=language) if view["annex"] else None
    return CertificateHtml(page, annex)


def certificate_to_pdf(html: CertificateHtml) -> bytes:
    """Render a certificate (and its annex) with WeasyPrint; only the static folder is reachable."""
    return render_pdf(html.page, static_root(), STYLESHEET, shared_html=html.annex)


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
