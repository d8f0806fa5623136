"""A person's merit records: discipline sanctions, rewards, absences, unpaid leave,
potential assessments, and the computed profile snapshot behind the talent grid."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, TimestampMixin, UTCDateTime, str_enum, utcnow
from app.merit.enums import DisciplineLevel, Potential, Predicate, Rating, RecordStatus, SanctionKind
from app.org.models import User


class Sanction(TimestampMixin, Base):
    """A discipline case (PP 94/2021): level, sanction, legal basis, decision date and period."""

    __tablename__ = "merit_sanctions"
    __table_args__ = (
        Index("ix_merit_sanctions_user_kind", "user_id", "kind"),
        CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="period_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[SanctionKind] = mapped_column(str_enum(SanctionKind, 30))
    level: Mapped[DisciplineLevel] = mapped_column(str_enum(DisciplineLevel, 8))
    legal_basis: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    decided_on: Mapped[date] = mapped_column(Date)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[RecordStatus] = mapped_column(str_enum(RecordStatus, 8), default=RecordStatus.ACTIVE)
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    merit_action_id: Mapped[int | None] = mapped_column(ForeignKey("merit_actions.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    attachments: Mapped[list[SanctionAttachment]] = relationship(
        cascade="all, delete-orphan", order_by="SanctionAttachment.id", lazy="selectin"
    )


class SanctionAttachment(Base):
    """A file attached to a discipline case (the decision letter, minutes …)."""

    __tablename__ = "merit_sanction_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    sanction_id: Mapped[int] = mapped_column(ForeignKey("merit_sanctions.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Reward(TimestampMixin, Base):
    """A reward on a person's record (a code of domain.md §6 or an agency-defined one)."""

    __tablename__ = "merit_rewards"
    __table_args__ = (Index("ix_merit_rewards_user_kind", "user_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(40))
    awarded_on: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[RecordStatus] = mapped_column(str_enum(RecordStatus, 8), default=RecordStatus.ACTIVE)
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    merit_action_id: Mapped[int | None] = mapped_column(ForeignKey("merit_actions.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class AbsenceRecord(TimestampMixin, Base):
    """Unexcused absence of one person in one calendar year, in working days."""

    __tablename__ = "merit_absences"
    __table_args__ = (
        UniqueConstraint("user_id", "year"),
        CheckConstraint("days >= 0 AND longest_consecutive >= 0", name="non_negative"),
        CheckConstraint("longest_consecutive <= days", name="run_within_total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    year: Mapped[int] = mapped_column(Integer)
    days: Mapped[int] = mapped_column(Integer)
    longest_consecutive: Mapped[int] = mapped_column(Integer, default=0)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))


class UnpaidLeave(Base):
    """A period of unpaid leave (cuti di luar tanggungan negara); it rules out the Satyalancana."""

    __tablename__ = "merit_unpaid_leaves"
    __table_args__ = (CheckConstraint("ends_on IS NULL OR ends_on >= starts_on", name="period_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PotentialAssessment(Base):
    """A potential assessment score (0–100, e.g. from an assessment centre)."""

    __tablename__ = "merit_potential_assessments"
    __table_args__ = (
        Index("ix_merit_potential_user_date", "user_id", "assessed_on"),
        CheckConstraint("score >= 0 AND score <= 100", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    assessed_on: Mapped[date] = mapped_column(Date)
    score: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ProfileSnapshot(Base):
    """The computed 9-box position of a person in a year, refreshed set-wise.

    Merit writes refresh the people they touch; `flask merit recompute` (or the
    recompute job) refreshes a whole agency, e.g. after competency evidence changed.
    """

    __tablename__ = "merit_profile_snapshots"
    __table_args__ = (Index("ix_merit_snapshots_year_box", "year", "box"),)

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    box: Mapped[int | None] = mapped_column(Integer)
    performance: Mapped[Rating | None] = mapped_column(str_enum(Rating, 8))
    potential: Mapped[Potential | None] = mapped_column(str_enum(Potential, 10))
    potential_source: Mapped[str | None] = mapped_column(String(12))
    predicate: Mapped[Predicate | None] = mapped_column(str_enum(Predicate, 20))
    predicate_year: Mapped[int | None] = mapped_column(Integer)
    jpm: Mapped[float | None] = mapped_column(Float)
    jpm_band: Mapped[str | None] = mapped_column(String(30))
    recommendations: Mapped[int] = mapped_column(Integer, default=0)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship()
