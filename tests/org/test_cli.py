"""`flask create-user`: create an account with roles, or reset an existing one."""

from __future__ import annotations

from sqlalchemy import select

from app.audit.models import AuditEntry
from app.auth.passwords import verify_password
from app.auth.services import find_user_by_username
from app.extensions import db


def test_create_user_with_roles(app) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=[
            "create-user",
            "kepala",
            "--role",
            "admin",
            "--role",
            "hr",
            "--password",
            "lentera2026",
            "--name",
            "Kepala BKD",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "Created kepala" in result.output
    user = find_user_by_username("kepala")
    assert user.role_set == {"admin", "hr"} and user.name == "Kepala BKD"
    assert user.email == "kepala@example.go.id"
    assert verify_password(user.password_hash, "lentera2026")


def test_default_role_is_employee_and_password_can_be_prompted(app) -> None:
    result = app.test_cli_runner().invoke(
        args=["create-user", "pegawai1"], input="lentera2026\nlentera2026\n"
    )
    assert result.exit_code == 0, result.output
    assert find_user_by_username("pegawai1").role_set == {"employee"}


def test_existing_user_gets_new_roles_and_password_audited(app) -> None:
    runner = app.test_cli_runner()
    runner.invoke(args=["create-user", "budi", "--password", "lentera2026"])
    result = runner.invoke(args=["create-user", "budi", "--role", "evaluator", "--password", "lentera2027"])
    assert result.exit_code == 0 and "Updated budi" in result.output
    user = find_user_by_username("budi")
    assert user.role_set == {"evaluator"} and verify_password(user.password_hash, "lentera2027")
    assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "user.roles_changed")) is not None


def test_bad_input_is_a_clear_error(app) -> None:
    runner = app.test_cli_runner()
    weak = runner.invoke(args=["create-user", "budi", "--password", "short"])
    assert weak.exit_code != 0 and "password" in weak.output
    bad_name = runner.invoke(args=["create-user", "X Y", "--password", "lentera2026"])
    assert bad_name.exit_code != 0 and "username" in bad_name.output
    bad_role = runner.invoke(args=["create-user", "budi", "--role", "boss", "--password", "lentera2026"])
    assert bad_role.exit_code != 0
    assert find_user_by_username("budi") is None
