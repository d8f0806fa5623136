"""Shared fixtures: the app (schema built by the migrations), per-test rollback, users, clients.

Every test runs inside a transaction that is rolled back afterwards, so tests
see the migrations' seed data and never each other's rows. Tests marked
`committed` (concurrency, live-server browser tests) use real commits and the
tables they touched are emptied afterwards.
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from flask_migrate import upgrade
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import make_url

from app import create_app
from app.auth.services import issue_token
from app.extensions import db, limiter
from app.org.models import User
from tests.factories import make_user

IS_CI = os.environ.get("CI", "").lower() == "true"
# The API fuzz tests explore new inputs on every local run (that is how they find bugs); in CI
# they replay a fixed derivation, so a landing is never decided by a lucky draw.
hypothesis_settings.register_profile("ci", derandomize=True)
hypothesis_settings.register_profile("explore")
hypothesis_settings.load_profile("ci" if IS_CI else "explore")
# Tables whose rows the migrations seed; committed tests leave them alone.
SEED_TABLES = {
    "alembic_version",
    "audit_head",
    "competencies",
    "competency_levels",
    "merit_kpi_definitions",
    "survey_elements",
}
# For seed tables that tests may add to: the rows a committed test's clean-up removes.
SEED_TABLE_CLEANUP = [
    "DELETE FROM competency_levels WHERE competency_id IN (SELECT id FROM competencies WHERE NOT fixed)",
    "DELETE FROM competencies WHERE NOT fixed",
    "DELETE FROM merit_kpi_definitions WHERE code NOT IN ('KPI-RESPONSIF', 'KPI-DIGITAL', 'KPI-INOVASI',"
    " 'KPI-IKM', 'KPI-TANGGAP', 'KPI-RESPONSIF-ASN', 'KPI-TANGGAP-ASN')",
    "DELETE FROM survey_elements WHERE NOT standard",
    "UPDATE survey_elements SET active = TRUE, weight = '1/9'",
]


def _database_url(tmp_root: Path) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return (
            url.replace("postgresql://", "postgresql+psycopg://", 1)
            if url.startswith("postgresql://")
            else url
        )
    return f"sqlite:///{tmp_root / 'test.db'}"


def _reset_database(url: str) -> None:
    """Start from an empty database so the migrations build everything."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and Path(parsed.database).exists():
            Path(parsed.database).unlink()
        return
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


class IsolatedClient(FlaskClient):
    """A test client whose requests run outside the test's app context.

    Otherwise Flask reuses the test's app context for each request, sharing `g`
    (and Flask-Login's cached user) and the SQLAlchemy session between the test
    and every request, which hides bugs a real deployment would show.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(FlaskClient.open, self, *args, **kwargs)


@pytest.fixture(scope="session")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """The application under test, with the schema built by `alembic upgrade head`."""
    root = tmp_path_factory.mktemp("lentera")
    url = _database_url(root)
    _reset_database(url)
    application = create_app(
        {
            "TESTING": True,
            "APP_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": url,
            "WTF_CSRF_ENABLED": False,
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "UPLOAD_FOLDER": str(root / "uploads"),
            "SERVER_NAME": None,
        }
    )
    application.test_client_class = IsolatedClient
    with application.app_context():
        upgrade()
        db.engine.dispose()
    yield application


def _empty_tables() -> None:
    """Remove rows committed by a `committed` test (seed tables excepted)."""
    tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in SEED_TABLES]
    with db.engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            names = ", ".join(f'"{t.name}"' for t in tables)
            conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())
        for statement in SEED_TABLE_CLEANUP:
            conn.execute(text(statement))
        conn.execute(text("UPDATE audit_head SET last_entry_id = NULL, last_hash = :h"), {"h": "0" * 64})


@pytest.fixture(autouse=True)
def _isolation(request: pytest.FixtureRequest, app: Flask) -> Iterator[None]:
    """Roll each test back (or, for `committed` tests, empty the tables afterwards)."""
    with app.app_context():
        if request.node.get_closest_marker("committed") or request.node.get_closest_marker("browser"):
            try:
                yield
            finally:
                db.session.remove()
                _empty_tables()
            return
        engines = db._app_engines[app]
        engine = engines[None]
        connection = engine.connect()
        transaction = connection.begin()
        # A savepoint makes the session work in savepoints of its own, so a view's
        # rollback (after a refused request) undoes only that request, not the test's data.
        connection.begin_nested()
        engines[None] = connection
        try:
            yield
        finally:
            db.session.remove()
            engines[None] = engine
            transaction.rollback()
            connection.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client (CSRF off; `tests/test_security.py` checks CSRF separately)."""
    return app.test_client()


