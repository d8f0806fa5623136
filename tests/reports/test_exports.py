"""CSV and XLSX downloads: streamed, readable, safe against formula injection."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from app.merit.enums import Predicate
from app.reports.exports import (
    Export,
    cell_value,
    export_format,
    export_response,
    iter_csv,
    safe_text,
    write_xlsx,
)


def test_formula_like_text_is_neutralised_but_numbers_stay() -> None:
    assert safe_text("=SUM(A1)") == "'=SUM(A1)"
    assert safe_text("-5 days") == "'-5 days"
    assert safe_text("Budi") == "Budi"
    assert cell_value(-5) == -5 and cell_value(Predicate.BAIK) == "baik" and cell_value(None) is None


def test_csv_is_streamed_in_chunks_with_a_bom() -> None:
    rows = ([i, f"name {i}", 1.5] for i in range(1200))
    chunks = list(iter_csv(["id", "name", "jp"], rows))
    assert len(chunks) >= 3  # written while the rows are read, not at once
    text = b"".join(chunks).decode("utf-8")
    assert text.startswith("\ufeffid,name,jp\r\n0,name 0,1.5\r\n")
    assert text.count("\r\n") == 1201


def test_xlsx_has_a_bold_header_and_typed_cells() -> None:
    out = io.BytesIO()
    written = write_xlsx(["Name", "Day", "JP"], [["=cmd", date(2026, 1, 2), 20.5]], out, sheet="2026/Q1")
    assert written == 1
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet.title == "2026Q1"
    assert [c.value for c in sheet[1]] == ["Name", "Day", "JP"] and sheet["A1"].font.bold
    assert (
        sheet["A2"].value == "'=cmd"
        and sheet["B2"].value.date() == date(2026, 1, 2)
        and sheet["C2"].value == 20.5
    )


def test_export_format_reads_the_query_string(app) -> None:
    with app.test_request_context("/?format=XLSX"):
        assert export_format() == "xlsx"
    with app.test_request_context("/?format=pdf"):
        assert export_format() is None


def test_export_response_headers(app) -> None:
    with app.test_request_context("/"):
        response = export_response(Export(["a"], [[1]], "unit report/2026"), "xlsx")
        assert response.mimetype.endswith("spreadsheetml.sheet")
        assert 'filename="unit_report_2026.xlsx"' in response.headers["Content-Disposition"]
        assert b"".join(response.response).startswith(b"PK")
        csv_response = export_response(Export(["a"], [[1]], "x"), "csv")
        assert csv_response.mimetype == "text/csv"
