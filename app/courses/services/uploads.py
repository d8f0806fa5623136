"""Storing uploaded course materials: allowed types checked by extension and first bytes, a size limit.

Files get random names under `UPLOAD_FOLDER/courses/` and are served only through a
view that checks who may see the course. A replaced or removed file leaves the disk only
after the database commit succeeds, and a new file whose transaction rolls back goes too.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from functools import partial
from pathlib import Path, PurePosixPath

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.courses.services.common import CourseError
from app.settings.services import get_setting
from app.transactions import after_commit, after_rollback

ZIP = b"PK\x03\x04"
# extension -> (content type, magic bytes at the start of the file)
ALLOWED_TYPES: dict[str, tuple[str, bytes]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ZIP),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", ZIP),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ZIP),
}
SUBFOLDER = "courses"


@dataclass(frozen=True)
class StoredFile:
    """A stored material file: path relative to UPLOAD_FOLDER, original name, type and size."""

    path: str
    name: str
    content_type: str
    size: int


def max_material_bytes() -> int:
    """The material size limit in bytes (setting `courses.material_max_mb`)."""
    return int(get_setting("courses.material_max_mb")) * 1024 * 1024


def _refuse(message: str, status: int = 422) -> CourseError:
    return CourseError(message, {"file": [message]}, status=status)


def check_material_file(data: bytes, filename: str) -> tuple[str, str]:
    """Validate an upload; returns `(extension, content type)` or raises `CourseError` on `file`."""
    extension = PurePosixPath((filename or "").lower()).suffix
    if extension not in ALLOWED_TYPES:
        raise _refuse(str(_l("Upload a PDF, Word, PowerPoint, Excel, JPG or PNG file.")))
    if not data:
        raise _refuse(str(_l("The file is empty.")))
    limit = max_material_bytes()
    if len(data) > limit:
        raise _refuse(str(_l("The file is larger than %(n)s MB.", n=limit // (1024 * 1024))), 413)
    content_type, magic = ALLOWED_TYPES[extension]
    if not data.startswith(magic):
        raise _refuse(str(_l("The file's content does not match its type (%(ext)s).", ext=extension)))
    return extension, content_type


def store_material_file(data: bytes, filename: str) -> StoredFile:
    """Check and store a material file under a random name."""
    extension, content_type = check_material_file(data, filename)
    relative = f"{SUBFOLDER}/{secrets.token_hex(16)}{'.jpg' if extension == '.jpeg' else extension}"
    target = Path(current_app.config["UPLOAD_FOLDER"]) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    name = PurePosixPath(filename.replace("\\", "/")).name[:200] or f"materi{extension}"
    return StoredFile(path=relative, name=name, content_type=content_type, size=len(data))


def material_file(relative: str | None) -> Path | None:
    """The absolute path of a stored material, or None if missing or outside the folder."""
    if not relative:
        return None
    root = (Path(current_app.config["UPLOAD_FOLDER"]) / SUBFOLDER).resolve()
    path = (Path(current_app.config["UPLOAD_FOLDER"]) / relative).resolve()
    if root not in path.parents or not path.is_file():
        return None
    return path


def delete_after_commit(relative: str | None) -> None:
    """Remove a stored file once the transaction commits; a rollback keeps it (the row still uses it)."""
    if relative:
        after_commit(partial(_remove, relative))


def delete_after_rollback(relative: str | None) -> None:
    """Remove a newly stored file if its transaction rolls back (no row will ever point at it)."""
    if relative:
        after_rollback(partial(_remove, relative))


def _remove(relative: str) -> None:
    path = material_file(relative)
    if path is None:
        return
    try:
        path.unlink()
    except OSError:
        current_app.logger.exception("Could not remove the material file %s", relative)
