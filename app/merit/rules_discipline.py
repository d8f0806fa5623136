"""Pure rules of discipline and rewards: absence thresholds (PP 94/2021), sanction periods,
overlaps, and Satyalancana Karya Satya eligibility."""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l

from app.merit.enums import DisciplineLevel, RewardKind, SanctionKind

SANCTION_LEVELS: dict[SanctionKind, DisciplineLevel] = {
    SanctionKind.TEGURAN_LISAN: DisciplineLevel.RINGAN,
    SanctionKind.TEGURAN_TERTULIS: DisciplineLevel.RINGAN,
    SanctionKind.PERNYATAAN_TIDAK_PUAS: DisciplineLevel.RINGAN,
    SanctionKind.POTONGAN_TUKIN_6: DisciplineLevel.SEDANG,
    SanctionKind.POTONGAN_TUKIN_9: DisciplineLevel.SEDANG,
    SanctionKind.POTONGAN_TUKIN_12: DisciplineLevel.SEDANG,
    SanctionKind.PENURUNAN_JABATAN: DisciplineLevel.BERAT,
    SanctionKind.PEMBEBASAN_JABATAN: DisciplineLevel.BERAT,
    SanctionKind.PEMBERHENTIAN: DisciplineLevel.BERAT,
}

# Months a sanction runs; reprimands have no duration and dismissal does not end.
SANCTION_MONTHS: dict[SanctionKind, int] = {
    SanctionKind.POTONGAN_TUKIN_6: 6,
    SanctionKind.POTONGAN_TUKIN_9: 9,
    SanctionKind.POTONGAN_TUKIN_12: 12,
    SanctionKind.PENURUNAN_JABATAN: 12,
    SanctionKind.PEMBEBASAN_JABATAN: 12,
}

# (from this many days of unexcused absence in a calendar year, the sanction). domain.md §5.
DEFAULT_ABSENCE_THRESHOLDS: list[list[Any]] = [
    [3, SanctionKind.TEGURAN_LISAN.value],
    [4, SanctionKind.TEGURAN_TERTULIS.value],
    [7, SanctionKind.PERNYATAAN_TIDAK_PUAS.value],
    [11, SanctionKind.POTONGAN_TUKIN_6.value],
    [14, SanctionKind.POTONGAN_TUKIN_9.value],
    [17, SanctionKind.POTONGAN_TUKIN_12.value],
    [21, SanctionKind.PENURUNAN_JABATAN.value],
    [25, SanctionKind.PEMBEBASAN_JABATAN.value],
    [28, SanctionKind.PEMBERHENTIAN.value],
]
DEFAULT_CONSECUTIVE_DISMISSAL_DAYS = 10


def level_of(kind: SanctionKind | str) -> DisciplineLevel:
    """The discipline level of a sanction kind."""
    return SANCTION_LEVELS[SanctionKind(kind)]


def sanction_for_absence(
    days: int,
    longest_consecutive: int = 0,
    *,
    thresholds: Iterable[Iterable[Any]] = DEFAULT_ABSENCE_THRESHOLDS,
    consecutive_dismissal: int = DEFAULT_CONSECUTIVE_DISMISSAL_DAYS,
) -> SanctionKind | None:
    """The sanction the absence table proposes for a year's unexcused absence, or None.

    `days` is the year's total of unexcused working days, `longest_consecutive` the
    longest unbroken run; a run of `consecutive_dismissal` days proposes dismissal
    whatever the total.
    """
    if consecutive_dismissal and longest_consecutive >= consecutive_dismissal:
        return SanctionKind.PEMBERHENTIAN
    proposed: SanctionKind | None = None
    for minimum, kind in sorted((int(a), str(b)) for a, b in thresholds):
        if days >= minimum:
            proposed = SanctionKind(kind)
    return proposed


def validate_thresholds(value: Any) -> None:
    """Setting validator: a list of [days, sanction code] with increasing days."""
    if not isinstance(value, list) or not value:
        raise ValueError(_l("Give a list of [days, sanction code] pairs."))
    previous = 0
    for item in value:
        if not (isinstance(item, list) and len(item) == 2 and isinstance(item[0], int)):
            raise ValueError(_l("Each entry must be [days, sanction code]."))
        if item[1] not in {k.value for k in SanctionKind}:
            raise ValueError(_l("Unknown sanction code: %(code)s.", code=item[1]))
        if item[0] <= previous:
            raise ValueError(_l("The days must increase from one entry to the next."))
        previous = item[0]


