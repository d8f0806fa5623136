"""The registry of settings each package declares (key, type, default, validation)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l


class SettingValueError(ValueError):
    """A value a setting refuses; the message is shown beside the field."""


Validator = Callable[[Any], None]


@dataclass(frozen=True)
class SettingDef:
    """One setting. `kind` is int, float, str, bool, choice or json."""

    key: str
    kind: str
    default: Any
    label: Any
    group: Any
    help: Any = ""
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple[tuple[str, Any], ...] = ()
    validator: Validator | None = None
    order: int = field(default=0, compare=False)

    def parse(self, raw: Any) -> Any:
        """Turn a submitted value (text or already-typed) into a checked Python value."""
        value = self._coerce(raw)
        if self.kind in ("int", "float"):
            if self.minimum is not None and value < self.minimum:
                raise SettingValueError(_l("Must be at least %(n)s.", n=self.minimum))
            if self.maximum is not None and value > self.maximum:
                raise SettingValueError(_l("Must be at most %(n)s.", n=self.maximum))
        if self.kind == "choice" and value not in {c for c, _ in self.choices}:
            raise SettingValueError(_l("Choose one of the listed values."))
        if self.validator is not None:
            self.validator(value)
        return value

    def _coerce(self, raw: Any) -> Any:
        try:
            if self.kind == "int":
                if isinstance(raw, bool):
                    raise ValueError
                return int(str(raw).strip())
            if self.kind == "float":
                if isinstance(raw, bool):
                    raise ValueError
                return float(str(raw).strip().replace(",", "."))
            if self.kind == "bool":
                if isinstance(raw, bool):
                    return raw
                return str(raw).strip().lower() in {"1", "true", "yes", "on", "y"}
            if self.kind == "json":
                return json.loads(raw) if isinstance(raw, str) else raw
            return str(raw).strip()
        except (ValueError, TypeError, json.JSONDecodeError):
            messages = {
                "int": _l("Enter a whole number."),
                "float": _l("Enter a number."),
                "json": _l("Enter valid JSON."),
            }
            raise SettingValueError(messages.get(self.kind, _l("Invalid value."))) from None

    def to_text(self, value: Any) -> str:
        """The value as it is shown in a form field."""
        if self.kind == "json":
            return json.dumps(value, ensure_ascii=False, indent=1)
        return str(value)


_REGISTRY: dict[str, SettingDef] = {}


def register_setting(definition: SettingDef) -> SettingDef:
    """Add a setting to the registry (idempotent for an identical definition)."""
    existing = _REGISTRY.get(definition.key)
    if existing is not None and existing != definition:
        raise ValueError(f"setting {definition.key} registered twice with different definitions")
    _REGISTRY[definition.key] = definition
    return definition


def unregister_setting(key: str) -> None:
    """Remove a setting from the registry (for tests that register temporary settings)."""
    _REGISTRY.pop(key, None)


def get_definition(key: str) -> SettingDef:
    """The definition of `key`; KeyError for an unknown key."""
    return _REGISTRY[key]


def all_definitions() -> list[SettingDef]:
    """Every registered setting, ordered by group then order then key."""
    return sorted(_REGISTRY.values(), key=lambda d: (d.key.split(".", 1)[0], d.order, d.key))
