"""Importing positions: code, name and tier (its code or its official name)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.org.csv_format import CsvTable
from app.org.enums import Tier
from app.org.importing.common import RowResult, flag_duplicates, row_errors
from app.org.models import Position, User
from app.org.signals import position_created
from app.validation import FieldErrors, clean_code, clean_name

# "ahli_muda", "Ahli Muda" and "ahli-muda" all name the same tier.
_TIER_NAMES = {t.value: t for t in Tier} | {t.label.lower().replace(" ", "_"): t for t in Tier}


def parse_tier(value: str) -> Tier | None:
    """The tier a cell names, or None."""
    return _TIER_NAMES.get("_".join(value.strip().lower().replace("-", " ").split()))


def validate_positions(actor: User, table: CsvTable) -> list[RowResult]:
    """Check each position row; positions are a shared catalogue every manager may import."""
    existing = {c.upper() for c in db.session.scalars(select(Position.code))}
    results = []
    for line, raw in table.rows:
        errors = FieldErrors()
        code = clean_code(raw.get("code"), errors)
        name = clean_name(raw.get("name"), errors)
        tier = parse_tier(raw.get("tier") or "")
        if tier is None:
            errors.add("tier", _l("Unknown tier %(t)s.", t=(raw.get("tier") or "").strip() or "—"))
        results.append(
            RowResult(
                line,
                raw,
                "update" if code in existing else "create",
                {"code": code, "name": name, "tier": tier},
                row_errors(errors),
            )
        )
    flag_duplicates(results, "code", _l("This code"))
    return results


def apply_positions(rows: list[RowResult]) -> None:
    """Create or update each position; new ones announce themselves (`position_created`)."""
    by_code = {p.code.upper(): p for p in db.session.scalars(select(Position))}
    created: list[Position] = []
    for row in rows:
        position = by_code.get(row.values["code"])
        if position is None:
            position = Position(code=row.values["code"])
            db.session.add(position)
            by_code[position.code] = position
            created.append(position)
        position.name, position.tier = row.values["name"], row.values["tier"]
    db.session.flush()
    for position in created:
        position_created.send(position)
