"""Recording competency evidence: the one entry point for courses and assessments, and manual records."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.audit.services import record_audit
from app.competency.enums import MANUAL_SOURCES, EvidenceSource
from app.competency.models import Competency, Evidence
from app.competency.permissions import can_record_evidence
from app.competency.queries import current_levels
from app.competency.services.common import CompetencyError
from app.competency.services.uploads import store_document
from app.errors import ForbiddenError
from app.extensions import db
from app.org.models import User
from app.validation import FieldErrors, clean_date, raise_if_errors

MIN_JUSTIFICATION = 10
MAX_NOTE = 5000


def _clean_level(value: Any, errors: FieldErrors, field: str = "level") -> int:
    if isinstance(value, bool) or value in (None, ""):
        errors.add(field, _l("Choose a level from 1 to 5."))
        return 0
    try:
        level = int(str(value).strip())
    except ValueError:
        errors.add(field, _l("Choose a level from 1 to 5."))
        return 0
    if not 1 <= level <= 5:
        errors.add(field, _l("Choose a level from 1 to 5."))
    return level


def _clean_source(value: Any, errors: FieldErrors) -> EvidenceSource | None:
    try:
        return EvidenceSource(str(value))
    except ValueError:
        errors.add("source", _l("Choose one of the listed sources."))
        return None


def record_evidence(
    *,
    user_id: int,
    competency_id: int,
    level: int,
    source: EvidenceSource | str,
    recorded_by_id: int | None = None,
    note: str = "",
    expires_on: date | None = None,
    source_ref: str | None = None,
    document_path: str | None = None,
    override: bool = False,
    effective_on: date | None = None,
) -> Evidence:
    """Append one piece of evidence (flushes, never commits) and return it.

    Courses call it on completion (`source="course"`, `source_ref="enrollment:<id>"`),
    assessments on a passed attempt (`"attempt:<id>"`). With a `source_ref` it is
    idempotent: the same person, competency and reference give back the first row.
    An `override` (evaluator only) needs a written justification in `note`.
    """
    errors = FieldErrors()
    level = _clean_level(level, errors)
    clean_source = _clean_source(source, errors)
    note = (note or "").strip()
    if len(note) > MAX_NOTE:
        errors.add("note", _l("Use at most %(n)s characters.", n=MAX_NOTE))
    if override and clean_source is not None and clean_source != EvidenceSource.EVALUATOR:
        errors.add("override", _l("Only an evaluator's rating can override the level."))
    if override and len(note) < MIN_JUSTIFICATION:
        errors.add("note", _l("An override needs a written justification (at least 10 characters)."))
    if source_ref is not None and not (0 < len(str(source_ref)) <= 100):
        errors.add("source_ref", _l("Use at most %(n)s characters.", n=100))
    expires = clean_date(expires_on, errors, "expires_on")
    effective = clean_date(effective_on, errors, "effective_on") or date.today()
    if expires is not None and expires <= effective:
        errors.add("expires_on", _l("The expiry date must be after the date the evidence applies from."))
    if not _exists(Competency, competency_id):
        errors.add("competency_id", _l("Unknown competency."))
    if not _exists(User, user_id):
        errors.add("user_id", _l("Unknown person."))
    raise_if_errors(errors, CompetencyError)
    if source_ref is not None:
        existing = _by_reference(user_id, competency_id, source_ref)
        if existing is not None:
            return existing
    evidence = Evidence(
        user_id=user_id,
        competency_id=competency_id,
        level=level,
        source=clean_source,
        override=bool(override),
        note=note,
        effective_on=effective,
        expires_on=expires,
        source_ref=source_ref,
        document_path=document_path,
        recorded_by_id=recorded_by_id,
    )
    try:
        with db.session.begin_nested():
            db.session.add(evidence)
    except IntegrityError:  # a concurrent call recorded the same reference first
        existing = _by_reference(user_id, competency_id, source_ref) if source_ref else None
        if existing is None:
            raise
        return existing
    return evidence


def _exists(model: type, object_id: Any) -> bool:
    return (
        isinstance(object_id, int)
        and not isinstance(object_id, bool)
        and (db.session.get(model, object_id) is not None)
    )


def _by_reference(user_id: int, competency_id: int, source_ref: str) -> Evidence | None:
    return db.session.scalar(
        select(Evidence).where(
            Evidence.user_id == user_id,
            Evidence.competency_id == competency_id,
            Evidence.source_ref == source_ref,
        )
    )


def record_manual_evidence(
    actor: Any, person: User, data: dict[str, Any], document: tuple[bytes, str] | None = None
) -> Evidence:
    """HR or an evaluator records an assessment, an evaluator rating/override or prior learning.

    `data`: competency_id, level, source, note, override (bool), expires_on.
    `document` is `(bytes, filename)`; prior learning needs one. Every manual
    record is written to the audit log (overrides with their justification).
    """
    errors = FieldErrors()
    source = _clean_source(data.get("source"), errors)
    if source is not None and source not in MANUAL_SOURCES:
        errors.add("source", _l("This source is recorded automatically."))
    if source == EvidenceSource.PRIOR_LEARNING and document is None:
        errors.add("document", _l("Prior learning needs an uploaded document."))
    competency_id = data.get("competency_id")
    if not _exists(Competency, competency_id):
        errors.add("competency_id", _l("Unknown competency."))
    raise_if_errors(errors, CompetencyError)
    if actor.id == person.id:
        raise CompetencyError(
            str(_l("You cannot record evidence about yourself.")),
            {"user_id": [str(_l("You cannot record evidence about yourself."))]},
        )
    if not can_record_evidence(actor, person, source):
        raise ForbiddenError(str(_l("You may not record this kind of evidence for this person.")))
    previous = _current_level(person.id, competency_id)
    stored = store_document(*document) if document is not None else None
    evidence = record_evidence(
        user_id=person.id,
        competency_id=competency_id,
        level=data.get("level"),
        source=source,
        recorded_by_id=actor.id,
        note=data.get("note") or "",
        expires_on=data.get("expires_on"),
        document_path=stored.path if stored else None,
        override=bool(data.get("override")),
    )
    db.session.flush()
    record_audit(
        "competency.override" if evidence.override else "competency.evidence_recorded",
        actor_id=actor.id,
        subject_type="evidence",
        subject_id=evidence.id,
        subject_user_id=person.id,
        details={
            "competency": evidence.competency.code,
            "level": evidence.level,
            "source": evidence.source.value,
            "previous_level": previous,
            "note": evidence.note,
        },
    )
    return evidence


def _current_level(user_id: int, competency_id: int) -> int | None:
    current = current_levels(date.today(), [user_id])
    return db.session.scalar(select(current.c.level).where(current.c.competency_id == competency_id))
