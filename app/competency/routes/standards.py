"""Position standards: the list of positions with their standards, and editing one position's levels."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select

from app.competency.enums import LEVELS
from app.competency.models import PositionRequirement
from app.competency.routes.helpers import get_or_404
from app.competency.services import CompetencyError, requirements_for, set_requirements
from app.competency.services.dictionary import dictionary_query
from app.extensions import db
from app.org.models import Position
from app.security import Role, access
from app.ui.pagination import page_args, paginate_rows

bp = Blueprint("competency_standards", __name__, template_folder="../templates")

MANAGERS = (Role.HR, Role.ADMIN)


@bp.get("/competency/standards")
@access(*MANAGERS)
def index():
    """Active positions with the number of competencies in their standard (one grouped query)."""
    q = request.args.get("q", "")[:100]
    counts = (
        select(PositionRequirement.position_id, func.count().label("n"))
        .group_by(PositionRequirement.position_id)
        .subquery()
    )
    query = (
        select(Position, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.position_id == Position.id)
        .where(Position.active.is_(True))
        .order_by(Position.name, Position.id)
    )
    if q:
        like = f"%{q.strip().lower()}%"
        query = query.where(or_(func.lower(Position.name).like(like), func.lower(Position.code).like(like)))
    page, per_page = page_args(25)
    return render_template("competency/standards.html", pagination=paginate_rows(query, page, per_page), q=q)


@bp.route("/competency/standards/<int:position_id>", methods=["GET", "POST"])
@access(*MANAGERS)
def edit(position_id: int):
    """Set the required level (or none) of every competency for one position."""
    position = get_or_404(Position, position_id)
    competencies = db.session.scalars(dictionary_query()).all()
    current = {r.competency_id: r.level for r in requirements_for(position)}
    errors: dict[str, list[str]] = {}
    status = 200
    if request.method == "POST":
        items = []
        for competency in competencies:
            raw = request.form.get(f"level-{competency.id}", "").strip()
            if raw:
                items.append({"competency_id": competency.id, "level": int(raw) if raw.isdigit() else raw})
        try:
            set_requirements(current_user, position, items)
        except CompetencyError as exc:
            db.session.rollback()
            status = exc.status
            flash(exc.message, "danger")
            for key, messages in exc.fields.items():
                index = key.split(".")[0]
                if index.isdigit() and int(index) < len(items):
                    errors[str(items[int(index)]["competency_id"])] = messages
            current = {i["competency_id"]: i["level"] for i in items}
        else:
            db.session.commit()
            flash(_("The standard of %(name)s was saved.", name=position.name), "success")
            return redirect(url_for("competency_standards.edit", position_id=position.id))
    return render_template(
        "competency/standard_form.html",
        position=position,
        competencies=competencies,
        current=current,
        errors=errors,
        levels=LEVELS,
    ), status
