"""`flask create-user`: create or update an account from the command line."""

from __future__ import annotations

import click
from flask import Flask
from flask.cli import with_appcontext

from app.auth.services import find_user_by_username
from app.errors import ServiceError
from app.extensions import db
from app.org.people import create_person, update_person
from app.security import SYSTEM_ACTOR, Role


@click.command("create-user")
@click.argument("username")
@click.option(
    "--role",
    "roles",
    multiple=True,
    type=click.Choice([r.value for r in Role]),
    default=["employee"],
    show_default=True,
    help="Repeat for several roles.",
)
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", default=None, help="Full name (defaults to the username).")
@click.option("--email", default=None, help="E-mail (defaults to USERNAME@example.go.id).")
@with_appcontext
def create_user_command(
    username: str, roles: tuple[str, ...], password: str, name: str | None, email: str | None
) -> None:
    """Create USERNAME with the given roles, or reset the password and roles of an existing one."""
    existing = find_user_by_username(username)
    try:
        if existing is not None:
            update_person(
                SYSTEM_ACTOR, existing, {"roles": list(roles), "password": password, "active": True}
            )
        else:
            user = create_person(
                SYSTEM_ACTOR,
                {
                    "username": username,
                    "name": name or username,
                    "email": email or f"{username}@example.go.id",
                    "roles": list(roles),
                    "password": password,
                },
            )
    except ServiceError as exc:
        db.session.rollback()
        details = "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.fields.items())
        raise click.ClickException(f"{exc.message} {details}") from None
    db.session.commit()
    if existing is not None:
        click.echo(f"Updated {existing.username}: roles {', '.join(roles)}, new password set")
    else:
        click.echo(f"Created {user.username} (id {user.id}) with roles {', '.join(roles)}")


def register(app: Flask) -> None:
    """Add the organisation commands to `flask`."""
    app.cli.add_command(create_user_command)
