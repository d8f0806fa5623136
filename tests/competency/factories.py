"""Factories for competency tests: fixed competencies by code, technical ones, standards, evidence."""

from __future__ import annotations

import itertools
import uuid
from datetime import date

from sqlalchemy import select

from app.competency.enums import CompetencyKind, EvidenceSource
from app.competency.models import Competency, CompetencyLevel, Evidence, PositionRequirement
from app.extensions import db
from app.org.models import Position, User

_seq = itertools.count(1000)


def fixed(code: str) -> Competency:
    """One of the nine seeded competencies (M.1 … SK.1)."""
    return db.session.scalar(select(Competency).where(Competency.code == code))


def make_technical(code: str | None = None, name: str | None = None) -> Competency:
    """A technical competency with five levels."""
    n = next(_seq)
    competency = Competency(
        code=code or f"T.{n}",
        name=name or f"Kompetensi Teknis {n}",
        kind=CompetencyKind.TEKNIS,
        definition=f"Definisi {n}",
        case_identifier=str(uuid.uuid4()),
        levels=[
            CompetencyLevel(level=i, title=f"Level {i} title", indicators=[f"Indikator {i}.1"])
            for i in range(1, 6)
        ],
    )
    db.session.add(competency)
    db.session.flush()
    return competency


def set_standard(position: Position, levels: dict[str, int]) -> None:
    """Replace a position's standard with `{code: level}`."""
    db.session.query(PositionRequirement).filter_by(position_id=position.id).delete()
    for code, level in levels.items():
        db.session.add(
            PositionRequirement(position_id=position.id, competency_id=fixed(code).id, level=level)
        )
    db.session.flush()


def add_evidence(
    person: User,
    code: str,
    level: int,
    *,
    source: EvidenceSource = EvidenceSource.ASSESSMENT,
    override: bool = False,
    note: str = "",
    effective_on: date | None = None,
    expires_on: date | None = None,
) -> Evidence:
    """A piece of evidence straight into the table (services are tested separately)."""
    competency = fixed(code) or db.session.scalar(select(Competency).where(Competency.code == code))
    evidence = Evidence(
        user_id=person.id,
        competency_id=competency.id,
        level=level,
        source=source,
        override=override,
        note=note or ("Justification for the override" if override else ""),
        effective_on=effective_on or date(2020, 1, 1),
        expires_on=expires_on,
    )
    db.session.add(evidence)
    db.session.flush()
    return evidence
