"""Merit profile pages (a person's, and the employee's own read-only view) and the evaluator queue."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import db
from app.merit.charts import trend_chart
from app.merit.enums import BehaviorValue
from app.merit.labels import kind_label
from app.merit.recommendations import rule_label
from app.merit.routes.common import box_chart, year_arg
from app.merit.services.evaluations import objection_deadline
from app.merit.services.pages import (
    appeals_to_decide,
    my_drafts,
    objections_to_decide,
    profile_page,
    proposals_to_decide,
    to_evaluate_query,
)
from app.merit.services.people import person_or_404
from app.security import AUTHENTICATED, Role, access
from app.ui.pagination import page_args

bp = Blueprint("merit", __name__, url_prefix="/merit", template_folder="../templates")


def _render_profile(person, year: int, own_view: bool):
    page = profile_page(current_user, person, year, own_view=own_view)
    core = page.profile.profile.core
    trend = trend_chart([(p.core.year, p.core.predicate, p.core.box) for p in page.profile.trend])
    return render_template(
        "merit/profile.html",
        person=person,
        year=year,
        page=page,
        core=core,
        own_view=own_view,
        box_chart=box_chart(_("9-box with %(name)s placed", name=person.name), highlight=core.box),
        trend_data=trend,
        objection_deadline=objection_deadline,
    )


@bp.get("/me")
@access(AUTHENTICATED)
def me():
    """The employee's own merit data, read-only, with acknowledge/object and appeal buttons."""
    return _render_profile(current_user, year_arg(), own_view=True)


@bp.get("/people/<int:user_id>")
@access(AUTHENTICATED)
def profile(user_id: int):
    """A person's merit profile: 9-box, trend, recommendations with reasons, decision history."""
    person = person_or_404(current_user, user_id)
    if person.id == current_user.id:
        return redirect(url_for("merit.me", year=year_arg()))
    return _render_profile(person, year_arg(), own_view=False)


@bp.get("/queue")
@access(Role.EVALUATOR, Role.ADMIN)
def queue():
    """Evaluations to write, drafts, objections, proposals and appeals waiting for this user."""
    year = year_arg()
    page, per_page = page_args()
    query = to_evaluate_query(current_user, year)
    pagination = db.paginate(query, page=page, per_page=per_page, error_out=False)
    return render_template(
        "merit/queue.html",
        year=year,
        to_evaluate=pagination,
        drafts=my_drafts(current_user),
        objections=objections_to_decide(current_user),
        proposals=proposals_to_decide(current_user),
        appeals=appeals_to_decide(current_user),
    )


@bp.app_template_global("merit_kind_label")
def merit_kind_label(category, kind):
    """Templates: the display name of a merit action kind."""
    return kind_label(category, kind)


@bp.app_template_global("rec_rule_label")
def rec_rule_label(code):
    """Templates: the name of a recommendation rule."""
    return rule_label(code)


@bp.app_template_global("behavior_label")
def behavior_label(code):
    """Templates: the name of a BerAKHLAK value code."""
    return BehaviorValue(code).label if code in {v.value for v in BehaviorValue} else code
