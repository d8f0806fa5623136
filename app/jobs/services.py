"""Starting jobs and running them, whatever the execution mode.

A handler is a function `handler(job, progress)` registered with `@job_handler(kind)`.
It reads `job.params`, calls `progress(done, total, message)` now and then,
and returns a JSON-able result (and may set `job.result_path` to a file it wrote).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app
from redis import Redis
from rq import Queue
from sqlalchemy import update

from app.db import utcnow
from app.extensions import db
from app.jobs.models import Job, JobStatus

Progress = Callable[[int, int, str], None]
Handler = Callable[[Job, Progress], dict[str, Any] | None]

_HANDLERS: dict[str, Handler] = {}


def job_handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that performs jobs of `kind`."""

    def decorate(func: Handler) -> Handler:
        _HANDLERS[kind] = func
        return func

    return decorate


def start_job(kind: str, params: dict[str, Any], *, created_by_id: int | None) -> Job:
    """Create a job, commit it, and hand it to the configured runner.

    Commits because a worker (thread or RQ) must see the row. In `inline` mode
    the job has finished when this returns.
    """
    if kind not in _HANDLERS:
        raise KeyError(f"no job handler for {kind}")
    job = Job(kind=kind, params=params, created_by_id=created_by_id)
    db.session.add(job)
    db.session.commit()
    mode = current_app.config.get("JOBS_MODE", "inline")
    if mode == "inline":
        run_job(job.id)
    elif mode == "thread":
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        threading.Thread(target=_run_in_app, args=(app, job.id), daemon=True).start()
    elif mode == "rq":
        queue = Queue("lentera", connection=Redis.from_url(current_app.config["REDIS_URL"]))
        queue.enqueue("app.jobs.worker.run_job_by_id", job.id, job_timeout=3600)
    else:
        raise ValueError(f"unknown JOBS_MODE {mode}")
    return job


def _run_in_app(app: Flask, job_id: int) -> None:
    with app.app_context():
        run_job(job_id)
        db.session.remove()


def run_job(job_id: int) -> None:
    """Run one job to completion, recording progress, result or failure."""
    job = db.session.get(Job, job_id)
    if job is None or job.finished:
        return
    job.status = JobStatus.RUNNING
    db.session.commit()

    def progress(done: int, total: int, message: str = "") -> None:
        db.session.execute(
            update(Job).where(Job.id == job_id).values(progress=done, total=total, message=message)
        )
        db.session.commit()

    try:
        result = _HANDLERS[job.kind](job, progress) or {}
    except Exception as exc:
        db.session.rollback()
        current_app.logger.exception("Job %s (%s) failed", job_id, job.kind)
        job = db.session.get(Job, job_id)
        job.status = JobStatus.FAILED
        job.message = str(exc)[:2000]
        job.finished_at = utcnow()
        db.session.commit()
        if current_app.config.get("TESTING") and current_app.config.get("JOBS_RAISE", True):
            raise
        return
    job = db.session.get(Job, job_id)
    job.status = JobStatus.DONE
    job.result = result
    job.progress = job.total or job.progress
    job.finished_at = utcnow()
    db.session.commit()
