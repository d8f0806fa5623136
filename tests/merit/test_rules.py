"""Pure performance rules: all nine predicate cells, periods, the PP 46/2011 scale, the 9-box."""

from __future__ import annotations

from datetime import date

import pytest

from app.merit.enums import Potential, Predicate, Rating
from app.merit.rules import (
    BOX_ACTIONS,
    DEFAULT_PERFORMANCE_MAPPING,
    DEFAULT_POTENTIAL_CUTOFFS,
    DEFAULT_POTENTIAL_FROM_BAND,
    TALENT_POOL_BOXES,
    Period,
    band_code,
    format_percent,
    legacy_category,
    legacy_score,
    nine_box,
    parse_period,
    performance_axis,
    potential_for,
    predicate_for,
)

A, M, B = "above", "meets", "below"


@pytest.mark.parametrize(
    ("work_result", "work_behavior", "predicate"),
    [
        (A, B, Predicate.KURANG),
        (A, M, Predicate.BAIK),
        (A, A, Predicate.SANGAT_BAIK),
        (M, B, Predicate.KURANG),
        (M, M, Predicate.BAIK),
        (M, A, Predicate.BAIK),
        (B, B, Predicate.SANGAT_KURANG),
        (B, M, Predicate.BUTUH_PERBAIKAN),
        (B, A, Predicate.BUTUH_PERBAIKAN),
    ],
)
def test_predicate_matrix_all_nine_cells(work_result, work_behavior, predicate) -> None:
    assert predicate_for(work_result, work_behavior) is predicate


@pytest.mark.parametrize("bad", ["excellent", "", "ABOVE ", None])
def test_predicate_refuses_ratings_outside_the_three_values(bad) -> None:
    with pytest.raises(ValueError):
        predicate_for(bad, "meets")


def test_kurang_label_is_the_official_term() -> None:
    assert Predicate.KURANG.label == "Kurang/Misconduct"


