"""Settings, navigation, homes, person links and signal subscriptions of the competency area."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.competency.rules import DEFAULT_TIER_LEVELS
from app.competency.services.standards import prefill_new_position
from app.org.enums import Tier
from app.org.signals import position_created
from app.security import Role
from app.settings.registry import SettingDef, SettingValueError, register_setting
from app.ui.nav import register_home, register_nav, register_person_link

GROUP = _l("Competency and JP")


def _check_tier_levels(value: object) -> None:
    if not isinstance(value, dict):
        raise SettingValueError(_l("Enter an object mapping each tier to a level."))
    tiers = {t.value for t in Tier}
    for tier, level in value.items():
        if tier not in tiers:
            raise SettingValueError(_l("Unknown tier: %(tier)s.", tier=tier))
        if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 5:
            raise SettingValueError(_l("Levels must be whole numbers from 1 to 5."))


register_setting(
    SettingDef(
        "competency.tier_defaults",
        "json",
        DEFAULT_TIER_LEVELS,
        _l("Default required level per tier"),
        GROUP,
        help=_l("Pre-fills a new position's standard for the nine fixed competencies."),
        validator=_check_tier_levels,
        order=1,
    )
)
register_setting(
    SettingDef(
        "competency.jpm_optimal_min",
        "float",
        90.0,
        _l("JPM at or above which the band is Optimal"),
        GROUP,
        minimum=0,
        maximum=1000,
        order=2,
    )
)
register_setting(
    SettingDef(
        "competency.jpm_cukup_min",
        "float",
        78.0,
        _l("JPM at or above which the band is Cukup Optimal"),
        GROUP,
        help=_l("Below it the band is Kurang Optimal."),
        minimum=0,
        maximum=1000,
        order=3,
    )
)
register_setting(
    SettingDef(
        "competency.jp_minutes", "int", 45, _l("Minutes in one JP"), GROUP, minimum=1, maximum=240, order=4
    )
)
register_setting(
    SettingDef(
        "competency.jp_target_pns",
        "float",
        20.0,
        _l("Yearly JP target for PNS"),
        GROUP,
        minimum=0,
        maximum=1000,
        order=5,
    )
)
register_setting(
    SettingDef(
        "competency.jp_target_pppk",
        "float",
        0.0,
        _l("Yearly JP target for PPPK"),
        GROUP,
        help=_l("0 means no target: contract staff have a cap instead."),
        minimum=0,
        maximum=1000,
        order=6,
    )
)
register_setting(
    SettingDef(
        "competency.jp_cap_pppk",
        "float",
        24.0,
        _l("Yearly JP cap for PPPK"),
        GROUP,
        help=_l("0 means no cap."),
        minimum=0,
        maximum=1000,
        order=7,
    )
)
register_setting(
    SettingDef(
        "competency.upload_max_mb",
        "int",
        5,
        _l("Largest certificate or document upload (MB)"),
        GROUP,
        minimum=1,
        maximum=20,
        order=8,
    )
)

position_created.connect(prefill_new_position)

register_nav(_l("My competency profile"), "competency.my_profile", Role.EMPLOYEE, order=10)
register_nav(_l("Competency dictionary"), "competency_dictionary.index", Role.HR, Role.ADMIN, order=30)
register_nav(_l("Position standards"), "competency_standards.index", Role.HR, Role.ADMIN, order=31)
register_nav(_l("Unit heatmap"), "competency_units.heatmap", Role.HR, Role.ADMIN, Role.EVALUATOR, order=32)
register_nav(_l("JP compliance"), "competency_units.jp_compliance", Role.HR, Role.ADMIN, order=33)
register_person_link(_l("Competency profile"), "competency.person_profile", order=10)
register_home(Role.EMPLOYEE, "competency.my_profile")
