"""IKM in exact arithmetic: the domain's worked example, the grade boundaries and agency weights."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from app.service_quality.rules.ikm import (
    STANDARD_WEIGHT,
    ElementTally,
    Grade,
    WeightError,
    check_weights_sum,
    compute_ikm,
    grade_for,
    parse_weight,
)

NINE = [STANDARD_WEIGHT] * 9


def test_domain_worked_example() -> None:
    """Two respondents, all 4s and all 3s: every NRR 3.5, IKM 3.5, converted 87.5, grade B."""
    tallies = [ElementTally(total=4 + 3, count=2)] * 9
    result = compute_ikm(tallies, NINE, respondents=2)
    assert result.nrr == (Fraction(7, 2),) * 9
    assert result.ikm == Fraction(7, 2)
    assert result.converted == Fraction(175, 2)
    assert result.grade is Grade.B
    assert result.as_numbers() == {
        "respondents": 2,
        "nrr": [3.5] * 9,
        "ikm": 3.5,
        "converted": 87.5,
        "grade": "B",
    }


def test_weights_are_exactly_one_ninth_not_0_11() -> None:
    """With 0.11 the IKM of all-4 answers would be 3.96 (converted 99); exactly 1/9 gives 4 and 100."""
    result = compute_ikm([ElementTally(4, 1)] * 9, NINE, respondents=1)
    assert result.ikm == 4
    assert result.converted == 100
    assert sum(NINE) == 1


@pytest.mark.parametrize(
    ("converted", "grade"),
    [
        ("25.00", Grade.D),
        ("64.99", Grade.D),
        ("65.00", Grade.C),
        ("76.60", Grade.C),
        ("76.61", Grade.B),
        ("88.30", Grade.B),
        ("88.31", Grade.A),
        ("100", Grade.A),
    ],
)
def test_grade_boundaries(converted: str, grade: Grade) -> None:
    assert grade_for(Decimal(converted)) is grade


def test_grade_reads_the_value_at_two_decimals() -> None:
    """Values between the regulation's ranges (88.305) are read at two decimals, half up."""
    assert grade_for(Fraction(88305, 1000)) is Grade.A
    assert grade_for(Fraction(88304, 1000)) is Grade.B
    assert grade_for(Fraction(6499, 100)) is Grade.D


def test_a_boundary_reached_from_answers() -> None:
    """Nine respondents where one element averages lower: IKM computed exactly from the tallies."""
    tallies = [ElementTally(36, 9)] * 8 + [ElementTally(9, 9)]  # eight elements all 4, one all 1
    result = compute_ikm(tallies, NINE, respondents=9)
    assert result.ikm == Fraction(33, 9)
    assert result.converted == Fraction(275, 3)  # 91.666… → A
    assert result.grade is Grade.A


def test_no_respondents_gives_no_index() -> None:
    result = compute_ikm([ElementTally(0, 0)] * 9, NINE, respondents=0)
    assert result.ikm is None and result.grade is None
    assert result.as_numbers()["nrr"] == [None] * 9


def test_agency_weights_and_an_unanswered_new_element() -> None:
    """Ten elements weighted 1/10; before anyone answers the tenth, the others are scaled back to 1."""
    weights = [Fraction(1, 10)] * 10
    answered = [ElementTally(3, 1)] * 9 + [ElementTally(0, 0)]
    assert compute_ikm(answered, weights, 1).ikm == 3
    everything = [ElementTally(3, 1)] * 9 + [ElementTally(1, 1)]
    assert compute_ikm(everything, weights, 1).ikm == Fraction(28, 10)


def test_weights_are_parsed_exactly_and_must_sum_to_one() -> None:
    assert parse_weight("1/9") == Fraction(1, 9)
    assert parse_weight("0,1") == Fraction(1, 10)
    check_weights_sum([Fraction(1, 9)] * 9)
    with pytest.raises(WeightError):
        check_weights_sum([Fraction(11, 100)] * 9)
    for bad in ["", "abc", "0", "-1/9", "3/2", "1/0"]:
        with pytest.raises(WeightError):
            parse_weight(bad)
    with pytest.raises(ValueError, match="one weight per element"):
        compute_ikm([ElementTally(1, 1)], NINE, 1)
