"""The notification list behind the bell."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user

from app.extensions import db
from app.notifications.models import Notification
from app.notifications.services import list_for_user, mark_read
from app.security import AUTHENTICATED, access
from app.ui.pagination import page_args
from app.ui.urls import safe_next_url

bp = Blueprint("notifications", __name__, url_prefix="/notifications", template_folder="templates")


@bp.get("/")
@access(AUTHENTICATED)
def index():
    """The signed-in user's notifications, newest first."""
    page, per_page = page_args(20)
    return render_template(
        "notifications/index.html", pagination=list_for_user(current_user.id, page, per_page)
    )


@bp.post("/<int:notification_id>/open")
@access(AUTHENTICATED)
def open_notification(notification_id: int):
    """Mark one notification read and follow its link (only one's own notifications)."""
    notification = db.get_or_404(Notification, notification_id)
    if notification.user_id != current_user.id:
        return render_template("errors/404.html", status=404, message=""), 404
    mark_read(current_user.id, notification_id)
    db.session.commit()
    return redirect(safe_next_url(notification.link) or url_for("notifications.index"))


@bp.post("/read-all")
@access(AUTHENTICATED)
def read_all():
    """Mark every notification read."""
    mark_read(current_user.id)
    db.session.commit()
    return redirect(url_for("notifications.index"))
