"""`flask merit …`: recompute the talent grid, import older PP 46/2011 evaluations."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from app.errors import ServiceError
from app.extensions import db
from app.merit.services.legacy import import_legacy
from app.merit.services.snapshots import recompute_all
from app.security import SYSTEM_ACTOR

group = AppGroup("merit", help="Merit: talent grid recompute and imports.")


@group.command("recompute")
@click.option("--year", type=click.IntRange(2000, 2100), default=None, help="Defaults to this year.")
def recompute_command(year: int | None) -> None:
    """Recompute every active person's merit profile and 9-box position for a year (set-wise)."""
    year = year or date.today().year
    started = time.perf_counter()
    count = recompute_all(year)
    db.session.commit()
    click.echo(f"Recomputed {count} merit profiles for {year} in {time.perf_counter() - started:.1f} s.")


@group.command("import-legacy")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_legacy_command(path: str) -> None:
    """Import older PP 46/2011 evaluations from a CSV (nip or username, year, skp, behavior)."""
    try:
        result = import_legacy(SYSTEM_ACTOR, Path(path).read_bytes())
    except ServiceError as exc:
        db.session.rollback()
        for messages in exc.fields.values():
            for message in messages:
                click.echo(message, err=True)
        raise click.ClickException(exc.message) from None
    db.session.commit()
    click.echo(f"Imported {result.created} older evaluations.")


def register(app: Flask) -> None:
    """Add the merit commands to `flask`."""
    app.cli.add_command(group)
