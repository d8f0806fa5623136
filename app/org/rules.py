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

    Raises `NipError` whose message names the wrong part and quotes it.
    """
    today = today or date.today()
    value = (nip or "").strip()
    bad = next((c for c in value if not c.isdigit() or not c.isascii()), None)
    if bad is not None:
        raise NipError(_l("NIP may contain digits only; “%(char)s” is not a digit.", char=bad))
    if len(value) != 18:
        raise NipError(_l("NIP must be exactly 18 digits (this one has %(n)s).", n=len(value)))
    birth_part, appointment_part, gender_part, serial = value[0:8], value[8:14], value[14], value[15:18]
    try:
        birth = date(int(birth_part[0:4]), int(birth_part[4:6]), int(birth_part[6:8]))
    except ValueError:
        raise NipError(
            _l("NIP digits 1–8 must be the birth date as YYYYMMDD; %(part)s is not a date.", part=birth_part)
        ) from None
    if birth.year < 1900 or birth > today:
        raise NipError(
            _l("NIP digits 1–8 (birth date %(part)s) must be a date between 1900 and today.", part=birth_part)
        )
    year, month = int(appointment_part[0:4]), int(appointment_part[4:6])
    if not 1 <= month <= 12:
        raise NipError(
            _l(
                "NIP digits 9–14 must be the appointment month as YYYYMM; %(part)s is not a month.",
                part=appointment_part,
            )
        )
    if (year, month) < (birth.year + 15, birth.month) or (year, month) > (today.year, today.month):
        raise NipError(
            _l(
                "NIP digits 9–14 (appointment month %(part)s) must fall after the 15th birthday "
                "and not in the future.",
                part=appointment_part,
            )
        )
    if gender_part not in ("1", "2"):
        raise NipError(
            _l("NIP digit 15 is the gender code and must be 1 or 2, not %(part)s.", part=gender_part)
        )
    if serial == "000":
        raise NipError(_l("NIP digits 16–18 are the serial number and cannot be 000."))
    return NipParts(birth, year, month, int(gender_part), serial)


def child_path(parent_path: str | None, unit_id: int) -> str:
    """The materialised path of a unit under `parent_path` (root units get "/<id>/")."""
    return f"{parent_path or '/'}{unit_id}/"


def is_within(path: str, ancestor_path: str) -> bool:
    """True when the unit at `path` is the unit at `ancestor_path` or one of its sub-units."""
    return path.startswith(ancestor_path)
