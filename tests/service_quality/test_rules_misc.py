"""Periods, tracking codes and attachment checks."""

from __future__ import annotations

import re
from datetime import date

import pytest

from app.service_quality.rules.attachments import AttachmentError, check_attachment, safe_filename
from app.service_quality.rules.periods import parse_period
from app.service_quality.rules.tracking import new_tracking_code, normalise_tracking_code

MB = 1_048_576


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-S2", date(2026, 7, 1), date(2026, 12, 31)),
        ("2026-q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2026-12", date(2026, 12, 1), date(2026, 12, 31)),
    ],
)
def test_periods(text: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", ["", "26", "2026-13", "2026-Q5", "2026-S3", "1900", "x2026"])
def test_bad_periods(text: str) -> None:
    with pytest.raises(ValueError, match=r"\w"):
        parse_period(text)


def test_tracking_codes_are_random_and_forgiving_when_typed() -> None:
    codes = {new_tracking_code() for _ in range(200)}
    assert len(codes) == 200
    code = codes.pop()
    assert re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}", code)
    assert normalise_tracking_code(code.lower().replace("-", " ")) == code
    assert normalise_tracking_code("7kq2 m9xd 3fht w8ab") == "7KQ2-M9XD-3FHT-W8AB"
    assert normalise_tracking_code("OIL0-0000-0000-0000") == "0110-0000-0000-0000"
    for bad in ["", None, "ABC", "UUUU-UUUU-UUUU-UUUU", "7KQ2-M9XD-3FHT-W8AB-1"]:
        assert normalise_tracking_code(bad) is None


def test_accepted_files() -> None:
    assert check_attachment("bukti.PDF", b"%PDF-1.7 ...", 1000, MB).mime == "application/pdf"
    assert check_attachment("foto.jpeg", b"\xff\xd8\xff\xe0", 1000, MB).mime == "image/jpeg"
    assert check_attachment("foto.png", b"\x89PNG\r\n\x1a\n", 1000, MB).mime == "image/png"


@pytest.mark.parametrize(
    ("name", "head", "size", "message"),
    [
        ("setup.exe", b"MZ\x90\x00", 1000, "program"),
        ("invoice.pdf", b"MZ\x90\x00", 1000, "program"),  # a program dressed as a PDF
        ("run.sh", b"#!/bin/sh", 100, "program"),
        ("script.js", b"alert(1)", 100, "program"),
        ("photo.pdf", b"\x89PNG\r\n\x1a\n", 100, "tidak sesuai"),
        ("notes.txt", b"hello", 100, "PDF, JPG, atau PNG"),
        ("big.pdf", b"%PDF-", MB + 1, "terlalu besar"),
        ("empty.pdf", b"", 0, "kosong"),
    ],
)
def test_refused_files(  # messages in Indonesian, the default language
    name: str, head: bytes, size: int, message: str
) -> None:
    with pytest.raises(AttachmentError, match=message):
        check_attachment(name, head, size, MB)


def test_safe_filename() -> None:
    kind = check_attachment("x.pdf", b"%PDF-", 10, MB)
    assert safe_filename("../../etc/pass wd.pdf", kind) == "pass_wd.pdf"
    assert safe_filename('C:\\Users\\a\\"bukti".pdf', kind) == "bukti_.pdf"
    assert safe_filename("", kind) == "lampiran.pdf"
