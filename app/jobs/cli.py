"""`flask jobs worker`: run background jobs from Redis (when REDIS_URL is set)."""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from redis import Redis
from rq import Queue, Worker

jobs_cli = AppGroup("jobs", help="Background job commands.")


@jobs_cli.command("worker")
def worker_command() -> None:
    """Process queued jobs until stopped (needs REDIS_URL)."""
    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("Set REDIS_URL to run a worker; without it jobs run in-process.")
    connection = Redis.from_url(url)
    Worker([Queue("lentera", connection=connection)], connection=connection).work()


def register(app: Flask) -> None:
    """Add the job commands to `flask`."""
    app.cli.add_command(jobs_cli)
