"""Framework exchange: export the dictionary as CASE or CSV; import either with a preview, all or nothing."""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.competency.case_format import build_package, read_package, schema_errors
from app.competency.enums import CompetencyKind
from app.competency.models import Competency
from app.competency.services.common import CompetencyError
from app.competency.services.dictionary import (
    CompetencyData,
    clean_competency,
    clean_levels,
    competency_by_code,
    dictionary_query,
    save_competency,
)
from app.extensions import db
from app.settings.services import get_setting
from app.validation import FieldErrors

CSV_COLUMNS = ["code", "kind", "name", "definition", "level", "title", "indicators"]
MAX_ITEMS = 2000


def _as_dict(c: Competency) -> dict[str, Any]:
    return {
        "code": c.code,
        "name": c.name,
        "kind": c.kind.value,
        "definition": c.definition or "",
        "identifier": c.case_identifier,
        "levels": [
            {"level": lvl.level, "title": lvl.title, "indicators": list(lvl.indicators or [])}
            for lvl in c.levels
        ],
    }


def export_case() -> dict[str, Any]:
    """Every competency as a CASE 1.0 CFPackage."""
    competencies = db.session.scalars(dictionary_query()).all()
    changed = db.session.scalar(select(func.max(Competency.updated_at))) or datetime.now(UTC)
    return build_package(
        [_as_dict(c) for c in competencies], creator=str(get_setting("agency.name")), changed=changed
    )


def export_csv() -> str:
    """Every competency as CSV: one row per level, indicators one per line inside the cell."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for c in db.session.scalars(dictionary_query()):
        for lvl in c.levels:
            writer.writerow(
                [
                    c.code,
                    c.kind.value,
                    c.name,
                    c.definition or "",
                    lvl.level,
                    lvl.title,
                    "\n".join(lvl.indicators or []),
                ]
            )
    return out.getvalue()


def read_csv(raw: bytes) -> list[dict[str, Any]]:
    """Parse the CSV export format back into competency dicts; refuses a file without its columns."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CompetencyError(
            str(_l("The file is not UTF-8 text.")), {"file": [str(_l("The file is not UTF-8 text."))]}
        )
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        message = str(_l("Missing columns: %(cols)s.", cols=", ".join(missing)))
        raise CompetencyError(message, {"file": [message]})
    items: dict[str, dict[str, Any]] = {}
    for row in reader:
        code = (row.get("code") or "").strip()
        item = items.setdefault(
            code.upper(),
            {
                "code": code,
                "kind": (row.get("kind") or "").strip(),
                "name": row.get("name") or "",
                "definition": row.get("definition") or "",
                "identifier": "",
                "levels": [],
            },
        )
        level = (row.get("level") or "").strip()
        item["levels"].append(
            {
                "level": int(level) if level.isdigit() else level,
                "title": row.get("title") or "",
                "indicators": [t for t in (row.get("indicators") or "").splitlines() if t.strip()],
            }
        )
    return list(items.values())


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or a file with errors, would do)."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    applied: bool = False

    def as_api(self, dry_run: bool) -> dict[str, Any]:
        return {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "errors": self.errors,
            "applied": self.applied,
            "dry_run": dry_run,
        }


def _valid_uuid(value: str) -> str | None:
    try:
        return str(uuid.UUID(value))
    except (ValueError, AttributeError, TypeError):
        return None


def _plan_item(
    item: dict[str, Any], seen: set[str]
) -> tuple[FieldErrors, CompetencyData | None, Competency | None]:
    errors = FieldErrors()
    code = str(item.get("code") or "").strip().upper()
    if not code:
        errors.add("code", _l("This field is required."))
        return errors, None, None
    if code in seen:
        errors.add("code", _l("This code appears twice in the file."))
        return errors, None, None
    seen.add(code)
    existing = competency_by_code(code)
    if existing is not None and existing.fixed:
        levels = clean_levels(item.get("levels"), errors)
        cleaned = CompetencyData(
            code,
            str(item.get("name") or "").strip(),
            existing.kind,
            str(item.get("definition") or "").strip(),
            levels,
        )
        if not errors and not cleaned.same_as(existing):
            errors.add("code", _l("The fixed competencies of the official dictionary are read-only."))
        return errors, cleaned, existing
    if item.get("kind") not in {k.value for k in CompetencyKind}:
        errors.add("kind", _l("Unknown kind: use manajerial, sosial_kultural or teknis."))
    elif item.get("kind") != CompetencyKind.TEKNIS.value:
        errors.add(
            "code",
            _l("Unknown competency code: only the nine official codes are manajerial or sosial kultural."),
        )
    cleaned = clean_competency({**item, "code": code}, errors, existing=existing)
    return errors, cleaned, existing


def import_competencies(items: list[dict[str, Any]], *, dry_run: bool = False) -> ImportResult:
    """Create or update (by code) technical competencies; nothing is saved if any item has an error."""
    result = ImportResult()
    if len(items) > MAX_ITEMS:
        raise CompetencyError(
            str(_l("At most %(n)s competencies per file.", n=MAX_ITEMS)),
            {"CFItems": [str(_l("Too many items."))]},
        )
    plan: list[tuple[CompetencyData, Competency | None, str]] = []
    seen: set[str] = set()
    used_ids = set(db.session.scalars(select(Competency.case_identifier)))
    for index, item in enumerate(items):
        errors, cleaned, existing = _plan_item(item, seen)
        if errors:
            result.errors.append(
                {"index": index, "code": str(item.get("code") or ""), "fields": dict(errors)}
            )
            continue
        if existing is not None and cleaned.same_as(existing):
            result.unchanged.append(cleaned.code)
            continue
        (result.updated if existing is not None else result.created).append(cleaned.code)
        identifier = _valid_uuid(str(item.get("identifier") or ""))
        if identifier in used_ids and (existing is None or existing.case_identifier != identifier):
            identifier = None
        plan.append((cleaned, existing, identifier or str(uuid.uuid4())))
    if result.errors or dry_run:
        return result
    for cleaned, existing, identifier in plan:
        save_competency(cleaned, existing, identifier)
    result.applied = True
    return result


def import_case(package: Any, *, dry_run: bool = False) -> ImportResult:
    """Import a CASE 1.0 CFPackage; a document that is not CASE is refused naming the fields (422)."""
    if not isinstance(package, dict):
        raise CompetencyError(
            str(_l("This is not a CASE package.")), {"_schema": [str(_l("Send a JSON object."))]}
        )
    problems = schema_errors(package)
    if problems:
        raise CompetencyError(str(_l("This is not a valid CASE 1.0 package.")), problems)
    return import_competencies(
        read_package(package, placeholder=str(_l("Level %(n)s (to be described)", n="{n}"))), dry_run=dry_run
    )
