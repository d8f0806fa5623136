"""Forms of the certificates area (shape and types only)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class LookupForm(FlaskForm):
    """Type a verification code (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    code = StringField(
        _l("Verification code"),
        validators=[DataRequired(), Length(max=40)],
        render_kw={"autocomplete": "off", "spellcheck": "false", "placeholder": "ABCD-EFGH-JKMN"},
    )


class CheckPdfForm(FlaskForm):
    """Upload a PDF to compare with the one issued."""

    file = FileField(_l("Certificate PDF"), validators=[DataRequired(_l("Choose the PDF file to check."))])


class RevokeForm(FlaskForm):
    """Revoke with a reason (the service checks its length)."""

    reason = TextAreaField(
        _l("Reason for revoking"),
        validators=[DataRequired(_l("Give the reason for revoking.")), Length(max=1000)],
        render_kw={"rows": 3},
    )


class RenewForm(FlaskForm):
    """Assign the holder to a class of the same course, to renew an expiring certificate."""

    class_id = SelectField(_l("Renewal class"), coerce=int, validate_choice=False)


class SignerForm(FlaskForm):
    """The signing official of an agency."""

    unit_id = SelectField(_l("Agency (unit and its sub-units)"), coerce=int, validate_choice=False)
    agency = StringField(_l("Agency name as printed"), validators=[DataRequired(), Length(max=200)])
    name = StringField(_l("Signing official's name"), validators=[DataRequired(), Length(max=200)])
    nip = StringField(_l("NIP"), validators=[Optional(), Length(max=18)])
    title = StringField(_l("Job title"), validators=[DataRequired(), Length(max=200)])
    city = StringField(_l("City"), validators=[Optional(), Length(max=100)])
    signature = FileField(_l("Signature image (PNG or JPG, up to 1 MB)"))
    remove_signature = BooleanField(_l("Remove the signature image"))
    logo = FileField(_l("Logo (PNG or JPG, up to 1 MB)"))
    remove_logo = BooleanField(_l("Remove the logo"))


class ListFilterForm(FlaskForm):
    """HR list filters (GET, no CSRF)."""

    class Meta:
        csrf = False

    q = StringField(_l("Name, NIP or number"), validators=[Optional(), Length(max=100)])
    course_id = SelectField(_l("Course"), coerce=int, validate_choice=False, validators=[Optional()])
    unit_id = SelectField(
        _l("Unit (with sub-units)"), coerce=int, validate_choice=False, validators=[Optional()]
    )
    status = SelectField(_l("Status"), validate_choice=False, validators=[Optional()])


class BulkForm(FlaskForm):
    """Start a bulk job on a class."""

    force = BooleanField(_l("Render again even the PDFs already made"))
