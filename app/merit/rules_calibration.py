"""Pure calibration rules: a unit's predicate distribution against the organisation-predicate
guidance of PermenPANRB 6/2022 (domain.md §3). A broken rule is a warning, never a block."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from app.merit.enums import PREDICATE_LABELS, OrgPredicate, Predicate

# Per organisation predicate, a list of rules. Each rule names predicates and one bound:
# "max"/"min" a percentage of all rated people, or "min_count" a number of people.
DEFAULT_GUIDANCE: dict[str, list[dict[str, Any]]] = {
    OrgPredicate.ISTIMEWA: [{"predicates": ["sangat_baik"], "max": 70}],
    OrgPredicate.BAIK: [
        {"predicates": ["baik"], "max": 70},
        {"predicates": ["butuh_perbaikan", "kurang"], "min_count": 1},
    ],
    OrgPredicate.BUTUH_PERBAIKAN: [
        {"predicates": ["butuh_perbaikan"], "min": 60},
        {"predicates": ["sangat_baik"], "max": 10},
    ],
    OrgPredicate.KURANG: [
        {"predicates": ["kurang"], "min": 60},
        {"predicates": ["butuh_perbaikan"], "min": 10},
        {"predicates": ["sangat_baik"], "max": 10},
    ],
    OrgPredicate.SANGAT_KURANG: [
        {"predicates": ["sangat_kurang"], "min": 60},
        {"predicates": ["sangat_baik"], "max": 0},
    ],
}
BOUNDS = ("max", "min", "min_count")


@dataclass(frozen=True)
class Distribution:
    """How many people of a group received each predicate."""

    counts: dict[Predicate, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def count(self, predicates: list[str]) -> int:
        return sum(self.counts.get(Predicate(p), 0) for p in predicates)

    def percent(self, predicates: list[str]) -> float:
        return 100.0 * self.count(predicates) / self.total if self.total else 0.0

    def rows(self) -> list[tuple[Predicate, int, float]]:
        """Every predicate with its count and share, best first (for tables and charts)."""
        return [(p, self.counts.get(p, 0), self.percent([p])) for p in Predicate]


def distribution(counts: Mapping[str, int]) -> Distribution:
    """A `Distribution` from `{predicate code: count}` (missing predicates count 0)."""
    return Distribution({p: int(counts.get(p.value, counts.get(p, 0)) or 0) for p in Predicate})


@dataclass(frozen=True)
class CalibrationWarning:
    """One broken guidance rule: which rule, and the numbers that break it."""

    rule: Any
    actual: Any


def _names(predicates: list[str]) -> str:
    return " / ".join(PREDICATE_LABELS[Predicate(p)] for p in predicates)


def describe_rule(rule: dict[str, Any]) -> Any:
    """The rule in words, e.g. "At most 70% Sangat Baik"."""
    names = _names(rule["predicates"])
    if "max" in rule:
        if float(rule["max"]) == 0:
            return _l("No %(names)s", names=names)
        return _l("At most %(n)s%% %(names)s", n=_num(rule["max"]), names=names)
    if "min" in rule:
        return _l("At least %(n)s%% %(names)s", n=_num(rule["min"]), names=names)
    return _l("Some %(names)s (at least %(n)s)", n=rule["min_count"], names=names)


def _num(value: Any) -> str:
    number = float(value)
    return f"{number:.0f}" if number == int(number) else f"{number:.1f}"


def check_distribution(
    dist: Distribution, org_predicate: OrgPredicate | str, guidance: Mapping[str, list[dict[str, Any]]]
) -> list[CalibrationWarning]:
    """The guidance rules for `org_predicate` that `dist` breaks (an empty group breaks none)."""
    if dist.total == 0:
        return []
    warnings: list[CalibrationWarning] = []
    for rule in guidance.get(OrgPredicate(org_predicate).value, []):
        count, share = dist.count(rule["predicates"]), dist.percent(rule["predicates"])
        broken = (
            ("max" in rule and share > float(rule["max"]) + 1e-9)
            or ("min" in rule and share < float(rule["min"]) - 1e-9)
            or ("min_count" in rule and count < int(rule["min_count"]))
        )
        if broken:
            actual = _l(
                "now %(share)s%% (%(count)s of %(total)s)",
                share=_num(share),
                count=count,
                total=dist.total,
            )
            warnings.append(CalibrationWarning(describe_rule(rule), actual))
    return warnings


def validate_guidance(value: Any) -> None:
    """Setting validator for the guidance JSON."""
    if not isinstance(value, dict):
        raise ValueError(_l("Give an object keyed by organisation predicate."))
    codes = {p.value for p in Predicate}
    for key, rules in value.items():
        if key not in {o.value for o in OrgPredicate}:
            raise ValueError(_l("Unknown organisation predicate: %(code)s.", code=key))
        if not isinstance(rules, list):
            raise ValueError(_l("Each organisation predicate needs a list of rules."))
        for rule in rules:
            if not isinstance(rule, dict) or not rule.get("predicates"):
                raise ValueError(_l("Each rule needs a list of predicates."))
            if any(p not in codes for p in rule["predicates"]):
                raise ValueError(_l("Unknown predicate in a rule."))
            bounds = [b for b in BOUNDS if b in rule]
            if len(bounds) != 1 or not isinstance(rule[bounds[0]], int | float):
                raise ValueError(_l("Each rule needs exactly one of max, min or min_count (a number)."))
