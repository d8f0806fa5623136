"""Pure rules of the competency area: gap, job-person match, bands, tier defaults and JP.

No Flask, no session: every value (settings included) is passed in, so each
rule is tested with the worked examples of domain.md §1–2.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.competency.enums import JpmBand

# domain.md §1 defaults (settings): the level pre-filled for every fixed competency by tier.
DEFAULT_TIER_LEVELS: dict[str, int] = {
    "jpt_utama": 5,
    "jpt_madya": 5,
    "jpt_pratama": 4,
    "administrator": 3,
    "pengawas": 2,
    "pelaksana": 1,
    "ahli_utama": 4,
    "ahli_madya": 4,
    "ahli_muda": 3,
    "ahli_pertama": 2,
    "penyelia": 2,
    "mahir": 2,
    "terampil": 1,
    "pemula": 1,
}


@dataclass(frozen=True)
class BandThresholds:
    """Lower bounds of the JPM bands (settings): Optimal ≥ optimal, Cukup Optimal ≥ cukup."""

    optimal: float = 90.0
    cukup_optimal: float = 78.0


def gap(current: int | None, required: int) -> int:
    """`current − required`; no evidence counts as level 0 (negative = below standard)."""
    return (current or 0) - required


def job_person_match(required_total: int, current_total: int) -> float | None:
    """JPM = Σ current ÷ Σ required × 100, rounded to 2 decimals; None without requirements."""
    if required_total <= 0:
        return None
    return round(current_total * 100.0 / required_total, 2)


def jpm_of(pairs: Iterable[tuple[int, int | None]]) -> float | None:
    """JPM from `(required, current)` pairs over the position's required competencies."""
    required_total = current_total = 0
    for required, current in pairs:
        required_total += required
        current_total += current or 0
    return job_person_match(required_total, current_total)


def band_for(jpm: float | None, thresholds: BandThresholds) -> JpmBand | None:
    """The band of a JPM value (None when there is no JPM)."""
    if jpm is None:
        return None
    if jpm >= thresholds.optimal:
        return JpmBand.OPTIMAL
    if jpm >= thresholds.cukup_optimal:
        return JpmBand.CUKUP_OPTIMAL
    return JpmBand.KURANG_OPTIMAL


def tier_default_level(tier: str, defaults: Mapping[str, int]) -> int | None:
    """The pre-filled required level for a tier (None when the tier has no default)."""
    level = defaults.get(str(tier))
    if level is None:
        return None
    return min(max(int(level), 1), 5)


def minutes_to_jp(minutes: float, minutes_per_jp: int = 45) -> float:
    """Convert minutes of learning to JP (1 JP = 45 minutes by default), to 2 decimals."""
    if minutes_per_jp <= 0:
        raise ValueError("minutes_per_jp must be positive")
    return round(minutes / minutes_per_jp, 2)


def below_target(earned: float, target: float) -> bool:
    """True when a person has a target (> 0) and has earned less than it."""
    return target > 0 and earned < target


def above_cap(earned: float, cap: float | None) -> bool:
    """True when a cap applies (PPPK) and the earned JP exceed it."""
    return cap is not None and cap > 0 and earned > cap


def compliance_percent(at_or_above: int, with_target: int) -> float | None:
    """Share of people with a target who reached it, in percent (None when nobody has a target)."""
    if with_target <= 0:
        return None
    return round(at_or_above * 100.0 / with_target, 1)
