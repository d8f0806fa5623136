"""Forms for the survey, complaints, services, innovations and survey elements (shape and types only)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from app.service_quality.enums import CATEGORY_LABELS, CHANNEL_LABELS, PROFILE_LABELS, ComplaintStatus
from app.service_quality.models import SurveyElement
from app.service_quality.services.presentation import element_labels, element_question

HONEYPOT_LABEL = _l("Leave this field empty")


def _blank_choices(labels: dict[Any, Any]) -> list[tuple[str, Any]]:
    return [("", _l("— prefer not to say —"))] + [(key.value, label) for key, label in labels.items()]


class _SurveyBase(FlaskForm):
    service_id = SelectField(
        _l("Service you used"), coerce=int, validate_choice=False, validators=[Optional()]
    )
    service_date = DateField(
        _l("Date of the service"), validators=[InputRequired(_l("Enter the date of the service."))]
    )
    age_band = SelectField(
        _l("Age"), choices=_blank_choices(PROFILE_LABELS["age_band"]), validate_choice=False
    )
    gender = SelectField(
        _l("Gender"), choices=_blank_choices(PROFILE_LABELS["gender"]), validate_choice=False
    )
    education = SelectField(
        _l("Education"), choices=_blank_choices(PROFILE_LABELS["education"]), validate_choice=False
    )
    occupation = SelectField(
        _l("Occupation"), choices=_blank_choices(PROFILE_LABELS["occupation"]), validate_choice=False
    )
    suggestion = TextAreaField(
        _l("Suggestions for improvement (optional)"), validators=[Length(max=2000)], render_kw={"rows": 4}
    )
    website = StringField(HONEYPOT_LABEL, validators=[Optional()])

    def limit_dates(self, today: date) -> None:
        """Let the date picker offer no future dates."""
        self.service_date.render_kw = {"max": today.isoformat()}


def survey_form_class(elements: list[SurveyElement]) -> type[FlaskForm]:
    """A survey form with one required four-option question per active element (`q_<id>`)."""
    fields: dict[str, Any] = {}
    for element in elements:
        labels = element_labels(element)
        fields[f"q_{element.id}"] = RadioField(
            element_question(element),
            choices=[(value, labels[value - 1]) for value in (1, 2, 3, 4)],
            coerce=int,
            validators=[InputRequired(_l("Choose one answer."))],
        )
    return type("SurveyForm", (_SurveyBase,), fields)


class ComplaintForm(FlaskForm):
    """The complaint form; staff see the channel too (`StaffComplaintForm`)."""

    unit_id = SelectField(_l("Unit the complaint is about"), coerce=int, validate_choice=False)
    category = RadioField(
        _l("Kind of report"),
        choices=[(key.value, label) for key, label in CATEGORY_LABELS.items()],
        validators=[InputRequired(_l("Choose the kind of report."))],
    )
    service_id = SelectField(
        _l("Service concerned"), coerce=int, validate_choice=False, validators=[Optional()]
    )
    service_date = DateField(
        _l("Date of the service"), validators=[InputRequired(_l("Enter the date of the service."))]
    )
    text = TextAreaField(
        _l("What happened?"),
        validators=[DataRequired(_l("Describe the problem.")), Length(min=10, max=5000)],
        render_kw={"rows": 6},
    )
    attachment = FileField(
        _l("Attachment (optional: PDF, JPG or PNG)"),
        render_kw={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"},
    )
    contact_name = StringField(
        _l("Your name (optional)"),
        validators=[Optional(), Length(max=200)],
        render_kw={"autocomplete": "name"},
    )
    contact = StringField(_l("E-mail or phone number (optional)"), validators=[Optional(), Length(max=200)])
    confidential = BooleanField(_l("Keep my identity confidential"))
    website = StringField(HONEYPOT_LABEL, validators=[Optional()])

    def limit_dates(self, today: date) -> None:
        """Let the date picker offer only the last 30 days."""
        self.service_date.render_kw = {
            "max": today.isoformat(),
            "min": (today - timedelta(days=30)).isoformat(),
        }


class StaffComplaintForm(ComplaintForm):
    channel = SelectField(
        _l("Received through"), choices=[(key.value, label) for key, label in CHANNEL_LABELS.items()]
    )


class TrackForm(FlaskForm):
    """Tracking-code lookup (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    code = StringField(
        _l("Tracking code"),
        validators=[DataRequired(), Length(max=40)],
        render_kw={"autocomplete": "off", "spellcheck": "false"},
    )


class TransitionForm(FlaskForm):
    to = SelectField(_l("Next step"), validators=[DataRequired()], validate_choice=False)
    note = TextAreaField(_l("Note (internal)"), validators=[DataRequired(), Length(max=2000)])
    officer = StringField(
        _l("Officer's username"),
        validators=[Optional(), Length(max=64)],
        description=_l("Needed when assigning the complaint."),
        render_kw={"list": "officer-list", "autocomplete": "off"},
    )
    answer = TextAreaField(
        _l("Answer to the complainant"),
        validators=[Optional(), Length(max=5000)],
        description=_l("Needed when resolving; shown on the public tracking page."),
    )

    def set_targets(self, targets: list[ComplaintStatus]) -> None:
        self.to.choices = [(t.value, t.label) for t in targets]


class PublicServiceForm(FlaskForm):
    name = StringField(_l("Service name"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=2000)])
    digital = BooleanField(_l("Delivered digitally (online)"))


class InnovationForm(FlaskForm):
    unit_id = SelectField(_l("Unit"), coerce=int, validate_choice=False)
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=4000)])
    implemented_on = DateField(_l("Put into practice on"), validators=[InputRequired()])
    evidence = TextAreaField(
        _l("Evidence"),
        validators=[DataRequired(), Length(max=2000)],
        description=_l("A link or a reference to the decree, report or photos that show it works."),
    )


class PeriodForm(FlaskForm):
    """The reporting period of a dashboard (GET)."""

    class Meta:
        csrf = False

    period = SelectField(_l("Period"), validate_choice=False)


class NewElementForm(FlaskForm):
    """The survey elements page: weights are read from `weight_<id>` fields; this adds one element."""

    new_name = StringField(_l("Name of the new element"), validators=[Optional(), Length(max=200)])
    new_question = StringField(_l("New survey question"), validators=[Optional(), Length(max=500)])
    new_label_1 = StringField(_l("Label of answer 1 (worst)"), validators=[Optional(), Length(max=90)])
    new_label_2 = StringField(_l("Label of answer 2"), validators=[Optional(), Length(max=90)])
    new_label_3 = StringField(_l("Label of answer 3"), validators=[Optional(), Length(max=90)])
    new_label_4 = StringField(_l("Label of answer 4 (best)"), validators=[Optional(), Length(max=90)])
    new_weight = StringField(_l("Weight of the new element"), validators=[Optional(), Length(max=20)])
    save = HiddenField(default="1")
