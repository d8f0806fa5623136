"""Merit forms (shape and types only; the services check the rules)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired, MultipleFileField
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.merit.enums import (
    RATING_LABELS,
    SANCTION_LABELS,
    AppealOutcome,
    BehaviorValue,
    Decision,
    KpiDirection,
    KpiLevel,
    ObjectionOutcome,
    Rating,
)

RATING_CHOICES = [(r.value, RATING_LABELS[r]) for r in Rating]
OPTIONAL_RATING_CHOICES = [("", "—"), *RATING_CHOICES]


class TargetForm(Form):
    description = StringField(_l("Work target"), validators=[Optional(), Length(max=500)])
    indicator = StringField(_l("Indicator"), validators=[Optional(), Length(max=500)])
    target = StringField(_l("Target"), validators=[Optional(), Length(max=200)])
    realisation = StringField(_l("Realisation"), validators=[Optional(), Length(max=200)])


class BehaviorForm(Form):
    value = HiddenField()
    expectation = TextAreaField(_l("The superior's expectation"), validators=[Optional(), Length(max=4000)])
    rating = SelectField(_l("Rating"), choices=OPTIONAL_RATING_CHOICES, validate_choice=False)


class EvaluationForm(FlaskForm):
    """SKP: targets, the seven BerAKHLAK values, and the two overall ratings."""

    period = StringField(
        _l("Period"),
        validators=[DataRequired(), Length(max=7)],
        description=_l('A year ("2026") or a quarter ("2026-Q1").'),
    )
    targets = FieldList(FormField(TargetForm), min_entries=3, max_entries=30)
    behaviors = FieldList(FormField(BehaviorForm), min_entries=7, max_entries=7)
    work_result = RadioField(_l("Work results (hasil kerja)"), choices=RATING_CHOICES, validate_choice=False)
    work_behavior = RadioField(
        _l("Work behaviour (perilaku kerja)"), choices=RATING_CHOICES, validate_choice=False
    )
    notes = TextAreaField(_l("Notes"), validators=[Optional(), Length(max=4000)])

    def prepare_behaviors(self) -> None:
        """One row per BerAKHLAK value, in the official order."""
        for entry, value in zip(self.behaviors.entries, BehaviorValue, strict=False):
            entry.form.value.data = value.value

    def to_data(self) -> dict:
        return {
            "period": self.period.data,
            "work_result": self.work_result.data,
            "work_behavior": self.work_behavior.data,
            "notes": self.notes.data,
            "targets": [entry.data for entry in self.targets.entries],
            "behaviors": {
                entry.form.value.data: {
                    "expectation": entry.form.expectation.data,
                    "rating": entry.form.rating.data,
                }
                for entry in self.behaviors.entries
                if entry.form.value.data
            },
        }


class ReasonForm(FlaskForm):
    """An objection or an appeal: a reason."""

    reason = TextAreaField(_l("Reason"), validators=[InputRequired(), Length(max=4000)])


class ObjectionDecisionForm(FlaskForm):
    outcome = RadioField(
        _l("Outcome"), choices=[(o.value, o.label) for o in ObjectionOutcome], validate_choice=False
    )
    work_result = SelectField(
        _l("New work results rating"), choices=OPTIONAL_RATING_CHOICES, validate_choice=False
    )
    work_behavior = SelectField(
        _l("New work behaviour rating"), choices=OPTIONAL_RATING_CHOICES, validate_choice=False
    )
    justification = TextAreaField(_l("Justification"), validators=[Length(max=4000)])


class ProposeForm(FlaskForm):
    """A merit action: from a recommendation (rule set) or free."""

    category = SelectField(_l("Category"), validate_choice=False)
    kind = SelectField(_l("Kind"), validate_choice=False)
    reason = TextAreaField(_l("Reason"), validators=[Length(max=4000)])
    legal_basis = StringField(_l("Legal basis (sanctions)"), validators=[Optional(), Length(max=500)])
    source_rule = HiddenField()


class DecisionForm(FlaskForm):
    decision = RadioField(
        _l("Decision"), choices=[(d.value, d.label) for d in Decision], validate_choice=False
    )
    justification = TextAreaField(_l("Justification"), validators=[Length(max=4000)])


class AppealDecisionForm(FlaskForm):
    outcome = RadioField(
        _l("Outcome"), choices=[(o.value, o.label) for o in AppealOutcome], validate_choice=False
    )
    justification = TextAreaField(_l("Justification"), validators=[Length(max=4000)])


class SanctionForm(FlaskForm):
    kind = SelectField(_l("Sanction"), choices=[(k.value, v) for k, v in SANCTION_LABELS.items()])
    legal_basis = StringField(
        _l("Legal basis"),
        validators=[DataRequired(), Length(max=500)],
        description=_l("e.g. PP 94/2021 Pasal 8 ayat (2) and the decision letter number"),
    )
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=4000)])
    decided_on = DateField(_l("Decision date"), validators=[InputRequired()])
    starts_on = DateField(
        _l("Start date"), validators=[Optional()], description=_l("Defaults to the decision date.")
    )
    attachments = MultipleFileField(_l("Attachments (PDF, PNG or JPEG)"))


class RewardForm(FlaskForm):
    kind = SelectField(_l("Reward"), validate_choice=False)
    awarded_on = DateField(_l("Date awarded"), validators=[InputRequired()])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=4000)])


class AbsenceForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[InputRequired(), NumberRange(2000, 2100)])
    days = IntegerField(
        _l("Working days of unexcused absence"), validators=[InputRequired(), NumberRange(0, 366)]
    )
    longest_consecutive = IntegerField(
        _l("Longest unbroken run (working days)"), validators=[Optional(), NumberRange(0, 366)], default=0
    )


class LeaveForm(FlaskForm):
    starts_on = DateField(_l("From"), validators=[InputRequired()])
    ends_on = DateField(_l("Until"), validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=4000)])


class AssessmentForm(FlaskForm):
    assessed_on = DateField(_l("Assessment date"), validators=[InputRequired()])
    score = StringField(_l("Score (0–100)"), validators=[DataRequired(), Length(max=10)])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=4000)])


class EvaluatorForm(FlaskForm):
    evaluator_id = SelectField(_l("Evaluator"), coerce=int, validate_choice=False)


class RevokeForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[InputRequired(), Length(max=4000)])


class KpiForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=40)])
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Definition"), validators=[Optional(), Length(max=4000)])
    unit_of_measure = StringField(_l("Unit of measure"), validators=[DataRequired(), Length(max=40)])
    direction = SelectField(_l("Direction"), choices=[(d.value, d.label) for d in KpiDirection])
    level = SelectField(_l("Level"), choices=[(v.value, v.label) for v in KpiLevel])
    source = SelectField(_l("Data source"), validate_choice=False)
    default_target = StringField(
        _l("Target (default for every period)"), validators=[Optional(), Length(max=20)]
    )


class KpiTargetForm(FlaskForm):
    period = StringField(_l("Period"), validators=[DataRequired(), Length(max=7)])
    target = StringField(_l("Target"), validators=[DataRequired(), Length(max=20)])


class KpiValueForm(FlaskForm):
    subject = StringField(
        _l("Person (username or NIP) or unit (code)"), validators=[DataRequired(), Length(max=64)]
    )
    period = StringField(_l("Period"), validators=[DataRequired(), Length(max=7)])
    actual = StringField(_l("Actual value"), validators=[DataRequired(), Length(max=20)])
    note = StringField(_l("Note"), validators=[Optional(), Length(max=2000)])


class LegacyImportForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired()])


class RecomputeForm(FlaskForm):
    year = IntegerField(_l("Year"), validators=[InputRequired(), NumberRange(2000, 2100)])
