"""Reminders: providers say who should be reminded of what today; `send-reminders` sends them once.

A provider is a function `provider(today) -> Iterable[Reminder]`, registered with
`@reminder_provider("area.name")`. Each reminder carries a `key` naming what it is
about (e.g. `"enrollment:12:due"`); the same key is never sent to the same person twice
on one day, however often the command runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from app.extensions import db
from app.notifications.models import ReminderLog
from app.notifications.services import notify
from app.org.models import User


@dataclass(frozen=True)
class Reminder:
    """One message to one person; `key` identifies the subject for de-duplication."""

    user_id: int
    key: str
    title: Any
    body: Any = ""
    link: str | None = None


Provider = Callable[[date], Iterable[Reminder]]
_PROVIDERS: dict[str, Provider] = {}


def reminder_provider(name: str) -> Callable[[Provider], Provider]:
    """Register a reminder provider under a stable name."""

    def decorate(func: Provider) -> Provider:
        _PROVIDERS[name] = func
        return func

    return decorate


def registered_providers() -> list[str]:
    """Names of every registered provider."""
    return sorted(_PROVIDERS)


def send_reminders(today: date, only: list[str] | None = None) -> dict[str, int]:
    """Ask every provider for today's reminders and send the ones not sent yet today.

    Returns how many were sent per provider. Flushes; the caller commits.
    """
    sent: dict[str, int] = {}
    for name in registered_providers():
        if only and name not in only:
            continue
        reminders = list(_PROVIDERS[name](today))
        keys = {(r.user_id, r.key) for r in reminders}
        already = set()
        if keys:
            rows = db.session.execute(
                select(ReminderLog.user_id, ReminderLog.key).where(
                    ReminderLog.sent_on == today, ReminderLog.key.in_({k for _u, k in keys})
                )
            )
            already = {(u, k) for u, k in rows}
        users = {
            u.id: u
            for u in db.session.scalars(select(User).where(User.id.in_({r.user_id for r in reminders})))
        }
        count = 0
        for reminder in reminders:
            ident = (reminder.user_id, reminder.key)
            user = users.get(reminder.user_id)
            if ident in already or user is None or not user.active:
                continue
            already.add(ident)
            notify(user, reminder.title, reminder.body, link=reminder.link, kind="reminder")
            db.session.add(ReminderLog(user_id=reminder.user_id, key=reminder.key, sent_on=today))
            count += 1
        db.session.flush()
        sent[name] = count
    return sent
