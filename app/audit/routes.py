"""The audit log page: filter entries, and (admins) verify the hash chain."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import joinedload

from app.audit.models import AuditEntry
from app.audit.queries import visible_entries_query
from app.audit.services import verify_chain
from app.extensions import db
from app.security import Role, access
from app.ui.pagination import page_args

bp = Blueprint("audit", __name__, url_prefix="/audit", template_folder="templates")


@bp.get("/")
@access(Role.HR, Role.ADMIN)
def index():
    """Audit entries newest first, filtered by person and action prefix."""
    subject = request.args.get("subject_user_id", type=int)
    action = request.args.get("action", "")[:80].strip()
    page, per_page = page_args(50)
    query = visible_entries_query(current_user, subject_user_id=subject, action=action or None)
    entries = db.paginate(
        query.options(joinedload(AuditEntry.actor)), page=page, per_page=per_page, error_out=False
    )
    return render_template("audit/index.html", entries=entries, subject=subject, action=action)


@bp.post("/verify")
@access(Role.ADMIN)
def verify():
    """Recompute the whole chain and report the first broken link, if any."""
    report = verify_chain()
    if report.ok:
        flash(_("Audit chain OK: %(n)s entries verified.", n=report.checked), "success")
    else:
        flash(
            _(
                "Audit chain BROKEN at entry %(id)s: %(reason)s.",
                id=report.broken_entry_id,
                reason=report.reason,
            ),
            "danger",
        )
    return redirect(url_for("audit.index"))
