"""Question banks, quizzes and their question sources, attempts with frozen questions, instructors, grants."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.assessments.enums import (
    AttemptStatus,
    GradingMethod,
    MultipleScoring,
    QuestionKind,
    QuizKind,
    QuizLayout,
)
from app.courses.models import Course, Enrollment
from app.db import Base, TimestampMixin, UTCDateTime, str_enum, utcnow
from app.org.models import User


class CourseInstructor(Base):
    """A person HR made an instructor of a course: manages its question bank, quizzes and grading."""

    __tablename__ = "course_instructors"

    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class QuestionCategory(Base):
    """A named group of a course's questions; quizzes draw random questions from a category."""

    __tablename__ = "question_categories"
    __table_args__ = (UniqueConstraint("course_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))


class Question(TimestampMixin, Base):
    """A question of a course's bank. Archived questions stay for the attempts that used them."""

    __tablename__ = "questions"
    __table_args__ = (
        CheckConstraint("points > 0", name="points_positive"),
        Index("ix_questions_course_category", "course_id", "category_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(ForeignKey("question_categories.id"), index=True)
    kind: Mapped[QuestionKind] = mapped_column(str_enum(QuestionKind, 16))
    text: Mapped[str] = mapped_column(Text)
    points: Mapped[float] = mapped_column(Float, default=1.0)
    feedback: Mapped[str] = mapped_column(Text, default="")
    scoring: Mapped[MultipleScoring] = mapped_column(
        str_enum(MultipleScoring, 16), default=MultipleScoring.ALL_OR_NOTHING
    )
    # Short answer: the accepted answers (compared case- and space-insensitively).
    accepted_answers: Mapped[list[Any]] = mapped_column(JSON, default=list)
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    category: Mapped[QuestionCategory] = relationship()
    choices: Mapped[list[Choice]] = relationship(
        back_populates="question", cascade="all, delete-orphan", order_by="Choice.position"
    )

    def __repr__(self) -> str:
        return f"<Question {self.id} {self.kind}>"


class Choice(Base):
    """An answer option of a choice question; `correct` never leaves the server before submission."""

    __tablename__ = "question_choices"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    correct: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    question: Mapped[Question] = relationship(back_populates="choices")


class Quiz(TimestampMixin, Base):
    """A course's test: pre-test (diagnostic), post-test (gates completion) or another quiz."""

    __tablename__ = "quizzes"
    __table_args__ = (
        CheckConstraint("passing_score >= 0 AND passing_score <= 100", name="passing_range"),
        CheckConstraint("max_attempts IS NULL OR max_attempts > 0", name="attempts_positive"),
        CheckConstraint("time_limit_minutes IS NULL OR time_limit_minutes > 0", name="limit_positive"),
        CheckConstraint("closes_at IS NULL OR opens_at IS NULL OR closes_at > opens_at", name="dates_order"),
        # One pre-test and one post-test per course (more plain quizzes are fine).
        Index(
            "uq_quizzes_course_kind",
            "course_id",
            "kind",
            unique=True,
            sqlite_where=text("kind IN ('pre_test', 'post_test')"),
            postgresql_where=text("kind IN ('pre_test', 'post_test')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[QuizKind] = mapped_column(str_enum(QuizKind, 12))
    passing_score: Mapped[float] = mapped_column(Float, default=70.0)
    max_attempts: Mapped[int | None] = mapped_column(Integer)
    time_limit_minutes: Mapped[int | None] = mapped_column(Integer)
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    grading_method: Mapped[GradingMethod] = mapped_column(
        str_enum(GradingMethod, 10), default=GradingMethod.HIGHEST
    )
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    shuffle_choices: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    layout: Mapped[QuizLayout] = mapped_column(str_enum(QuizLayout, 6), default=QuizLayout.ALL)
    show_feedback: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    course: Mapped[Course] = relationship()
    fixed_questions: Mapped[list[QuizQuestion]] = relationship(
        back_populates="quiz", cascade="all, delete-orphan", order_by="QuizQuestion.position"
    )
    draws: Mapped[list[QuizDraw]] = relationship(
        back_populates="quiz", cascade="all, delete-orphan", order_by="QuizDraw.id"
    )

    @property
    def question_ids(self) -> list[int]:
        """The fixed questions' ids, in order."""
        return [fq.question_id for fq in self.fixed_questions]

    def __repr__(self) -> str:
        return f"<Quiz {self.id} {self.kind}>"


class QuizQuestion(Base):
    """A question every attempt of the quiz gets."""

    __tablename__ = "quiz_questions"
    __table_args__ = (
        UniqueConstraint("quiz_id", "question_id"),
        # Positions are 0, 1 … n−1 per quiz; moves swap through a negative spare (services.quizzes).
        UniqueConstraint("quiz_id", "position"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    quiz: Mapped[Quiz] = relationship(back_populates="fixed_questions")
    question: Mapped[Question] = relationship()


class QuizDraw(Base):
    """`count` questions drawn at random from a category for each attempt."""

    __tablename__ = "quiz_draws"
    __table_args__ = (
        UniqueConstraint("quiz_id", "category_id"),
        CheckConstraint("count > 0", name="count_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"))
    category_id: Mapped[int] = mapped_column(
        ForeignKey("question_categories.id", ondelete="CASCADE"), index=True
    )
    count: Mapped[int] = mapped_column(Integer)

    quiz: Mapped[Quiz] = relationship(back_populates="draws")
    category: Mapped[QuestionCategory] = relationship()


class Attempt(Base):
    """One sitting of a quiz by a learner within one enrollment; numbered 1, 2 … per enrollment."""

    __tablename__ = "attempts"
    __table_args__ = (
        # The backstop against parallel starts: each number exists once per quiz and enrollment.
        UniqueConstraint("quiz_id", "enrollment_id", "number"),
        CheckConstraint("number > 0", name="number_positive"),
        Index("ix_attempts_user_quiz", "user_id", "quiz_id"),
        Index("ix_attempts_status_deadline", "status", "deadline_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"))
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[AttemptStatus] = mapped_column(
        str_enum(AttemptStatus, 12), default=AttemptStatus.IN_PROGRESS
    )
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    graded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    closed_automatically: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    earned: Mapped[float | None] = mapped_column(Float)
    possible: Mapped[float] = mapped_column(Float, default=0.0)
    score: Mapped[float | None] = mapped_column(Float)  # percent, set when graded
    passed: Mapped[bool | None] = mapped_column(Boolean)
    # Set when the graders were told about its essays: they are told once per attempt.
    graders_alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    quiz: Mapped[Quiz] = relationship()
    enrollment: Mapped[Enrollment] = relationship()
    user: Mapped[User] = relationship()
    answers: Mapped[list[AttemptAnswer]] = relationship(
        back_populates="attempt", cascade="all, delete-orphan", order_by="AttemptAnswer.position"
    )

    @property
    def open(self) -> bool:
        return self.status == AttemptStatus.IN_PROGRESS


class AttemptAnswer(Base):
    """A question frozen into an attempt (its points and choice order), the learner's answer and its grade."""

    __tablename__ = "attempt_answers"
    __table_args__ = (
        UniqueConstraint("attempt_id", "question_id"),
        Index("ix_attempt_answers_question_graded", "question_id", "awarded"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id", ondelete="CASCADE"))
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"))
    position: Mapped[int] = mapped_column(Integer)
    points: Mapped[float] = mapped_column(Float)
    choice_order: Mapped[list[Any]] = mapped_column(JSON, default=list)
    chosen_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    text_answer: Mapped[str] = mapped_column(Text, default="")
    saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    awarded: Mapped[float | None] = mapped_column(Float)  # None until graded
    comment: Mapped[str] = mapped_column(Text, default="")  # the grader's rubric comment
    graded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    graded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    attempt: Mapped[Attempt] = relationship(back_populates="answers")
    question: Mapped[Question] = relationship()

    @property
    def fraction(self) -> float | None:
        """The share of the question's points earned (None until graded)."""
        if self.awarded is None or self.points <= 0:
            return None
        return self.awarded / self.points


class AttemptGrant(Base):
    """An extra attempt HR granted to one enrollment for one quiz (audited)."""

    __tablename__ = "attempt_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    quiz_id: Mapped[int] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"))
    enrollment_id: Mapped[int] = mapped_column(ForeignKey("enrollments.id", ondelete="CASCADE"), index=True)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(String(500))
    granted_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
