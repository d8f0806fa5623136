"""Declarative base with a constraint naming convention, mixins and engine tweaks."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import DateTime, Engine, Enum, MetaData, event, func
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Base class of every model; its metadata names constraints predictably."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """Current time as an aware UTC datetime (what every timestamp column stores)."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """A timestamp that is always an aware UTC datetime in Python.

    PostgreSQL stores `timestamptz`; SQLite has no time zones, so the value is
    stored as naive UTC and given back its UTC zone on load.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class TimestampMixin:
    """Adds `created_at` and `updated_at`, maintained by the database and the ORM."""

    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime(), default=utcnow, onupdate=utcnow, server_default=func.now()
    )


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_connection, connection_record) -> None:
    """SQLite set-up: foreign keys on (off by default), wait instead of failing on locks,
    write-ahead logging (readers never block a commit), and transactions run by SQLAlchemy.

    The sqlite3 driver's legacy mode only emits BEGIN before INSERT/UPDATE/DELETE, so a
    SAVEPOINT opened first would start the transaction itself and its RELEASE would commit
    everything: `begin_nested()` and the test suite's rollback would silently break.
    Handing BEGIN to SQLAlchemy (`_sqlite_begin`) makes savepoints behave as on PostgreSQL.
    """
    module = type(dbapi_connection).__module__
    if not module.startswith(("sqlite3", "pysqlite")):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


@event.listens_for(Engine, "begin")
def _sqlite_begin(connection) -> None:
    """Emit BEGIN for SQLite ourselves (see `_sqlite_pragmas`)."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN")


def str_enum(enum_cls: type[StrEnum], length: int = 32, *, name: str | None = None) -> Enum:
    """A portable column type storing a `StrEnum` by value, checked by the database.

    `name` names the CHECK constraint; give one when a table has two columns of the
    same enumeration (PostgreSQL needs distinct constraint names per table).
    """
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=True,
        length=length,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
        name=name or enum_cls.__name__.lower(),
    )
