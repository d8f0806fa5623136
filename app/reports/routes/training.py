"""Training-needs analysis (page, PDF, downloads) and training effectiveness (page, downloads)."""

from __future__ import annotations

from flask import Blueprint, Response, current_app, render_template
from flask_babel import gettext as _
from flask_login import current_user

from app.courses.models import Course
from app.extensions import db
from app.http import bounded_int_arg
from app.reports.exports import Export, export_format, export_response
from app.reports.models import LIKERT_ITEMS
from app.reports.pdf import render_pdf
from app.reports.routes.common import chosen_unit, today, unit_or_404, year_arg
from app.reports.services.dashboard import scoped_units
from app.reports.services.effectiveness import effectiveness
from app.reports.services.evaluation import agency
from app.reports.services.training_needs import needs_rows, training_needs
from app.security import Role, access

bp = Blueprint("reports_training", __name__, url_prefix="/reports", template_folder="../templates")

# The bulk assignment page of the courses package, when it is installed.
ASSIGN_ENDPOINT = "course_roster.assign"


def item_labels() -> dict[str, str]:
    """The five reaction items as the form and the report name them."""
    return {
        "relevance": _("Relevance to my work"),
        "material": _("Course material"),
        "trainer": _("Trainer"),
        "facilities": _("Facilities"),
        "usefulness": _("Usefulness"),
    }


@bp.get("/training-needs")
@access(Role.HR, Role.ADMIN)
def needs():
    """Competencies ranked by total gap with the courses that close them, for a unit and year."""
    units = scoped_units(current_user)
    unit = chosen_unit(units)
    year = year_arg()
    context = {"units": units, "unit": unit, "year": year, "analysis": None}
    if unit is None:
        return render_template("reports/training_needs.html", **context)
    analysis = training_needs(unit, year, today=today())
    fmt = export_format()
    if fmt:
        header = [
            _("Competency code"), _("Competency"), _("People below standard"), _("Levels missing"),
            _("Course code"), _("Course"), _("JP per person"), _("Target level"), _("People served"),
            _("Total JP"),
        ]  # fmt: skip
        return export_response(
            Export(header, needs_rows(analysis), f"akp-{unit.code}-{year}", str(year)), fmt
        )
    context.update(analysis=analysis, can_assign=ASSIGN_ENDPOINT in current_app.view_functions,
                   assign_endpoint=ASSIGN_ENDPOINT)  # fmt: skip
    return render_template("reports/training_needs.html", **context)


@bp.get("/training-needs/pdf")
@access(Role.HR, Role.ADMIN)
def needs_pdf():
    """The analysis as an A4 PDF with the agency's letterhead."""
    unit = unit_or_404(bounded_int_arg("unit_id") or (current_user.unit.id if current_user.unit else None))
    year = year_arg()
    body = render_pdf(
        "reports/training_needs_pdf.html",
        analysis=training_needs(unit, year, today=today()),
        agency=agency(),
        printed_on=today(),
    )
    return Response(
        body,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="akp-{unit.code}-{year}.pdf"'},
    )


@bp.get("/effectiveness")
@access(Role.HR, Role.ADMIN)
def effectiveness_page():
    """Per course and class: reaction scores, completion and pass rates, test gain, level change."""
    year = year_arg()
    course_id = bounded_int_arg("course_id")
    courses = effectiveness(current_user, year, course_id=course_id, today=today())
    labels = item_labels()
    fmt = export_format()
    if fmt:
        header = [
            _("Course code"), _("Course"), _("Class"), _("Participants"), _("Completed"), _("Failed"),
            _("Completion rate (%)"), _("Pass rate (%)"), _("Evaluations"), *labels.values(),
            _("Reaction (1–5)"), _("Pre-test"), _("Post-test"), _("Gain"), _("Level before"),
            _("Level now"), _("Level change"),
        ]  # fmt: skip

        def rows():
            for course in courses:
                for part in [course.total, *course.classes]:
                    yield [
                        part.course.code, part.course.title,
                        part.course_class.name if part.course_class else _("All classes"),
                        part.participants, part.completed, part.failed, part.completion_rate, part.pass_rate,
                        part.responses, *[part.scores.get(i) for i in LIKERT_ITEMS], part.reaction, part.pre,
                        part.post, part.gain, part.level_before, part.level_now, part.level_change,
                    ]  # fmt: skip

        return export_response(Export(header, rows(), f"efektivitas-{year}", str(year)), fmt)
    options = db.session.execute(select_courses()).all()
    return render_template(
        "reports/effectiveness.html", year=year, courses=courses, course_id=course_id, labels=labels,
        items=LIKERT_ITEMS, course_options=options,
    )  # fmt: skip


def select_courses():
    """Course choices for the filter (published or not: past classes keep their course)."""
    return db.select(Course.id, Course.code, Course.title).order_by(Course.code)
