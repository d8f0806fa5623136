"""The content of a certificate, frozen at issue: a plain dict, its canonical JSON and its SHA-256.

Built from plain values (no ORM objects), so the same function serves issuing, tests and
the benchmark. Later edits to the person, the course or the signing official never touch
an issued certificate: pages, PDF and badge are all drawn from this snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from app.certificates.rules import canonical_json, sha256_hex

SNAPSHOT_VERSION = 1


@dataclass(frozen=True)
class Holder:
    """The person as they were at issue."""

    name: str
    nip: str | None = None
    position: str | None = None
    unit: str | None = None


@dataclass(frozen=True)
class CourseFacts:
    """The course and class as they were at issue."""

    code: str
    title: str
    jp: float
    delivery: str = ""
    class_name: str = ""
    starts_on: date | None = None
    ends_on: date | None = None
    location: str = ""
    # (code, name, target level, CASE identifier) per competency the course develops
    competencies: tuple[tuple[str, str, int, str], ...] = ()
    outline: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signer:
    """The signing official and the agency they sign for."""

    name: str
    title: str
    agency: str
    nip: str = ""
    city: str = ""
    signature_sha256: str | None = None
    logo_sha256: str | None = None


@dataclass(frozen=True)
class Issue:
    """What the act of issuing adds: number, code, dates, result, language."""

    number: str
    code: str
    verify_url: str
    issued_on: date
    completed_on: date
    expires_on: date | None = None
    score: float | None = None
    qualification: str | None = None
    language: str = "id"
    annex: bool = True  # print the second page (competencies and outline)
    extra: dict[str, Any] = field(default_factory=dict)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def build_snapshot(issue: Issue, holder: Holder, course: CourseFacts, signer: Signer) -> dict[str, Any]:
    """The snapshot dict (JSON-ready: dates as ISO text, JP and score as rounded floats)."""
    return {
        "version": SNAPSHOT_VERSION,
        "number": issue.number,
        "code": issue.code,
        "verify_url": issue.verify_url,
        "language": "en" if issue.language == "en" else "id",
        "annex": bool(issue.annex),
        "issued_on": _iso(issue.issued_on),
        "completed_on": _iso(issue.completed_on),
        "expires_on": _iso(issue.expires_on),
        "result": {
            "score": round(float(issue.score), 2) if issue.score is not None else None,
            "qualification": issue.qualification,
        },
        "holder": {"name": holder.name, "nip": holder.nip, "position": holder.position, "unit": holder.unit},
        "course": {
            "code": course.code,
            "title": course.title,
            "jp": round(float(course.jp), 2),
            "delivery": course.delivery,
            "class_name": course.class_name,
            "starts_on": _iso(course.starts_on),
            "ends_on": _iso(course.ends_on),
            "location": course.location,
            "competencies": [
                {"code": code, "name": name, "level": int(level), "identifier": identifier}
                for code, name, level, identifier in course.competencies
            ],
            "outline": list(course.outline),
        },
        "signer": {
            "name": signer.name,
            "nip": signer.nip,
            "title": signer.title,
            "agency": signer.agency,
            "city": signer.city,
            "signature_sha256": signer.signature_sha256,
            "logo_sha256": signer.logo_sha256,
        },
        **({"extra": issue.extra} if issue.extra else {}),
    }


def seal(snapshot: dict[str, Any]) -> tuple[str, str]:
    """`(canonical JSON text, its SHA-256)`: the text is stored as is, so the hash can be re-checked."""
    text = canonical_json(snapshot)
    return text, sha256_hex(text)