def login(client: FlaskClient, user: User) -> FlaskClient:
    """Sign `user` in on `client` without going through the form (fast)."""
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    return client


@pytest.fixture
def employee() -> User:
    return make_user(roles=["employee"], username="employee1")


@pytest.fixture
def hr_user() -> User:
    return make_user(roles=["hr"], username="hr1")


@pytest.fixture
def evaluator() -> User:
    return make_user(roles=["evaluator"], username="evaluator1")


@pytest.fixture
def admin() -> User:
    return make_user(roles=["admin"], username="admin1")


@pytest.fixture
def api_token(client: FlaskClient):
    """Return a function that gives a bearer header for a user (via the real token endpoint)."""

    def make(user: User) -> dict[str, str]:
        raw, _ = issue_token(user, 1)
        db.session.flush()
        return {"Authorization": f"Bearer {raw}"}

    return make


@pytest.fixture
def mail_outbox(app: Flask) -> list:
    """E-mail sent during the test (Flask-Mailman's `locmem` backend keeps the app's outbox on
    `app.extensions["mailman"].outbox`; each item is an `EmailMessage` with subject, body, to)."""
    state = app.extensions["mailman"]
    state.outbox = []
    return state.outbox


class QueryCounter:
    """Counts SQL statements run while it is active (use `with counter:`)."""

    def __init__(self) -> None:
        self.count = 0
        self.statements: list[str] = []

    def _on_execute(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.count += 1
        self.statements.append(statement)

    def __enter__(self) -> QueryCounter:
        self.count, self.statements = 0, []
        event.listen(db.engine, "before_cursor_execute", self._on_execute)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(db.engine, "before_cursor_execute", self._on_execute)


@pytest.fixture
def count_queries() -> QueryCounter:
    """`with count_queries: client.get(...)` then `count_queries.count` (for N+1 tests)."""
    return QueryCounter()


@pytest.fixture
def make_app(app: Flask) -> Iterator:
    """Build another app on the test database with config overrides (e.g. rate limits on,
    production cookies). Its requests use their own connections, so they do not see the
    test's uncommitted rows. Flask-Limiter keeps its switch on the shared extension object,
    so it is restored afterwards."""
    created: list[Flask] = []

    def build(**overrides) -> Flask:
        config = {
            "TESTING": True,
            "APP_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000",
            "UPLOAD_FOLDER": app.config["UPLOAD_FOLDER"],
            "WTF_CSRF_ENABLED": False,
        }
        config.update(overrides)
        other = create_app(config)
        other.test_client_class = IsolatedClient
        created.append(other)
        return other

    enabled = limiter.enabled
    try:
        yield build
    finally:
        limiter.enabled = enabled
        for other in created:
            with other.app_context():
                db.session.remove()
                db.engine.dispose()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests for the other database: skipped outside CI (a visible reminder), deselected in CI.

    `make test` runs the suite on SQLite and on PostgreSQL, so in CI a `postgres_only` test
    runs in the PostgreSQL pass and a `sqlite_only` one in the SQLite pass; neither counts
    as skipped, and anything that is skipped in CI is a real gap.
    """
    on_postgres = os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")
    elsewhere = []
    for item in items:
        if item.get_closest_marker("postgres_only") and not on_postgres:
            elsewhere.append((item, "needs PostgreSQL (TEST_DATABASE_URL)"))
        elif item.get_closest_marker("sqlite_only") and on_postgres:
            elsewhere.append((item, "SQLite only (runs in the SQLite pass)"))
    if IS_CI:
        chosen = {id(item) for item, _reason in elsewhere}
        config.hook.pytest_deselected(items=[item for item, _reason in elsewhere])
        items[:] = [item for item in items if id(item) not in chosen]
        return
    for item, reason in elsewhere:
        item.add_marker(pytest.mark.skip(reason=reason))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "committed: test commits for real (tables emptied afterwards)")
    config.addinivalue_line("markers", "sqlite_only: runs only on SQLite (the PostgreSQL pass has its own)")
