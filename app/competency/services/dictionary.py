"""The competency dictionary: the nine fixed competencies (read-only) and technical ones (T.<n>)."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, or_, select

from app.competency.enums import LEVELS, CompetencyKind
from app.competency.models import Competency, CompetencyLevel
from app.competency.services.common import CompetencyError
from app.errors import ConflictError
from app.extensions import db
from app.validation import FieldErrors, clean_name, raise_if_errors

TECHNICAL_CODE = re.compile(r"^T\.([1-9][0-9]{0,5})$")
MAX_INDICATORS = 10
MAX_INDICATOR_LENGTH = 1000
MAX_DEFINITION = 5000


@dataclass
class CompetencyData:
    """A competency's cleaned content, ready to save."""

    code: str
    name: str
    kind: CompetencyKind
    definition: str
    levels: list[tuple[int, str, list[str]]] = field(default_factory=list)

    def same_as(self, competency: Competency) -> bool:
        """True when saving would change nothing."""
        current = [(lvl.level, lvl.title, list(lvl.indicators or [])) for lvl in competency.levels]
        return (
            competency.name == self.name
            and competency.kind == self.kind
            and (competency.definition or "") == self.definition
            and current == self.levels
        )


def dictionary_query(*, kind: str | None = None, q: str = "") -> Any:
    """Select of competencies in dictionary order, optionally by kind and search text."""
    query = select(Competency).order_by(Competency.kind, func.length(Competency.code), Competency.code)
    if kind in {k.value for k in CompetencyKind}:
        query = query.where(Competency.kind == CompetencyKind(kind))
    if q:
        like = f"%{q.strip().lower()}%"
        query = query.where(
            or_(func.lower(Competency.name).like(like), func.lower(Competency.code).like(like))
        )
    return query


def competency_by_code(code: str) -> Competency | None:
    """A competency by its code (case-insensitive)."""
    return db.session.scalar(select(Competency).where(func.upper(Competency.code) == code.strip().upper()))


def next_technical_code() -> str:
    """The next free `T.<n>` code."""
    codes = db.session.scalars(select(Competency.code).where(Competency.kind == CompetencyKind.TEKNIS))
    numbers = [int(m.group(1)) for c in codes if (m := TECHNICAL_CODE.match(c))]
    return f"T.{max(numbers, default=0) + 1}"


def _one_line(text: Any) -> str:
    return " ".join(str(text or "").split())


def clean_levels(raw: Any, errors: FieldErrors, prefix: str = "levels") -> list[tuple[int, str, list[str]]]:
    """Exactly the five levels 1–5, each with a title and up to ten indicators."""
    if not isinstance(raw, list) or len(raw) != len(LEVELS):
        errors.add(prefix, _l("Give exactly five levels, 1 to 5."))
        return []
    levels: dict[int, tuple[int, str, list[str]]] = {}
    for index, item in enumerate(raw):
        where = f"{prefix}.{index}"
        if not isinstance(item, dict):
            errors.add(where, _l("Send an object with level, title and indicators."))
            continue
        level = item.get("level")
        if not isinstance(level, int) or isinstance(level, bool) or level not in LEVELS:
            errors.add(f"{where}.level", _l("Choose a level from 1 to 5."))
            continue
        if level in levels:
            errors.add(f"{where}.level", _l("Level %(n)s is listed twice.", n=level))
            continue
        title = _one_line(item.get("title"))
        if not title:
            errors.add(f"{where}.title", _l("This field is required."))
        elif len(title) > 500:
            errors.add(f"{where}.title", _l("Use at most %(n)s characters.", n=500))
        raw_indicators = item.get("indicators") or []
        if not isinstance(raw_indicators, list) or not all(isinstance(i, str) for i in raw_indicators):
            errors.add(f"{where}.indicators", _l("Send a list of texts."))
            raw_indicators = []
        indicators = [t for t in (_one_line(i) for i in raw_indicators) if t]
        if len(indicators) > MAX_INDICATORS:
            errors.add(f"{where}.indicators", _l("At most %(n)s indicators.", n=MAX_INDICATORS))
        if any(len(i) > MAX_INDICATOR_LENGTH for i in indicators):
            errors.add(f"{where}.indicators", _l("Use at most %(n)s characters.", n=MAX_INDICATOR_LENGTH))
        levels[level] = (level, title, indicators)
    return [levels[n] for n in sorted(levels)]


def clean_competency(
    data: dict[str, Any], errors: FieldErrors, *, existing: Competency | None
) -> CompetencyData:
    """Validate a technical competency's fields (code `T.<n>`, name, definition, five levels)."""
    code = (
        str(data.get("code") or (existing.code if existing else "") or next_technical_code()).strip().upper()
    )
    if not TECHNICAL_CODE.match(code):
        errors.add("code", _l("Technical competency codes look like T.1, T.2 …"))
    else:
        other = competency_by_code(code)
        if other is not None and (existing is None or other.id != existing.id):
            errors.add("code", _l("Another competency already uses this code."))
    name = clean_name(data.get("name"), errors)
    definition = str(data.get("definition") or "").strip()
    if len(definition) > MAX_DEFINITION:
        errors.add("definition", _l("Use at most %(n)s characters.", n=MAX_DEFINITION))
    levels = clean_levels(data.get("levels"), errors)
    return CompetencyData(code, name, CompetencyKind.TEKNIS, definition, levels)


def save_competency(
    cleaned: CompetencyData, competency: Competency | None, identifier: str | None = None
) -> Competency:
    """Create or overwrite a competency and its levels from cleaned data (flushes)."""
    if competency is None:
        competency = Competency(case_identifier=identifier or str(uuid.uuid4()))
        db.session.add(competency)
    competency.code = cleaned.code
    competency.name = cleaned.name
    competency.kind = cleaned.kind
    competency.definition = cleaned.definition
    by_level = {lvl.level: lvl for lvl in competency.levels}
    for level, title, indicators in cleaned.levels:
        row = by_level.get(level)
        if row is None:
            competency.levels.append(CompetencyLevel(level=level, title=title, indicators=indicators))
        else:
            row.title, row.indicators = title, indicators
    db.session.flush()
    return competency


def create_technical_competency(actor: Any, data: dict[str, Any]) -> Competency:
    """Add a technical competency (`T.<n>`, the next free one when no code is given) with five levels."""
    errors = FieldErrors()
    cleaned = clean_competency(data, errors, existing=None)
    raise_if_errors(errors, CompetencyError)
    return save_competency(cleaned, None)


def update_technical_competency(actor: Any, competency: Competency, data: dict[str, Any]) -> Competency:
    """Edit a technical competency; the nine fixed ones are read-only (409)."""
    if competency.fixed or competency.kind != CompetencyKind.TEKNIS:
        raise ConflictError(str(_l("The fixed competencies of the official dictionary are read-only.")))
    errors = FieldErrors()
    cleaned = clean_competency(data, errors, existing=competency)
    raise_if_errors(errors, CompetencyError)
    return save_competency(cleaned, competency)
