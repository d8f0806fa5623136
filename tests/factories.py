"""Factories for test data: small functions that create valid rows and flush them."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from werkzeug.security import generate_password_hash

from app.extensions import db
from app.org.enums import Employment, Tier
from app.org.models import Position, Unit, User
from app.org.rules import child_path
from app.security import Role

_seq = itertools.count(1)
# A pbkdf2 hash of "password1" made once: hashing per user would slow every test down.
PASSWORD = "password1"
_PASSWORD_HASH: str | None = None


def _password_hash() -> str:
    global _PASSWORD_HASH
    if _PASSWORD_HASH is None:
        _PASSWORD_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
    return _PASSWORD_HASH


def make_unit(name: str | None = None, *, parent: Unit | None = None, code: str | None = None) -> Unit:
    """A unit (optionally under `parent`) with its materialised path set."""
    n = next(_seq)
    unit = Unit(code=code or f"U{n}", name=name or f"Unit {n}", parent_id=parent.id if parent else None)
    db.session.add(unit)
    db.session.flush()
    unit.path = child_path(parent.path if parent else None, unit.id)
    db.session.flush()
    return unit


def make_position(
    tier: Tier | str = Tier.PELAKSANA, *, code: str | None = None, name: str | None = None
) -> Position:
    """A position of the given tier."""
    n = next(_seq)
    position = Position(code=code or f"P{n}", name=name or f"Position {n}", tier=Tier(tier))
    db.session.add(position)
    db.session.flush()
    return position


def valid_nip(serial: int | None = None, gender: int = 1) -> str:
    """A structurally valid NIP (birth 1990-05-17, appointed 2015-03)."""
    return f"19900517201503{gender}{(serial or next(_seq)) % 1000 or 1:03d}"


def make_user(
    *,
    roles: list[str] | None = None,
    username: str | None = None,
    unit: Unit | None = None,
    position: Position | None = None,
    supervisor: User | None = None,
    employment: Employment = Employment.PNS,
    appointed_on: date | None = date(2015, 3, 1),
    **extra: Any,
) -> User:
    """A user with the given roles (default employee) and password "password1"."""
    n = next(_seq)
    user = User(
        username=username or f"user{n}",
        name=extra.pop("name", f"Pegawai {n}"),
        email=extra.pop("email", f"user{n}@example.go.id"),
        password_hash=_password_hash(),
        unit_id=unit.id if unit else None,
        position_id=position.id if position else None,
        supervisor_id=supervisor.id if supervisor else None,
        employment=employment,
        appointed_on=appointed_on,
        **extra,
    )
    user.set_roles({Role(r) for r in (roles or ["employee"])})
    db.session.add(user)
    db.session.flush()
    return user
