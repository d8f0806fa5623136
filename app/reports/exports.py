"""Downloads of list and report tables as CSV or XLSX, streamed, with the filters shown on screen.

A list page offers its table for download by answering the same URL with `?format=csv`
or `?format=xlsx` (see `export_format()` and the `export_links` macro in
`reports/_exports.html`), so a download always carries exactly the filters on screen.
The caller passes a header and an iterable of rows, typically a generator reading the
database in batches (`yield_per`); rows are written as they come:

* CSV is UTF-8 with a byte-order mark (so spreadsheet programs pick the encoding up);
* XLSX goes through openpyxl's write-only mode (constant memory).

Both are written into a spooled temporary file (memory, then disk past 8 MB) that the
response streams out in chunks, so neither the rows nor the file sit in memory at once.

Text that a spreadsheet would run as a formula is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import IO, Any

from flask import Response, request
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from werkzeug.utils import secure_filename

FORMATS = ("csv", "xlsx")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIMETYPE = "text/csv; charset=utf-8"
CHUNK_ROWS = 500
CHUNK_BYTES = 64 * 1024
# Spreadsheet programs run cells starting with these as formulas (CSV/formula injection).
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Export:
    """A table to download: its column headings, its rows (any iterable) and a file name stem."""

    header: Sequence[Any]
    rows: Iterable[Sequence[Any]]
    filename: str
    sheet: str = "Data"


def export_format(value: str | None = None) -> str | None:
    """`csv` or `xlsx` when the request (or `value`) asks for a download, else None."""
    chosen = value if value is not None else request.args.get("format")
    chosen = (chosen or "").strip().lower()
    return chosen if chosen in FORMATS else None


def safe_text(value: Any) -> Any:
    """A cell value that no spreadsheet runs as a formula (numbers and dates unchanged)."""
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return value


def cell_value(value: Any) -> Any:
    """A Python value as a spreadsheet cell: enums by value, lazy texts as text, None empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, int | float | Decimal | date | datetime):
        if isinstance(value, datetime) and value.tzinfo is not None:
            return value.replace(tzinfo=None)  # Excel has no time zones; values are UTC
        return value
    return safe_text(str(value))


def _csv_text(value: Any) -> str:
    value = cell_value(value)
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))
    return str(value)


def iter_csv(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[bytes]:
    """The CSV file as byte chunks (a BOM first), written while the rows are read."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([_csv_text(h) for h in header])
    for count, row in enumerate(rows, start=1):
        writer.writerow([_csv_text(v) for v in row])
        if count % CHUNK_ROWS == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def write_xlsx(
    header: Sequence[Any], rows: Iterable[Sequence[Any]], out: IO[bytes], sheet: str = "Data"
) -> int:
    """Write an XLSX workbook in write-only mode (bold header, frozen first row); returns the rows written."""
    book = Workbook(write_only=True)
    ws = book.create_sheet(title=_sheet_title(sheet))
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for value in header:
        cell = WriteOnlyCell(ws, value=cell_value(value))
        cell.font = bold
        heading.append(cell)
    ws.append(heading)
    written = 0
    for row in rows:
        ws.append([cell_value(v) for v in row])
        written += 1
    book.save(out)
    return written


def _sheet_title(name: str) -> str:
    """Sheet names: at most 31 characters, none of `[]:*?/\\`."""
    cleaned = "".join(ch for ch in str(name) if ch not in "[]:*?/\\").strip()
    return (cleaned or "Data")[:31]


def _file_chunks(handle: IO[bytes]) -> Iterator[bytes]:
    try:
        handle.seek(0)
        while chunk := handle.read(CHUNK_BYTES):
            yield chunk
    finally:
        handle.close()


def _disposition(filename: str, extension: str) -> str:
    stem = secure_filename(filename) or "export"
    return f'attachment; filename="{stem}.{extension}"'


def write_csv(header: Sequence[Any], rows: Iterable[Sequence[Any]], out: IO[bytes]) -> None:
    """Write the CSV chunks of `iter_csv` into a binary file."""
    for chunk in iter_csv(header, rows):
        out.write(chunk)


def rows_download(rows: Iterator[Sequence[Any]], filename: str) -> Response:
    """A download of rows whose first row is the header: CSV, or XLSX with `?format=xlsx`.

    The caller's generator fetches in batches; rows are written while they are read.
    """
    stem = filename.rsplit(".", 1)[0]
    return export_response(Export(next(rows), rows, stem), export_format() or "csv")


def export_response(export: Export, fmt: str) -> Response:
    """The download of `export` in `fmt` (`csv` or `xlsx`).

    Rows are read (in batches, by the caller's generator) while the file is written into
    a spooled temporary file, which moves to disk past 8 MB; the response then streams
    it in 64 KB chunks. Writing inside the view keeps the database work within the
    request, so a failure is a clean error page rather than a truncated download.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 - closed by _file_chunks
    if fmt == "csv":
        write_csv(export.header, export.rows, spool)
        mimetype = CSV_MIMETYPE
    else:
        write_xlsx(export.header, export.rows, spool, export.sheet)
        mimetype = XLSX_MIMETYPE
    size = spool.tell()
    return Response(
        _file_chunks(spool),
        mimetype=mimetype,
        headers={"Content-Disposition": _disposition(export.filename, fmt), "Content-Length": str(size)},
        direct_passthrough=True,
    )


def batched(query: Any, session: Any, size: int = CHUNK_ROWS) -> Iterator[Any]:
    """Rows of a select read in batches (server-side cursor where the driver has one)."""
    yield from session.execute(query.execution_options(yield_per=size))
