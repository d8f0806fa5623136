"""The public satisfaction index (IKM, PermenPANRB 14/2017) in exact arithmetic.

Per element NRR = sum of answers ÷ number of answers; IKM = Σ NRR × weight
(1/9 each for the nine standard elements, held as `Fraction`s so no rounding
creeps in); converted IKM = IKM × 25; the grade is read from the converted
value at the two decimals the regulation's ranges are written in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from fractions import Fraction
from typing import Any

from flask_babel import lazy_gettext as _l

CONVERSION_FACTOR = 25
STANDARD_WEIGHT = Fraction(1, 9)


class Grade(StrEnum):
    """Service quality grade (mutu pelayanan) on the converted IKM."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"

    @property
    def label(self) -> str:
        return str(GRADE_LABELS[self])


GRADE_LABELS = {
    Grade.A: _l("Very good"),
    Grade.B: _l("Good"),
    Grade.C: _l("Not good enough"),
    Grade.D: _l("Not good"),
}

# Lowest converted value (two decimals) of each grade, best first.
GRADE_FLOORS: tuple[tuple[Decimal, Grade], ...] = (
    (Decimal("88.31"), Grade.A),
    (Decimal("76.61"), Grade.B),
    (Decimal("65.00"), Grade.C),
)


@dataclass(frozen=True)
class ElementTally:
    """Answers to one element: their sum and how many there were."""

    total: int
    count: int


@dataclass(frozen=True)
class IkmResult:
    """Respondents, NRR per element (None without answers), IKM, converted IKM and grade."""

    respondents: int
    nrr: tuple[Fraction | None, ...]
    ikm: Fraction | None
    converted: Fraction | None
    grade: Grade | None

    def as_numbers(self) -> dict[str, Any]:
        """Floats for JSON and templates: NRR and IKM to 4 decimals, converted to 2."""
        return {
            "respondents": self.respondents,
            "nrr": [None if v is None else round(float(v), 4) for v in self.nrr],
            "ikm": None if self.ikm is None else round(float(self.ikm), 4),
            "converted": None if self.converted is None else float(round_converted(self.converted)),
            "grade": None if self.grade is None else self.grade.value,
        }


def round_converted(value: Fraction | Decimal) -> Decimal:
    """The converted IKM at two decimals, half up (how the regulation's ranges are written)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def grade_for(converted: Fraction | Decimal) -> Grade:
    """A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, else D (on the value rounded to two decimals)."""
    value = round_converted(converted)
    for floor, grade in GRADE_FLOORS:
        if value >= floor:
            return grade
    return Grade.D


def compute_ikm(tallies: Sequence[ElementTally], weights: Sequence[Fraction], respondents: int) -> IkmResult:
    """IKM from per-element tallies and weights (same order).

    Elements nobody answered yet (one an agency just added) get no NRR, and the
    remaining weights are scaled back to a total of 1 so the index stays on the
    1–4 scale; with every element answered this is exactly Σ NRR × weight.
    """
    if len(tallies) != len(weights):
        raise ValueError("one weight per element")
    nrr = tuple(Fraction(t.total, t.count) if t.count else None for t in tallies)
    answered = [(v, w) for v, w in zip(nrr, weights, strict=True) if v is not None]
    weight_sum = sum((w for _v, w in answered), Fraction(0))
    if not answered or weight_sum == 0:
        return IkmResult(respondents, nrr, None, None, None)
    ikm = sum((v * w for v, w in answered), Fraction(0)) / weight_sum
    converted = ikm * CONVERSION_FACTOR
    return IkmResult(respondents, nrr, ikm, converted, grade_for(converted))


class WeightError(ValueError):
    """A weight that is not a positive fraction of at most 1, or weights not summing to 1."""


def parse_weight(text: str) -> Fraction:
    """Read a weight written as a fraction ("1/9") or a decimal ("0.1"), exactly."""
    try:
        value = Fraction(str(text).strip().replace(",", "."))
    except (ValueError, ZeroDivisionError):
        raise WeightError(
            _l("Write the weight as a fraction such as 1/10 or a decimal such as 0.1.")
        ) from None
    if value <= 0 or value > 1:
        raise WeightError(_l("A weight must be more than 0 and at most 1."))
    return value


def check_weights_sum(weights: Sequence[Fraction]) -> None:
    """Refuse weights that do not add up to exactly 1."""
    total = sum(weights, Fraction(0))
    if total != 1:
        raise WeightError(
            _l("The weights add up to %(total)s; they must add up to exactly 1.", total=str(total))
        )


def format_weight(value: Fraction) -> str:
    """How a weight is stored and shown: "1/9", "1/10", "1"."""
    return str(value)
