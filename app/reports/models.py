"""Report data kept by this package: the evaluation report's qualitative part, course feedback."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, TimestampMixin, UTCDateTime, utcnow
from app.org.models import User

# The five reaction items of the participant evaluation, in the order the form asks them.
LIKERT_ITEMS = ("relevance", "material", "trainer", "facilities", "usefulness")


class EvaluationNarrative(TimestampMixin, Base):
    """The evaluator's narrative, strengths and areas to improve for one person and year."""

    __tablename__ = "report_narratives"
    __table_args__ = (UniqueConstraint("user_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    year: Mapped[int] = mapped_column(Integer)
    narrative: Mapped[str] = mapped_column(Text, default="")
    strengths: Mapped[str] = mapped_column(Text, default="")
    improvements: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])


class CourseFeedback(Base):
    """A participant's evaluation of a completed course (reaction level): five Likert items and a comment.

    One per enrollment; course and class are copied from the enrollment so that the
    effectiveness report groups without joining through it.
    """

    __tablename__ = "course_feedback"
    __table_args__ = (
        UniqueConstraint("enrollment_id"),
        Index("ix_course_feedback_course_class", "course_id", "class_id"),
        *(CheckConstraint(f"{item} BETWEEN 1 AND 5", name=f"{item}_range") for item in LIKERT_ITEMS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    class_id: Mapped[int] = mapped_column(ForeignKey("course_classes.id", ondelete="CASCADE"))
    relevance: Mapped[int] = mapped_column(Integer)
    material: Mapped[int] = mapped_column(Integer)
    trainer: Mapped[int] = mapped_column(Integer)
    facilities: Mapped[int] = mapped_column(Integer)
    usefulness: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
