"""`flask send-reminders`: providers' reminders go out once per person, key and day."""

from __future__ import annotations

from datetime import date

import pytest

from app.extensions import db
from app.notifications.reminders import _PROVIDERS, Reminder, reminder_provider, send_reminders
from app.notifications.services import unread_count
from tests.factories import make_user


@pytest.fixture
def provider():
    people: list = []

    @reminder_provider("test.due")
    def due(today: date):
        return [Reminder(p.id, f"test:{p.id}", f"Jatuh tempo {today:%d-%m}") for p in people]

    yield people
    _PROVIDERS.pop("test.due", None)


def test_each_reminder_goes_out_once_a_day(app, provider, mail_outbox) -> None:
    active, inactive = make_user(), make_user(active=False)
    provider.extend([active, inactive])
    day = date(2026, 3, 2)
    assert send_reminders(day, ["test.due"]) == {"test.due": 1}
    assert send_reminders(day, ["test.due"]) == {"test.due": 0}
    assert send_reminders(date(2026, 3, 3), ["test.due"]) == {"test.due": 1}
    db.session.commit()
    assert unread_count(active.id) == 2 and unread_count(inactive.id) == 0
    assert len(mail_outbox) == 2


def test_the_command_reports_what_it_sent(app, provider) -> None:
    provider.append(make_user())
    result = app.test_cli_runner().invoke(
        args=["send-reminders", "--today", "2026-03-02", "--only", "test.due"]
    )
    assert result.exit_code == 0, result.output
    assert "test.due: 1 sent" in result.output
    assert "Total: 1 reminders sent for 2026-03-02." in result.output
