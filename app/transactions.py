"""Work tied to the fate of the current database transaction.

`after_commit(work)` runs `work` once the outermost transaction commits: a released
savepoint (`begin_nested`) keeps it waiting, and a rollback of the transaction or of a
savepoint it was queued in drops it. `after_rollback(work)` is the mirror image: it runs
when the transaction (or savepoint) current at queueing time rolls back, and is dropped
on commit. E-mail (`notify`) and stored files (course materials) use them, so a mail never
leaves, and a file never disappears, for a change that did not happen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from app.extensions import db

_KEY = "after_transaction"


@dataclass(frozen=True)
class _Pending:
    transaction: SessionTransaction
    work: Callable[[], None]
    on_commit: bool
    tag: str


def after_commit(work: Callable[[], None], *, tag: str = "") -> None:
    """Run `work` after the outermost commit; drop it if its transaction or savepoint rolls back."""
    _queue(work, on_commit=True, tag=tag)


def after_rollback(work: Callable[[], None], *, tag: str = "") -> None:
    """Run `work` if the current transaction or savepoint rolls back; drop it on commit."""
    _queue(work, on_commit=False, tag=tag)


def discard_pending(tag: str) -> None:
    """Forget the queued work carrying `tag` in the current session (e.g. the demo's e-mail)."""
    session = db.session()
    session.info[_KEY] = [p for p in session.info.get(_KEY, []) if p.tag != tag]


def _queue(work: Callable[[], None], *, on_commit: bool, tag: str) -> None:
    session = db.session()
    session.connection()  # make sure a transaction has begun, so its end finds the entry
    transaction = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(_KEY, []).append(_Pending(transaction, work, on_commit, tag))


def _run(work: Callable[[], None]) -> None:
    try:
        work()
    except Exception:
        current_app.logger.exception("Work after a transaction failed")


def _within(transaction: SessionTransaction | None, ancestor: SessionTransaction) -> bool:
    while transaction is not None:
        if transaction is ancestor:
            return True
        transaction = transaction.parent
    return False


def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # only a savepoint was released: wait for the real commit
    for pending in session.info.pop(_KEY, []):
        if pending.on_commit:
            _run(pending.work)


def _after_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    kept = []
    for pending in session.info.get(_KEY, []):
        if not _within(pending.transaction, previous_transaction):
            kept.append(pending)
        elif not pending.on_commit:
            _run(pending.work)
    session.info[_KEY] = kept


def install_transaction_hooks() -> None:
    """Listen to every session's commits and rollbacks (idempotent)."""
    if not event.contains(Session, "after_commit", _after_commit):
        event.listen(Session, "after_commit", _after_commit)
        event.listen(Session, "after_soft_rollback", _after_rollback)
