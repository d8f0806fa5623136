"""`flask assessments close-expired`: close attempts past their deadline (meant for cron)."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import AppGroup

from app.assessments.services.attempts import close_expired_attempts
from app.extensions import db

group = AppGroup("assessments", help="Tests and attempts.")


@group.command("close-expired")
def close_expired_command() -> None:
    """Close every open attempt past its deadline and grace period, grading what was saved."""
    closed = close_expired_attempts()
    db.session.commit()
    click.echo(f"Closed {closed} expired attempts.")


def register(app: Flask) -> None:
    app.cli.add_command(group)
