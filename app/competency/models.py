"""Competencies with their five levels, position standards, evidence, the JP ledger, external training."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.competency.enums import CompetencyKind, EvidenceSource
from app.db import Base, TimestampMixin, UTCDateTime, str_enum, utcnow
from app.org.models import Position, User


class Competency(TimestampMixin, Base):
    """A competency of the dictionary; the nine fixed ones (M.1–M.8, SK.1) are read-only."""

    __tablename__ = "competencies"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[CompetencyKind] = mapped_column(str_enum(CompetencyKind, 20), index=True)
    definition: Mapped[str] = mapped_column(Text, default="")
    fixed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A stable CASE identifier (UUID) so exports and re-imports keep the item's identity.
    case_identifier: Mapped[str] = mapped_column(String(36), unique=True)

    levels: Mapped[list[CompetencyLevel]] = relationship(
        back_populates="competency",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="CompetencyLevel.level",
    )

    def level(self, n: int) -> CompetencyLevel | None:
        """The level row `n` (1–5), if defined."""
        return next((lvl for lvl in self.levels if lvl.level == n), None)

    def __repr__(self) -> str:
        return f"<Competency {self.code}>"


class CompetencyLevel(Base):
    """One of a competency's five proficiency levels: a title and behaviour indicators."""

    __tablename__ = "competency_levels"
    __table_args__ = (
        UniqueConstraint("competency_id", "level"),
        CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    competency_id: Mapped[int] = mapped_column(ForeignKey("competencies.id", ondelete="CASCADE"))
    level: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    indicators: Mapped[list[Any]] = mapped_column(JSON, default=list)

    competency: Mapped[Competency] = relationship(back_populates="levels")


class PositionRequirement(Base):
    """The required level of one competency for one position (Standar Kompetensi Jabatan)."""

    __tablename__ = "position_requirements"
    __table_args__ = (CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),)

    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"), primary_key=True)
    competency_id: Mapped[int] = mapped_column(
        ForeignKey("competencies.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    level: Mapped[int] = mapped_column(Integer)

    position: Mapped[Position] = relationship()
    competency: Mapped[Competency] = relationship(lazy="joined")


class Evidence(Base):
    """One append-only piece of evidence that a person holds a competency at a level.

    An evaluator's override (`override=True`, with a written justification in
    `note`) sets the current level; evidence recorded after it may raise it again.
    """

    __tablename__ = "evidence"
    __table_args__ = (
        CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),
        UniqueConstraint("user_id", "competency_id", "source_ref"),
        Index("ix_evidence_user_competency", "user_id", "competency_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    competency_id: Mapped[int] = mapped_column(ForeignKey("competencies.id", ondelete="CASCADE"), index=True)
    level: Mapped[int] = mapped_column(Integer)
    source: Mapped[EvidenceSource] = mapped_column(str_enum(EvidenceSource, 20))
    override: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    note: Mapped[str] = mapped_column(Text, default="")
    effective_on: Mapped[date] = mapped_column(Date)
    expires_on: Mapped[date | None] = mapped_column(Date)
    source_ref: Mapped[str | None] = mapped_column(String(100))
    document_path: Mapped[str | None] = mapped_column(String(300))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    competency: Mapped[Competency] = relationship(lazy="joined")
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id], lazy="joined")

    def is_valid_on(self, on: date) -> bool:
        """Counts on `on`: already effective and not yet expired (expiry day excluded)."""
        return self.effective_on <= on and (self.expires_on is None or on < self.expires_on)


class JpCredit(Base):
    """JP (lesson hours) credited to a person on a day; one row per source, never twice."""

    __tablename__ = "jp_credits"
    __table_args__ = (
        CheckConstraint("jp > 0", name="jp_positive"),
        UniqueConstraint("source_ref"),
        Index("ix_jp_credits_user_year", "user_id", "year"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    credited_on: Mapped[date] = mapped_column(Date)
    jp: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(40))
    source_ref: Mapped[str] = mapped_column(String(100))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ExternalTraining(Base):
    """Training taken outside Lentera, recorded by HR with a scan of its certificate.

    It counts for JP and may map to a competency, but Lentera never shows it as
    verified: the certificate was issued by someone else.
    """

    __tablename__ = "external_trainings"
    __table_args__ = (
        CheckConstraint("jp > 0", name="jp_positive"),
        CheckConstraint("ended_on >= started_on", name="dates_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    issuer: Mapped[str] = mapped_column(String(200))
    certificate_number: Mapped[str] = mapped_column(String(100))
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date] = mapped_column(Date)
    jp: Mapped[float] = mapped_column(Float)
    document_path: Mapped[str] = mapped_column(String(300))
    document_name: Mapped[str] = mapped_column(String(200))
    document_type: Mapped[str] = mapped_column(String(40))
    competency_id: Mapped[int | None] = mapped_column(ForeignKey("competencies.id", ondelete="SET NULL"))
    level: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    competency: Mapped[Competency | None] = relationship(lazy="joined")
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id], lazy="joined")
