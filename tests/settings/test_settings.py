"""The typed settings store and the admin page that validates values."""

from __future__ import annotations

import pytest
from flask import g
from flask_babel import force_locale

from app.settings.registry import SettingDef, register_setting, unregister_setting
from app.settings.services import SettingsError, get_setting, reset_setting, set_setting
from tests.conftest import login
from tests.factories import make_user

TEST_SETTINGS = [
    SettingDef("zztest.count", "int", 5, "Count", "Test group", minimum=1, maximum=10, order=1),
    SettingDef("zztest.label", "str", "abc", "Label", "Test group", order=2),
    SettingDef("zztest.mode", "choice", "a", "Mode", "Test group", choices=(("a", "A"), ("b", "B")), order=3),
    SettingDef("zztest.bands", "json", [1, 2], "Bands", "Test group", order=4),
    SettingDef("zztest.ratio", "float", 0.5, "Ratio", "Test group", minimum=0, maximum=1, order=5),
]


@pytest.fixture
def test_settings():
    for definition in TEST_SETTINGS:
        register_setting(definition)
    yield
    for definition in TEST_SETTINGS:
        unregister_setting(definition.key)


def test_defaults_come_from_code_and_overrides_from_the_database(test_settings) -> None:
    assert get_setting("zztest.count") == 5
    set_setting("zztest.count", "7")
    assert get_setting("zztest.count") == 7
    reset_setting("zztest.count")
    assert get_setting("zztest.count") == 5


@pytest.mark.parametrize(
    ("key", "raw", "message"),
    [
        ("zztest.count", "abc", "whole number"),
        ("zztest.count", "11", "at most 10"),
        ("zztest.count", "0", "at least 1"),
        ("zztest.count", True, "whole number"),
        ("zztest.ratio", "x", "a number"),
        ("zztest.ratio", "1,5", "at most 1"),
        ("zztest.mode", "c", "listed values"),
        ("zztest.bands", "[1,", "valid JSON"),
    ],
)
def test_invalid_values_are_refused_with_a_reason(test_settings, key, raw, message) -> None:
    with pytest.raises(SettingsError) as caught, force_locale("en"):
        set_setting(key, raw)
    with force_locale("en"):
        assert message in caught.value.fields[key][0]


def test_unknown_keys_are_refused() -> None:
    with pytest.raises(KeyError):
        get_setting("no.such.setting")


def test_registering_a_key_twice_differently_is_an_error(test_settings) -> None:
    with pytest.raises(ValueError):
        register_setting(SettingDef("zztest.count", "int", 6, "Count", "Test group"))


def test_admin_page_saves_a_group(client, test_settings) -> None:
    login(client, make_user(roles=["admin"]))
    page = client.get("/admin/settings/")
    assert page.status_code == 200 and "Test group" in page.get_data(as_text=True)
    data = {
        "zztest__count": "8",
        "zztest__label": "baru",
        "zztest__mode": "b",
        "zztest__bands": "[3]",
        "zztest__ratio": "0,25",
    }
    response = client.post("/admin/settings/zztest", data=data)
    assert response.status_code == 302
    assert get_setting("zztest.count") == 8 and get_setting("zztest.mode") == "b"
    assert get_setting("zztest.bands") == [3] and get_setting("zztest.ratio") == 0.25
    assert "Diubah dari nilai bawaan." in client.get("/admin/settings/").get_data(as_text=True)
    client.post("/admin/settings/reset/zztest.count")
    g.pop("_setting_overrides", None)  # this test's own context cached the values read above
    assert get_setting("zztest.count") == 5


def test_admin_page_refuses_invalid_values_and_keeps_the_other_input(client, test_settings) -> None:
    login(client, make_user(roles=["admin"]))
    data = {
        "zztest__count": "99",
        "zztest__label": "tetap di formulir",
        "zztest__mode": "a",
        "zztest__bands": "[1, 2]",
        "zztest__ratio": "0.5",
    }
    response = client.post("/admin/settings/zztest", data=data)
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Maksimal 10." in text
    assert 'value="99"' in text and 'value="tetap di formulir"' in text
    assert "Tidak ada yang disimpan" in text
    assert get_setting("zztest.label") == "abc"  # nothing saved, not even the valid field


def test_settings_page_is_for_admins_only(client) -> None:
    login(client, make_user(roles=["hr"]))
    assert client.get("/admin/settings/").status_code == 403
    assert client.post("/admin/settings/agency", data={}).status_code == 403


def test_unknown_group_or_key_is_404(client) -> None:
    login(client, make_user(roles=["admin"]))
    assert client.post("/admin/settings/nope", data={}).status_code == 404
    assert client.post("/admin/settings/reset/nope.key").status_code == 404
