"""Forms for units, positions, people and CSV import (shape and types only)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms.validators import DataRequired, Length, Optional

from app.org.enums import Employment, Tier
from app.security import ROLE_LABELS, Role


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (accessible alternative to a multi-select)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class UnitForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    parent_id = SelectField(_l("Parent unit"), coerce=int, validate_choice=False)


class PositionForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    tier = SelectField(_l("Tier"), choices=[(t.value, t.label) for t in Tier])


class PersonForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(), Length(max=64)])
    name = StringField(_l("Full name"), validators=[DataRequired(), Length(max=200)])
    email = StringField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    nip = StringField(_l("NIP (18 digits)"), validators=[Optional(), Length(max=30)])
    unit_id = SelectField(_l("Unit"), coerce=int, validate_choice=False)
    position_id = SelectField(_l("Position"), coerce=int, validate_choice=False)
    supervisor_username = StringField(_l("Supervisor's username"), validators=[Optional(), Length(max=64)])
    employment = SelectField(_l("Employment"), choices=[(e.value, e.label) for e in Employment])
    appointed_on = DateField(_l("Appointment date (TMT CPNS)"), validators=[Optional()])
    roles = MultiCheckboxField(_l("Roles"), choices=[(r.value, ROLE_LABELS[r]) for r in Role])
    password = PasswordField(
        _l("Password"),
        validators=[Optional(), Length(max=200)],
        description=_l(
            "Leave empty to keep the current password (new people cannot sign in until one is set)."
        ),
    )


class PeopleFilterForm(FlaskForm):
    """GET filters on the people list (no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    q = StringField(_l("Search name, username or NIP"), validators=[Optional(), Length(max=100)])
    unit_id = SelectField(_l("Unit"), coerce=int, validate_choice=False, validators=[Optional()])
    role = SelectField(
        _l("Role"), choices=[("", _l("All roles"))] + [(r.value, ROLE_LABELS[r]) for r in Role]
    )
    status = SelectField(
        _l("Status"),
        choices=[("active", _l("Active")), ("inactive", _l("Inactive")), ("all", _l("All"))],
    )


class ImportUploadForm(FlaskForm):
    kind = SelectField(
        _l("What the file contains"),
        choices=[("units", _l("Units")), ("positions", _l("Positions")), ("people", _l("People"))],
    )
    file = FileField(_l("CSV file"), validators=[FileRequired()])


class ImportApplyForm(FlaskForm):
    token = StringField(validators=[DataRequired(), Length(max=64)])
    kind = StringField(validators=[DataRequired(), Length(max=20)])
    confirm = BooleanField(_l("I have checked the preview"), validators=[DataRequired()])
