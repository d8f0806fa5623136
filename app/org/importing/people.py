"""Importing people: validate every row (identity, unit, position, supervisor, roles, HR scope).

An empty cell in an optional column leaves the current value unchanged when a row
updates an existing person (matched by username).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.auth.passwords import hash_password, password_problems
from app.extensions import db
from app.org.csv_format import CsvTable
from app.org.enums import Employment
from app.org.importing.common import (
    RowResult,
    chunks,
    flag_duplicates,
    parse_flag,
    parse_roles,
    row_errors,
)
from app.org.models import Position, Unit, User, UserRole
from app.org.people import after_active_change, change_roles, replace_password
from app.org.permissions import HR_GRANTABLE_ROLES, managed_root_path
from app.org.validation import clean_email, clean_nip, clean_username
from app.security import Role
from app.validation import FieldErrors, clean_date, clean_name


@dataclass
class _Known:
    """What the database already holds, loaded once per file (set-wise, no per-row queries)."""

    users: dict[str, tuple[int, str | None]] = field(default_factory=dict)  # username → (id, unit path)
    nips: dict[str, int] = field(default_factory=dict)
    units: dict[str, tuple[int, str]] = field(default_factory=dict)
    positions: dict[str, int] = field(default_factory=dict)
    roles: dict[int, set[Role]] = field(default_factory=dict)


def _load_known() -> _Known:
    known = _Known()
    rows = db.session.execute(
        select(User.id, User.username, User.nip, Unit.path).outerjoin(Unit, User.unit_id == Unit.id)
    )
    for uid, username, nip, path in rows:
        known.users[username.lower()] = (uid, path)
        if nip:
            known.nips[nip] = uid
    known.units = {
        c.upper(): (uid, p) for uid, c, p in db.session.execute(select(Unit.id, Unit.code, Unit.path))
    }
    known.positions = {c.upper(): pid for pid, c in db.session.execute(select(Position.id, Position.code))}
    for uid, role in db.session.execute(select(UserRole.user_id, UserRole.role)):
        known.roles.setdefault(uid, set()).add(Role(role))
    return known


def validate_people(actor: User, table: CsvTable) -> list[RowResult]:
    """Check each person row against the database and the rest of the file."""
    known = _load_known()
    file_usernames = {r.get("username", "").strip().lower() for _, r in table.rows}
    root = managed_root_path(actor)
    results = []
    for line, raw in table.rows:
        errors = FieldErrors()
        values: dict[str, Any] = {
            "username": clean_username(raw.get("username"), errors),
            "name": clean_name(raw.get("name"), errors),
            "email": clean_email(raw.get("email"), errors),
        }
        existing = known.users.get(values["username"])
        _check_references(raw, values, errors, known, file_usernames, existing)
        _check_details(raw, values, errors)
        if root is not None:
            _check_hr_scope(actor, root, values, errors, known, existing)
        results.append(RowResult(line, raw, "update" if existing else "create", values, row_errors(errors)))
    flag_duplicates(results, "username", _l("This username"))
    flag_duplicates(results, "nip", _l("This NIP"))
    return results


def _check_references(
    raw: dict[str, str],
    values: dict[str, Any],
    errors: FieldErrors,
    known: _Known,
    file_usernames: set[str],
    existing: tuple[int, str | None] | None,
) -> None:
    """NIP uniqueness, and the unit, position and supervisor the row names."""
    if raw.get("nip"):
        values["nip"] = clean_nip(raw["nip"], errors)
        owner = known.nips.get(values["nip"]) if values["nip"] else None
        if owner is not None and (existing is None or owner != existing[0]):
            errors.add("nip", _l("Another person already has this NIP."))
    if raw.get("unit_code"):
        unit = known.units.get(raw["unit_code"].strip().upper())
        if unit is None:
            errors.add("unit_code", _l("No unit has the code %(code)s.", code=raw["unit_code"]))
        else:
            values["unit_id"], values["_unit_path"] = unit
    if raw.get("position_code"):
        position_id = known.positions.get(raw["position_code"].strip().upper())
        if position_id is None:
            errors.add("position_code", _l("No position has the code %(code)s.", code=raw["position_code"]))
        values["position_id"] = position_id
    if raw.get("supervisor_username"):
        supervisor = raw["supervisor_username"].strip().lower()
        if supervisor == values["username"]:
            errors.add("supervisor_username", _l("A person cannot supervise themselves."))
        elif supervisor not in known.users and supervisor not in file_usernames:
            errors.add("supervisor_username", _l("No person has the username %(u)s.", u=supervisor))
        values["supervisor_username"] = supervisor


def _check_details(raw: dict[str, str], values: dict[str, Any], errors: FieldErrors) -> None:
    """Employment, appointment date, roles, password and the active flag."""
    if raw.get("employment"):
        try:
            values["employment"] = Employment(raw["employment"].strip().lower())
        except ValueError:
            errors.add("employment", _l("Choose PNS or PPPK."))
    if raw.get("appointed_on"):
        values["appointed_on"] = clean_date(raw["appointed_on"], errors, "appointed_on")
    if raw.get("roles"):
        values["roles"] = parse_roles(raw["roles"], errors)
    if raw.get("password"):
        for problem in password_problems(raw["password"], username=values["username"]):
            errors.add("password", problem)
        values["password"] = raw["password"]
    if raw.get("active"):
        values["active"] = parse_flag(raw["active"], errors, "active")


def _check_hr_scope(
    actor: User,
    root: str,
    values: dict[str, Any],
    errors: FieldErrors,
    known: _Known,
    existing: tuple[int, str | None] | None,
) -> None:
    """HR officers import only into their subtree, never touch HR/admin accounts, grant only
    employee and evaluator."""
    unit_path = values.get("_unit_path")
    if existing is None and "unit_id" not in values and "unit_code" not in errors:
        errors.add("unit_code", _l("Give the unit code."))
    if unit_path is not None and not (root and unit_path.startswith(root)):
        errors.add("unit_code", _l("You can only import people into your own unit and its sub-units."))
    before: set[Role] = set()
    if existing is not None:
        uid, path = existing
        before = known.roles.get(uid, set())
        in_scope = bool(root) and path is not None and path.startswith(root)
        if not in_scope or (uid != actor.id and before - HR_GRANTABLE_ROLES):
            errors.add("username", _l("You cannot change this person's account; ask an administrator."))
    if "roles" in values and (values["roles"] ^ before) - HR_GRANTABLE_ROLES:
        errors.add("roles", _l("Only administrators can grant or remove the HR and administrator roles."))


_PLAIN_FIELDS = ("name", "email", "nip", "unit_id", "position_id", "employment", "appointed_on")


def apply_people(actor: Any, rows: list[RowResult]) -> None:
    """Create or update every person; role changes and (de)activations are audited one by one."""
    by_username: dict[str, User] = {}
    for names in chunks([r.values["username"] for r in rows]):
        for user in db.session.scalars(select(User).where(func.lower(User.username).in_(names))):
            by_username[user.username.lower()] = user
    for row in rows:
        values = row.values
        person = by_username.get(values["username"])
        if person is None:
            person = User(username=values["username"], password_hash="!" + secrets.token_hex(16))
            if values.get("password"):
                person.password_hash = hash_password(values["password"])
            person.set_roles(values.get("roles", {Role.EMPLOYEE}))
            db.session.add(person)
            by_username[person.username] = person
            for key in (*_PLAIN_FIELDS, "active"):
                if key in values:
                    setattr(person, key, values[key])
            continue
        was_active = person.active
        for key in (*_PLAIN_FIELDS, "active"):
            if key in values:
                setattr(person, key, values[key])
        if values.get("password"):
            replace_password(person, values["password"])
        if "roles" in values:
            change_roles(actor, person, values["roles"])
        after_active_change(actor, person, was_active)
    db.session.flush()
    _link_supervisors(rows, by_username)


def _link_supervisors(rows: list[RowResult], by_username: dict[str, User]) -> None:
    wanted = {
        r.values["username"]: r.values["supervisor_username"]
        for r in rows
        if r.values.get("supervisor_username")
    }
    missing = {s for s in wanted.values() if s not in by_username}
    for names in chunks(missing):
        for user in db.session.scalars(select(User).where(func.lower(User.username).in_(names))):
            by_username[user.username.lower()] = user
    for username, supervisor in wanted.items():
        by_username[username].supervisor_id = by_username[supervisor].id
    db.session.flush()
