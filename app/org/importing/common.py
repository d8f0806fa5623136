"""Shared pieces of the CSV import: column names, row results, the preview and small helpers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l

from app.errors import ServiceError
from app.security import Role
from app.validation import FieldErrors

# Canonical column → accepted headers (English first, then Indonesian). Headers are matched
# case-insensitively with spaces and dashes read as underscores ("Kode Unit" = "kode_unit").
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
YES = {"1", "true", "yes", "y", "ya", "aktif", "active"}
NO = {"0", "false", "no", "n", "tidak", "t", "nonaktif", "inactive"}
# Role names accepted in the roles column besides the codes themselves.
ROLE_ALIASES: dict[str, Role] = {
    "pegawai": Role.EMPLOYEE,
    "sdm": Role.HR,
    "pengelola_sdm": Role.HR,
    "penilai": Role.EVALUATOR,
    "administrator": Role.ADMIN,
}


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
        """Rows with at least one error."""
        return sum(1 for r in self.rows if r.errors)

    @property
    def creates(self) -> int:
        """Valid rows that add something new."""
        return sum(1 for r in self.rows if r.action == "create" and not r.errors)

    @property
    def updates(self) -> int:
        """Valid rows that change something that exists (matched by code or username)."""
        return sum(1 for r in self.rows if r.action == "update" and not r.errors)

    @property
    def ok(self) -> bool:
        """True when every row is valid and the file may be applied."""
        return self.error_count == 0


def row_errors(errors: FieldErrors) -> list[str]:
    """A row's field errors as "column: message" lines."""
    return [f"{name}: {message}" for name, messages in errors.items() for message in messages]


def flag_duplicates(rows: list[RowResult], key: str, label: Any) -> None:
    """Mark rows repeating an earlier row's value of `key` (case-insensitive)."""
    seen: dict[str, int] = {}
    for row in rows:
        value = str(row.values.get(key) or "").lower()
        if not value:
            continue
        if value in seen:
            row.errors.append(str(_l("%(label)s repeats line %(line)s.", label=label, line=seen[value])))
        else:
            seen[value] = row.line


def parse_flag(value: str, errors: FieldErrors, column: str) -> bool | None:
    """A yes/no cell (English or Indonesian)."""
    text = value.strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    errors.add(column, _l("Write yes or no (ya/tidak)."))
    return None


def parse_roles(value: str, errors: FieldErrors) -> set[Role]:
    """Roles separated by |, comma or space; codes or their Indonesian names."""
    roles: set[Role] = set()
    for part in value.replace(",", "|").replace(" ", "|").split("|"):
        text = part.strip().lower()
        if not text:
            continue
        role = ROLE_ALIASES.get(text)
        if role is None:
            try:
                role = Role(text)
            except ValueError:
                errors.add("roles", _l("Unknown role: %(role)s.", role=part.strip()))
                continue
        roles.add(role)
    return roles or {Role.EMPLOYEE}


def chunks(values: Iterable[Any], size: int = 500) -> Iterator[list[Any]]:
    """Split values into lists of at most `size` (bounded IN lists for any database)."""
    batch: list[Any] = []
    for value in values:
        batch.append(value)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
