"""Public services, survey elements and responses, complaints and their history, innovations."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, TimestampMixin, UTCDateTime, str_enum, utcnow
from app.org.models import Unit, User
from app.service_quality.enums import (
    AgeBand,
    Category,
    Channel,
    ComplaintStatus,
    Education,
    Gender,
    Occupation,
)


def _status_type(name: str) -> Enum:
    """The complaint status type under a constraint name of its own (two columns share one table)."""
    return Enum(
        ComplaintStatus,
        native_enum=False,
        create_constraint=True,
        length=20,
        validate_strings=True,
        values_callable=lambda members: [m.value for m in members],
        name=name,
    )


class PublicService(TimestampMixin, Base):
    """A public service a unit delivers; `digital` feeds the share-of-digital-services KPI."""

    __tablename__ = "public_services"
    __table_args__ = (UniqueConstraint("unit_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    digital: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    unit: Mapped[Unit] = relationship()


class SurveyElement(Base):
    """A survey element: the nine standard ones (U1–U9, texts in code) or one the agency added.

    `weight` is an exact fraction written as text ("1/9"); active weights sum to 1.
    """

    __tablename__ = "survey_elements"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    standard: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    name: Mapped[str] = mapped_column(String(200), default="")
    question: Mapped[str] = mapped_column(String(500), default="")
    labels: Mapped[str] = mapped_column(String(400), default="")  # four labels joined by "|"
    weight: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class SurveyResponse(Base):
    """One anonymous questionnaire; counted in the period of `submitted_on` (local date)."""

    __tablename__ = "survey_responses"
    __table_args__ = (Index("ix_survey_responses_unit_submitted", "unit_id", "submitted_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("public_services.id"), index=True)
    service_date: Mapped[date] = mapped_column(Date)
    submitted_on: Mapped[date] = mapped_column(Date)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    age_band: Mapped[AgeBand | None] = mapped_column(str_enum(AgeBand, 12))
    gender: Mapped[Gender | None] = mapped_column(str_enum(Gender, 8))
    education: Mapped[Education | None] = mapped_column(str_enum(Education, 12))
    occupation: Mapped[Occupation | None] = mapped_column(str_enum(Occupation, 12))
    suggestion: Mapped[str | None] = mapped_column(Text)

    service: Mapped[PublicService | None] = relationship()


class SurveyAnswer(Base):
    """The 1–4 answer of one response to one element."""

    __tablename__ = "survey_answers"
    __table_args__ = (CheckConstraint("value BETWEEN 1 AND 4", name="value_range"),)

    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_responses.id", ondelete="CASCADE"), primary_key=True
    )
    element_id: Mapped[int] = mapped_column(ForeignKey("survey_elements.id"), primary_key=True, index=True)
    value: Mapped[int] = mapped_column(SmallInteger)


class Complaint(TimestampMixin, Base):
    """A complaint (pengaduan) and where it stands; step timestamps feed deadlines and KPIs."""

    __tablename__ = "complaints"
    __table_args__ = (
        Index("ix_complaints_unit_received", "unit_id", "received_at"),
        Index("ix_complaints_officer_status", "officer_id", "status"),
        Index("ix_complaints_status_due", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_code: Mapped[str] = mapped_column(String(19), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    service_id: Mapped[int | None] = mapped_column(ForeignKey("public_services.id"), index=True)
    channel: Mapped[Channel] = mapped_column(str_enum(Channel, 16))
    category: Mapped[Category] = mapped_column(str_enum(Category, 24))
    text: Mapped[str] = mapped_column(Text)
    service_date: Mapped[date] = mapped_column(Date)
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact: Mapped[str | None] = mapped_column(String(200))
    confidential: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    status: Mapped[ComplaintStatus] = mapped_column(
        str_enum(ComplaintStatus, 20), default=ComplaintStatus.RECEIVED
    )
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answer: Mapped[str | None] = mapped_column(Text)
    due_on: Mapped[date | None] = mapped_column(Date)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    unit: Mapped[Unit] = relationship()
    service: Mapped[PublicService | None] = relationship()
    officer: Mapped[User | None] = relationship(foreign_keys=[officer_id])
    events: Mapped[list[ComplaintEvent]] = relationship(
        back_populates="complaint", order_by="ComplaintEvent.id", cascade="all, delete-orphan"
    )


class ComplaintEvent(Base):
    """One step of a complaint: from → to, the note (internal), an answer (public), who and when."""

    __tablename__ = "complaint_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), index=True)
    from_status: Mapped[ComplaintStatus | None] = mapped_column(_status_type("from_status"))
    to_status: Mapped[ComplaintStatus] = mapped_column(_status_type("to_status"))
    note: Mapped[str] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    complaint: Mapped[Complaint] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id])
    officer: Mapped[User | None] = relationship(foreign_keys=[officer_id])


class ComplaintAttachment(Base):
    """The file sent with a complaint, kept in the database so a refused complaint leaves nothing behind."""

    __tablename__ = "complaint_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaints.id", ondelete="CASCADE"), unique=True)
    filename: Mapped[str] = mapped_column(String(120))
    content_type: Mapped[str] = mapped_column(String(60))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Innovation(TimestampMixin, Base):
    """A service innovation put into practice by a unit (counted by the innovations KPI)."""

    __tablename__ = "service_innovations"
    __table_args__ = (Index("ix_service_innovations_unit_implemented", "unit_id", "implemented_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    implemented_on: Mapped[date] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    unit: Mapped[Unit] = relationship()
