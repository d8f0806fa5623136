"""Forms of the courses area (shape and types only; the rules live in the services)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from app.courses.enums import EDITABLE_COURSE_STATUSES, CourseStatus, DeliveryForm, MaterialKind
from app.courses.models import Course

LEVEL_CHOICES = [(0, "—")] + [(n, str(n)) for n in range(1, 6)]
COMPETENCY_ROWS = 6


def delivery_choices() -> list[tuple[str, str]]:
    """`(code, "KL03 Technical training")` for every delivery form."""
    return [(d.value, f"{d.value} {d.label}") for d in DeliveryForm]


class CompetencyTargetForm(Form):
    """One competency the course develops and its target level (leave empty to skip the row)."""

    competency_id = SelectField(_l("Competency"), coerce=int, validate_choice=False)
    target_level = SelectField(_l("Target level"), coerce=int, choices=LEVEL_CHOICES, validate_choice=False)


class CourseForm(FlaskForm):
    """A course of the catalog."""

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=30)])
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(_l("Description"), validators=[Length(max=20000)])
    jp = DecimalField(
        _l("JP (lesson hours)"), places=2, validators=[DataRequired(), NumberRange(min=0.01, max=1000)]
    )
    delivery = SelectField(_l("Delivery form"))
    status = SelectField(
        _l("State"),
        choices=[(s.value, s.label) for s in EDITABLE_COURSE_STATUSES],
        default=CourseStatus.DRAFT.value,
    )
    validity_months = IntegerField(
        _l("Valid for (months, for courses that need recertification)"),
        validators=[Optional(), NumberRange(min=1, max=600)],
    )
    allow_level_above_target = BooleanField(
        _l("A post-test score of at least 90% may award one level above the target")
    )
    prerequisite_ids = SelectMultipleField(_l("Prerequisite courses"), coerce=int, validate_choice=False)
    competencies = FieldList(FormField(CompetencyTargetForm), min_entries=COMPETENCY_ROWS, max_entries=20)


class ClassForm(FlaskForm):
    """A class (angkatan) of a course."""

    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    capacity = IntegerField(_l("Capacity"), validators=[DataRequired(), NumberRange(min=1, max=100000)])
    starts_on = DateField(_l("First day"), validators=[DataRequired()])
    ends_on = DateField(_l("Last day"), validators=[DataRequired()])
    enrol_deadline = DateField(_l("Enrolment deadline"), validators=[Optional()])
    location = StringField(_l("Location"), validators=[Length(max=200)])
    online_url = URLField(_l("Online meeting link"), validators=[Optional(), Length(max=500)])


class MaterialForm(FlaskForm):
    """A learning material: text written here, an external link or an uploaded file."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(_l("Kind"), choices=[(k.value, k.label) for k in MaterialKind])
    body = TextAreaField(_l("Text"), validators=[Length(max=100000)])
    url = URLField(_l("Link"), validators=[Optional(), Length(max=500)])
    file = FileField(_l("File (PDF, Word, PowerPoint, Excel, JPG or PNG)"))
    required = BooleanField(_l("Required for completion"), default=True)


class AssignForm(FlaskForm):
    """Assign a class to many people at once: a list, a unit, a position or everyone with a gap."""

    mode = RadioField(
        _l("Assign to"),
        choices=[
            ("unit", _l("A unit")),
            ("position", _l("Everyone holding a position")),
            ("people", _l("A list of people")),
            ("gaps", _l("Everyone whose competency gap this course closes")),
        ],
        default="unit",
    )
    unit_id = SelectField(_l("Unit"), coerce=int, validate_choice=False)
    include_subunits = BooleanField(_l("Include sub-units"), default=True)
    position_id = SelectField(_l("Position"), coerce=int, validate_choice=False)
    people = TextAreaField(_l("NIPs or user names, one per line"), validators=[Length(max=200000)])
    due_on = DateField(_l("Due date (default: the class's last day)"), validators=[Optional()])


class AssignPersonForm(FlaskForm):
    """Assign one person by NIP or user name."""

    person = StringField(_l("NIP or user name"), validators=[DataRequired(), Length(max=64)])
    due_on = DateField(_l("Due date (default: the class's last day)"), validators=[Optional()])


class ConfirmForm(FlaskForm):
    """A confirmation step with nothing to fill in but the CSRF token (archiving a course)."""


class CancelClassForm(FlaskForm):
    """Cancel a class: the reason goes to every withdrawn person."""

    reason = TextAreaField(_l("Reason for the cancellation"), validators=[DataRequired(), Length(max=500)])


def status_choices(course: Course | None) -> list[tuple[str, str]]:
    """The course form's states: draft or published; an archived course keeps its state or goes to draft."""
    archived = course is not None and course.archived
    states = (CourseStatus.ARCHIVED, CourseStatus.DRAFT) if archived else EDITABLE_COURSE_STATUSES
    return [(s.value, s.label) for s in states]
