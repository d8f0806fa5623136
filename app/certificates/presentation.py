"""Turn a snapshot into display strings (dates, numbers, names) in one language: plain data for templates."""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal

from app.certificates.labels import qualification_label
from app.certificates.rules import display_code, mask_nip


def long_date(iso: str | None, language: str) -> str:
    """`2026-03-07` → `7 Maret 2026` (or `7 March 2026`); '' for None."""
    if not iso:
        return ""
    return format_date(date.fromisoformat(iso), "d MMMM y", locale=language)


def date_range(start: str | None, end: str | None, language: str) -> str:
    """`2–6 Maret 2026`, `28 Februari – 3 Maret 2026` or a single day."""
    if not start or not end or start == end:
        return long_date(start or end, language)
    first, last = date.fromisoformat(start), date.fromisoformat(end)
    if first.year == last.year and first.month == last.month:
        return f"{first.day}–{long_date(end, language)}"
    if first.year == last.year:
        return f"{format_date(first, 'd MMMM', locale=language)} – {long_date(end, language)}"
    return f"{long_date(start, language)} – {long_date(end, language)}"


def number_text(value: float | None, language: str) -> str:
    """A number without needless decimals in the language's style (`40`, `92,5`)."""
    if value is None:
        return ""
    return format_decimal(value, format="#,##0.##", locale=language)


def pdf_view(snapshot: dict[str, Any], sha256: str, language: str) -> dict[str, Any]:
    """Everything the certificate template prints, already formatted (the template only places it)."""
    course = snapshot["course"]
    result = snapshot.get("result") or {}
    signer = snapshot.get("signer") or {}
    return {
        "number": snapshot["number"],
        "code": display_code(snapshot["code"]),
        "verify_url": snapshot["verify_url"],
        "holder": snapshot["holder"],
        # Long names (with academic titles) get a smaller size so they stay on one line.
        "holder_size": "long" if len(snapshot["holder"]["name"]) > 34 else "",
        "course": course,
        "jp": number_text(course["jp"], language),
        "period": date_range(course.get("starts_on"), course.get("ends_on"), language),
        "completed_on": long_date(snapshot.get("completed_on"), language),
        "issued_on": long_date(snapshot.get("issued_on"), language),
        "expires_on": long_date(snapshot.get("expires_on"), language),
        "score": number_text(result.get("score"), language),
        "qualification": qualification_label(result.get("qualification")),
        "signer": signer,
        "competencies": course.get("competencies") or [],
        "outline": course.get("outline") or [],
        "annex": bool(snapshot.get("annex", True) and (course.get("competencies") or course.get("outline"))),
        "sha256": sha256,
    }


def public_view(snapshot: dict[str, Any], language: str) -> dict[str, Any]:
    """The verification page's fields: as the PDF, but with the NIP partly masked."""
    view = pdf_view(snapshot, "", language)
    view["holder"] = {**snapshot["holder"], "nip": mask_nip(snapshot["holder"].get("nip"))}
    return view
