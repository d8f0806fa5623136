"""Entry point RQ workers call: builds the app once per worker process."""

from __future__ import annotations

from functools import cache

from flask import Flask

from app import create_app
from app.jobs.services import run_job


@cache
def _app() -> Flask:
    return create_app()


def run_job_by_id(job_id: int) -> None:
    """Run a queued job inside an application context."""
    with _app().app_context():
        run_job(job_id)
