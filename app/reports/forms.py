"""Report forms (shape and types only; the services check the rules)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from app.reports.services.narratives import MAX_LENGTH


class NarrativeForm(FlaskForm):
    """The evaluator's narrative, strengths and areas to improve for one year."""

    narrative = TextAreaField(
        _l("Description of performance"),
        validators=[Optional(), Length(max=MAX_LENGTH)],
        render_kw={"rows": 6},
    )
    strengths = TextAreaField(
        _l("Strengths"), validators=[Optional(), Length(max=MAX_LENGTH)], render_kw={"rows": 4}
    )
    improvements = TextAreaField(
        _l("Areas to improve"), validators=[Optional(), Length(max=MAX_LENGTH)], render_kw={"rows": 4}
    )


LIKERT_CHOICES = [
    ("1", _l("1 – poor")),
    ("2", _l("2")),
    ("3", _l("3")),
    ("4", _l("4")),
    ("5", _l("5 – excellent")),
]


def _likert(label) -> RadioField:
    return RadioField(label, choices=LIKERT_CHOICES, validators=[InputRequired()])


class FeedbackForm(FlaskForm):
    """The participant evaluation: five ratings and a comment."""

    relevance = _likert(_l("The course was relevant to my work"))
    material = _likert(_l("The course material was clear and up to date"))
    trainer = _likert(_l("The trainer explained well"))
    facilities = _likert(_l("The facilities (or the online platform) worked well"))
    usefulness = _likert(_l("I will use what I learned"))
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)], render_kw={"rows": 4})
