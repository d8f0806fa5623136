"""Migrations: one head; upgrade → downgrade → upgrade works; models and migrations agree."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Flask
from flask_migrate import downgrade, upgrade

from app.extensions import db, migrate


def _script(app: Flask) -> ScriptDirectory:
    config = migrate.get_config(directory=app.extensions["migrate"].directory)
    return ScriptDirectory.from_config(config)


def test_single_head(app: Flask) -> None:
    assert len(_script(app).get_heads()) == 1


@pytest.mark.committed
def test_upgrade_downgrade_upgrade(app: Flask) -> None:
    db.session.remove()
    downgrade(revision="base")
    with db.engine.connect() as conn:
        assert set(db.inspect(conn).get_table_names()) <= {"alembic_version"}
    upgrade()
    head = _script(app).get_current_head()
    with db.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == head


def test_models_match_migrations(app: Flask) -> None:
    """Autogenerate finds nothing to add: every model change went through a migration."""
    context = MigrationContext.configure(
        db.session.connection(), opts={"compare_type": True, "render_as_batch": True}
    )
    diff = compare_metadata(context, db.metadata)
    assert diff == []
