"""Certificates, their yearly number counters and the signing officials per agency."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.certificates.enums import CertificateStatus
from app.certificates.rules import status_of
from app.db import Base, TimestampMixin, UTCDateTime, utcnow
from app.org.models import Unit, User


class Certificate(Base):
    """A certificate (STTP) issued once for one completed enrollment.

    `snapshot_json` is the canonical JSON of what the certificate says, frozen at issue;
    `sha256` is its hash. Everything shown (pages, PDF, badge) comes from the snapshot;
    the foreign keys only serve lists, filters and permissions.
    """

    __tablename__ = "certificates"
    __table_args__ = (
        CheckConstraint("(revoked_at IS NULL) = (revoked_reason IS NULL)", name="revocation_has_reason"),
        Index("ix_certificates_class_issued", "class_id", "issued_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The links may be lost (a course deleted) but the certificate stands on its snapshot.
    enrollment_id: Mapped[int | None] = mapped_column(
        ForeignKey("enrollments.id", ondelete="SET NULL"), unique=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id", ondelete="SET NULL"), index=True)
    class_id: Mapped[int | None] = mapped_column(ForeignKey("course_classes.id", ondelete="SET NULL"))
    number: Mapped[str] = mapped_column(String(80), unique=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    snapshot_json: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_on: Mapped[date | None] = mapped_column(Date, index=True)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_reason: Mapped[str | None] = mapped_column(Text)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    user: Mapped[User] = relationship(foreign_keys=[user_id])

    @property
    def snapshot(self) -> dict[str, Any]:
        """The frozen content as a dict (parsed from the stored canonical text)."""
        cached = self.__dict__.get("_snapshot")
        if cached is None:
            cached = json.loads(self.snapshot_json)
            self.__dict__["_snapshot"] = cached
        return cached

    def status_on(self, today: date) -> CertificateStatus:
        """Valid, revoked or expired on `today`."""
        return status_of(revoked=self.revoked_at is not None, expires_on=self.expires_on, today=today)

    def __repr__(self) -> str:
        return f"<Certificate {self.number}>"


class CertificateCounter(Base):
    """The last sequence number used in a year (row-locked while a number is taken)."""

    __tablename__ = "certificate_counters"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(Integer, default=0)


class CertificateSigner(TimestampMixin, Base):
    """The official who signs the certificates of an agency (a unit and its sub-units).

    Images are stored by content hash, so a new signature never changes a certificate
    issued with the old one.
    """

    __tablename__ = "certificate_signers"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id"), unique=True)
    agency: Mapped[str] = mapped_column(String(200))
    name: Mapped[str] = mapped_column(String(200))
    nip: Mapped[str] = mapped_column(String(18), default="")
    title: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100), default="")
    signature_sha256: Mapped[str | None] = mapped_column(String(64))
    logo_sha256: Mapped[str | None] = mapped_column(String(64))
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    unit: Mapped[Unit] = relationship()
