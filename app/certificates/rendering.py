"""WeasyPrint for certificates, with what does not change between renders kept per thread.

A class of 500 prints 500 certificates that differ only in their first page. Three things are
reused instead of being rebuilt for each one, in the way WeasyPrint documents:

* the font configuration (Pango's font map and its caches),
* decoded images (the logo and the signature, keyed by URL),
* the laid-out pages of a document shared by many certificates (the annex of a class), keyed
  by the SHA-256 of its HTML, combined with each holder's own page by `Document.copy`.

The bytes are the same as rendering everything afresh (a test holds this), so the cache
never changes what a holder downloads. Each thread has its own state: Pango objects are not
shared across threads.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.document import Document, Page
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, path2url

# How many shared documents (annexes of recent classes) each thread keeps laid out.
SHARED_PAGES_KEPT = 16
# Decoded images kept per thread before the cache starts afresh (logos and signatures).
IMAGES_KEPT = 64


class _ThreadState(threading.local):
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.fonts = FontConfiguration()
        self.images: dict[str, Any] = {}
        self.shared_pages: OrderedDict[str, list[Page]] = OrderedDict()


_state = _ThreadState()


def reset_reused_state() -> None:
    """Forget this thread's fonts, images and laid-out shared pages (the next render starts cold)."""
    _state.reset()


def shared_documents_kept() -> int:
    """How many shared documents (class annexes) this thread keeps laid out."""
    return len(_state.shared_pages)


class StaticOnlyFetcher(URLFetcher):
    """Refuses every URL except `data:` and files inside one folder (no network, no other files)."""

    def __init__(self, root: Path) -> None:
        super().__init__(allowed_protocols={"data", "file"})
        self.root = root.resolve()

    def fetch(self, url: str, headers: Any = None) -> Any:
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if path.is_relative_to(self.root) and path.is_file():
                return super().fetch(path2url(str(path)), headers)
        raise ValueError(f"blocked URL in a certificate: {url[:200]}")


@lru_cache(maxsize=4)
def _stylesheet(root: str, name: str) -> CSS:
    return CSS(filename=str(Path(root) / name), url_fetcher=StaticOnlyFetcher(Path(root)))


def _images() -> dict[str, Any]:
    if len(_state.images) > IMAGES_KEPT:
        _state.images.clear()
    return _state.images


def _layout(html: str, root: Path, stylesheet: str) -> Document:
    document = HTML(string=html, base_url=path2url(str(root) + os.sep), url_fetcher=StaticOnlyFetcher(root))
    return document.render(
        stylesheets=[_stylesheet(str(root), stylesheet)], font_config=_state.fonts, cache=_images()
    )


def _shared_pages(html: str, root: Path, stylesheet: str) -> list[Page]:
    key = hashlib.sha256(f"{root}\0{stylesheet}\0{html}".encode()).hexdigest()
    pages = _state.shared_pages.get(key)
    if pages is None:
        pages = _layout(html, root, stylesheet).pages
        _state.shared_pages[key] = pages
        while len(_state.shared_pages) > SHARED_PAGES_KEPT:
            _state.shared_pages.popitem(last=False)
    else:
        _state.shared_pages.move_to_end(key)
    return pages


def render_pdf(html: str, root: Path, stylesheet: str, *, shared_html: str | None = None) -> bytes:
    """The PDF of `html`, followed by the pages of `shared_html` (laid out once per thread).

    Only files under `root` (the static folder) and `data:` URIs can be loaded.
    """
    document = _layout(html, root, stylesheet)
    if shared_html is not None:
        document = document.copy([*document.pages, *_shared_pages(shared_html, root, stylesheet)])
    return document.write_pdf(cache=_images())
