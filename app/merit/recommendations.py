"""The registry of named recommendation rules and the rules themselves (pure).

Each rule looks at one person's `MeritInput` and `ProfileCore` and returns suggestions,
each with a category (reward, sanction, development), a kind and the reasons in plain
words with the numbers used. Admins switch rules off and change their parameters in
the settings (`merit.rule.<code>.*`). Nothing happens until a person decides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from app.merit.enums import (
    PREDICATE_LABELS,
    SANCTION_LABELS,
    ActionCategory,
    DevelopmentKind,
    Potential,
    Rating,
    RewardKind,
)
from app.merit.rules import BOX_ACTIONS, format_percent
from app.merit.rules_discipline import sanction_for_absence, satyalancana_status
from app.merit.rules_profile import MeritInput, MeritSettings, ProfileCore, compute_core


@dataclass(frozen=True)
class Recommendation:
    """A suggestion with its reasons; `rule` names the rule that made it."""

    rule: str
    category: ActionCategory
    kind: str
    reasons: tuple[Any, ...]


@dataclass(frozen=True)
class RuleParam:
    """A rule parameter an admin may change (an int setting)."""

    name: str
    default: int
    label: Any
    minimum: int
    maximum: int


RuleFunc = Callable[[MeritInput, ProfileCore, MeritSettings, dict[str, Any]], list[Recommendation]]


@dataclass(frozen=True)
class RecommendationRule:
    """A named rule users see in explanations."""

    code: str
    label: Any
    func: RuleFunc
    params: tuple[RuleParam, ...] = ()

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}


_RULES: dict[str, RecommendationRule] = {}


def recommendation_rule(
    code: str, label: Any, params: tuple[RuleParam, ...] = ()
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under `code`."""

    def decorate(func: RuleFunc) -> RuleFunc:
        _RULES[code] = RecommendationRule(code, label, func, params)
        return func

    return decorate


def all_rules() -> list[RecommendationRule]:
    """Every registered rule in registration order."""
    return list(_RULES.values())


def rule_label(code: str) -> Any:
    """The name of a rule (the code itself when unknown)."""
    rule = _RULES.get(code)
    return rule.label if rule else code


@dataclass(frozen=True)
class MeritProfile:
    """A person's merit profile for a year: the core figures plus the recommendations."""

    core: ProfileCore
    recommendations: list[Recommendation] = field(default_factory=list)


def enabled_rules(settings: MeritSettings) -> list[tuple[RecommendationRule, dict[str, Any]]]:
    """The switched-on rules with their parameters (resolve once per batch of profiles)."""
    resolved = []
    for rule in _RULES.values():
        config = settings.rule(rule.code, rule.defaults)
        if config.enabled:
            resolved.append((rule, config.params))
    return resolved


def recommend(
    data: MeritInput,
    core: ProfileCore,
    settings: MeritSettings,
    rules: list[tuple[RecommendationRule, dict[str, Any]]] | None = None,
) -> list[Recommendation]:
    """Run every enabled rule."""
    found: list[Recommendation] = []
    for rule, params in rules if rules is not None else enabled_rules(settings):
        found.extend(rule.func(data, core, settings, params))
    return found


def build_profile(data: MeritInput, settings: MeritSettings) -> MeritProfile:
    """The full merit profile of one person in one year."""
    core = compute_core(data, settings)
    return MeritProfile(core, recommend(data, core, settings))


def build_profiles(inputs: Iterable[MeritInput], settings: MeritSettings) -> list[MeritProfile]:
    """Profiles of many people, the rule configuration resolved once."""
    rules = enabled_rules(settings)
    profiles = []
    for data in inputs:
        core = compute_core(data, settings)
        profiles.append(MeritProfile(core, recommend(data, core, settings, rules)))
    return profiles


# ---------------------------------------------------------------- explanations


