"""The merit profile and the recommendation rules, from plain input objects (no database)."""

from __future__ import annotations

from datetime import date

import pytest
from flask_babel import force_locale

from app.merit.enums import DisciplineLevel, Potential, Predicate, Rating
from app.merit.recommendations import all_rules, build_profile
from app.merit.rules_profile import (
    KpiFact,
    MeritInput,
    MeritSettings,
    RewardFact,
    RuleConfig,
    SanctionFact,
    compute_core,
)

P = Predicate


def person(**overrides) -> MeritInput:
    values = {
        "user_id": 1,
        "year": 2026,
        "on": date(2026, 11, 29),
        "appointed_on": date(2019, 1, 1),
        "jpm": 94.0,
        "jpm_band": "optimal",
        "annual_predicates": {2026: P.SANGAT_BAIK},
        "jp_earned": 24.0,
        "jp_target": 20.0,
    }
    values.update(overrides)
    return MeritInput(**values)


def recs(data: MeritInput, settings: MeritSettings | None = None):
    return build_profile(data, settings or MeritSettings()).recommendations


def by_rule(data: MeritInput, rule: str, settings: MeritSettings | None = None):
    return [r for r in recs(data, settings) if r.rule == rule]


def test_box_9_worked_example_reason() -> None:
    profile = build_profile(person(), MeritSettings())
    assert profile.core.box == 9
    [rec] = [r for r in profile.recommendations if r.rule == "talent_box_9"]
    assert (rec.category, rec.kind) == ("reward", "prioritas_pengembangan")
    with force_locale("en"):
        assert str(rec.reasons[0]) == "Box 9: performance above expectations, potential high (JPM 94%)"
    with force_locale("id"):
        assert str(rec.reasons[0]) == "Kotak 9: kinerja di atas ekspektasi, potensi tinggi (JPM 94%)"


@pytest.mark.parametrize(
    ("predicate", "band", "box", "rule"),
    [
        (P.SANGAT_BAIK, "cukup_optimal", 7, "talent_pool"),
        (P.BAIK, "optimal", 8, "talent_pool"),
        (P.BAIK, "cukup_optimal", 5, None),
    ],
)
def test_talent_pool_boxes_7_and_8(predicate, band, box, rule) -> None:
    data = person(annual_predicates={2026: predicate}, jpm_band=band, jpm=85.0)
    profile = build_profile(data, MeritSettings())
    assert profile.core.box == box
    pool = [r for r in profile.recommendations if r.rule == "talent_pool"]
    assert len(pool) == (1 if rule else 0)
    if pool:
        assert pool[0].kind == "succession_pool"
        assert f"Box {box}" in str(pool[0].reasons[0])


def test_assessment_score_takes_precedence_and_is_named() -> None:
    core = compute_core(person(assessment_score=65.0), MeritSettings())
    assert (core.potential, core.potential_source, core.box) == (Potential.MENENGAH, "assessment", 7)
    [rec] = by_rule(person(assessment_score=65.0), "talent_pool")
    assert "assessment score 65" in str(rec.reasons[0])


def test_latest_annual_predicate_and_no_box_without_data() -> None:
    core = compute_core(person(annual_predicates={2024: P.BAIK, 2025: P.SANGAT_BAIK}), MeritSettings())
    assert (core.predicate, core.predicate_year, core.performance) == (P.SANGAT_BAIK, 2025, Rating.ABOVE)
    assert compute_core(person(annual_predicates={}), MeritSettings()).box is None
    assert compute_core(person(jpm=None, jpm_band=None), MeritSettings()).box is None
    future = compute_core(person(year=2025, annual_predicates={2026: P.BAIK}), MeritSettings())
    assert future.predicate is None


def test_satyalancana_milestone() -> None:
    data = person(appointed_on=date(2016, 11, 1))
    [rec] = by_rule(data, "satyalancana")
    assert (rec.category, rec.kind) == ("reward", "satyalancana_10")
    assert "10 years of service" in str(rec.reasons[0])
    heavy = SanctionFact(1, "potongan_tukin_6", DisciplineLevel.SEDANG, date(2020, 1, 1), date(2020, 6, 30))
    assert by_rule(person(appointed_on=date(2016, 11, 1), sanctions=(heavy,)), "satyalancana") == []
    assert by_rule(person(appointed_on=date(2016, 11, 1), unpaid_leave=True), "satyalancana") == []
    awarded = RewardFact(1, "satyalancana_10", date(2026, 11, 2))
    assert by_rule(person(appointed_on=date(2016, 11, 1), rewards=(awarded,)), "satyalancana") == []


