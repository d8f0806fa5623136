"""Performance evaluations (SKP, PermenPANRB 6/2022): targets, BerAKHLAK ratings, objections."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, TimestampMixin, UTCDateTime, str_enum
from app.merit.enums import (
    BehaviorValue,
    EvaluationStatus,
    ObjectionOutcome,
    Predicate,
    Rating,
)
from app.org.models import User


class PerformanceEvaluation(TimestampMixin, Base):
    """One person's evaluation for one period ("2026" or "2026-Q1").

    The predicate is stored (derived from the two ratings by the pure matrix) so
    distributions and the 9-box are set-wise queries. Imported PP 46/2011 records
    carry their numeric score and no ratings, and are read-only.
    """

    __tablename__ = "merit_evaluations"
    __table_args__ = (
        UniqueConstraint("user_id", "period"),
        Index("ix_merit_evaluations_period_status", "period", "status"),
        CheckConstraint("quarter IS NULL OR (quarter BETWEEN 1 AND 4)", name="quarter_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    period: Mapped[str] = mapped_column(String(7))
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int | None] = mapped_column(Integer)
    evaluator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    work_result: Mapped[Rating | None] = mapped_column(str_enum(Rating, 8, name="work_result"))
    work_behavior: Mapped[Rating | None] = mapped_column(str_enum(Rating, 8, name="work_behavior"))
    predicate: Mapped[Predicate] = mapped_column(str_enum(Predicate, 20))
    status: Mapped[EvaluationStatus] = mapped_column(
        str_enum(EvaluationStatus, 20), default=EvaluationStatus.DRAFT
    )
    notes: Mapped[str] = mapped_column(Text, default="")
    finalised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    objection_reason: Mapped[str | None] = mapped_column(Text)
    objected_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    objection_outcome: Mapped[ObjectionOutcome | None] = mapped_column(str_enum(ObjectionOutcome, 12))
    objection_justification: Mapped[str | None] = mapped_column(Text)
    objection_decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    objection_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    legacy_skp: Mapped[float | None] = mapped_column(Float)
    legacy_behavior: Mapped[float | None] = mapped_column(Float)
    legacy_score: Mapped[float | None] = mapped_column(Float)
    legacy_category: Mapped[str | None] = mapped_column(String(20))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    evaluator: Mapped[User | None] = relationship(foreign_keys=[evaluator_id])
    objection_decided_by: Mapped[User | None] = relationship(foreign_keys=[objection_decided_by_id])
    targets: Mapped[list[EvaluationTarget]] = relationship(
        cascade="all, delete-orphan", order_by="EvaluationTarget.position", lazy="selectin"
    )
    behaviors: Mapped[list[EvaluationBehavior]] = relationship(
        cascade="all, delete-orphan", order_by="EvaluationBehavior.id", lazy="selectin"
    )

    @property
    def is_legacy(self) -> bool:
        return self.status is EvaluationStatus.IMPORTED

    @property
    def is_draft(self) -> bool:
        return self.status is EvaluationStatus.DRAFT


class EvaluationTarget(Base):
    """A work target (rencana hasil kerja) with its indicator, target and realisation."""

    __tablename__ = "merit_evaluation_targets"

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(
        ForeignKey("merit_evaluations.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(String(500))
    indicator: Mapped[str] = mapped_column(String(500), default="")
    target: Mapped[str] = mapped_column(String(200), default="")
    realisation: Mapped[str] = mapped_column(String(200), default="")


class EvaluationBehavior(Base):
    """One BerAKHLAK value: the superior's expectation and the rating."""

    __tablename__ = "merit_evaluation_behaviors"
    __table_args__ = (UniqueConstraint("evaluation_id", "value"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("merit_evaluations.id", ondelete="CASCADE"))
    value: Mapped[BehaviorValue] = mapped_column(str_enum(BehaviorValue, 30))
    expectation: Mapped[str] = mapped_column(Text, default="")
    rating: Mapped[Rating | None] = mapped_column(str_enum(Rating, 8))


class EvaluatorAssignment(TimestampMixin, Base):
    """An evaluator HR assigned to a person (instead of, or besides, the direct superior)."""

    __tablename__ = "merit_evaluator_assignments"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    evaluator: Mapped[User] = relationship(foreign_keys=[evaluator_id])
