"""Settings every package uses: the agency's identity and e-mail switches."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.settings.registry import SettingDef, register_setting

AGENCY = _l("Agency")

register_setting(
    SettingDef("agency.name", "str", "Pemerintah Provinsi Nusantara", _l("Agency name"), AGENCY, order=1)
)
register_setting(
    SettingDef("agency.unit_name", "str", "Badan Kepegawaian Daerah", _l("Issuing office"), AGENCY, order=2)
)
register_setting(
    SettingDef("agency.address", "str", "Jl. Merdeka No. 1, Kota Nusantara", _l("Address"), AGENCY, order=3)
)
register_setting(
    SettingDef(
        "agency.email_notifications",
        "bool",
        True,
        _l("Send notifications by e-mail as well"),
        AGENCY,
        help=_l("In-app notifications are always kept."),
        order=4,
    )
)
