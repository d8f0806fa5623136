"""Report forms (shape and types only; the services check the rules)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import TextAreaField
from wtforms.validators import Length, Optional

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
