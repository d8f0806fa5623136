"""Pure rules of performance: the predicate matrix, periods, the PP 46/2011 scale and the 9-box.

Nothing here touches the database or the request; settings arrive as arguments.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from app.merit.enums import Potential, Predicate, Rating

# Rows: hasil kerja (work result); columns: perilaku kerja (work behaviour). domain.md §3.
PREDICATE_MATRIX: dict[tuple[Rating, Rating], Predicate] = {
    (Rating.ABOVE, Rating.BELOW): Predicate.KURANG,
    (Rating.ABOVE, Rating.MEETS): Predicate.BAIK,
    (Rating.ABOVE, Rating.ABOVE): Predicate.SANGAT_BAIK,
    (Rating.MEETS, Rating.BELOW): Predicate.KURANG,
    (Rating.MEETS, Rating.MEETS): Predicate.BAIK,
    (Rating.MEETS, Rating.ABOVE): Predicate.BAIK,
    (Rating.BELOW, Rating.BELOW): Predicate.SANGAT_KURANG,
    (Rating.BELOW, Rating.MEETS): Predicate.BUTUH_PERBAIKAN,
    (Rating.BELOW, Rating.ABOVE): Predicate.BUTUH_PERBAIKAN,
}


def predicate_for(work_result: Rating | str, work_behavior: Rating | str) -> Predicate:
    """The predicate of a (hasil kerja, perilaku kerja) pair; ValueError for an unknown rating."""
    return PREDICATE_MATRIX[(Rating(work_result), Rating(work_behavior))]


# ---------------------------------------------------------------- periods

PERIOD_RE = re.compile(r"^(\d{4})(?:-Q([1-4]))?$")
MIN_YEAR, MAX_YEAR = 2000, 2100


@dataclass(frozen=True)
class Period:
    """An evaluation period: a calendar year ("2026") or one of its quarters ("2026-Q1")."""

    year: int
    quarter: int | None = None

    @property
    def code(self) -> str:
        return f"{self.year}" if self.quarter is None else f"{self.year}-Q{self.quarter}"

    @property
    def is_annual(self) -> bool:
        return self.quarter is None

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        month = 12 if self.quarter is None else 3 * self.quarter
        return date(self.year, month, calendar.monthrange(self.year, month)[1])


def parse_period(text: Any) -> Period:
    """ "2026" or "2026-Q1" → `Period`; ValueError with a readable message otherwise."""
    match = PERIOD_RE.match(str(text or "").strip())
    if not match:
        raise ValueError(_l('Use a year ("2026") or a quarter ("2026-Q1").'))
    year = int(match.group(1))
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(_l("The year must be between %(a)s and %(b)s.", a=MIN_YEAR, b=MAX_YEAR))
    return Period(year, int(match.group(2)) if match.group(2) else None)


# ---------------------------------------------------------------- PP 46/2011 (older records)


@dataclass(frozen=True)
class LegacyScore:
    """An older SKP score: 60% work targets + 40% behaviour, with its category."""

    skp: float
    behavior: float
    final: float
    category: str
    predicate: Predicate


# (lower bound exclusive, category, predicate used on today's scale); "Buruk" is ≤ 50.
LEGACY_BANDS: tuple[tuple[float, str, Predicate], ...] = (
    (90, "Sangat Baik", Predicate.SANGAT_BAIK),
    (75, "Baik", Predicate.BAIK),
    (60, "Cukup", Predicate.BUTUH_PERBAIKAN),
    (50, "Kurang", Predicate.KURANG),
)
LEGACY_LOWEST = ("Buruk", Predicate.SANGAT_KURANG)


def legacy_category(final: float) -> tuple[str, Predicate]:
    """PP 46/2011 category of a final score: Sangat Baik 91–100, Baik 76–90, Cukup 61–75,
    Kurang 51–60, Buruk ≤ 50 (between whole numbers a score belongs to the higher band's
    range only once it passes the lower band's top, e.g. 90.5 is Sangat Baik)."""
    for floor, category, predicate in LEGACY_BANDS:
        if final > floor:
            return category, predicate
    return LEGACY_LOWEST


def legacy_score(skp: float, behavior: float) -> LegacyScore:
    """Combine the two PP 46/2011 components (each 0–100) into the final score and category."""
    for value in (skp, behavior):
        if not 0 <= value <= 100:
            raise ValueError(_l("Scores must be between 0 and 100."))
    final = round(skp * 0.6 + behavior * 0.4, 2)
    category, predicate = legacy_category(final)
    return LegacyScore(skp, behavior, final, category, predicate)


# ---------------------------------------------------------------- 9-box (PermenPANRB 3/2020)

NINE_BOX: dict[tuple[Potential, Rating], int] = {
    (Potential.TINGGI, Rating.BELOW): 6,
    (Potential.TINGGI, Rating.MEETS): 8,
    (Potential.TINGGI, Rating.ABOVE): 9,
    (Potential.MENENGAH, Rating.BELOW): 3,
    (Potential.MENENGAH, Rating.MEETS): 5,
    (Potential.MENENGAH, Rating.ABOVE): 7,
    (Potential.RENDAH, Rating.BELOW): 1,
    (Potential.RENDAH, Rating.MEETS): 2,
    (Potential.RENDAH, Rating.ABOVE): 4,
}
BOX_AXES: dict[int, tuple[Potential, Rating]] = {box: axes for axes, box in NINE_BOX.items()}
TALENT_POOL_BOXES = frozenset({7, 8, 9})

BOX_ACTIONS: dict[int, Any] = {
    9: _l("Promote, retain, national/agency succession pool, award"),
    8: _l("Retain, agency succession pool, rotation or job enlargement"),
    7: _l("Retain, succession pool, rotation or enrichment, competency development"),
    6: _l("Suitable placement, performance coaching and counselling"),
    5: _l("Suitable placement, coaching, competency development"),
    4: _l("Rotation, competency development"),
    3: _l("Performance coaching, counselling, competency development"),
    2: _l("Performance coaching, competency development"),
    1: _l("Handled under the applicable regulations"),
}


def nine_box(potential: Potential | None, performance: Rating | None) -> int | None:
    """The box (1–9) for a potential and a performance; None when either is unknown."""
    if potential is None or performance is None:
        return None
    return NINE_BOX[(Potential(potential), Rating(performance))]


DEFAULT_PERFORMANCE_MAPPING: dict[str, str] = {
    Predicate.SANGAT_BAIK: Rating.ABOVE,
    Predicate.BAIK: Rating.MEETS,
    Predicate.BUTUH_PERBAIKAN: Rating.BELOW,
    Predicate.KURANG: Rating.BELOW,
    Predicate.SANGAT_KURANG: Rating.BELOW,
}
DEFAULT_POTENTIAL_CUTOFFS: dict[str, float] = {Potential.TINGGI: 80.0, Potential.MENENGAH: 60.0}
DEFAULT_POTENTIAL_FROM_BAND: dict[str, str] = {
    "optimal": Potential.TINGGI,
    "cukup_optimal": Potential.MENENGAH,
    "kurang_optimal": Potential.RENDAH,
}


def performance_axis(predicate: Predicate | None, mapping: dict[str, str]) -> Rating | None:
    """The kinerja axis of a predicate under the (setting) mapping."""
    if predicate is None:
        return None
    value = mapping.get(Predicate(predicate).value)
    return Rating(value) if value else None


def band_code(band: Any) -> str | None:
    """A JPM band as a code: "Cukup Optimal" and "cukup_optimal" both give "cukup_optimal"."""
    if band is None:
        return None
    text = str(getattr(band, "value", band)).strip().lower()
    return "_".join(text.replace("-", " ").split()) or None


def potential_from_score(score: float, cutoffs: dict[str, float]) -> Potential:
    """Potential from an assessment score: at least the `tinggi` cut-off is high, and so on."""
    if score >= float(cutoffs[Potential.TINGGI]):
        return Potential.TINGGI
    if score >= float(cutoffs[Potential.MENENGAH]):
        return Potential.MENENGAH
    return Potential.RENDAH


def potential_for(
    assessment_score: float | None,
    jpm_band: Any,
    *,
    cutoffs: dict[str, float],
    from_band: dict[str, str],
) -> tuple[Potential | None, str | None]:
    """`(potential, source)`: the assessment score when recorded, else the JPM band, else unknown."""
    if assessment_score is not None:
        return potential_from_score(assessment_score, cutoffs), "assessment"
    code = band_code(jpm_band)
    if code and from_band.get(code):
        return Potential(from_band[code]), "jpm"
    return None, None


def format_percent(value: float | None) -> str:
    """94.0 → "94%", 80.55 → "80.6%" (what explanations show)."""
    if value is None:
        return "—"
    rounded = round(float(value), 1)
    return f"{rounded:.0f}%" if rounded == int(rounded) else f"{rounded:.1f}%"
