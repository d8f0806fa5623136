"""CSV import of units, positions and people: a dry-run preview, then an all-or-nothing apply.

Each kind validates every row against the database (loaded once, set-wise) and
against the other rows of the same file, so the preview lists every error and
applying a file with errors is refused before anything is written.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.audit.services import record_audit
from app.auth.passwords import hash_password, password_problems
from app.errors import ServiceError
from app.extensions import db
from app.org.csv_format import CsvTable, read_csv
from app.org.enums import Employment, Tier
from app.org.models import Position, Unit, User, UserRole
from app.org.permissions import HR_GRANTABLE_ROLES, managed_root_path
from app.org.rules import child_path
from app.org.signals import position_created
from app.org.validation import clean_email, clean_nip, clean_username
from app.security import Role
from app.validation import FieldErrors, clean_code, clean_date, clean_name

ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "units": {
        "code": ("code", "kode", "kode_unit"),
        "name": ("name", "nama", "nama_unit"),
        "parent_code": ("parent_code", "kode_induk", "induk"),
    },
    "positions": {
        "code": ("code", "kode", "kode_jabatan"),
        "name": ("name", "nama", "nama_jabatan"),
        "tier": ("tier", "jenjang"),
    },
    "people": {
        "username": ("username", "nama_pengguna"),
        "name": ("name", "nama", "nama_lengkap"),
        "email": ("email", "surel", "e_mail"),
        "nip": ("nip",),
        "unit_code": ("unit_code", "kode_unit", "unit"),
        "position_code": ("position_code", "kode_jabatan", "jabatan"),
        "supervisor_username": ("supervisor_username", "atasan", "username_atasan"),
        "employment": ("employment", "status_kepegawaian", "jenis_pegawai"),
        "appointed_on": ("appointed_on", "tmt", "tmt_cpns"),
        "roles": ("roles", "peran"),
        "password": ("password", "kata_sandi"),
        "active": ("active", "aktif"),
    },
}
REQUIRED: dict[str, set[str]] = {
    "units": {"code", "name"},
    "positions": {"code", "name", "tier"},
    "people": {"username", "name", "email"},
}
YES = {"1", "true", "yes", "ya", "y", "aktif", "active"}


class OrgImportError(ServiceError):
    """The import cannot be applied."""


@dataclass
class RowResult:
    """One data row: its line, cleaned values, whether it creates or updates, and its errors."""

    line: int
    raw: dict[str, str]
    action: str = "create"
    values: dict[str, Any] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    """The dry-run result shown before applying."""

    kind: str
    rows: list[RowResult]

    @property
    def error_count(self) -> int:
        return sum(1 for r in self.rows if r.errors)

    @property
    def creates(self) -> int:
        return sum(1 for r in self.rows if r.action == "create" and not r.errors)

    @property
    def updates(self) -> int:
        return sum(1 for r in self.rows if r.action == "update" and not r.errors)

    @property
    def ok(self) -> bool:
        return self.error_count == 0


def _row_errors(errors: FieldErrors) -> list[str]:
    return [f"{name}: {message}" for name, messages in errors.items() for message in messages]


def preview_import(actor: User, kind: str, raw: bytes) -> ImportPreview:
    """Parse and validate a file without changing anything. Raises `CsvFormatError` for bad files."""
    if kind not in ALIASES:
        raise OrgImportError(
            str(_l("Unknown import kind.")),
            {"kind": [str(_l("Choose units, positions or people."))]},
        )
    table = read_csv(raw, ALIASES[kind], REQUIRED[kind])
    validate = {
        "units": _validate_units,
        "positions": _validate_positions,
        "people": _validate_people,
    }[kind]
    return ImportPreview(kind, validate(actor, table))


def _duplicate_check(rows: list[RowResult], key: str, label: Any) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        value = str(row.values.get(key) or "").lower()
        if not value:
            continue
        if value in seen:
            row.errors.append(str(_l("%(label)s repeats line %(line)s.", label=label, line=seen[value])))
        else:
            seen[value] = row.line


def _validate_units(actor: User, table: CsvTable) -> list[RowResult]:
    existing = {
        code.upper(): (uid, path)
        for uid, code, path in db.session.execute(select(Unit.id, Unit.code, Unit.path))
    }
    file_codes = {r.get("code", "").strip().upper() for _, r in table.rows}
    root = managed_root_path(actor)
    results = []
    for line, raw in table.rows:
        errors = FieldErrors()
        code = clean_code(raw.get("code"), errors)
        name = clean_name(raw.get("name"), errors)
        parent_code = (raw.get("parent_code") or "").strip().upper()
        if parent_code and parent_code not in existing and parent_code not in file_codes:
            errors.add("parent_code", _l("No unit has the code %(code)s.", code=parent_code))
        if parent_code == code and code:
            errors.add("parent_code", _l("A unit cannot be its own parent."))
        if root is not None and not _hr_may_import_unit(root, code, parent_code, existing, file_codes):
            errors.add("parent_code", _l("You can only import units under your own unit."))
        results.append(
            RowResult(
                line,
                raw,
                "update" if code in existing else "create",
                {"code": code, "name": name, "parent_code": parent_code or None},
                _row_errors(errors),
            )
        )
    _duplicate_check(results, "code", _l("This code"))
    return results


def _hr_may_import_unit(
    root: str,
    code: str,
    parent_code: str,
    existing: dict[str, tuple[int, str]],
    file_codes: set[str],
) -> bool:
    """An HR officer may add or edit units only below their own unit.

    The parent must be an existing unit in their subtree or another unit of the
    same file (whose own row is checked the same way); an existing unit being
    updated must already be in their subtree.
    """
    if not root:
        return False
    own = existing.get(code)
    if own is not None and not own[1].startswith(root):
        return False
    parent = existing.get(parent_code)
    if parent is not None:
        return parent[1].startswith(root)
    return bool(parent_code) and parent_code in file_codes


def _validate_positions(actor: User, table: CsvTable) -> list[RowResult]:
    existing = {c.upper() for c in db.session.scalars(select(Position.code))}
    tiers = {t.value for t in Tier}
    label_to_value = {t.label.lower(): t.value for t in Tier}
    results = []
    for line, raw in table.rows:
        errors = FieldErrors()
        code = clean_code(raw.get("code"), errors)
        name = clean_name(raw.get("name"), errors)
        tier_raw = (raw.get("tier") or "").strip().lower()
        tier = label_to_value.get(tier_raw, tier_raw.replace(" ", "_"))
        if tier not in tiers:
            errors.add("tier", _l("Unknown tier %(t)s.", t=tier_raw or "—"))
        results.append(
            RowResult(
                line,
                raw,
                "update" if code in existing else "create",
                {"code": code, "name": name, "tier": tier},
                _row_errors(errors),
            )
        )
    _duplicate_check(results, "code", _l("This code"))
    return results


def _validate_people(actor: User, table: CsvTable) -> list[RowResult]:
    users = {
        u.lower(): (uid, nip) for uid, u, nip in db.session.execute(select(User.id, User.username, User.nip))
    }
    nips = {nip: uid for uid, _u, nip in ((v[0], k, v[1]) for k, v in users.items()) if nip}
    units = {
        c.upper(): (uid, path) for uid, c, path in db.session.execute(select(Unit.id, Unit.code, Unit.path))
    }
    positions = {c.upper(): pid for pid, c in db.session.execute(select(Position.id, Position.code))}
    file_usernames = {r.get("username", "").strip().lower() for _, r in table.rows}
    root = managed_root_path(actor)
    existing_roles = _roles_of([v[0] for v in users.values()]) if root is not None else {}
    results = []
    for line, raw in table.rows:
        errors = FieldErrors()
        values: dict[str, Any] = {
            "username": clean_username(raw.get("username"), errors),
            "name": clean_name(raw.get("name"), errors),
            "email": clean_email(raw.get("email"), errors),
        }
        existing = users.get(values["username"])
        if "nip" in raw:
            values["nip"] = clean_nip(raw.get("nip"), errors)
            owner = nips.get(values["nip"]) if values["nip"] else None
            if owner is not None and (existing is None or owner != existing[0]):
                errors.add("nip", _l("Another person already has this NIP."))
        if raw.get("unit_code"):
            unit = units.get(raw["unit_code"].strip().upper())
            if unit is None:
                errors.add("unit_code", _l("No unit has the code %(code)s.", code=raw["unit_code"]))
            else:
                values["unit_id"] = unit[0]
                if root is not None and not (root and unit[1].startswith(root)):
                    errors.add(
                        "unit_code",
                        _l("You can only import people into your own unit and its sub-units."),
                    )
        elif root is not None:
            errors.add("unit_code", _l("Give the unit code."))
        if raw.get("position_code"):
            position_id = positions.get(raw["position_code"].strip().upper())
            if position_id is None:
                errors.add(
                    "position_code",
                    _l("No position has the code %(code)s.", code=raw["position_code"]),
                )
            values["position_id"] = position_id
        if raw.get("supervisor_username"):
            sup = raw["supervisor_username"].strip().lower()
            if sup not in users and sup not in file_usernames:
                errors.add("supervisor_username", _l("No person has the username %(u)s.", u=sup))
            values["supervisor_username"] = sup
        if raw.get("employment"):
            try:
                values["employment"] = Employment(raw["employment"].strip().lower())
            except ValueError:
                errors.add("employment", _l("Choose PNS or PPPK."))
        if "appointed_on" in raw:
            values["appointed_on"] = clean_date(raw.get("appointed_on"), errors, "appointed_on")
        if raw.get("roles"):
            roles = set()
            for part in raw["roles"].replace(",", "|").replace(" ", "|").split("|"):
                if part.strip():
                    try:
                        roles.add(Role(part.strip().lower()))
                    except ValueError:
                        errors.add("roles", _l("Unknown role: %(role)s.", role=part))
            values["roles"] = roles or {Role.EMPLOYEE}
            if root is not None:
                before = existing_roles.get(existing[0], set()) if existing else set()
                if (values["roles"] ^ before) - HR_GRANTABLE_ROLES:
                    errors.add(
                        "roles",
                        _l("Only administrators can grant or remove the HR and administrator roles."),
                    )
        if raw.get("password"):
            for problem in password_problems(raw["password"], username=values["username"]):
                errors.add("password", problem)
            values["password"] = raw["password"]
        if raw.get("active"):
            values["active"] = raw["active"].strip().lower() in YES
        results.append(RowResult(line, raw, "update" if existing else "create", values, _row_errors(errors)))
    _duplicate_check(results, "username", _l("This username"))
    _duplicate_check(results, "nip", _l("This NIP"))
    return results


def _roles_of(user_ids: list[int]) -> dict[int, set[Role]]:
    roles: dict[int, set[Role]] = {}
    for uid, role in db.session.execute(select(UserRole.user_id, UserRole.role)):
        roles.setdefault(uid, set()).add(Role(role))
    return roles


def apply_import(actor: User, kind: str, raw: bytes) -> ImportPreview:
    """Validate again and apply every row in the caller's transaction; refuse if any row fails."""
    preview = preview_import(actor, kind, raw)
    if not preview.ok:
        raise OrgImportError(
            str(
                _l(
                    "The file has %(n)s rows with errors; nothing was imported.",
                    n=preview.error_count,
                )
            )
        )
    {"units": _apply_units, "positions": _apply_positions, "people": _apply_people}[kind](preview.rows)
    record_audit(
        "org.import_applied",
        actor_id=actor.id,
        subject_type=kind,
        details={"created": preview.creates, "updated": preview.updates},
    )
    db.session.flush()
    return preview


