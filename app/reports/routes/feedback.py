"""The participant evaluation of completed courses: the list waiting for an answer and the form."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.errors import NotFoundError, ServiceError
from app.extensions import db
from app.reports.forms import FeedbackForm
from app.reports.services.feedback import enrollment_for_feedback, feedback_of, pending_query, submit_feedback
from app.security import AUTHENTICATED, access
from app.ui.forms import apply_service_error
from app.ui.pagination import page_args

bp = Blueprint(
    "reports_feedback", __name__, url_prefix="/reports/course-evaluations", template_folder="../templates"
)


@bp.get("/")
@access(AUTHENTICATED)
def index():
    """My completed courses that wait for my evaluation."""
    page, per_page = page_args()
    pagination = db.paginate(pending_query(current_user), page=page, per_page=per_page, error_out=False)
    return render_template("reports/feedback_list.html", pagination=pagination)


@bp.route("/<int:enrollment_id>", methods=["GET", "POST"])
@access(AUTHENTICATED)
def form(enrollment_id: int):
    """Evaluate one completed course (once)."""
    try:
        enrollment = enrollment_for_feedback(current_user, enrollment_id)
    except NotFoundError:
        abort(404)
    existing = feedback_of(enrollment)
    form = FeedbackForm()
    if existing is None and form.validate_on_submit():
        try:
            submit_feedback(current_user, enrollment, form.data)
        except ServiceError as exc:
            db.session.rollback()
            apply_service_error(form, exc)
        else:
            db.session.commit()
            flash(_("Thank you: your evaluation was recorded."), "success")
            return redirect(url_for("reports_feedback.index"))
    return render_template("reports/feedback_form.html", form=form, enrollment=enrollment, existing=existing)
