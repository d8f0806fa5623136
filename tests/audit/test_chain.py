"""The audit log: hash-chained, append-only, and `flask audit verify` finds tampering."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from app.audit.models import GENESIS_HASH, AuditEntry
from app.audit.rules import chain_hash, entry_payload
from app.audit.services import record_audit, stored_payload, verify_chain
from app.extensions import db
from tests.factories import make_user


def _three_entries() -> list[AuditEntry]:
    actor = make_user(roles=["admin"])
    return [
        record_audit(
            "test.one", actor_id=actor.id, subject_type="user", subject_id=actor.id, details={"n": 1}
        ),
        record_audit("test.two", actor_id=actor.id, subject_type="user", details={"teks": "ä é ü"}),
        record_audit("test.three", actor_id=None, subject_type="system"),
    ]


def test_entries_are_chained() -> None:
    first, second, third = _three_entries()
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert second.hash == chain_hash(first.hash, stored_payload(second))
    report = verify_chain()
    assert report.ok and report.checked == 3


def test_the_hash_depends_on_every_field() -> None:
    from datetime import UTC, datetime

    base = dict(
        at=datetime(2026, 1, 1, tzinfo=UTC),
        actor_id=1,
        action="a",
        subject_type="user",
        subject_id=2,
        subject_user_id=2,
        details={"x": 1},
    )
    reference = chain_hash(GENESIS_HASH, entry_payload(**base))
    for key, value in [("actor_id", 9), ("action", "b"), ("subject_id", 3), ("details", {"x": 2})]:
        assert chain_hash(GENESIS_HASH, entry_payload(**{**base, key: value})) != reference
    assert chain_hash("1" * 64, entry_payload(**base)) != reference


def test_verify_command_reports_ok(app) -> None:
    _three_entries()
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and "3 entries verified" in result.output


def _tamper(entry_id: int) -> None:
    db.session.execute(
        text("UPDATE audit_entries SET details = :d WHERE id = :id"), {"d": '{"n": 2}', "id": entry_id}
    )
    db.session.expire_all()


@pytest.mark.sqlite_only
def test_tampering_is_reported_on_sqlite(app) -> None:
    """SQLite has no trigger: a direct UPDATE goes through, and `verify` reports it."""
    first, _second, _third = _three_entries()
    _tamper(first.id)
    report = verify_chain()
    assert not report.ok and report.broken_entry_id == first.id and report.checked == 0
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and f"BROKEN at entry {first.id}" in result.output


@pytest.mark.sqlite_only
def test_deleting_the_last_entry_is_reported(app) -> None:
    """PostgreSQL refuses the DELETE itself (below); on SQLite `verify` notices it."""
    entries = _three_entries()
    db.session.execute(text("DELETE FROM audit_entries WHERE id = :id"), {"id": entries[-1].id})
    report = verify_chain()
    assert not report.ok and "head" in report.reason


@pytest.mark.postgres_only
def test_postgres_refuses_changes_and_verify_catches_a_superuser_tamper(app) -> None:
    first, second, _third = _three_entries()
    for statement in (
        "UPDATE audit_entries SET action = 'x' WHERE id = :id",
        "DELETE FROM audit_entries WHERE id = :id",
    ):
        with pytest.raises(DBAPIError) as caught, db.session.begin_nested():
            db.session.execute(text(statement), {"id": first.id})
        assert "append-only" in str(caught.value)
    # A superuser can switch the trigger off; the chain still exposes the change.
    db.session.execute(text("ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_append_only"))
    _tamper(second.id)
    report = verify_chain()
    assert not report.ok and report.broken_entry_id == second.id and report.checked == 1
    db.session.execute(text("ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_append_only"))
    with pytest.raises(DBAPIError), db.session.begin_nested():
        db.session.execute(text("DELETE FROM audit_entries"))
    assert db.session.scalar(select(AuditEntry.action).where(AuditEntry.id == first.id)) == "test.one"
