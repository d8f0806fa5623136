"""The survey results of a unit and period as an XLSX workbook (summary, responses, suggestions)."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from app.org.models import Unit
from app.service_quality.enums import PROFILE_LABELS
from app.service_quality.rules.periods import Period
from app.service_quality.services.presentation import element_name
from app.service_quality.services.survey import response_rows, unit_results

_BOLD = Font(bold=True)


def _header(sheet: Any, values: list[Any]) -> None:
    sheet.append([str(v) for v in values])
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD


def _safe(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def survey_workbook(unit: Unit, period: Period) -> bytes:
    """Build the workbook: IKM summary per element, every response, and the suggestions."""
    results = unit_results(unit, period.start, period.end)
    numbers = results.ikm.as_numbers()
    book = Workbook()
    summary = book.active
    summary.title = _("Summary")
    summary.append([_("Unit"), unit.name])
    summary.append([_("Period"), f"{period.start.isoformat()} – {period.end.isoformat()}"])
    summary.append([_("Respondents"), numbers["respondents"]])
    summary.append([])
    _header(summary, [_("Code"), _("Element"), _("Weight"), "NRR"])
    for element, nrr in zip(results.elements, numbers["nrr"], strict=True):
        summary.append([element.code, _safe(element_name(element)), element.weight, nrr])
    summary.append([])
    summary.append(["IKM", numbers["ikm"]])
    summary.append([_("Converted IKM"), numbers["converted"]])
    summary.append([_("Grade"), numbers["grade"]])
    summary.column_dimensions["B"].width = 48

    elements, rows = response_rows(unit, period.start, period.end)
    responses = book.create_sheet(_("Responses"))
    _header(
        responses,
        [_("No."), _("Submitted on"), _("Service date"), _("Service"), *[e.code for e in elements],
         _("Age"), _("Gender"), _("Education"), _("Occupation")],
    )  # fmt: skip
    for number, (response, answers) in enumerate(rows, start=1):
        profile = [
            str(PROFILE_LABELS[name][getattr(response, name)]) if getattr(response, name) else ""
            for name in ("age_band", "gender", "education", "occupation")
        ]
        responses.append(
            [number, response.submitted_on, response.service_date,
             _safe(response.service.name) if response.service else "",
             *[answers.get(e.id) for e in elements], *profile]
        )  # fmt: skip

    suggestions = book.create_sheet(_("Suggestions"))
    _header(suggestions, [_("Submitted on"), _("Suggestion")])
    for response, _answers in rows:
        if response.suggestion:
            suggestions.append([response.submitted_on, _safe(response.suggestion)])
    suggestions.column_dimensions["B"].width = 90
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
