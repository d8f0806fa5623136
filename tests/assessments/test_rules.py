"""Pure grading rules: scoring per kind, short answers, grading methods, bands, deadlines, item analysis."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from app.assessments.enums import GradingMethod, MultipleScoring, QuestionKind
from app.assessments.rules import (
    ScoreBands,
    accepts_answers,
    attempts_left,
    choice_fraction,
    deadline,
    discrimination_index,
    draw_questions,
    final_score,
    has_passed,
    histogram,
    histogram_labels,
    item_stats,
    level_for_score,
    normalise_answer,
    order_choices,
    percent,
    short_answer_fraction,
)


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [({1}, 1.0), ({2}, 0.0), (set(), 0.0), ({1, 2}, 0.0)],
)
def test_single_choice_needs_exactly_the_correct_choice(chosen, expected):
    assert choice_fraction(QuestionKind.SINGLE, {1}, chosen, choice_count=4) == expected
    assert choice_fraction(QuestionKind.TRUE_FALSE, {1}, chosen, choice_count=2) == expected


def test_multiple_all_or_nothing():
    kind = QuestionKind.MULTIPLE
    assert choice_fraction(kind, {1, 2}, {1, 2}, choice_count=4) == 1.0
    assert choice_fraction(kind, {1, 2}, {1}, choice_count=4) == 0.0
    assert choice_fraction(kind, {1, 2}, {1, 2, 3}, choice_count=4) == 0.0


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        ({1, 2}, 1.0),  # both correct
        ({1}, 0.5),  # half the correct ones
        ({1, 3}, 0.0),  # one right (+½), one of two wrong (−½)
        ({1, 2, 3}, 0.5),
        ({1, 2, 3, 4}, 0.0),  # ticking everything earns nothing
        ({3, 4}, 0.0),  # never below zero
        (set(), 0.0),
    ],
)
def test_multiple_proportional_partial_credit(chosen, expected):
    fraction = choice_fraction(
        QuestionKind.MULTIPLE, {1, 2}, chosen, choice_count=4, scoring=MultipleScoring.PROPORTIONAL
    )
    assert fraction == pytest.approx(expected)


def test_a_question_without_a_correct_choice_earns_nothing():
    assert choice_fraction(QuestionKind.SINGLE, set(), set(), choice_count=2) == 0.0


def test_short_answer_ignores_case_and_spaces():
    accepted = ["Pancasila", "UUD 1945"]
    assert short_answer_fraction(accepted, "  pancasila ") == 1.0
    assert short_answer_fraction(accepted, "PANCA SILA") == 1.0
    assert short_answer_fraction(accepted, "uud  1945") == 1.0
    assert short_answer_fraction(accepted, "uud1945") == 1.0
    assert short_answer_fraction(accepted, "Bhinneka") == 0.0
    assert short_answer_fraction(accepted, "") == 0.0
    assert short_answer_fraction(accepted, None) == 0.0
    assert short_answer_fraction(["", "  "], "") == 0.0
    assert normalise_answer("Ｐａｎｃａｓｉｌａ") == "pancasila"  # full-width letters


def test_percent_is_bounded_and_rounded():
    assert percent(7, 9) == 77.78
    assert percent(12, 10) == 100.0
    assert percent(-1, 10) == 0.0
    assert percent(3, 0) == 0.0


@pytest.mark.parametrize(
    ("method", "expected"),
    [(GradingMethod.HIGHEST, 80.0), (GradingMethod.LAST, 60.0), (GradingMethod.AVERAGE, 66.67)],
)
def test_grading_methods(method, expected):
    assert final_score(method, [60.0, 80.0, 60.0]) == expected
    assert final_score(method, []) is None


def test_passing_reaches_the_passing_score():
    assert has_passed(70.0, 70)
    assert not has_passed(69.99, 70)
    assert not has_passed(None, 0)


def test_score_bands_set_the_level():
    kwargs = {"passing_score": 70, "target_level": 3}
    assert level_for_score(65, allow_above_target=True, **kwargs) is None
    assert level_for_score(75, allow_above_target=True, **kwargs) == 3
    assert level_for_score(95, allow_above_target=False, **kwargs) == 3
    assert level_for_score(90, allow_above_target=True, **kwargs) == 4
    assert level_for_score(89.99, allow_above_target=True, **kwargs) == 3
    assert level_for_score(100, allow_above_target=True, passing_score=70, target_level=5) == 5
    assert level_for_score(85, allow_above_target=True, bands=ScoreBands(80), **kwargs) == 4


def test_attempts_left_counts_extra_grants():
    assert attempts_left(None, 7) is None
    assert attempts_left(2, 1) == 1
    assert attempts_left(2, 2) == 0
    assert attempts_left(2, 2, extra=1) == 1
    assert attempts_left(1, 3) == 0


def test_deadline_is_the_earlier_of_limit_and_closing():
    start = datetime(2026, 11, 29, 8, 0, tzinfo=UTC)
    assert deadline(start, None, None) is None
    assert deadline(start, 30, None) == start + timedelta(minutes=30)
    closes = start + timedelta(minutes=10)
    assert deadline(start, 30, closes) == closes
    assert deadline(start, None, closes) == closes


def test_answers_accepted_until_deadline_plus_grace():
    due = datetime(2026, 11, 29, 8, 30, tzinfo=UTC)
    assert accepts_answers(due, due, 30)
    assert accepts_answers(due + timedelta(seconds=30), due, 30)
    assert not accepts_answers(due + timedelta(seconds=31), due, 30)
    assert accepts_answers(due + timedelta(days=9), None, 0)


def test_draw_questions_fixed_then_random_without_repeats():
    rng = random.Random(4)
    drawn = draw_questions([1, 2], [([2, 3, 4, 5, 6], 2), ([3, 4, 5, 6, 7], 10)], rng, shuffle=False)
    assert drawn[:2] == [1, 2]
    assert len(drawn) == len(set(drawn)) == 7  # the second pool gives what is left
    assert set(drawn) == {1, 2, 3, 4, 5, 6, 7}


def test_draw_and_order_shuffle_reproducibly():
    first = draw_questions(list(range(20)), [], random.Random(1), shuffle=True)
    again = draw_questions(list(range(20)), [], random.Random(1), shuffle=True)
    assert first == again and sorted(first) == list(range(20)) and first != list(range(20))
    assert order_choices([1, 2, 3], random.Random(1), shuffle=False) == [1, 2, 3]
    assert sorted(order_choices([1, 2, 3, 4], random.Random(2), shuffle=True)) == [1, 2, 3, 4]


def test_discrimination_index_upper_minus_lower_27_percent():
    # 10 attempts: 27 % → groups of 3. The strongest three got the item, the weakest three did not.
    results = [(float(score), 1.0 if score >= 50 else 0.0) for score in range(0, 100, 10)]
    assert discrimination_index(results) == 1.0
    # Reversed: a question the weak get right and the strong get wrong.
    assert discrimination_index([(s, 1.0 - f) for s, f in results]) == -1.0
    # Everyone right: no discrimination.
    assert discrimination_index([(s, 1.0) for s, _f in results]) == 0.0
    assert discrimination_index([(50.0, 1.0)]) is None
    assert discrimination_index([(10.0, 0.0), (90.0, 1.0)]) == 1.0


def test_item_stats():
    stats = item_stats([(90.0, 1.0), (80.0, 1.0), (40.0, 0.0), (30.0, 0.5)])
    assert stats.answered == 4
    assert stats.percent_correct == 62.5
    assert stats.discrimination == 0.5  # one attempt per group: 1.0 (score 90) − 0.5 (score 30)
    assert item_stats([]).percent_correct is None


def test_histogram_bins():
    assert histogram([0, 9.99, 10, 55, 100, 100]) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]
    assert histogram_labels()[0] == "0–9" and histogram_labels()[-1] == "90–100"
