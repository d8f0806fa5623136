"""KPI definitions, their targets per period and the values entered by hand."""

from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, TimestampMixin, str_enum
from app.merit.enums import KpiDirection, KpiLevel


class KpiDefinition(TimestampMixin, Base):
    """A SMART KPI: what is measured, in which unit, which way is better, and from where.

    `source` is "manual" (values entered) or the code of a registered computed source.
    """

    __tablename__ = "merit_kpi_definitions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    unit_of_measure: Mapped[str] = mapped_column(String(40))
    direction: Mapped[KpiDirection] = mapped_column(str_enum(KpiDirection, 8), default=KpiDirection.HIGHER)
    level: Mapped[KpiLevel] = mapped_column(str_enum(KpiLevel, 8), default=KpiLevel.PERSON)
    source: Mapped[str] = mapped_column(String(80), default="manual")
    default_target: Mapped[float | None] = mapped_column(Float)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    targets: Mapped[list[KpiTarget]] = relationship(
        cascade="all, delete-orphan", order_by="KpiTarget.period", lazy="selectin"
    )


class KpiTarget(Base):
    """The target of a KPI for one period ("2026" or "2026-Q1")."""

    __tablename__ = "merit_kpi_targets"
    __table_args__ = (UniqueConstraint("kpi_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kpi_id: Mapped[int] = mapped_column(ForeignKey("merit_kpi_definitions.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(7))
    target: Mapped[float] = mapped_column(Float)


class KpiValue(TimestampMixin, Base):
    """An actual value entered for a subject (a person or a unit, by the KPI's level)."""

    __tablename__ = "merit_kpi_values"
    __table_args__ = (
        UniqueConstraint("kpi_id", "period", "subject_id"),
        Index("ix_merit_kpi_values_subject", "subject_id", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kpi_id: Mapped[int] = mapped_column(ForeignKey("merit_kpi_definitions.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(7))
    year: Mapped[int] = mapped_column(Integer)
    subject_id: Mapped[int] = mapped_column(Integer)
    actual: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
