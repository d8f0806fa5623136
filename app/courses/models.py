"""Courses with their competencies and prerequisites, classes, enrollments, materials and progress."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.competency.models import Competency
from app.courses.enums import CourseStatus, DeliveryForm, EnrollmentStatus, MaterialKind
from app.db import Base, TimestampMixin, UTCDateTime, str_enum, utcnow
from app.org.models import User

course_prerequisites = Table(
    "course_prerequisites",
    Base.metadata,
    Column("course_id", ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True),
    Column("prerequisite_id", ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True, index=True),
    CheckConstraint("course_id <> prerequisite_id", name="not_self"),
)


class Course(TimestampMixin, Base):
    """A training in the catalog: worth `jp` lesson hours, developing competencies to target levels."""

    __tablename__ = "courses"
    __table_args__ = (
        CheckConstraint("jp > 0", name="jp_positive"),
        CheckConstraint("validity_months IS NULL OR validity_months > 0", name="validity_positive"),
        Index("ix_courses_status_title", "status", "title"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    jp: Mapped[float] = mapped_column(Float)
    delivery: Mapped[DeliveryForm] = mapped_column(str_enum(DeliveryForm, 8), index=True)
    status: Mapped[CourseStatus] = mapped_column(str_enum(CourseStatus, 12), default=CourseStatus.DRAFT)
    validity_months: Mapped[int | None] = mapped_column(Integer)
    # A post-test score of at least 90 % may award the target level + 1 (used by assessments).
    allow_level_above_target: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    competencies: Mapped[list[CourseCompetency]] = relationship(
        back_populates="course", cascade="all, delete-orphan", order_by="CourseCompetency.id"
    )
    prerequisites: Mapped[list[Course]] = relationship(
        secondary=course_prerequisites,
        primaryjoin=lambda: Course.id == course_prerequisites.c.course_id,
        secondaryjoin=lambda: Course.id == course_prerequisites.c.prerequisite_id,
        order_by=lambda: Course.code,
    )
    classes: Mapped[list[CourseClass]] = relationship(
        back_populates="course", cascade="all, delete-orphan", order_by="CourseClass.starts_on"
    )
    materials: Mapped[list[Material]] = relationship(
        back_populates="course", cascade="all, delete-orphan", order_by="Material.position"
    )

    @property
    def published(self) -> bool:
        return self.status == CourseStatus.PUBLISHED

    @property
    def archived(self) -> bool:
        return self.status == CourseStatus.ARCHIVED

    def __repr__(self) -> str:
        return f"<Course {self.code}>"


class CourseCompetency(Base):
    """A competency a course develops, and the level a completion evidences."""

    __tablename__ = "course_competencies"
    __table_args__ = (
        UniqueConstraint("course_id", "competency_id"),
        CheckConstraint("target_level BETWEEN 1 AND 5", name="level_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    competency_id: Mapped[int] = mapped_column(ForeignKey("competencies.id", ondelete="CASCADE"), index=True)
    target_level: Mapped[int] = mapped_column(Integer)

    course: Mapped[Course] = relationship(back_populates="competencies")
    competency: Mapped[Competency] = relationship(lazy="joined")


class CourseClass(TimestampMixin, Base):
    """A class (angkatan) of a course: seats, dates, enrolment deadline and where it meets."""

    __tablename__ = "course_classes"
    __table_args__ = (
        CheckConstraint("capacity > 0", name="capacity_positive"),
        CheckConstraint("ends_on >= starts_on", name="dates_order"),
        CheckConstraint("(cancelled_at IS NULL) = (cancel_reason IS NULL)", name="cancel_has_reason"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    capacity: Mapped[int] = mapped_column(Integer)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    enrol_deadline: Mapped[date | None] = mapped_column(Date)
    location: Mapped[str] = mapped_column(String(200), default="")
    online_url: Mapped[str] = mapped_column(String(500), default="")
    # A cancelled class keeps its rows (history) but takes nobody in; both set together.
    cancelled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cancel_reason: Mapped[str | None] = mapped_column(String(500))

    course: Mapped[Course] = relationship(back_populates="classes")

    @property
    def cancelled(self) -> bool:
        return self.cancelled_at is not None

    def open_on(self, today: date) -> bool:
        """Self-enrolment is open until the deadline (else until the class ends); never once cancelled."""
        last = self.enrol_deadline or self.ends_on
        return not self.cancelled and today <= last

    def __repr__(self) -> str:
        return f"<CourseClass {self.id} {self.name}>"


class Enrollment(Base):
    """One person in one class; a withdrawn person who enrols again reuses the row."""

    __tablename__ = "enrollments"
    __table_args__ = (
        UniqueConstraint("user_id", "class_id"),
        CheckConstraint("progress_percent BETWEEN 0 AND 100", name="progress_range"),
        Index("ix_enrollments_class_status", "class_id", "status", "enrolled_at"),
        Index("ix_enrollments_user_status", "user_id", "status"),
        Index("ix_enrollments_course_user", "course_id", "user_id"),
        Index("ix_enrollments_status_due", "status", "due_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    class_id: Mapped[int] = mapped_column(ForeignKey("course_classes.id", ondelete="CASCADE"))
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    status: Mapped[EnrollmentStatus] = mapped_column(str_enum(EnrollmentStatus, 12))
    due_on: Mapped[date | None] = mapped_column(Date)
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    enrolled_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    progress_percent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    status_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status_note: Mapped[str] = mapped_column(String(500), default="", server_default="")

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    assigned_by: Mapped[User | None] = relationship(foreign_keys=[assigned_by_id])
    course_class: Mapped[CourseClass] = relationship()
    course: Mapped[Course] = relationship()

    def is_overdue(self, today: date) -> bool:
        """Derived flag: the due date has passed and the course is not finished."""
        return (
            self.due_on is not None
            and self.due_on < today
            and self.status in (EnrollmentStatus.ASSIGNED, EnrollmentStatus.ENROLLED)
        )

    def __repr__(self) -> str:
        return f"<Enrollment {self.id} user={self.user_id} class={self.class_id} {self.status}>"


class Material(TimestampMixin, Base):
    """A learning material of a course, in order: text, an external link or an uploaded file."""

    __tablename__ = "course_materials"
    __table_args__ = (Index("ix_course_materials_course_position", "course_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[MaterialKind] = mapped_column(str_enum(MaterialKind, 8))
    body: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(String(500), default="")
    file_path: Mapped[str | None] = mapped_column(String(300))
    file_name: Mapped[str | None] = mapped_column(String(200))
    file_size: Mapped[int | None] = mapped_column(Integer)
    content_type: Mapped[str | None] = mapped_column(String(100))
    required: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    course: Mapped[Course] = relationship(back_populates="materials")


class MaterialProgress(Base):
    """A learner opened (and possibly finished) one material within one enrollment."""

    __tablename__ = "material_progress"
    __table_args__ = (UniqueConstraint("enrollment_id", "material_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id", ondelete="CASCADE"))
    material_id: Mapped[int] = mapped_column(
        ForeignKey("course_materials.id", ondelete="CASCADE"), index=True
    )
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    enrollment: Mapped[Enrollment] = relationship()
    material: Mapped[Material] = relationship()
