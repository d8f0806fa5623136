"""`notify`: write an in-app notification and send its e-mail after the commit."""

from __future__ import annotations

from typing import Any

from flask import current_app
from flask_babel import force_locale
from flask_mailman import EmailMessage
from sqlalchemy import event, func, select, update
from sqlalchemy.orm import Session, SessionTransaction

from app.db import utcnow
from app.extensions import db
from app.notifications.models import Notification
from app.org.models import User
from app.settings.services import get_setting

_PENDING_KEY = "pending_mail"
_MARKS_KEY = "pending_mail_savepoints"


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
        db.session.info.setdefault(_PENDING_KEY, []).append(
            (user.email, title_text, _mail_body(body_text, link))
        )
    return notification


def _mail_body(body: str, link: str | None) -> str:
    if not link:
        return body
    base = current_app.config.get("PUBLIC_BASE_URL", "").rstrip("/")
    return f"{body}\n\n{base}{link}"


def _send_pending(session: Session) -> None:
    if session.in_nested_transaction():
        session.info.get(_MARKS_KEY, {}).pop(session.get_nested_transaction(), None)
        return  # only a savepoint was released: the mail waits for the real commit
    pending = session.info.pop(_PENDING_KEY, [])
    session.info.pop(_MARKS_KEY, None)
    for to, subject, body in pending:
        try:
            EmailMessage(subject=f"[Lentera] {subject}", body=body, to=[to]).send()
        except Exception:
            current_app.logger.exception("Could not send e-mail to %s", to)


def _mark_savepoint(session: Session, transaction: SessionTransaction) -> None:
    if transaction.nested:
        session.info.setdefault(_MARKS_KEY, {})[transaction] = len(session.info.get(_PENDING_KEY, []))


def _forget_rolled_back(session: Session, previous_transaction: SessionTransaction) -> None:
    if not previous_transaction.nested:
        discard_pending_mail(session)
        return
    mark = session.info.get(_MARKS_KEY, {}).pop(previous_transaction, None)
    if mark is not None:  # drop only what was queued inside the rolled-back savepoint
        del session.info.get(_PENDING_KEY, [])[mark:]


def discard_pending_mail(session: Session) -> None:
    """Forget the e-mail queued in this transaction (in-app notifications stay)."""
    session.info.pop(_PENDING_KEY, None)
    session.info.pop(_MARKS_KEY, None)


def install_mail_hooks() -> None:
    """Send queued e-mail after the outermost commit; drop what a rollback undoes.

    A savepoint (`begin_nested`) that is released keeps its mail waiting for the real
    commit; one that rolls back drops only the mail queued inside it.
    """
    if not event.contains(Session, "after_commit", _send_pending):
        event.listen(Session, "after_commit", _send_pending)
        event.listen(Session, "after_transaction_create", _mark_savepoint)
        event.listen(Session, "after_soft_rollback", _forget_rolled_back)


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
