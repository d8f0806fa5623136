"""Merit actions: a proposed reward, sanction or development measure and its audited decision."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, TimestampMixin, UTCDateTime, str_enum
from app.merit.enums import ActionCategory, ActionStatus, AppealOutcome, Decision
from app.org.models import User


class MeritAction(TimestampMixin, Base):
    """proposed (by HR or an evaluator) → approved/rejected (by someone else, with a
    justification) → optionally appealed by the employee within the deadline → final
    (the appeal decided by an admin)."""

    __tablename__ = "merit_actions"
    __table_args__ = (
        Index("ix_merit_actions_user_status", "user_id", "status"),
        Index("ix_merit_actions_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    year: Mapped[int] = mapped_column(Integer)
    category: Mapped[ActionCategory] = mapped_column(str_enum(ActionCategory, 12))
    kind: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    source_rule: Mapped[str | None] = mapped_column(String(40))
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[ActionStatus] = mapped_column(str_enum(ActionStatus, 12), default=ActionStatus.PROPOSED)
    proposed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    proposed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    decision: Mapped[Decision | None] = mapped_column(str_enum(Decision, 10))
    justification: Mapped[str | None] = mapped_column(Text)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    appeal_deadline: Mapped[date | None] = mapped_column(Date)
    appeal_reason: Mapped[str | None] = mapped_column(Text)
    appealed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    appeal_outcome: Mapped[AppealOutcome | None] = mapped_column(str_enum(AppealOutcome, 10))
    appeal_justification: Mapped[str | None] = mapped_column(Text)
    appeal_decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    appeal_decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    proposed_by: Mapped[User | None] = relationship(foreign_keys=[proposed_by_id])
    decided_by: Mapped[User | None] = relationship(foreign_keys=[decided_by_id])
    appeal_decided_by: Mapped[User | None] = relationship(foreign_keys=[appeal_decided_by_id])

    @property
    def outcome(self) -> Decision | None:
        """The effective decision: the decider's, reversed when an appeal was granted."""
        if self.decision is None:
            return None
        if self.appeal_outcome is AppealOutcome.GRANTED:
            return Decision.REJECTED if self.decision is Decision.APPROVED else Decision.APPROVED
        return self.decision

    @property
    def is_open(self) -> bool:
        """Waiting for a decision or an appeal decision."""
        return self.status in (ActionStatus.PROPOSED, ActionStatus.APPEALED)
