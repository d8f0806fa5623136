"""`flask seed-demo`: fill an empty database with a demo province office."""

from __future__ import annotations

import random
from importlib import import_module

import click
from flask import Flask
from flask.cli import with_appcontext
from sqlalchemy import func, select

from app.blueprints import DEMO_MODULES
from app.extensions import db
from app.notifications.services import discard_pending_mail
from app.org.models import User

DEMO_PASSWORD = "lentera2026"  # noqa: S105 - printed for demo users on purpose


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing (and succeed) when people already exist.")
@with_appcontext
def seed_demo_command(if_empty: bool) -> None:
    """Create the demo agency: units, positions, people and whatever later packages add."""
    if db.session.scalar(select(func.count(User.id))):
        message = "The database already has people; the demo was not seeded."
        if if_empty:
            click.echo(message)
            return
        raise click.ClickException(message)
    ctx: dict = {"rng": random.Random(2026), "password": DEMO_PASSWORD}
    for module in DEMO_MODULES:
        import_module(module).seed(ctx)
        db.session.flush()
        click.echo(f"  seeded {module.rsplit('.', 1)[-1]}")
    discard_pending_mail()  # the demo's people are invented: notify in the app only
    db.session.commit()
    click.echo(f"Demo agency ready. Sign in with any of these (password: {DEMO_PASSWORD}):")
    for username, label in ctx.get("logins", []):
        click.echo(f"  {username:<12} {label}")


def register(app: Flask) -> None:
    """Add the demo command to `flask`."""
    app.cli.add_command(seed_demo_command)
