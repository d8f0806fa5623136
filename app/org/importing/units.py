"""Importing units: validate every row (codes, parents, cycles, HR scope), then apply set-wise."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.org.csv_format import CsvTable
from app.org.importing.common import RowResult, flag_duplicates, row_errors
from app.org.models import Unit, User
from app.org.permissions import managed_root_path
from app.org.rules import child_path
from app.validation import FieldErrors, clean_code, clean_name


@dataclass(frozen=True)
class _Existing:
    id: int
    path: str
    parent_code: str | None


def _existing_units() -> dict[str, _Existing]:
    rows = db.session.execute(select(Unit.id, Unit.code, Unit.path, Unit.parent_id)).all()
    code_of = {uid: code.upper() for uid, code, _p, _pid in rows}
    return {
        code.upper(): _Existing(uid, path, code_of.get(parent_id) if parent_id else None)
        for uid, code, path, parent_id in rows
    }


def validate_units(actor: User, table: CsvTable) -> list[RowResult]:
    """Check each unit row against the database and the rest of the file."""
    existing = _existing_units()
    file_codes = {r.get("code", "").strip().upper() for _, r in table.rows}
    root = managed_root_path(actor)
    results = []
    for line, raw in table.rows:
        errors = FieldErrors()
        code = clean_code(raw.get("code"), errors)
        name = clean_name(raw.get("name"), errors)
        own = existing.get(code)
        if "parent_code" in raw and (raw["parent_code"] or own is None):
            parent_code = raw["parent_code"].strip().upper() or None
        else:  # column absent or cell empty on an update: the parent stays
            parent_code = own.parent_code if own else None
        if parent_code and parent_code not in existing and parent_code not in file_codes:
            errors.add("parent_code", _l("No unit has the code %(code)s.", code=parent_code))
        if parent_code and parent_code == code:
            errors.add("parent_code", _l("A unit cannot be its own parent."))
        if root is not None and not _hr_may_import(root, own, parent_code, existing, file_codes):
            errors.add("parent_code", _l("You can only import units under your own unit."))
        results.append(
            RowResult(
                line,
                raw,
                "update" if own else "create",
                {"code": code, "name": name, "parent_code": parent_code},
                row_errors(errors),
            )
        )
    flag_duplicates(results, "code", _l("This code"))
    _flag_cycles(results, existing)
    return results


def _hr_may_import(
    root: str,
    own: _Existing | None,
    parent_code: str | None,
    existing: dict[str, _Existing],
    file_codes: set[str],
) -> bool:
    """An HR officer may add or edit units only below their own unit.

    An existing unit must already be in their subtree (their own unit may be
    renamed but keeps its parent). A new or moved unit's parent must be an
    existing unit of their subtree or another unit of the same file (whose own
    row is checked the same way).
    """
    if not root:
        return False
    if own is not None:
        if not own.path.startswith(root):
            return False
        if own.path == root or parent_code == own.parent_code:
            return parent_code == own.parent_code
    parent = existing.get(parent_code) if parent_code else None
    if parent is not None:
        return parent.path.startswith(root)
    return bool(parent_code) and parent_code in file_codes


def _flag_cycles(rows: list[RowResult], existing: dict[str, _Existing]) -> None:
    """Refuse rows whose parent chain (after the import) comes back to the unit itself."""
    parent_of = {code: e.parent_code for code, e in existing.items()}
    for row in rows:
        if row.values["code"]:
            parent_of[row.values["code"]] = row.values["parent_code"]
    for row in rows:
        code, seen = row.values["code"], set()
        current = parent_of.get(code)
        while current and current not in seen:
            if current == code:
                message = _l("This would make the unit its own ancestor.")
                row.errors.append(f"parent_code: {message}")
                break
            seen.add(current)
            current = parent_of.get(current)


def apply_units(rows: list[RowResult]) -> None:
    """Create or update every unit, link parents, then recompute the materialised paths."""
    by_code = {u.code.upper(): u for u in db.session.scalars(select(Unit))}
    for row in rows:
        unit = by_code.get(row.values["code"])
        if unit is None:
            unit = Unit(code=row.values["code"], name=row.values["name"], path="/")
            db.session.add(unit)
            by_code[unit.code] = unit
        unit.name = row.values["name"]
    db.session.flush()
    for row in rows:
        parent_code = row.values["parent_code"]
        by_code[row.values["code"]].parent_id = by_code[parent_code].id if parent_code else None
    db.session.flush()
    _rebuild_paths(list(by_code.values()))


def _rebuild_paths(units: list[Unit]) -> None:
    """Recompute every materialised path from the parent links (cycles were refused before)."""
    by_id = {u.id: u for u in units}
    resolved: dict[int, str] = {}

    def path_of(unit: Unit) -> str:
        if unit.id not in resolved:
            parent = by_id.get(unit.parent_id) if unit.parent_id else None
            resolved[unit.id] = child_path(path_of(parent) if parent else None, unit.id)
        return resolved[unit.id]

    for unit in units:
        new_path = path_of(unit)
        if unit.path != new_path:
            unit.path = new_path
    db.session.flush()