def _apply_units(rows: list[RowResult]) -> None:
    by_code = {u.code.upper(): u for u in db.session.scalars(select(Unit))}
    for row in rows:
        unit = by_code.get(row.values["code"])
        if unit is None:
            unit = Unit(code=row.values["code"], name=row.values["name"], path="/")
            db.session.add(unit)
            by_code[unit.code] = unit
        unit.name = row.values["name"]
    db.session.flush()
    pending = {r.values["code"]: r.values["parent_code"] for r in rows}
    for code, parent_code in pending.items():
        by_code[code].parent_id = by_code[parent_code].id if parent_code else None
    db.session.flush()
    _rebuild_paths(list(by_code.values()))


def _rebuild_paths(units: list[Unit]) -> None:
    """Recompute every materialised path from the parent links (refusing cycles)."""
    by_id = {u.id: u for u in units}
    resolved: dict[int, str] = {}

    def path_of(unit: Unit, trail: set[int]) -> str:
        if unit.id in resolved:
            return resolved[unit.id]
        if unit.id in trail:
            raise OrgImportError(str(_l("The units form a cycle around %(code)s.", code=unit.code)))
        parent = by_id.get(unit.parent_id) if unit.parent_id else None
        path = child_path(path_of(parent, trail | {unit.id}) if parent else None, unit.id)
        resolved[unit.id] = path
        return path

    for unit in units:
        unit.path = path_of(unit, set())
    db.session.flush()


