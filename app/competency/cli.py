"""`flask competency …`: export and import the dictionary (CASE JSON or CSV), JP compliance figures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import click
from flask import Flask
from flask.cli import AppGroup

from app.competency.services import unit_compliance, unit_people
from app.competency.services.exchange import (
    export_case,
    export_csv,
    import_case,
    import_competencies,
    read_csv,
)
from app.errors import ServiceError
from app.extensions import db
from app.org.models import Unit

group = AppGroup("competency", help="Competency dictionary exchange and JP figures.")


@group.command("export")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def export_command(path: str) -> None:
    """Write the dictionary to PATH: CASE 1.0 JSON, or CSV when PATH ends in .csv."""
    text = (
        export_csv()
        if path.lower().endswith(".csv")
        else json.dumps(export_case(), ensure_ascii=False, indent=1)
    )
    Path(path).write_text(text, encoding="utf-8")
    click.echo(f"Wrote {path}")


@group.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
def import_command(path: str, dry_run: bool) -> None:
    """Import a CASE 1.0 JSON (or .csv) file: all competencies or none, updating by code."""
    raw = Path(path).read_bytes()
    try:
        if path.lower().endswith(".csv"):
            result = import_competencies(read_csv(raw), dry_run=dry_run)
        else:
            result = import_case(json.loads(raw.decode("utf-8-sig")), dry_run=dry_run)
    except (ServiceError, ValueError) as exc:
        db.session.rollback()
        raise click.ClickException(f"{getattr(exc, 'message', exc)} {getattr(exc, 'fields', '')}") from None
    for error in result.errors:
        click.echo(f"  item {error['index'] + 1} ({error['code']}): {error['fields']}", err=True)
    click.echo(
        f"created {len(result.created)}, updated {len(result.updated)}, unchanged {len(result.unchanged)}, "
        f"errors {len(result.errors)}"
    )
    if result.applied:
        db.session.commit()
    else:
        db.session.rollback()
        if result.errors:
            raise click.ClickException("Nothing was imported.")


@group.command("jp-compliance")
@click.option("--year", type=int, default=None, help="Calendar year (default: this year).")
def jp_compliance_command(year: int | None) -> None:
    """Print each active unit's JP compliance (its subtree included)."""
    year = year or date.today().year
    for unit in db.session.scalars(db.select(Unit).where(Unit.active.is_(True)).order_by(Unit.path)):
        figures, _below = unit_compliance(unit_people(unit), year)
        percent = "—" if figures.percent is None else f"{figures.percent:.1f}%"
        click.echo(f"{'  ' * unit.depth}{unit.code:<14} {percent:>7}  below target: {figures.below}")


def register(app: Flask) -> None:
    """Add `flask competency` to the CLI."""
    app.cli.add_command(group)
