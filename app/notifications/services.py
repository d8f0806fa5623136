"""`notify`: write an in-app notification and send its e-mail after the commit."""

from __future__ import annotations

from functools import partial
from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_mailman import EmailMessage
from sqlalchemy import func, select, update

from app.db import utcnow
from app.extensions import db
from app.notifications.models import Notification
from app.org.models import User
from app.settings.services import get_setting
from app.transactions import after_commit, discard_pending

MAIL = "mail"  # the tag of queued e-mail (see `app.transactions`)


def notify(
    user: User,
    title: Any,
    body: Any = "",
    *,
    link: str | None = None,
    kind: str = "info",
    email: bool = True,
) -> Notification:
    """Notify `user` in the app and (optionally) by e-mail.

    `title` and `body` may be lazy strings; they are rendered in the recipient's
    language. The e-mail leaves only after the transaction commits, so a rolled
    back change never mails anyone; the `agency.email_notifications` setting can
    switch e-mail off (the in-app notification is always kept).
    """
    locale = user.locale or current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        title_text, body_text = str(title), str(body)
    notification = Notification(user_id=user.id, kind=kind, title=title_text[:300], body=body_text, link=link)
    db.session.add(notification)
    db.session.flush()
    if email and user.email and user.active and get_setting("agency.email_notifications"):
        after_commit(partial(_send, user.email, title_text, _mail_body(body_text, link)), tag=MAIL)
    return notification


def _mail_body(body: str, link: str | None) -> str:
    if not link:
        return body
    base = current_app.config.get("PUBLIC_BASE_URL", "").rstrip("/")
    return f"{body}\n\n{base}{link}"


def _send(to: str, subject: str, body: str) -> None:
    try:
        EmailMessage(subject=f"[Lentera] {subject}", body=body, to=[to]).send()
    except Exception:
        current_app.logger.exception("Could not send e-mail to %s", to)


def discard_pending_mail() -> None:
    """Forget the e-mail queued in this transaction (in-app notifications stay)."""
    discard_pending(MAIL)


def unread_count(user_id: int) -> int:
    """How many notifications the user has not read yet."""
    return (
        db.session.scalar(
            select(func.count(Notification.id)).where(
                Notification.user_id == user_id, Notification.read_at.is_(None)
            )
        )
        or 0
    )


def list_for_user(user_id: int, page: int, per_page: int = 20):
    """The user's notifications, newest first, paginated."""
    query = (
        select(Notification)
        .where(Notification.user_id == user_id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return db.paginate(query, page=page, per_page=per_page, error_out=False)


def mark_read(user_id: int, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of the user as read."""
    stmt = update(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    if notification_id is not None:
        stmt = stmt.where(Notification.id == notification_id)
    return db.session.execute(stmt.values(read_at=utcnow())).rowcount
