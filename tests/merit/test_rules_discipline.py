"""Pure discipline and reward rules: every absence boundary, sanction periods, Satyalancana."""

from __future__ import annotations

from datetime import date

import pytest

from app.merit.enums import DisciplineLevel, RewardKind, SanctionKind
from app.merit.rules_discipline import (
    add_months,
    is_active_on,
    level_of,
    periods_overlap,
    sanction_end,
    sanction_for_absence,
    satyalancana_status,
    service_years,
    validate_thresholds,
)

S = SanctionKind


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, None),
        (2, None),
        (3, S.TEGURAN_LISAN),
        (4, S.TEGURAN_TERTULIS),
        (6, S.TEGURAN_TERTULIS),
        (7, S.PERNYATAAN_TIDAK_PUAS),
        (10, S.PERNYATAAN_TIDAK_PUAS),
        (11, S.POTONGAN_TUKIN_6),
        (13, S.POTONGAN_TUKIN_6),
        (14, S.POTONGAN_TUKIN_9),
        (16, S.POTONGAN_TUKIN_9),
        (17, S.POTONGAN_TUKIN_12),
        (20, S.POTONGAN_TUKIN_12),
        (21, S.PENURUNAN_JABATAN),
        (24, S.PENURUNAN_JABATAN),
        (25, S.PEMBEBASAN_JABATAN),
        (27, S.PEMBEBASAN_JABATAN),
        (28, S.PEMBERHENTIAN),
        (120, S.PEMBERHENTIAN),
    ],
)
def test_absence_thresholds_every_boundary(days, expected) -> None:
    assert sanction_for_absence(days, 0) == expected


def test_ten_consecutive_days_propose_dismissal_whatever_the_total() -> None:
    assert sanction_for_absence(10, 10) is S.PEMBERHENTIAN
    assert sanction_for_absence(12, 10) is S.PEMBERHENTIAN
    assert sanction_for_absence(10, 9) is S.PERNYATAAN_TIDAK_PUAS
    assert sanction_for_absence(27, 9) is S.PEMBEBASAN_JABATAN


def test_thresholds_are_a_setting() -> None:
    thresholds = [[5, "teguran_lisan"], [30, "pemberhentian"]]
    assert sanction_for_absence(4, 0, thresholds=thresholds) is None
    assert sanction_for_absence(5, 0, thresholds=thresholds) is S.TEGURAN_LISAN
    assert sanction_for_absence(29, 12, thresholds=thresholds, consecutive_dismissal=15) is S.TEGURAN_LISAN


@pytest.mark.parametrize(
    "bad",
    [
        [],
        "x",
        [[3]],
        [[3, "unknown"]],
        [[4, "teguran_lisan"], [4, "teguran_tertulis"]],
        [["3", "teguran_lisan"]],
    ],
)
def test_threshold_setting_validation(bad) -> None:
    with pytest.raises(ValueError):
        validate_thresholds(bad)


def test_levels_of_the_nine_sanctions() -> None:
    assert [level_of(k) for k in S].count(DisciplineLevel.RINGAN) == 3
    assert [level_of(k) for k in S].count(DisciplineLevel.SEDANG) == 3
    assert [level_of(k) for k in S].count(DisciplineLevel.BERAT) == 3


@pytest.mark.parametrize(
    ("kind", "start", "end"),
    [
        (S.POTONGAN_TUKIN_6, date(2026, 1, 1), date(2026, 6, 30)),
        (S.POTONGAN_TUKIN_9, date(2026, 1, 1), date(2026, 9, 30)),
        (S.POTONGAN_TUKIN_12, date(2026, 3, 15), date(2027, 3, 14)),
        (S.PENURUNAN_JABATAN, date(2026, 1, 1), date(2026, 12, 31)),
        (S.PEMBEBASAN_JABATAN, date(2026, 2, 1), date(2027, 1, 31)),
        (S.TEGURAN_LISAN, date(2026, 5, 5), date(2026, 5, 5)),
        (S.PEMBERHENTIAN, date(2026, 5, 5), None),
    ],
)
def test_sanction_periods(kind, start, end) -> None:
    assert sanction_end(kind, start) == end


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert add_months(date(2027, 8, 31), 6) == date(2028, 2, 29)


def test_overlaps_and_activity() -> None:
    assert periods_overlap(date(2026, 1, 1), date(2026, 6, 30), date(2026, 6, 30), date(2026, 12, 31))
    assert not periods_overlap(date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 1), date(2026, 12, 31))
    assert periods_overlap(date(2020, 1, 1), None, date(2026, 7, 1), date(2026, 12, 31))
    assert is_active_on(date(2026, 1, 1), date(2026, 6, 30), date(2026, 6, 30))
    assert not is_active_on(date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 1))


@pytest.mark.parametrize(
    ("appointed", "on", "years"),
    [
        (date(2016, 3, 1), date(2026, 2, 28), 9),
        (date(2016, 3, 1), date(2026, 3, 1), 10),
        (date(2016, 2, 29), date(2026, 2, 28), 9),
        (None, date(2026, 1, 1), 0),
        (date(2030, 1, 1), date(2026, 1, 1), 0),
    ],
)
def test_service_years(appointed, on, years) -> None:
    assert service_years(appointed, on) == years


def _status(**overrides):
    args = {
        "is_pns": True,
        "appointed_on": date(2016, 3, 1),
        "on": date(2026, 3, 1),
        "sanction_levels": [],
        "unpaid_leave": False,
        "awarded": [],
    }
    args.update(overrides)
    return satyalancana_status(**args)


def test_satyalancana_10_on_the_tenth_anniversary() -> None:
    assert _status().kind is RewardKind.SATYALANCANA_10
    assert _status(on=date(2026, 2, 28)).kind is None


def test_satyalancana_highest_milestone_not_yet_awarded() -> None:
    assert _status(appointed_on=date(2000, 1, 1)).kind is RewardKind.SATYALANCANA_20
    assert (
        _status(appointed_on=date(2000, 1, 1), awarded=["satyalancana_10"]).kind is RewardKind.SATYALANCANA_20
    )
    assert _status(appointed_on=date(2000, 1, 1), awarded=["satyalancana_20"]).kind is None
    assert (
        _status(appointed_on=date(1990, 1, 1), awarded=["satyalancana_20"]).kind is RewardKind.SATYALANCANA_30
    )
    assert _status(appointed_on=date(1990, 1, 1), awarded=["satyalancana_30"]).kind is None


@pytest.mark.parametrize(
    "overrides",
    [
        {"sanction_levels": [DisciplineLevel.SEDANG]},
        {"sanction_levels": ["berat"]},
        {"unpaid_leave": True},
        {"is_pns": False},
        {"appointed_on": None},
    ],
)
def test_satyalancana_blocked(overrides) -> None:
    status = _status(**overrides)
    assert status.kind is None
    assert status.blockers


def test_a_light_sanction_does_not_block_the_satyalancana() -> None:
    assert _status(sanction_levels=[DisciplineLevel.RINGAN]).kind is RewardKind.SATYALANCANA_10


def test_checking_one_milestone_explains_why_not() -> None:
    status = _status(milestone=20)
    assert status.kind is None
    assert any("20" in str(b) for b in status.blockers)
    assert _status(milestone=10, awarded=["satyalancana_10"]).blockers
    assert _status(milestone=10).kind is RewardKind.SATYALANCANA_10