@pytest.mark.parametrize(
    ("text", "year", "quarter", "start", "end"),
    [
        ("2026", 2026, None, date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-Q1", 2026, 1, date(2026, 1, 1), date(2026, 3, 31)),
        ("2024-Q2", 2024, 2, date(2024, 4, 1), date(2024, 6, 30)),
        ("2026-Q3", 2026, 3, date(2026, 7, 1), date(2026, 9, 30)),
        (" 2026-Q4 ", 2026, 4, date(2026, 10, 1), date(2026, 12, 31)),
    ],
)
def test_periods(text, year, quarter, start, end) -> None:
    period = parse_period(text)
    assert (period.year, period.quarter, period.start, period.end) == (year, quarter, start, end)
    assert period.is_annual is (quarter is None)
    assert parse_period(period.code) == period


@pytest.mark.parametrize("bad", ["26", "2026-Q5", "2026-Q0", "2026Q1", "1999", "2101", "", None, "2026-01"])
def test_bad_periods_are_refused(bad) -> None:
    with pytest.raises(ValueError):
        parse_period(bad)


@pytest.mark.parametrize(
    ("final", "category", "predicate"),
    [
        (100, "Sangat Baik", Predicate.SANGAT_BAIK),
        (91, "Sangat Baik", Predicate.SANGAT_BAIK),
        (90.5, "Sangat Baik", Predicate.SANGAT_BAIK),
        (90, "Baik", Predicate.BAIK),
        (76, "Baik", Predicate.BAIK),
        (75, "Cukup", Predicate.BUTUH_PERBAIKAN),
        (61, "Cukup", Predicate.BUTUH_PERBAIKAN),
        (60, "Kurang", Predicate.KURANG),
        (51, "Kurang", Predicate.KURANG),
        (50, "Buruk", Predicate.SANGAT_KURANG),
        (0, "Buruk", Predicate.SANGAT_KURANG),
    ],
)
def test_pp46_scale_boundaries(final, category, predicate) -> None:
    assert legacy_category(final) == (category, predicate)


def test_pp46_final_score_is_60_percent_skp_and_40_percent_behaviour() -> None:
    score = legacy_score(90, 80)
    assert score.final == 86.0
    assert score.category == "Baik"
    assert legacy_score(95, 85).final == 91.0
    assert legacy_score(95, 85).category == "Sangat Baik"


@pytest.mark.parametrize(("skp", "behavior"), [(101, 80), (-1, 80), (80, 100.5)])
def test_pp46_refuses_scores_outside_0_100(skp, behavior) -> None:
    with pytest.raises(ValueError):
        legacy_score(skp, behavior)


@pytest.mark.parametrize(
    ("potential", "performance", "box"),
    [
        (Potential.TINGGI, Rating.BELOW, 6),
        (Potential.TINGGI, Rating.MEETS, 8),
        (Potential.TINGGI, Rating.ABOVE, 9),
        (Potential.MENENGAH, Rating.BELOW, 3),
        (Potential.MENENGAH, Rating.MEETS, 5),
        (Potential.MENENGAH, Rating.ABOVE, 7),
        (Potential.RENDAH, Rating.BELOW, 1),
        (Potential.RENDAH, Rating.MEETS, 2),
        (Potential.RENDAH, Rating.ABOVE, 4),
    ],
)
def test_nine_box_mapping(potential, performance, box) -> None:
    assert nine_box(potential, performance) == box
    assert BOX_ACTIONS[box]


def test_nine_box_needs_both_axes() -> None:
    assert nine_box(None, Rating.ABOVE) is None
    assert nine_box(Potential.TINGGI, None) is None
    assert {7, 8, 9} == TALENT_POOL_BOXES


@pytest.mark.parametrize(
    ("predicate", "axis"),
    [
        (Predicate.SANGAT_BAIK, Rating.ABOVE),
        (Predicate.BAIK, Rating.MEETS),
        (Predicate.BUTUH_PERBAIKAN, Rating.BELOW),
        (Predicate.KURANG, Rating.BELOW),
        (Predicate.SANGAT_KURANG, Rating.BELOW),
        (None, None),
    ],
)
def test_default_performance_axis(predicate, axis) -> None:
    assert performance_axis(predicate, DEFAULT_PERFORMANCE_MAPPING) == axis


def test_performance_mapping_is_a_setting() -> None:
    mapping = {**DEFAULT_PERFORMANCE_MAPPING, "baik": "above"}
    assert performance_axis(Predicate.BAIK, mapping) is Rating.ABOVE


@pytest.mark.parametrize(
    ("score", "band", "expected"),
    [
        (80, None, (Potential.TINGGI, "assessment")),
        (79.9, "optimal", (Potential.MENENGAH, "assessment")),  # a score beats the band
        (60, None, (Potential.MENENGAH, "assessment")),
        (59.99, None, (Potential.RENDAH, "assessment")),
        (None, "Optimal", (Potential.TINGGI, "jpm")),
        (None, "Cukup Optimal", (Potential.MENENGAH, "jpm")),
        (None, "kurang_optimal", (Potential.RENDAH, "jpm")),
        (None, None, (None, None)),
        (None, "unknown band", (None, None)),
    ],
)
def test_potential_from_score_else_jpm_band(score, band, expected) -> None:
    result = potential_for(
        score, band, cutoffs=DEFAULT_POTENTIAL_CUTOFFS, from_band=DEFAULT_POTENTIAL_FROM_BAND
    )
    assert result == expected


def test_potential_cutoffs_are_settings() -> None:
    cutoffs = {"tinggi": 90, "menengah": 70}
    assert potential_for(85, None, cutoffs=cutoffs, from_band={})[0] is Potential.MENENGAH


def test_band_codes_and_percent_format() -> None:
    assert band_code("Cukup Optimal") == "cukup_optimal"
    assert band_code(None) is None
    assert format_percent(94.0) == "94%"
    assert format_percent(80.55) == "80.5%" or format_percent(80.55) == "80.6%"
    assert format_percent(None) == "—"
    assert Period(2026).code == "2026"
