"""Forms of the competency area (shape and types only; rules live in the services)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.competency.enums import LEVELS

LEVEL_CHOICES = [(n, str(n)) for n in LEVELS]


class EvidenceForm(FlaskForm):
    """An assessment, evaluator rating/override or prior learning recorded by hand."""

    competency_id = SelectField(_l("Competency"), coerce=int, validate_choice=False)
    level = SelectField(_l("Level"), coerce=int, choices=LEVEL_CHOICES)
    source = SelectField(_l("Source"))
    override = BooleanField(_l("Override the current level (evaluator only)"))
    note = TextAreaField(_l("Note or justification"), validators=[Length(max=5000)])
    expires_on = DateField(_l("Valid until (optional)"), validators=[Optional()])
    document = FileField(_l("Document (PDF, JPG or PNG; required for prior learning)"))


class LevelForm(Form):
    """One proficiency level: a title and one indicator per line."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=500)])
    indicators = TextAreaField(_l("Behaviour indicators (one per line)"), validators=[Length(max=10000)])


class CompetencyForm(FlaskForm):
    """A technical competency with its five levels."""

    code = StringField(_l("Code"), validators=[Optional(), Length(max=20)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    definition = TextAreaField(_l("Definition"), validators=[Length(max=5000)])
    levels = FieldList(FormField(LevelForm), min_entries=5, max_entries=5)


class ExchangeUploadForm(FlaskForm):
    """Upload a framework file (CASE JSON or CSV) for a preview."""

    file = FileField(_l("CASE JSON or CSV file"), validators=[FileRequired()])


class ExchangeApplyForm(FlaskForm):
    """Apply a previewed framework file."""

    token = HiddenField(validators=[DataRequired()])
    confirm = BooleanField(_l("I checked the preview; apply the import"), validators=[InputRequired()])


class ExternalTrainingForm(FlaskForm):
    """Training taken outside Lentera, with its certificate."""

    title = StringField(_l("Training title"), validators=[DataRequired(), Length(max=200)])
    issuer = StringField(_l("Issuer (organiser)"), validators=[DataRequired(), Length(max=200)])
    certificate_number = StringField(_l("Certificate number"), validators=[DataRequired(), Length(max=100)])
    started_on = DateField(_l("Start date"), validators=[DataRequired()])
    ended_on = DateField(_l("End date"), validators=[DataRequired()])
    jp = DecimalField(_l("JP"), places=2, validators=[DataRequired(), NumberRange(min=0.01, max=1000)])
    competency_id = SelectField(_l("Competency it develops (optional)"), coerce=int, validate_choice=False)
    level = SelectField(_l("Level it shows"), coerce=int, choices=[(0, "—"), *LEVEL_CHOICES])
    note = TextAreaField(_l("Note"), validators=[Length(max=2000)])
    document = FileField(_l("Certificate scan (PDF, JPG or PNG)"), validators=[FileRequired()])