def _apply_positions(rows: list[RowResult]) -> None:
    by_code = {p.code.upper(): p for p in db.session.scalars(select(Position))}
    for row in rows:
        position = by_code.get(row.values["code"])
        created = position is None
        if created:
            position = Position(code=row.values["code"])
            db.session.add(position)
        position.name, position.tier = row.values["name"], Tier(row.values["tier"])
        if created:
            db.session.flush()
            position_created.send(position)


def _apply_people(rows: list[RowResult]) -> None:
    names = [r.values["username"] for r in rows]
    by_username = {
        u.username.lower(): u
        for u in db.session.scalars(select(User).where(func.lower(User.username).in_(names)))
    }
    for row in rows:
        values = dict(row.values)
        person = by_username.get(values["username"])
        if person is None:
            person = User(username=values["username"], password_hash="!" + secrets.token_hex(16))
            person.set_roles(values.get("roles", {Role.EMPLOYEE}))
            db.session.add(person)
            by_username[person.username] = person
        elif "roles" in values:
            person.set_roles(values["roles"])
        for key in (
            "name",
            "email",
            "nip",
            "unit_id",
            "position_id",
            "employment",
            "appointed_on",
            "active",
        ):
            if key in values:
                setattr(person, key, values[key])
        if values.get("password"):
            person.password_hash = hash_password(values["password"])
    db.session.flush()
    supervisors = {
        r.values["username"]: r.values["supervisor_username"]
        for r in rows
        if r.values.get("supervisor_username")
    }
    if supervisors:
        lookup = {
            u.username.lower(): u.id
            for u in db.session.scalars(
                select(User).where(func.lower(User.username).in_(list(supervisors.values())))
            )
        }
        for username, sup in supervisors.items():
            by_username[username].supervisor_id = lookup.get(sup)
    db.session.flush()


def stash_upload(folder: str, user_id: int, raw: bytes) -> str:
    """Keep an uploaded file between preview and apply; returns an unguessable token."""
    token = secrets.token_urlsafe(24)
    directory = Path(folder) / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    (directory / f"{user_id}-{token}.csv").write_bytes(raw)
    return token


def take_upload(folder: str, user_id: int, token: str) -> bytes | None:
    """Read a stashed upload of this user (None if absent or expired)."""
    if not token.replace("-", "").replace("_", "").isalnum():
        return None
    path = Path(folder) / "imports" / f"{user_id}-{token}.csv"
    return path.read_bytes() if path.is_file() else None
