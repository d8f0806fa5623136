"""Signing officials: one per agency (a unit and its sub-units), with optional signature and logo images.

Images are stored by their SHA-256 under `UPLOAD_FOLDER/certificates/images/`, so the image a
certificate was issued with stays available however often it is replaced.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import record_audit
from app.certificates.models import CertificateSigner
from app.certificates.rules import sha256_hex
from app.certificates.services.common import CertificateError
from app.certificates.snapshot import Signer
from app.errors import ForbiddenError
from app.extensions import db
from app.org.models import Unit, User
from app.org.permissions import can_manage_unit
from app.settings.services import get_setting
from app.validation import FieldErrors, clean_name, raise_if_errors

IMAGE_TYPES = {b"\x89PNG\r\n\x1a\n": "image/png", b"\xff\xd8\xff": "image/jpeg"}
MAX_IMAGE_BYTES = 1024 * 1024


def image_type(data: bytes) -> str | None:
    """`image/png` or `image/jpeg` from the first bytes, or None for anything else."""
    return next((mime for magic, mime in IMAGE_TYPES.items() if data.startswith(magic)), None)


def _image_dir() -> Path:
    return Path(current_app.config["UPLOAD_FOLDER"]) / "certificates" / "images"


def store_image(data: bytes) -> str:
    """Keep an image under its hash; returns the hash."""
    digest = sha256_hex(data)
    path = _image_dir() / digest
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return digest


def load_image(digest: str | None) -> bytes | None:
    """The bytes of a stored image, or None (unknown hash, missing file)."""
    if not digest or len(digest) != 64 or not all(c in "0123456789abcdef" for c in digest):
        return None
    path = _image_dir() / digest
    return path.read_bytes() if path.is_file() else None


def _check_image(data: bytes | None, field: str, errors: FieldErrors) -> None:
    if data is None:
        return
    if len(data) > MAX_IMAGE_BYTES:
        errors.add(field, _l("The image is larger than 1 MB."))
    elif image_type(data) is None:
        errors.add(field, _l("Upload a PNG or JPG image."))


def default_signer() -> Signer:
    """The signer from the settings, for people whose agency has none of its own."""
    return Signer(
        name=get_setting("certificates.signer_name"),
        nip=get_setting("certificates.signer_nip"),
        title=get_setting("certificates.signer_title"),
        agency=get_setting("certificates.agency"),
        city=get_setting("certificates.city"),
    )


def signer_row_for(unit: Unit | None) -> CertificateSigner | None:
    """The signer of the nearest unit (the unit itself, then its ancestors) that has one."""
    if unit is None:
        return None
    ancestor_ids = [int(part) for part in unit.path.strip("/").split("/") if part.isdigit()]
    rows = {
        row.unit_id: row
        for row in db.session.scalars(
            select(CertificateSigner).where(CertificateSigner.unit_id.in_(ancestor_ids))
        )
    }
    return next((rows[uid] for uid in reversed(ancestor_ids) if uid in rows), None)


def signer_for(unit: Unit | None) -> Signer:
    """The signing official for a holder in `unit` as plain data (falls back to the settings)."""
    row = signer_row_for(unit)
    if row is None:
        return default_signer()
    return Signer(
        name=row.name,
        nip=row.nip,
        title=row.title,
        agency=row.agency,
        city=row.city,
        signature_sha256=row.signature_sha256,
        logo_sha256=row.logo_sha256,
    )


def save_signer(
    actor: User,
    unit: Unit,
    data: dict[str, Any],
    *,
    signature: bytes | None = None,
    logo: bytes | None = None,
) -> CertificateSigner:
    """Create or change the signing official of `unit`'s agency (audited).

    `data`: agency, name, nip, title, city; `remove_signature` / `remove_logo` drop an image.
    """
    if not can_manage_unit(actor, unit):
        raise ForbiddenError(str(_l("You cannot manage this unit.")))
    errors = FieldErrors()
    cleaned = {
        "agency": clean_name(data.get("agency"), errors, "agency"),
        "name": clean_name(data.get("name"), errors, "name"),
        "title": clean_name(data.get("title"), errors, "title"),
        "city": " ".join(str(data.get("city") or "").split())[:100],
        "nip": str(data.get("nip") or "").strip(),
    }
    if cleaned["nip"] and (not cleaned["nip"].isdigit() or len(cleaned["nip"]) != 18):
        errors.add("nip", _l("A NIP has 18 digits."))
    _check_image(signature, "signature", errors)
    _check_image(logo, "logo", errors)
    raise_if_errors(errors, CertificateError)
    row = db.session.scalar(select(CertificateSigner).where(CertificateSigner.unit_id == unit.id))
    if row is None:
        row = CertificateSigner(unit_id=unit.id)
        db.session.add(row)
    for key, value in cleaned.items():
        setattr(row, key, value)
    if signature is not None:
        row.signature_sha256 = store_image(signature)
    elif data.get("remove_signature"):
        row.signature_sha256 = None
    if logo is not None:
        row.logo_sha256 = store_image(logo)
    elif data.get("remove_logo"):
        row.logo_sha256 = None
    row.updated_by_id = actor.id
    db.session.flush()
    record_audit(
        "certificates.signer_saved",
        actor_id=actor.id,
        subject_type="certificate_signer",
        subject_id=row.id,
        details={"unit_id": unit.id, "name": row.name, "title": row.title},
    )
    return row


def delete_signer(actor: User, row: CertificateSigner) -> None:
    """Remove an agency's signer; its people fall back to the parent agency or the settings."""
    if not can_manage_unit(actor, row.unit):
        raise ForbiddenError(str(_l("You cannot manage this unit.")))
    record_audit(
        "certificates.signer_removed",
        actor_id=actor.id,
        subject_type="certificate_signer",
        subject_id=row.id,
        details={"unit_id": row.unit_id, "name": row.name},
    )
    db.session.delete(row)
    db.session.flush()