def potential_basis(core: ProfileCore) -> Any:
    """What the potential rests on, e.g. "JPM 94%" or "assessment score 85"."""
    if core.potential_source == "assessment":
        return _l("assessment score %(score)s", score=f"{core.assessment_score:g}")
    if core.potential_source == "jpm":
        return f"JPM {format_percent(core.jpm)}"
    return _l("no potential data")


def box_reason(core: ProfileCore) -> Any:
    """ "Box 9: performance above expectations, potential high (JPM 94%)"."""
    return _l(
        "Box %(box)s: performance %(performance)s, potential %(potential)s (%(basis)s)",
        box=core.box,
        performance=Rating(core.performance).label,
        potential=Potential(core.potential).label,
        basis=potential_basis(core),
    )


def predicate_reason(core: ProfileCore) -> Any:
    return _l(
        "Latest annual predicate: %(predicate)s (%(year)s)",
        predicate=PREDICATE_LABELS[core.predicate],
        year=core.predicate_year,
    )


# ---------------------------------------------------------------- the rules


@recommendation_rule("talent_box_9", _l("Talent box 9: priority development"))
def talent_box_9(
    data: MeritInput, core: ProfileCore, settings: MeritSettings, params: dict[str, Any]
) -> list[Recommendation]:
    """Box 9 (above expectations, high potential): priority development and the succession pool."""
    if core.box != 9:
        return []
    reasons = (box_reason(core), predicate_reason(core), _l("Recommended: %(action)s", action=BOX_ACTIONS[9]))
    return [Recommendation("talent_box_9", ActionCategory.REWARD, RewardKind.PRIORITAS_PENGEMBANGAN, reasons)]


@recommendation_rule("talent_pool", _l("Talent boxes 7–8: succession pool"))
def talent_pool(
    data: MeritInput, core: ProfileCore, settings: MeritSettings, params: dict[str, Any]
) -> list[Recommendation]:
    """Boxes 7 and 8: retain and place in the succession pool."""
    if core.box not in (7, 8):
        return []
    reasons = (
        box_reason(core),
        predicate_reason(core),
        _l("Recommended: %(action)s", action=BOX_ACTIONS[core.box]),
    )
    return [
        Recommendation("talent_pool", ActionCategory.DEVELOPMENT, DevelopmentKind.SUCCESSION_POOL, reasons)
    ]


@recommendation_rule("satyalancana", _l("Satyalancana Karya Satya milestones"))
def satyalancana(
    data: MeritInput, core: ProfileCore, settings: MeritSettings, params: dict[str, Any]
) -> list[Recommendation]:
    """10, 20 or 30 years of service, no medium or heavy sanction and no unpaid leave."""
    status = satyalancana_status(
        is_pns=data.is_pns,
        appointed_on=data.appointed_on,
        on=data.on,
        sanction_levels=[s.level for s in data.sanctions],
        unpaid_leave=data.unpaid_leave,
        awarded=[r.kind for r in data.rewards],
    )
    if status.kind is None:
        return []
    reasons = (
        _l(
            "%(years)s years of service since the CPNS appointment on %(date)s (milestone: %(m)s years)",
            years=status.years,
            date=data.appointed_on.isoformat() if data.appointed_on else "—",
            m=status.milestone,
        ),
        _l("No medium or heavy discipline sanction and no unpaid leave on record"),
    )
    return [Recommendation("satyalancana", ActionCategory.REWARD, status.kind, reasons)]


@recommendation_rule("absence", _l("Unexcused absence thresholds (PP 94/2021)"))
def absence(
    data: MeritInput, core: ProfileCore, settings: MeritSettings, params: dict[str, Any]
) -> list[Recommendation]:
    """The sanction the absence table gives for the year's unexcused absence."""
    if not data.absence_days and not data.absence_consecutive:
        return []
    kind = sanction_for_absence(
        data.absence_days or 0,
        data.absence_consecutive or 0,
        thresholds=settings.absence_thresholds,
        consecutive_dismissal=settings.consecutive_dismissal,
    )
    if kind is None:
        return []
    if any(s.kind == kind.value and s.starts_on.year == data.year for s in data.sanctions):
        return []  # already on record for this year
    reasons = (
        _l(
            "%(days)s working days of unexcused absence in %(year)s (longest unbroken run: %(run)s days)",
            days=data.absence_days or 0,
            year=data.year,
            run=data.absence_consecutive or 0,
        ),
        _l("The PP 94/2021 absence table proposes: %(sanction)s", sanction=SANCTION_LABELS[kind]),
    )
    return [Recommendation("absence", ActionCategory.SANCTION, kind, reasons)]


