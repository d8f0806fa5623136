"""Pure rules: gap, JPM, bands, tier defaults and JP (domain.md §1–2 worked examples)."""

from __future__ import annotations

import pytest

from app.competency.enums import JpmBand
from app.competency.rules import (
    DEFAULT_TIER_LEVELS,
    BandThresholds,
    above_cap,
    band_for,
    below_target,
    compliance_percent,
    gap,
    jpm_of,
    minutes_to_jp,
    tier_default_level,
)


def test_domain_worked_example():
    """Required 3, 3, 2, 2; current 3, 2, 2, 1 → JPM 80.0, Cukup Optimal; gaps 0, −1, 0, −1."""
    required = [3, 3, 2, 2]
    current = [3, 2, 2, 1]
    value = jpm_of(zip(required, current, strict=True))
    assert value == 80.0
    assert band_for(value, BandThresholds()) == JpmBand.CUKUP_OPTIMAL
    assert [gap(c, r) for c, r in zip(current, required, strict=True)] == [0, -1, 0, -1]


def test_missing_evidence_counts_as_zero():
    assert gap(None, 3) == -3
    assert jpm_of([(3, None), (2, 2)]) == 40.0


def test_no_requirements_means_no_jpm():
    assert jpm_of([]) is None
    assert band_for(None, BandThresholds()) is None


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (100.0, JpmBand.OPTIMAL),
        (90.0, JpmBand.OPTIMAL),
        (89.99, JpmBand.CUKUP_OPTIMAL),
        (78.0, JpmBand.CUKUP_OPTIMAL),
        (77.99, JpmBand.KURANG_OPTIMAL),
        (0.0, JpmBand.KURANG_OPTIMAL),
    ],
)
def test_band_boundaries(value, band):
    assert band_for(value, BandThresholds()) == band


def test_bands_follow_the_thresholds():
    assert band_for(85.0, BandThresholds(optimal=80, cukup_optimal=60)) == JpmBand.OPTIMAL


def test_tier_defaults_match_the_domain_table():
    expected = {
        "jpt_utama": 5, "jpt_madya": 5, "jpt_pratama": 4, "administrator": 3, "pengawas": 2,
        "pelaksana": 1, "ahli_utama": 4, "ahli_madya": 4, "ahli_muda": 3, "ahli_pertama": 2,
        "penyelia": 2, "mahir": 2, "terampil": 1, "pemula": 1,
    }  # fmt: skip
    assert expected == DEFAULT_TIER_LEVELS
    assert tier_default_level("administrator", DEFAULT_TIER_LEVELS) == 3
    assert tier_default_level("unknown", DEFAULT_TIER_LEVELS) is None


def test_jp_rules():
    assert minutes_to_jp(90) == 2.0
    assert minutes_to_jp(45) == 1.0
    assert minutes_to_jp(60, 60) == 1.0
    assert below_target(19.5, 20) and not below_target(20, 20)
    assert not below_target(0, 0)  # no target, never below it
    assert above_cap(25, 24) and not above_cap(24, 24) and not above_cap(100, None)
    assert compliance_percent(3, 4) == 75.0
    assert compliance_percent(0, 0) is None
