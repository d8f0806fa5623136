"""Calibration: the predicate distribution against the organisation-predicate guidance."""

from __future__ import annotations

import pytest

from app.merit.rules_calibration import DEFAULT_GUIDANCE, check_distribution, distribution, validate_guidance
from app.merit.rules_kpi import achievement_percent, average_achievement


def warnings(counts, org):
    return [str(w.rule) for w in check_distribution(distribution(counts), org, DEFAULT_GUIDANCE)]


def test_istimewa_allows_at_most_70_percent_sangat_baik() -> None:
    assert warnings({"sangat_baik": 7, "baik": 3}, "istimewa") == []
    found = check_distribution(distribution({"sangat_baik": 8, "baik": 2}), "istimewa", DEFAULT_GUIDANCE)
    assert [str(w.rule) for w in found] == ["At most 70% Sangat Baik"]
    assert str(found[0].actual) == "now 80% (8 of 10)"


def test_baik_needs_some_butuh_perbaikan_or_kurang_and_at_most_70_percent_baik() -> None:
    assert warnings({"baik": 7, "sangat_baik": 2, "kurang": 1}, "baik") == []
    assert warnings({"baik": 7, "sangat_baik": 3}, "baik") == [
        "Some Butuh Perbaikan / Kurang/Misconduct (at least 1)"
    ]
    assert warnings({"baik": 8, "butuh_perbaikan": 2}, "baik") == ["At most 70% Baik"]


def test_butuh_perbaikan_guidance() -> None:
    assert warnings({"butuh_perbaikan": 6, "baik": 3, "sangat_baik": 1}, "butuh_perbaikan") == []
    assert warnings({"butuh_perbaikan": 5, "baik": 3, "sangat_baik": 2}, "butuh_perbaikan") == [
        "At least 60% Butuh Perbaikan",
        "At most 10% Sangat Baik",
    ]


def test_kurang_guidance() -> None:
    assert warnings({"kurang": 6, "butuh_perbaikan": 1, "baik": 2, "sangat_baik": 1}, "kurang") == []
    assert warnings({"kurang": 9, "sangat_baik": 1}, "kurang") == ["At least 10% Butuh Perbaikan"]


def test_sangat_kurang_guidance_allows_no_sangat_baik() -> None:
    assert warnings({"sangat_kurang": 6, "baik": 4}, "sangat_kurang") == []
    assert warnings({"sangat_kurang": 6, "baik": 3, "sangat_baik": 1}, "sangat_kurang") == ["No Sangat Baik"]


def test_an_empty_unit_breaks_nothing() -> None:
    assert warnings({}, "baik") == []


@pytest.mark.parametrize(
    "bad",
    [
        [],
        {"luar_biasa": []},
        {"baik": {"predicates": ["baik"]}},
        {"baik": [{"predicates": ["baik"]}]},
        {"baik": [{"predicates": ["bagus"], "max": 70}]},
        {"baik": [{"predicates": ["baik"], "max": 70, "min": 10}]},
        {"baik": [{"predicates": ["baik"], "max": "70"}]},
    ],
)
def test_guidance_setting_validation(bad) -> None:
    with pytest.raises(ValueError):
        validate_guidance(bad)
    validate_guidance(DEFAULT_GUIDANCE)


@pytest.mark.parametrize(
    ("actual", "target", "direction", "expected"),
    [
        (85, 90, "higher", 94.44),
        (90, 90, "higher", 100.0),
        (4, 3, "higher", 133.33),
        (48, 24, "lower", 50.0),  # twice the allowed time: half achieved
        (12, 24, "lower", 200.0),
        (None, 90, "higher", None),
        (80, None, "higher", None),
        (5, 0, "higher", None),
        (0, 0, "lower", 100.0),
        (0, 5, "lower", None),
    ],
)
def test_kpi_achievement(actual, target, direction, expected) -> None:
    assert achievement_percent(actual, target, direction) == expected


def test_average_achievement_ignores_unknowns() -> None:
    assert average_achievement([100.0, None, 50.0]) == 75.0
    assert average_achievement([None]) is None