def add_months(start: date, months: int) -> date:
    """The same day `months` later (clamped to the month's end: 31 Aug + 6 → 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def sanction_end(kind: SanctionKind | str, starts_on: date) -> date | None:
    """Last day of a sanction: start + its months − 1 day; the start for reprimands; None for dismissal."""
    kind = SanctionKind(kind)
    if kind is SanctionKind.PEMBERHENTIAN:
        return None
    months = SANCTION_MONTHS.get(kind)
    if months is None:
        return starts_on
    return add_months(starts_on, months) - timedelta(days=1)


def periods_overlap(a_start: date, a_end: date | None, b_start: date, b_end: date | None) -> bool:
    """True when two closed date ranges share a day (None as an end means open-ended)."""
    return (a_end is None or b_start <= a_end) and (b_end is None or a_start <= b_end)


def is_active_on(starts_on: date, ends_on: date | None, on: date) -> bool:
    """True when a sanction runs on day `on`."""
    return starts_on <= on and (ends_on is None or on <= ends_on)


# ---------------------------------------------------------------- Satyalancana Karya Satya

SATYALANCANA_MILESTONES: dict[int, RewardKind] = {
    10: RewardKind.SATYALANCANA_10,
    20: RewardKind.SATYALANCANA_20,
    30: RewardKind.SATYALANCANA_30,
}
DISQUALIFYING_LEVELS = frozenset({DisciplineLevel.SEDANG, DisciplineLevel.BERAT})


def service_years(appointed_on: date | None, on: date) -> int:
    """Whole years of service from the CPNS appointment date to `on` (0 when unknown)."""
    if appointed_on is None or on < appointed_on:
        return 0
    years = on.year - appointed_on.year
    if (on.month, on.day) < (appointed_on.month, appointed_on.day):
        years -= 1
    return years


@dataclass(frozen=True)
class SatyalancanaStatus:
    """What the Satyalancana rule found: the milestone due (if any) and why not otherwise."""

    years: int
    kind: RewardKind | None
    milestone: int | None
    blockers: list[Any] = field(default_factory=list)


def satyalancana_status(
    *,
    is_pns: bool,
    appointed_on: date | None,
    on: date,
    sanction_levels: Iterable[DisciplineLevel | str],
    unpaid_leave: bool,
    awarded: Iterable[str],
    milestone: int | None = None,
) -> SatyalancanaStatus:
    """Satyalancana Karya Satya due on `on`: the highest milestone (10/20/30 years of service
    since CPNS appointment) reached and not yet awarded — none when a higher one was
    awarded — and only for civil servants never given a medium or heavy sanction and never
    on unpaid leave. Pass `milestone` to check one specific milestone instead.
    """
    years = service_years(appointed_on, on)
    awarded_set = {str(a) for a in awarded}
    awarded_milestones = [m for m, k in SATYALANCANA_MILESTONES.items() if k.value in awarded_set]
    blockers: list[Any] = []
    if not is_pns:
        blockers.append(_l("Only civil servants (PNS) receive the Satyalancana Karya Satya."))
    if appointed_on is None:
        blockers.append(_l("The appointment date is not recorded."))
    if any(DisciplineLevel(level) in DISQUALIFYING_LEVELS for level in sanction_levels):
        blockers.append(_l("A medium or heavy discipline sanction is on record."))
    if unpaid_leave:
        blockers.append(_l("Unpaid leave is on record."))
    candidates = [milestone] if milestone is not None else sorted(SATYALANCANA_MILESTONES, reverse=True)
    due: int | None = None
    for m in candidates:
        if years < m:
            if milestone is not None:
                blockers.append(_l("%(years)s years of service; %(m)s are needed.", years=years, m=m))
            continue
        if any(a >= m for a in awarded_milestones):
            if milestone is not None:
                blockers.append(_l("This or a higher Satyalancana was already awarded."))
            break
        due = m
        break
    if blockers or due is None:
        return SatyalancanaStatus(years, None, None, blockers)
    return SatyalancanaStatus(years, SATYALANCANA_MILESTONES[due], due, [])
