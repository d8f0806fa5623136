"""`flask audit verify`: recompute the hash chain and report the first broken link."""

from __future__ import annotations

import sys

import click
from flask import Flask
from flask.cli import AppGroup

from app.audit.services import verify_chain

audit_cli = AppGroup("audit", help="Audit log commands.")


@audit_cli.command("verify")
def verify_command() -> None:
    """Check every entry's hash and link; exit 1 at the first broken one."""
    report = verify_chain()
    if report.ok:
        click.echo(f"Audit chain OK: {report.checked} entries verified.")
        return
    click.echo(
        f"Audit chain BROKEN at entry {report.broken_entry_id}: {report.reason} "
        f"({report.checked} entries verified before it).",
        err=True,
    )
    sys.exit(1)


def register(app: Flask) -> None:
    """Add the audit commands to `flask`."""
    app.cli.add_command(audit_cli)