LOW_PARAMS = (RuleParam("periods", 2, _l("Consecutive low annual predicates before coaching"), 2, 5),)


@recommendation_rule("low_predicate", _l("Low predicate in consecutive periods"), LOW_PARAMS)
def low_predicate(
    data: MeritInput, core: ProfileCore, settings: MeritSettings, params: dict[str, Any]
) -> list[Recommendation]:
    """Below expectations in N consecutive annual periods: coaching; one period more: a review."""
    needed = int(params["periods"])
    if core.predicate_year is None or core.performance is not Rating.BELOW:
        return []
    streak: list[int] = []
    year = core.predicate_year
    while year in data.annual_predicates and _is_low(data, year, settings):
        streak.append(year)
        year -= 1
    if len(streak) < needed:
        return []
    kind = DevelopmentKind.COACHING if len(streak) == needed else DevelopmentKind.PERFORMANCE_REVIEW
    listed = ", ".join(f"{PREDICATE_LABELS[data.annual_predicates[y]]} ({y})" for y in sorted(streak))
    reasons = (
        _l("%(n)s consecutive annual predicates below expectations: %(list)s", n=len(streak), list=listed),
        _l("Performance coaching first; a performance review when it continues")
        if kind is DevelopmentKind.COACHING
        else _l("Coaching has not lifted the predicate: review performance"),
    )
    return [Recommendation("low_predicate", ActionCategory.DEVELOPMENT, kind, reasons)]


def _is_low(data: MeritInput, year: int, settings: MeritSettings) -> bool:
    mapping = settings.performance_mapping
    return mapping.get(data.annual_predicates[year].value) == Rating.BELOW


JP_PARAMS = (RuleParam("from_month", 10, _l("Check the yearly JP target from this month (1–12)"), 1, 12),)


@recommendation_rule("jp_below_target", _l("Development hours (JP) below target at year end"), JP_PARAMS)
def jp_below_target(
    data: MeritInput, core: ProfileCore, settings: MeritSettings, params: dict[str, Any]
) -> list[Recommendation]:
    """Fewer JP than the yearly target once the year is (nearly) over: assign a recommended course."""
    if data.jp_earned is None or not data.jp_target or data.jp_earned >= data.jp_target:
        return []
    if data.on < date(data.year, int(params["from_month"]), 1):
        return []
    reasons = (
        _l(
            "%(earned)s JP earned in %(year)s of the %(target)s JP target",
            earned=f"{data.jp_earned:g}",
            year=data.year,
            target=f"{data.jp_target:g}",
        ),
        _l("Assign a course recommended by the competency gap analysis"),
    )
    return [
        Recommendation("jp_below_target", ActionCategory.DEVELOPMENT, DevelopmentKind.ASSIGN_COURSE, reasons)
    ]


@recommendation_rule("jpm_kurang_optimal", _l("JPM Kurang Optimal: development plan"))
def jpm_kurang_optimal(
    data: MeritInput, core: ProfileCore, settings: MeritSettings, params: dict[str, Any]
) -> list[Recommendation]:
    """A job-person match in the Kurang Optimal band: a competency development plan."""
    if core.jpm_band != "kurang_optimal":
        return []
    reasons = (
        _l("JPM %(jpm)s: Kurang Optimal", jpm=format_percent(core.jpm)),
        _l("Plan development for the competencies below the position standard"),
    )
    return [
        Recommendation(
            "jpm_kurang_optimal", ActionCategory.DEVELOPMENT, DevelopmentKind.DEVELOPMENT_PLAN, reasons
        )
    ]
