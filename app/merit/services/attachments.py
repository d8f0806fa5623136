"""Discipline attachments: checked by content (PDF, PNG, JPEG), stored under a random name."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.merit.models import SanctionAttachment
from app.settings.services import get_setting
from app.validation import FieldErrors

# Magic numbers of the accepted formats: decision letters are scans or PDFs.
SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
)
MAX_FILES = 5


@dataclass(frozen=True)
class Upload:
    """A file as received: its name and bytes."""

    filename: str
    content: bytes


def check_uploads(
    uploads: list[Upload], errors: FieldErrors, field: str = "attachments"
) -> list[tuple[Upload, str, str]]:
    """Accept PDF, PNG and JPEG files up to the size setting; return (upload, type, suffix)."""
    if len(uploads) > MAX_FILES:
        errors.add(field, _l("Attach at most %(n)s files.", n=MAX_FILES))
        return []
    limit = int(get_setting("merit.attachment_max_mb")) * 1024 * 1024
    accepted = []
    for upload in uploads:
        if not upload.content:
            continue
        if len(upload.content) > limit:
            errors.add(
                field, _l("%(name)s is larger than %(mb)s MB.", name=upload.filename, mb=limit // 1048576)
            )
            continue
        match = next(((t, s) for sig, t, s in SIGNATURES if upload.content.startswith(sig)), None)
        if match is None:
            errors.add(field, _l("%(name)s is not a PDF, PNG or JPEG file.", name=upload.filename))
            continue
        accepted.append((upload, *match))
    return accepted


def store(accepted: list[tuple[Upload, str, str]], actor_id: Any) -> list[SanctionAttachment]:
    """Write the files to the upload folder and return their rows (not yet added)."""
    folder = Path(current_app.config["UPLOAD_FOLDER"]) / "merit"
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for upload, content_type, suffix in accepted:
        stored = secrets.token_hex(16) + suffix
        (folder / stored).write_bytes(upload.content)
        rows.append(
            SanctionAttachment(
                filename=Path(upload.filename).name[:255] or stored,
                stored_name=stored,
                content_type=content_type,
                size=len(upload.content),
                sha256=hashlib.sha256(upload.content).hexdigest(),
                uploaded_by_id=actor_id,
            )
        )
    return rows


def path_of(attachment: SanctionAttachment) -> Path:
    """Where an attachment's bytes are."""
    return Path(current_app.config["UPLOAD_FOLDER"]) / "merit" / attachment.stored_name
