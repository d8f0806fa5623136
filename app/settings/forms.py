"""A form built at request time from the settings of one group."""

from __future__ import annotations

from typing import Any

from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField

from app.settings.registry import SettingDef


def field_name(key: str) -> str:
    """Form field name of a setting key (dots are not valid in attribute names)."""
    return key.replace(".", "__")


def build_group_form(definitions: list[SettingDef], values: dict[str, Any], formdata=None) -> FlaskForm:
    """A form with one field per setting, pre-filled with the effective values."""

    form_class = type("GroupForm", (FlaskForm,), {})  # fields are added below, per setting
    data: dict[str, Any] = {}
    for d in definitions:
        name = field_name(d.key)
        if d.kind == "bool":
            field = BooleanField(d.label, description=d.help)
            data[name] = bool(values[d.key])
        elif d.kind == "choice":
            field = SelectField(
                d.label, choices=[(c, str(label)) for c, label in d.choices], description=d.help
            )
            data[name] = values[d.key]
        elif d.kind == "json":
            field = TextAreaField(
                d.label, description=d.help, render_kw={"rows": 6, "class": "font-monospace"}
            )
            data[name] = d.to_text(values[d.key])
        else:
            field = StringField(d.label, description=d.help)
            data[name] = d.to_text(values[d.key])
        setattr(form_class, name, field)
    return form_class(formdata=formdata, data=data)
