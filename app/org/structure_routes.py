"""Units (as a tree) and positions: list, create, edit, (de)activate."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select

from app.errors import ServiceError
from app.extensions import db
from app.org.choices import unit_choices
from app.org.enums import Tier
from app.org.forms import PositionForm, UnitForm
from app.org.loaders import position_or_404, unit_to_manage
from app.org.models import Position, Unit, User
from app.org.permissions import unit_scope_condition
from app.org.services import (
    create_position,
    create_unit,
    set_position_active,
    set_unit_active,
    update_position,
    update_unit,
)
from app.security import Role, access
from app.ui.forms import apply_service_error
from app.ui.pagination import page_args, paginate_rows

bp = Blueprint("structure", __name__, template_folder="templates")

MANAGERS = (Role.HR, Role.ADMIN)


def _search(query, columns, q: str):
    """Case-insensitive substring search over `columns` (% and _ are matched literally)."""
    text = q.strip().lower()
    if text:
        query = query.where(or_(*(func.lower(c).contains(text, autoescape=True) for c in columns)))
    return query


@bp.get("/units")
@access(*MANAGERS)
def units():
    """The units the user manages, in tree order, with head counts (one grouped query)."""
    q = request.args.get("q", "")[:100]
    show_inactive = request.args.get("inactive") == "1"
    headcount = (
        select(User.unit_id, func.count(User.id).label("n"))
        .where(User.active.is_(True))
        .group_by(User.unit_id)
        .subquery()
    )
    query = (
        select(Unit, func.coalesce(headcount.c.n, 0))
        .outerjoin(headcount, headcount.c.unit_id == Unit.id)
        .where(unit_scope_condition(current_user))
        .order_by(Unit.path)
    )
    if not show_inactive:
        query = query.where(Unit.active.is_(True))
    query = _search(query, [Unit.name, Unit.code], q)
    page, per_page = page_args(50)
    pagination = paginate_rows(query, page, per_page)
    return render_template("org/units.html", pagination=pagination, q=q, show_inactive=show_inactive)


def _unit_form(unit: Unit | None = None) -> UnitForm:
    """The unit form; a unit cannot be put under itself, and its current parent stays selectable."""
    form = UnitForm(obj=unit)
    blank = _("— top level —") if current_user.has_role(Role.ADMIN) else None
    choices = unit_choices(current_user, blank=blank, exclude_subtree=unit)
    if unit is not None and unit.parent is not None and unit.parent_id not in {c[0] for c in choices}:
        choices.insert(0, (unit.parent.id, f"{unit.parent.name} ({unit.parent.code})"))
    form.parent_id.choices = choices
    if unit is not None and request.method == "GET":
        form.parent_id.data = unit.parent_id or 0
    return form


def _save(form, action, success_message: str, endpoint: str):
    try:
        action()
    except ServiceError as exc:
        db.session.rollback()
        apply_service_error(form, exc)
        return None
    db.session.commit()
    flash(success_message, "success")
    return redirect(url_for(endpoint))


@bp.route("/units/new", methods=["GET", "POST"])
@access(*MANAGERS)
def unit_new():
    """Add a unit (HR officers: under their own unit)."""
    form = _unit_form()
    if form.validate_on_submit():
        data = {
            "code": form.code.data,
            "name": form.name.data,
            "parent_id": form.parent_id.data or None,
        }
        response = _save(
            form,
            lambda: create_unit(current_user, data),
            _("The unit was added."),
            "structure.units",
        )
        if response:
            return response
    return render_template("org/unit_form.html", form=form, unit=None)


@bp.route("/units/<int:unit_id>/edit", methods=["GET", "POST"])
@access(*MANAGERS)
def unit_edit(unit_id: int):
    """Rename or move a unit."""
    unit = unit_to_manage(unit_id)
    form = _unit_form(unit)
    if form.validate_on_submit():
        data = {
            "code": form.code.data,
            "name": form.name.data,
            "parent_id": form.parent_id.data or None,
        }
        response = _save(
            form,
            lambda: update_unit(current_user, unit, data),
            _("Changes saved."),
            "structure.units",
        )
        if response:
            return response
    return render_template("org/unit_form.html", form=form, unit=unit)


@bp.post("/units/<int:unit_id>/active")
@access(*MANAGERS)
def unit_set_active(unit_id: int):
    """Deactivate or reactivate a unit."""
    unit = unit_to_manage(unit_id)
    try:
        set_unit_active(current_user, unit, request.form.get("active") == "1")
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
    else:
        db.session.commit()
        flash(_("Changes saved."), "success")
    return redirect(url_for("structure.units"))


@bp.get("/positions")
@access(*MANAGERS)
def positions():
    """Positions with their tiers and number of holders."""
    q = request.args.get("q", "")[:100]
    tier = request.args.get("tier", "")
    holders = (
        select(User.position_id, func.count(User.id).label("n"))
        .where(User.active.is_(True))
        .group_by(User.position_id)
        .subquery()
    )
    query = (
        select(Position, func.coalesce(holders.c.n, 0))
        .outerjoin(holders, holders.c.position_id == Position.id)
        .order_by(Position.active.desc(), Position.name)
    )
    query = _search(query, [Position.name, Position.code], q)
    if tier in {t.value for t in Tier}:
        query = query.where(Position.tier == Tier(tier))
    page, per_page = page_args(50)
    pagination = paginate_rows(query, page, per_page)
    return render_template("org/positions.html", pagination=pagination, q=q, tier=tier, tiers=list(Tier))


@bp.route("/positions/new", methods=["GET", "POST"])
@access(*MANAGERS)
def position_new():
    """Add a position; its competency standard is pre-filled from the tier."""
    form = PositionForm()
    if form.validate_on_submit():
        data = {"code": form.code.data, "name": form.name.data, "tier": form.tier.data}
        response = _save(
            form,
            lambda: create_position(current_user, data),
            _("The position was added."),
            "structure.positions",
        )
        if response:
            return response
    return render_template("org/position_form.html", form=form, position=None)


@bp.route("/positions/<int:position_id>/edit", methods=["GET", "POST"])
@access(*MANAGERS)
def position_edit(position_id: int):
    """Edit a position."""
    position = position_or_404(position_id)
    form = PositionForm(obj=position)
    if request.method == "GET":
        form.tier.data = position.tier.value
    if form.validate_on_submit():
        data = {"code": form.code.data, "name": form.name.data, "tier": form.tier.data}
        response = _save(
            form,
            lambda: update_position(current_user, position, data),
            _("Changes saved."),
            "structure.positions",
        )
        if response:
            return response
    return render_template("org/position_form.html", form=form, position=position)


@bp.post("/positions/<int:position_id>/active")
@access(*MANAGERS)
def position_set_active(position_id: int):
    """Deactivate or reactivate a position."""
    position = position_or_404(position_id)
    try:
        set_position_active(current_user, position, request.form.get("active") == "1")
    except ServiceError as exc:
        db.session.rollback()
        flash(exc.message, "danger")
    else:
        db.session.commit()
        flash(_("Changes saved."), "success")
    return redirect(url_for("structure.positions"))
