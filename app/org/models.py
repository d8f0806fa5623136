"""Units (a tree), positions, users and their roles."""

from __future__ import annotations

from datetime import date, datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Base, TimestampMixin, UTCDateTime, str_enum
from app.org.enums import Employment, Tier
from app.security import ROLE_PRIORITY, Role


class Unit(TimestampMixin, Base):
    """An organisational unit. `path` ("/1/4/9/") is the materialised ancestry.

    The path makes "this unit and all its sub-units" one indexed prefix match,
    which set-wise bulk work (assign a course to a unit) depends on.
    """

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"), index=True)
    path: Mapped[str] = mapped_column(String(400), default="/", index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    parent: Mapped[Unit | None] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list[Unit]] = relationship(back_populates="parent")

    @property
    def depth(self) -> int:
        """0 for a root unit, 1 for its children, and so on."""
        return max(self.path.count("/") - 2, 0)

    def __repr__(self) -> str:
        return f"<Unit {self.code}>"


class Position(TimestampMixin, Base):
    """A position (jabatan) with its tier."""

    __tablename__ = "positions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    tier: Mapped[Tier] = mapped_column(str_enum(Tier))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())

    def __repr__(self) -> str:
        return f"<Position {self.code}>"


class UserRole(Base):
    """One role held by one user."""

    __tablename__ = "user_roles"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[Role] = mapped_column(str_enum(Role, 16), primary_key=True)


class User(UserMixin, TimestampMixin, Base):
    """A person who signs in: a civil servant, HR officer, evaluator or admin."""

    __tablename__ = "users"
    __table_args__ = (Index("ix_users_unit_active", "unit_id", "active"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(200), index=True)
    email: Mapped[str] = mapped_column(String(254))
    nip: Mapped[str | None] = mapped_column(String(18), unique=True)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("units.id"))
    position_id: Mapped[int | None] = mapped_column(ForeignKey("positions.id"), index=True)
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    employment: Mapped[Employment] = mapped_column(str_enum(Employment, 8), default=Employment.PNS)
    appointed_on: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    locale: Mapped[str | None] = mapped_column(String(5))
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    unit: Mapped[Unit | None] = relationship(lazy="joined")
    position: Mapped[Position | None] = relationship(lazy="joined")
    supervisor: Mapped[User | None] = relationship(remote_side=[id])
    role_rows: Mapped[list[UserRole]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by=UserRole.role
    )

    @property
    def role_set(self) -> frozenset[Role]:
        """The roles this user holds."""
        return frozenset(Role(r.role) for r in self.role_rows)

    @property
    def roles(self) -> list[Role]:
        """Roles in priority order (admin first)."""
        held = self.role_set
        return [r for r in ROLE_PRIORITY if r in held]

    def has_role(self, *roles: Role) -> bool:
        """True when the user holds any of `roles`."""
        return bool(self.role_set & set(roles))

    def set_roles(self, roles: set[Role]) -> None:
        """Replace the user's roles (unique per user by the primary key)."""
        keep = [r for r in self.role_rows if r.role in roles]
        have = {r.role for r in keep}
        self.role_rows = keep + [UserRole(role=r) for r in sorted(roles - have)]

    @property
    def is_active(self) -> bool:  # Flask-Login: deactivated users cannot sign in
        return self.active

    def get_id(self) -> str:
        """Session identity; bumping `session_version` signs out every other session."""
        return f"{self.id}.{self.session_version}"

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class ApiToken(Base):
    """A bearer token for the API; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
