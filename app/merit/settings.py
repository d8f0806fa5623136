"""Merit settings (thresholds, bands, deadlines, rule switches) and reading them as one object."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l

from app.merit.enums import REWARD_LABELS, OrgPredicate, Potential, Predicate, Rating
from app.merit.recommendations import all_rules
from app.merit.rules import (
    DEFAULT_PERFORMANCE_MAPPING,
    DEFAULT_POTENTIAL_CUTOFFS,
    DEFAULT_POTENTIAL_FROM_BAND,
)
from app.merit.rules_calibration import DEFAULT_GUIDANCE, validate_guidance
from app.merit.rules_discipline import (
    DEFAULT_ABSENCE_THRESHOLDS,
    DEFAULT_CONSECUTIVE_DISMISSAL_DAYS,
    validate_thresholds,
)
from app.merit.rules_profile import MeritSettings, RuleConfig
from app.settings.registry import SettingDef, SettingValueError, register_setting
from app.settings.services import get_setting

GROUP = _l("Merit")


def _checked(check: Callable[[Any], None]) -> Callable[[Any], None]:
    """Turn a rule module's ValueError into the message the settings page shows."""

    def validator(value: Any) -> None:
        try:
            check(value)
        except SettingValueError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise SettingValueError(str(exc.args[0]) if exc.args else _l("Invalid value.")) from None

    return validator


def _check_mapping(value: Any) -> None:
    codes = {r.value for r in Rating}
    if not isinstance(value, dict) or set(value) != {p.value for p in Predicate}:
        raise ValueError(_l("Map every predicate code to below, meets or above."))
    if any(v not in codes for v in value.values()):
        raise ValueError(_l("Each predicate maps to below, meets or above."))


def _check_cutoffs(value: Any) -> None:
    if not isinstance(value, dict) or set(value) != {Potential.TINGGI.value, Potential.MENENGAH.value}:
        raise ValueError(_l('Give {"tinggi": score, "menengah": score}.'))
    high, medium = value[Potential.TINGGI], value[Potential.MENENGAH]
    if not all(isinstance(v, int | float) and 0 <= v <= 100 for v in (high, medium)) or medium > high:
        raise ValueError(_l("Scores between 0 and 100, the tinggi cut-off not below the menengah one."))


def _check_band_mapping(value: Any) -> None:
    codes = {p.value for p in Potential}
    if not isinstance(value, dict) or not value or any(v not in codes for v in value.values()):
        raise ValueError(_l("Map each JPM band code to rendah, menengah or tinggi."))


def _check_agency_rewards(value: Any) -> None:
    if not isinstance(value, list):
        raise ValueError(_l('Give a list of {"code": ..., "name": ...} objects.'))
    for item in value:
        if not isinstance(item, dict) or not str(item.get("code", "")).strip() or not item.get("name"):
            raise ValueError(_l('Each reward needs a "code" and a "name".'))
        if item["code"] in REWARD_LABELS or len(item["code"]) > 40:
            raise ValueError(_l("Reward codes must be new and at most 40 characters."))


def _register() -> None:
    order = iter(range(1, 200))
    defs = [
        SettingDef("merit.objection_days", "int", 14, _l("Days to object to an evaluation"), GROUP,
                   minimum=1, maximum=90, order=next(order)),
        SettingDef("merit.appeal_days", "int", 14, _l("Days to appeal a merit decision"), GROUP,
                   minimum=1, maximum=90, order=next(order)),
        SettingDef("merit.organisation_predicate", "choice", OrgPredicate.BAIK.value,
                   _l("The organisation's own predicate (sets the distribution guidance)"), GROUP,
                   choices=tuple((o.value, o.label) for o in OrgPredicate), order=next(order)),
        SettingDef("merit.distribution_guidance", "json", DEFAULT_GUIDANCE,
                   _l("Predicate distribution guidance per organisation predicate"), GROUP,
                   help=_l("Rules with max or min (percent) or min_count (people)."),
                   validator=_checked(validate_guidance), order=next(order)),
        SettingDef("merit.performance_mapping", "json", DEFAULT_PERFORMANCE_MAPPING,
                   _l("9-box performance axis from the annual predicate"), GROUP,
                   validator=_checked(_check_mapping), order=next(order)),
        SettingDef("merit.potential_cutoffs", "json", DEFAULT_POTENTIAL_CUTOFFS,
                   _l("Potential cut-offs on the assessment score"), GROUP,
                   validator=_checked(_check_cutoffs), order=next(order)),
        SettingDef("merit.potential_from_band", "json", DEFAULT_POTENTIAL_FROM_BAND,
                   _l("Potential from the JPM band when no assessment score is recorded"), GROUP,
                   validator=_checked(_check_band_mapping), order=next(order)),
        SettingDef("merit.absence_thresholds", "json", DEFAULT_ABSENCE_THRESHOLDS,
                   _l("Unexcused absence thresholds: [from days, sanction code]"), GROUP,
                   validator=_checked(validate_thresholds), order=next(order)),
        SettingDef("merit.absence_consecutive_days", "int", DEFAULT_CONSECUTIVE_DISMISSAL_DAYS,
                   _l("Consecutive days of unexcused absence that propose dismissal"), GROUP,
                   minimum=1, maximum=60, order=next(order)),
        SettingDef("merit.agency_rewards", "json", [{"code": "pegawai_teladan", "name": "Pegawai Teladan"}],
                   _l("Agency-defined reward kinds"), GROUP, validator=_checked(_check_agency_rewards),
                   order=next(order)),
        SettingDef("merit.attachment_max_mb", "int", 10, _l("Largest discipline attachment (MB)"), GROUP,
                   minimum=1, maximum=50, order=next(order)),
    ]  # fmt: skip
    for rule in all_rules():
        defs.append(
            SettingDef(f"merit.rule.{rule.code}.enabled", "bool", True,
                       _l("Recommendation rule on: %(name)s", name=rule.label), GROUP, order=next(order))
        )  # fmt: skip
        for param in rule.params:
            defs.append(
                SettingDef(f"merit.rule.{rule.code}.{param.name}", "int", param.default, param.label, GROUP,
                           minimum=param.minimum, maximum=param.maximum, order=next(order))
            )  # fmt: skip
    for definition in defs:
        register_setting(definition)


_register()


def merit_settings() -> MeritSettings:
    """The current settings as the plain object the pure rules take."""
    rules = {
        rule.code: RuleConfig(
            bool(get_setting(f"merit.rule.{rule.code}.enabled")),
            {p.name: get_setting(f"merit.rule.{rule.code}.{p.name}") for p in rule.params},
        )
        for rule in all_rules()
    }
    return MeritSettings(
        performance_mapping=dict(get_setting("merit.performance_mapping")),
        potential_cutoffs=dict(get_setting("merit.potential_cutoffs")),
        potential_from_band=dict(get_setting("merit.potential_from_band")),
        absence_thresholds=list(get_setting("merit.absence_thresholds")),
        consecutive_dismissal=int(get_setting("merit.absence_consecutive_days")),
        rules=rules,
    )


def reward_kinds() -> dict[str, str]:
    """Every reward code with its name: the regulation's and the agency's own."""
    kinds = {str(k): v for k, v in REWARD_LABELS.items()}
    for item in get_setting("merit.agency_rewards") or []:
        kinds[str(item["code"])] = str(item["name"])
    return kinds
