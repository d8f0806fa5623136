"""The evaluation report as page context and as a PDF (charts labelled, letterhead, A4 portrait)."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.reports.charts import competency_chart, jp_chart, predicate_matrix
from app.reports.pdf import render_pdf
from app.reports.services.evaluation import EvaluationReport


def report_context(report: EvaluationReport, *, pdf: bool) -> dict[str, Any]:
    """What both the page and the PDF templates need."""
    charts = {
        "matrix": predicate_matrix(report),
        "jp": jp_chart(report),
        "competencies": competency_chart(report),
    }
    return {"report": report, "charts": charts, "pdf": pdf, "printed_on": date.today()}


def report_pdf(report: EvaluationReport) -> bytes:
    """The report as an A4 portrait PDF with the agency's letterhead."""
    return render_pdf("reports/evaluation_pdf.html", **report_context(report, pdf=True))
