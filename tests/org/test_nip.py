"""NIP structure: 18 digits = birth date, appointment month, gender digit, serial."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale

from app.org.rules import NipError, parse_nip

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize(
    ("nip", "birth", "year", "month", "gender", "serial"),
    [
        ("199005172015031001", date(1990, 5, 17), 2015, 3, 1, "001"),
        ("198512312010122999", date(1985, 12, 31), 2010, 12, 2, "999"),
        ("200002292026051123", date(2000, 2, 29), 2026, 5, 1, "123"),  # leap day, appointed last month
    ],
)
def test_valid_nips_are_split_into_their_parts(nip, birth, year, month, gender, serial) -> None:
    parts = parse_nip(nip, today=TODAY)
    assert (parts.birth_date, parts.appointment_year, parts.appointment_month) == (birth, year, month)
    assert (parts.gender, parts.serial) == (gender, serial)


def _message(nip: str) -> str:
    with pytest.raises(NipError) as caught, force_locale("en"):
        parse_nip(nip, today=TODAY)
    with force_locale("en"):
        return str(caught.value.args[0])


@pytest.mark.parametrize(
    ("nip", "names"),
    [
        ("19900517201503100", ["exactly 18 digits", "has 17"]),
        ("1990051720150310011", ["exactly 18 digits", "has 19"]),
        ("19900517-201503-1-001", ["digits only", "“-”"]),
        ("1990051720150310O1", ["digits only", "“O”"]),
        ("199013172015031001", ["digits 1–8", "19901317"]),  # month 13
        ("199002302015031001", ["digits 1–8", "19900230"]),  # 30 February
        ("189912312015031001", ["digits 1–8", "between 1900 and today"]),
        ("202701012015031001", ["digits 1–8", "between 1900 and today"]),  # born in the future
        ("199005172015001001", ["digits 9–14", "201500"]),  # month 00
        ("199005172015131001", ["digits 9–14", "201513"]),
        ("199005172000031001", ["digits 9–14", "15th birthday"]),  # appointed at age 9
        ("199005172027011001", ["digits 9–14", "not in the future"]),
        ("199005172015033001", ["digit 15", "1 or 2", "not 3"]),
        ("199005172015030001", ["digit 15", "not 0"]),
        ("199005172015031000", ["digits 16–18", "000"]),
    ],
)
def test_each_wrong_part_is_named(nip: str, names: list[str]) -> None:
    message = _message(nip)
    for name in names:
        assert name in message


def test_messages_are_translated() -> None:
    with pytest.raises(NipError) as caught:
        parse_nip("199005172015033001", today=TODAY)
    with force_locale("id"):
        assert "Digit ke-15" in str(caught.value.args[0])
