"""External training recorded by HR with a scan of its certificate: JP credit and optional evidence."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record_audit
from app.competency.enums import EvidenceSource
from app.competency.models import Competency, ExternalTraining
from app.competency.permissions import can_manage_external_training
from app.competency.services.common import CompetencyError
from app.competency.services.evidence import record_evidence
from app.competency.services.jp import MAX_JP_PER_CREDIT, credit_jp
from app.competency.services.uploads import check_document, store_document
from app.errors import ForbiddenError
from app.extensions import db
from app.org.models import User
from app.validation import FieldErrors, clean_date, clean_name, raise_if_errors


def _clean(data: dict[str, Any], errors: FieldErrors) -> dict[str, Any]:
    cleaned: dict[str, Any] = {
        "title": clean_name(data.get("title"), errors, "title"),
        "issuer": clean_name(data.get("issuer"), errors, "issuer"),
        "certificate_number": clean_name(data.get("certificate_number"), errors, "certificate_number", 100),
        "note": str(data.get("note") or "").strip()[:2000],
    }
    started = clean_date(data.get("started_on"), errors, "started_on")
    ended = clean_date(data.get("ended_on"), errors, "ended_on")
    for field, value in (("started_on", started), ("ended_on", ended)):
        if value is None and field not in errors:
            errors.add(field, _l("This field is required."))
    if started and ended and ended < started:
        errors.add("ended_on", _l("The end date cannot be before the start date."))
    if ended and ended > date.today():
        errors.add("ended_on", _l("Only finished training can be recorded."))
    try:
        jp = round(float(str(data.get("jp", "")).replace(",", ".")), 2)  # as stored
    except (ValueError, OverflowError):
        jp = 0.0
    if not 0 < jp <= MAX_JP_PER_CREDIT:
        errors.add("jp", _l("Enter JP greater than 0 and at most %(n)s.", n=MAX_JP_PER_CREDIT))
    competency_id = data.get("competency_id") or None
    level = data.get("level") or None
    if competency_id is not None:
        if not isinstance(competency_id, int) or db.session.get(Competency, competency_id) is None:
            errors.add("competency_id", _l("Unknown competency."))
        if not isinstance(level, int) or not 1 <= level <= 5:
            errors.add("level", _l("Choose the level the training shows, from 1 to 5."))
    elif level is not None:
        errors.add("competency_id", _l("Choose the competency the level belongs to."))
    cleaned.update(started_on=started, ended_on=ended, jp=jp, competency_id=competency_id, level=level)
    return cleaned


def record_external_training(
    actor: Any, person: User, data: dict[str, Any], document: tuple[bytes, str] | None
) -> ExternalTraining:
    """Record a training taken elsewhere: store the certificate scan, credit its JP, map it to a competency.

    `data`: title, issuer, certificate_number, started_on, ended_on, jp, note,
    and optionally competency_id + level (recorded as `external_training` evidence).
    The certificate scan (PDF, JPG or PNG) is required. Flushes; audited.
    """
    if not can_manage_external_training(actor, person):
        raise ForbiddenError(str(_l("You cannot record training for this person.")))
    errors = FieldErrors()
    cleaned = _clean(data, errors)
    if document is None:
        errors.add("document", _l("Upload a scan of the certificate."))
    else:
        try:
            check_document(*document)
        except CompetencyError as exc:
            for message in exc.fields.get("document", [exc.message]):
                errors.add("document", message)
    raise_if_errors(errors, CompetencyError)
    stored = store_document(*document)
    training = ExternalTraining(
        user_id=person.id,
        document_path=stored.path,
        document_name=stored.name,
        document_type=stored.content_type,
        recorded_by_id=actor.id,
        **cleaned,
    )
    db.session.add(training)
    db.session.flush()
    reference = f"external:{training.id}"
    credit_jp(
        user_id=person.id,
        jp=training.jp,
        on=training.ended_on,
        source="external_training",
        source_ref=reference,
        recorded_by_id=actor.id,
    )
    if training.competency_id is not None:
        record_evidence(
            user_id=person.id,
            competency_id=training.competency_id,
            level=training.level,
            source=EvidenceSource.EXTERNAL_TRAINING,
            recorded_by_id=actor.id,
            note=f"{training.title} — {training.issuer} ({training.certificate_number})",
            source_ref=reference,
            document_path=stored.path,
            effective_on=training.ended_on,
        )
    record_audit(
        "competency.external_training_recorded",
        actor_id=actor.id,
        subject_type="external_training",
        subject_id=training.id,
        subject_user_id=person.id,
        details={"title": training.title, "issuer": training.issuer, "jp": training.jp},
    )
    return training


def external_trainings_of(person: User) -> list[ExternalTraining]:
    """A person's external training, newest first."""
    return list(
        db.session.scalars(
            select(ExternalTraining)
            .where(ExternalTraining.user_id == person.id)
            .order_by(ExternalTraining.ended_on.desc(), ExternalTraining.id.desc())
        )
    )
