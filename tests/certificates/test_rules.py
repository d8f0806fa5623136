"""Pure rules: codes, numbers, NIP masking, status, reminders and qualifications."""

from __future__ import annotations

from datetime import date

import pytest

from app.certificates.enums import CertificateStatus
from app.certificates.rules import (
    CODE_ALPHABET,
    CODE_LENGTH,
    canonical_json,
    display_code,
    format_number,
    mask_nip,
    new_verification_code,
    normalise_code,
    number_format_problem,
    qualification_for,
    reminder_due,
    sha256_hex,
    status_of,
)


def test_codes_are_long_random_and_unambiguous():
    codes = {new_verification_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) == CODE_LENGTH >= 10
        assert set(code) <= set(CODE_ALPHABET)
    assert not set("01OIL") & set(CODE_ALPHABET)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("abcd-efgh-jkmn", "ABCDEFGHJKMN"),
        (" ABCD EFGH JKMN ", "ABCDEFGHJKMN"),
        ("ABCDEFGHJKM0", None),  # a zero is never in a code
        ("ABCD", None),
        ("", None),
        (None, None),
        ("A" * 500, None),
        ("'; DROP TABLE certificates;--", None),
    ],
)
def test_normalise_code(raw, expected):
    assert normalise_code(raw) == expected


def test_display_code_groups_in_fours():
    assert display_code("ABCDEFGHJKMN") == "ABCD-EFGH-JKMN"


def test_number_format():
    assert format_number("LENTERA/{year}/{seq:06d}", year=2026, month=3, seq=123) == "LENTERA/2026/000123"
    assert number_format_problem("LENTERA/{year}/{seq:06d}") is None
    assert number_format_problem("STTP/{month:02d}/{year}/{seq}") is None


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("LENTERA/{seq}", "seq"),
        ("LENTERA/{year}", "seq"),
        ("{year}/{seq.__class__}", "field"),
        ("{year}/{seq}/{name}", "field"),
        ("{year}/{seq", "syntax"),
        ("{year}/{seq:zz}", "syntax"),
        ("", "length"),
        ("x" * 61 + "{year}{seq}", "length"),
    ],
)
def test_number_format_problems(pattern, problem):
    assert number_format_problem(pattern) == problem


def test_canonical_json_is_stable_and_hashable():
    first = canonical_json({"b": 1, "a": [1, 2], "c": "é"})
    second = canonical_json({"c": "é", "a": [1, 2], "b": 1})
    assert first == second == '{"a":[1,2],"b":1,"c":"é"}'
    assert sha256_hex(first) == sha256_hex(first.encode("utf-8"))
    assert len(sha256_hex(first)) == 64


def test_mask_nip_hides_the_middle():
    assert mask_nip("199005172015032001") == "199005********2001"
    assert mask_nip("12345") == "12***"
    assert mask_nip(None) == ""


def test_status_revoked_wins_and_expiry_day_is_expired():
    today = date(2026, 6, 1)
    assert status_of(revoked=False, expires_on=None, today=today) == CertificateStatus.VALID
    assert status_of(revoked=False, expires_on=date(2026, 6, 2), today=today) == CertificateStatus.VALID
    assert status_of(revoked=False, expires_on=today, today=today) == CertificateStatus.EXPIRED
    assert status_of(revoked=True, expires_on=date(2020, 1, 1), today=today) == CertificateStatus.REVOKED


def test_reminders_go_out_60_and_30_days_before():
    today = date(2026, 1, 1)
    assert reminder_due(date(2026, 3, 2), today) == 60
    assert reminder_due(date(2026, 1, 31), today) == 30
    assert reminder_due(date(2026, 2, 1), today) is None
    assert reminder_due(None, today) is None


@pytest.mark.parametrize(
    ("score", "key"),
    [
        (None, None),
        (100, "very_satisfactory"),
        (90.01, "very_satisfactory"),
        (90, "satisfactory"),
        (80.5, "satisfactory"),
        (75, "fairly_satisfactory"),
        (65, "unsatisfactory"),
        (60, "very_unsatisfactory"),
    ],
)
def test_qualification_follows_the_score_bands(score, key):
    assert qualification_for(score) == key
