"""Reading uploaded CSV files: size, encoding, delimiter and bilingual headers."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

MAX_IMPORT_BYTES = 10 * 1024 * 1024


class CsvFormatError(ValueError):
    """The file as a whole cannot be read; the message says why and what to do."""


@dataclass
class CsvTable:
    """Rows as dicts keyed by canonical column names, with their line numbers."""

    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def read_csv(raw: bytes, aliases: dict[str, tuple[str, ...]], required: set[str]) -> CsvTable:
    """Decode and parse a CSV file, mapping Indonesian or English headers to canonical names.

    Raises `CsvFormatError` for a file that is too large, not UTF-8, empty, or
    missing required columns.
    """
    if len(raw) >= MAX_IMPORT_BYTES:
        raise CsvFormatError(_l("The file is 10 MB or larger. Split it into smaller files."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvFormatError(
            _l("The file is not UTF-8 encoded. In Excel choose “CSV UTF-8 (comma delimited)” when saving.")
        ) from None
    if "\x00" in text:
        raise CsvFormatError(_l("The file looks binary, not like a CSV text file."))
    if not text.strip():
        raise CsvFormatError(_l("The file is empty."))
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise CsvFormatError(_l("The file has no header row.")) from None
    lookup = {alias: canonical for canonical, names in aliases.items() for alias in names}
    columns = [lookup.get(_normalise_header(h), "") for h in header]
    repeated = sorted({c for c in columns if c and columns.count(c) > 1})
    if repeated:
        raise CsvFormatError(_l("These columns appear more than once: %(cols)s.", cols=", ".join(repeated)))
    missing = [name for name in aliases if name in required and name not in columns]
    if missing:
        expected = ", ".join(f"{name} ({'/'.join(aliases[name][1:]) or name})" for name in missing)
        raise CsvFormatError(_l("Missing required columns: %(cols)s.", cols=expected))
    table = CsvTable(columns=[c for c in columns if c])
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            values = {col: (row[i].strip() if i < len(row) else "") for i, col in enumerate(columns) if col}
            table.rows.append((reader.line_num, values))
    except csv.Error as exc:
        raise CsvFormatError(
            _l("The CSV cannot be parsed near line %(n)s: %(err)s", n=reader.line_num, err=exc)
        ) from None
    if not table.rows:
        raise CsvFormatError(_l("The file has a header but no data rows."))
    return table


def _delimiter(text: str) -> str:
    """Comma, semicolon (Excel in Indonesian locales) or tab: whichever the header line uses most."""
    first_line = text.split("\n", 1)[0]
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _normalise_header(header: str) -> str:
    return "_".join(header.strip().lower().replace("-", " ").split())
