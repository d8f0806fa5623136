"""Reading and changing settings. Values are cached per application context."""

from __future__ import annotations

from typing import Any

from flask import g
from sqlalchemy import select

from app.audit.services import record_audit
from app.errors import ServiceError
from app.extensions import db
from app.settings.models import SettingOverride
from app.settings.registry import SettingDef, SettingValueError, all_definitions, get_definition


class SettingsError(ServiceError):
    """A setting value was refused."""


def _overrides() -> dict[str, Any]:
    cache = g.get("_setting_overrides")
    if cache is None:
        rows = db.session.execute(select(SettingOverride.key, SettingOverride.value)).all()
        cache = {key: value for key, value in rows}
        g._setting_overrides = cache
    return cache


def get_setting(key: str) -> Any:
    """The effective value of a setting: the stored override, else the code default."""
    definition = get_definition(key)
    overrides = _overrides()
    if key in overrides:
        return overrides[key]
    return definition.default


def set_setting(key: str, raw: Any, *, actor_id: int | None = None) -> Any:
    """Validate and store a value for `key`; raises `SettingsError` naming the field.

    A real change is audited (thresholds and rule switches shape merit decisions).
    """
    definition = get_definition(key)
    try:
        value = definition.parse(raw)
    except SettingValueError as exc:
        raise SettingsError(str(exc), {key: [str(exc)]}) from None
    before = get_setting(key)
    if value != before:
        record_audit(
            "settings.changed",
            actor_id=actor_id,
            subject_type="setting",
            details={"key": key, "from": before, "to": value},
        )
    row = db.session.get(SettingOverride, key)
    if row is None:
        row = SettingOverride(key=key)
        db.session.add(row)
    row.value = value
    row.updated_by_id = actor_id
    db.session.flush()
    g.pop("_setting_overrides", None)
    return value


def reset_setting(key: str, *, actor_id: int | None = None) -> None:
    """Drop the override so the code default applies again (audited when one existed)."""
    definition = get_definition(key)
    row = db.session.get(SettingOverride, key)
    if row is not None:
        record_audit(
            "settings.reset",
            actor_id=actor_id,
            subject_type="setting",
            details={"key": key, "from": row.value, "to": definition.default},
        )
        db.session.delete(row)
        db.session.flush()
    g.pop("_setting_overrides", None)


def settings_by_group() -> list[tuple[str, Any, list[tuple[SettingDef, Any, bool]]]]:
    """For the admin page: `(slug, label, [(definition, value, overridden?)])` per group.

    A group is the key prefix before the first dot (`competency.jpm_bands` → `competency`).
    """
    overrides = _overrides()
    groups: dict[str, tuple[Any, list[tuple[SettingDef, Any, bool]]]] = {}
    for definition in all_definitions():
        overridden = definition.key in overrides
        value = overrides[definition.key] if overridden else definition.default
        slug = definition.key.split(".", 1)[0]
        groups.setdefault(slug, (definition.group, []))[1].append((definition, value, overridden))
    return [(slug, label, rows) for slug, (label, rows) in groups.items()]
