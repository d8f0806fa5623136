"""Pure rules of the organisation: NIP structure and unit paths."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class NipParts:
    """The parts of a valid 18-digit NIP."""

    birth_date: date
    appointment_year: int
    appointment_month: int
    gender: int  # 1 male, 2 female
    serial: str


class NipError(ValueError):
    """The NIP is malformed; the message names the wrong part."""


def parse_nip(nip: str, *, today: date | None = None) -> NipParts:
    """Split and check an NIP: YYYYMMDD birth date, YYYYMM appointment, gender 1/2, serial.

    Raises `NipError` whose message says which part is wrong.
    """
    today = today or date.today()
    value = (nip or "").strip()
    if not value.isdigit():
        raise NipError(_l("NIP must contain digits only."))
    if len(value) != 18:
        raise NipError(_l("NIP must be exactly 18 digits (got %(n)s).", n=len(value)))
    try:
        birth = date(int(value[0:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise NipError(_l("NIP digits 1–8 must be a valid birth date (YYYYMMDD).")) from None
    if birth.year < 1900 or birth > today:
        raise NipError(_l("NIP digits 1–8: the birth date is not plausible."))
    year, month = int(value[8:12]), int(value[12:14])
    if not 1 <= month <= 12:
        raise NipError(_l("NIP digits 9–14 must be a valid appointment month (YYYYMM)."))
    if (year, month) < (birth.year + 15, birth.month) or (year, month) > (today.year, today.month):
        raise NipError(
            _l("NIP digits 9–14: the appointment month must be after age 15 and not in the future.")
        )
    gender = int(value[14])
    if gender not in (1, 2):
        raise NipError(_l("NIP digit 15 is the gender code and must be 1 or 2."))
    serial = value[15:18]
    if serial == "000":
        raise NipError(_l("NIP digits 16–18 are the serial number and cannot be 000."))
    return NipParts(birth, year, month, gender, serial)


def child_path(parent_path: str | None, unit_id: int) -> str:
    """The materialised path of a unit under `parent_path` (root units get "/<id>/")."""
    return f"{parent_path or '/'}{unit_id}/"


def is_within(path: str, ancestor_path: str) -> bool:
    """True when the unit at `path` is the unit at `ancestor_path` or one of its sub-units."""
    return path.startswith(ancestor_path)
