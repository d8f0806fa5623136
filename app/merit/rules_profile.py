"""Pure merit-profile rules: a plain input object in, the profile and 9-box position out.

The service (`services/profiles.py`) loads `MeritInput`s set-wise; everything here is
computation on plain values, so every case is a unit test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.merit.enums import DisciplineLevel, Potential, Predicate, Rating
from app.merit.rules import (
    BOX_ACTIONS,
    DEFAULT_PERFORMANCE_MAPPING,
    DEFAULT_POTENTIAL_CUTOFFS,
    DEFAULT_POTENTIAL_FROM_BAND,
    band_code,
    nine_box,
    performance_axis,
    potential_for,
)
from app.merit.rules_discipline import (
    DEFAULT_ABSENCE_THRESHOLDS,
    DEFAULT_CONSECUTIVE_DISMISSAL_DAYS,
    periods_overlap,
)
from app.merit.rules_kpi import average_achievement


@dataclass(frozen=True)
class SanctionFact:
    """A sanction on record (revoked ones are left out by the loader)."""

    id: int
    kind: str
    level: DisciplineLevel
    starts_on: date
    ends_on: date | None


@dataclass(frozen=True)
class RewardFact:
    """A reward on record."""

    id: int
    kind: str
    awarded_on: date


@dataclass(frozen=True)
class KpiFact:
    """One KPI's figures for the person in the year."""

    code: str
    name: str
    unit_of_measure: str
    target: float | None
    actual: float | None
    achievement: float | None


@dataclass(frozen=True)
class MeritInput:
    """Everything the profile of one person in one year is computed from."""

    user_id: int
    year: int
    on: date  # the reference day: today in the current year, else 31 December
    is_pns: bool = True
    appointed_on: date | None = None
    jpm: float | None = None
    jpm_band: str | None = None
    assessment_score: float | None = None
    annual_predicates: dict[int, Predicate] = field(default_factory=dict)  # year → predicate, ≤ year
    jp_earned: float | None = None
    jp_target: float | None = None
    kpis: tuple[KpiFact, ...] = ()
    sanctions: tuple[SanctionFact, ...] = ()
    rewards: tuple[RewardFact, ...] = ()
    absence_days: int | None = None
    absence_consecutive: int | None = None
    unpaid_leave: bool = False


@dataclass(frozen=True)
class RuleConfig:
    """A recommendation rule's switch and parameters (from settings)."""

    enabled: bool = True
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class MeritSettings:
    """The settings the profile rules read, with the domain.md defaults."""

    performance_mapping: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_PERFORMANCE_MAPPING))
    potential_cutoffs: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_POTENTIAL_CUTOFFS))
    potential_from_band: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_POTENTIAL_FROM_BAND))
    absence_thresholds: list[list[Any]] = field(default_factory=lambda: list(DEFAULT_ABSENCE_THRESHOLDS))
    consecutive_dismissal: int = DEFAULT_CONSECUTIVE_DISMISSAL_DAYS
    rules: dict[str, RuleConfig] = field(default_factory=dict)

    def rule(self, code: str, defaults: dict[str, Any] | None = None) -> RuleConfig:
        """A rule's configuration, its defaults filled in."""
        config = self.rules.get(code, RuleConfig())
        return RuleConfig(config.enabled, {**(defaults or {}), **config.params})


@dataclass(frozen=True)
class ProfileCore:
    """The computed position of one person in one year (before recommendations)."""

    user_id: int
    year: int
    jpm: float | None
    jpm_band: str | None
    potential: Potential | None
    potential_source: str | None  # "assessment", "jpm" or None
    assessment_score: float | None
    predicate: Predicate | None
    predicate_year: int | None
    performance: Rating | None
    box: int | None
    box_action: Any
    jp_earned: float | None
    jp_target: float | None
    kpi_achievement: float | None
    active_sanctions: tuple[SanctionFact, ...]
    rewards: tuple[RewardFact, ...]


def latest_predicate(
    predicates: dict[int, Predicate], year: int
) -> tuple[int, Predicate] | tuple[None, None]:
    """The latest annual predicate up to `year`, with its year."""
    years = [y for y in predicates if y <= year]
    if not years:
        return None, None
    latest = max(years)
    return latest, Predicate(predicates[latest])


def sanctions_in_year(sanctions: tuple[SanctionFact, ...], year: int) -> tuple[SanctionFact, ...]:
    """Sanctions that run on at least one day of `year`."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return tuple(s for s in sanctions if periods_overlap(s.starts_on, s.ends_on, start, end))


def compute_core(data: MeritInput, settings: MeritSettings) -> ProfileCore:
    """Potential, performance, the 9-box position and the year's figures of one person."""
    potential, source = potential_for(
        data.assessment_score,
        data.jpm_band,
        cutoffs=settings.potential_cutoffs,
        from_band=settings.potential_from_band,
    )
    predicate_year, predicate = latest_predicate(data.annual_predicates, data.year)
    performance = performance_axis(predicate, settings.performance_mapping)
    box = nine_box(potential, performance)
    return ProfileCore(
        user_id=data.user_id,
        year=data.year,
        jpm=data.jpm,
        jpm_band=band_code(data.jpm_band),
        potential=potential,
        potential_source=source,
        assessment_score=data.assessment_score,
        predicate=predicate,
        predicate_year=predicate_year,
        performance=performance,
        box=box,
        box_action=BOX_ACTIONS.get(box) if box else None,
        jp_earned=data.jp_earned,
        jp_target=data.jp_target,
        kpi_achievement=average_achievement([k.achievement for k in data.kpis]),
        active_sanctions=sanctions_in_year(data.sanctions, data.year),
        rewards=tuple(r for r in data.rewards if r.awarded_on.year <= data.year),
    )
