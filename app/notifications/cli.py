"""`flask send-reminders`: meant for cron, once or several times a day."""

from __future__ import annotations

from datetime import date

import click
from flask import Flask
from flask.cli import with_appcontext

from app.extensions import db
from app.notifications.reminders import registered_providers, send_reminders


@click.command("send-reminders")
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Pretend it is this date (YYYY-MM-DD).",
)
@click.option("--only", multiple=True, help="Run only these providers (repeatable).")
@with_appcontext
def send_reminders_command(today, only: tuple[str, ...]) -> None:
    """Notify people of due dates, deadlines and expiries; never the same reminder twice a day."""
    day = today.date() if today else date.today()
    sent = send_reminders(day, list(only) or None)
    db.session.commit()
    for name in registered_providers():
        if name in sent:
            click.echo(f"{name}: {sent[name]} sent")
    click.echo(f"Total: {sum(sent.values())} reminders sent for {day.isoformat()}.")


def register(app: Flask) -> None:
    """Add the reminder command to `flask`."""
    app.cli.add_command(send_reminders_command)
