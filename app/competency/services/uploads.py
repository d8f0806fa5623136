"""Storing uploaded documents (certificate scans, prior-learning proof) safely.

Only PDF, JPEG and PNG are accepted, checked by extension *and* by the file's
first bytes; the size limit is a setting. Files get random names under
`UPLOAD_FOLDER/competency/` and are only ever served through views that check
who may see the person they belong to.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.competency.services.common import CompetencyError
from app.settings.services import get_setting

# extension -> (content type, magic bytes at the start of the file)
ALLOWED_TYPES: dict[str, tuple[str, bytes]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
}
SUBFOLDER = "competency"


@dataclass(frozen=True)
class StoredDocument:
    """A stored upload: its path relative to UPLOAD_FOLDER, original name and content type."""

    path: str
    name: str
    content_type: str


def max_upload_bytes() -> int:
    """The upload size limit in bytes (setting `competency.upload_max_mb`)."""
    return int(get_setting("competency.upload_max_mb")) * 1024 * 1024


def check_document(data: bytes, filename: str, field: str = "document") -> tuple[str, str]:
    """Validate an upload; returns `(extension, content type)` or raises `CompetencyError`."""
    extension = PurePosixPath((filename or "").lower()).suffix
    if extension not in ALLOWED_TYPES:
        raise CompetencyError(
            str(_l("Upload a PDF, JPG or PNG file.")),
            {field: [str(_l("Upload a PDF, JPG or PNG file."))]},
        )
    if not data:
        raise CompetencyError(str(_l("The file is empty.")), {field: [str(_l("The file is empty."))]})
    limit = max_upload_bytes()
    if len(data) > limit:
        message = str(_l("The file is larger than %(n)s MB.", n=limit // (1024 * 1024)))
        raise CompetencyError(message, {field: [message]}, status=413)
    content_type, magic = ALLOWED_TYPES[extension]
    if not data.startswith(magic):
        message = str(_l("The file's content does not match its type (%(ext)s).", ext=extension))
        raise CompetencyError(message, {field: [message]})
    return extension, content_type


def store_document(data: bytes, filename: str, field: str = "document") -> StoredDocument:
    """Check and store an uploaded document under a random name; returns where it went."""
    extension, content_type = check_document(data, filename, field)
    relative = f"{SUBFOLDER}/{secrets.token_hex(16)}{'.jpg' if extension == '.jpeg' else extension}"
    target = Path(current_app.config["UPLOAD_FOLDER"]) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    name = PurePosixPath(filename.replace("\\", "/")).name[:200] or f"document{extension}"
    return StoredDocument(path=relative, name=name, content_type=content_type)


def document_file(relative: str) -> Path | None:
    """The absolute path of a stored document, or None if it is missing or outside the folder."""
    root = (Path(current_app.config["UPLOAD_FOLDER"]) / SUBFOLDER).resolve()
    path = (Path(current_app.config["UPLOAD_FOLDER"]) / relative).resolve()
    if root not in path.parents or not path.is_file():
        return None
    return path


def content_type_of(relative: str) -> str:
    """The content type of a stored document, from its (checked) extension."""
    return ALLOWED_TYPES.get(PurePosixPath(relative).suffix, ("application/octet-stream", b""))[0]
