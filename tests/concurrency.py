"""Run pieces of work at the same moment in real threads, each with its own session.

The concurrency tests of every package use this to prove that unique constraints and row
locks hold under double submits and parallel requests (on PostgreSQL; SQLite serialises
writers anyway).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from flask import Flask

from app.errors import ServiceError
from app.extensions import db


@dataclass
class RaceOutcome:
    """What happened to the racing works: successes, refusals (HTTP statuses) and anything else."""

    succeeded: int = 0
    refused: list[int] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)


def race(app: Flask, works: Sequence[Callable[[], object]], *, timeout: float = 60) -> RaceOutcome:
    """Start every work in its own thread and request context, release them together, commit each.

    A work that raises a `ServiceError` is rolled back and counted by its status in
    `refused`; any other exception lands in `errors` so the test can show it. The caller's
    session is expired afterwards, so it reads what the threads committed.
    """
    barrier = threading.Barrier(len(works))
    outcome = RaceOutcome()
    lock = threading.Lock()

    def run(work: Callable[[], object]) -> None:
        with app.test_request_context("/"):
            try:
                barrier.wait()
                work()
                db.session.commit()
                with lock:
                    outcome.succeeded += 1
            except ServiceError as exc:
                db.session.rollback()
                with lock:
                    outcome.refused.append(exc.status)
            except BaseException as exc:  # reported by the test, not lost in the thread
                db.session.rollback()
                with lock:
                    outcome.errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    outcome.refused.sort()
    db.session.expire_all()
    return outcome