@pytest.mark.parametrize(
    ("days", "run", "kind"),
    [(2, 0, None), (3, 1, "teguran_lisan"), (14, 3, "potongan_tukin_9"), (10, 10, "pemberhentian")],
)
def test_absence_rule(days, run, kind) -> None:
    found = by_rule(person(absence_days=days, absence_consecutive=run), "absence")
    assert [r.kind for r in found] == ([kind] if kind else [])
    if kind:
        assert found[0].category == "sanction"
        assert f"{days} working days" in str(found[0].reasons[0])


def test_absence_rule_is_quiet_once_the_sanction_is_on_record() -> None:
    on_record = SanctionFact(9, "teguran_lisan", DisciplineLevel.RINGAN, date(2026, 3, 1), date(2026, 3, 1))
    assert by_rule(person(absence_days=3, sanctions=(on_record,)), "absence") == []


def test_low_predicate_two_periods_coaching_then_review() -> None:
    one = person(annual_predicates={2025: P.BAIK, 2026: P.BUTUH_PERBAIKAN})
    assert by_rule(one, "low_predicate") == []
    two = person(annual_predicates={2025: P.KURANG, 2026: P.BUTUH_PERBAIKAN})
    [rec] = by_rule(two, "low_predicate")
    assert rec.kind == "coaching"
    assert "Kurang/Misconduct (2025), Butuh Perbaikan (2026)" in str(rec.reasons[0])
    three = person(annual_predicates={2024: P.SANGAT_KURANG, 2025: P.KURANG, 2026: P.BUTUH_PERBAIKAN})
    assert [r.kind for r in by_rule(three, "low_predicate")] == ["performance_review"]
    gap = person(annual_predicates={2024: P.KURANG, 2026: P.KURANG})
    assert by_rule(gap, "low_predicate") == []


def test_low_predicate_period_count_is_a_setting() -> None:
    settings = MeritSettings(rules={"low_predicate": RuleConfig(True, {"periods": 3})})
    two = person(annual_predicates={2025: P.KURANG, 2026: P.BUTUH_PERBAIKAN})
    assert by_rule(two, "low_predicate", settings) == []


def test_jp_below_target_at_year_end() -> None:
    [rec] = by_rule(person(jp_earned=8.0), "jp_below_target")
    assert (rec.kind, str(rec.reasons[0])) == ("assign_course", "8 JP earned in 2026 of the 20 JP target")
    assert by_rule(person(jp_earned=8.0, on=date(2026, 9, 30)), "jp_below_target") == []
    assert by_rule(person(jp_earned=20.0), "jp_below_target") == []
    assert by_rule(person(jp_earned=None), "jp_below_target") == []
    assert by_rule(person(jp_earned=3.0, jp_target=None), "jp_below_target") == []


def test_jpm_kurang_optimal_development_plan() -> None:
    [rec] = by_rule(person(jpm=72.0, jpm_band="Kurang Optimal"), "jpm_kurang_optimal")
    assert (rec.category, rec.kind) == ("development", "development_plan")
    assert str(rec.reasons[0]) == "JPM 72%: Kurang Optimal"


def test_rules_can_be_switched_off() -> None:
    assert by_rule(person(), "talent_box_9")
    off = MeritSettings(rules={"talent_box_9": RuleConfig(enabled=False)})
    assert by_rule(person(), "talent_box_9", off) == []
    assert {r.code for r in all_rules()} >= {
        "talent_box_9",
        "talent_pool",
        "satyalancana",
        "absence",
        "low_predicate",
        "jp_below_target",
        "jpm_kurang_optimal",
    }


def test_profile_figures() -> None:
    kpis = (KpiFact("K1", "k", "%", 90, 85, 94.44), KpiFact("K2", "k", "%", 10, 10, 100.0))
    active = SanctionFact(1, "potongan_tukin_6", DisciplineLevel.SEDANG, date(2026, 10, 1), date(2027, 3, 31))
    old = SanctionFact(2, "teguran_lisan", DisciplineLevel.RINGAN, date(2024, 1, 5), date(2024, 1, 5))
    core = compute_core(person(kpis=kpis, sanctions=(active, old)), MeritSettings())
    assert core.kpi_achievement == 97.22
    assert core.active_sanctions == (active,)
    assert core.box_action is not None
