"""CSV import of units, positions and people: a dry-run preview, then an all-or-nothing apply.

Each kind validates every row against the database (loaded once, set-wise) and
against the other rows of the same file, so the preview lists every error and
applying a file with errors is refused before anything is written.
"""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from flask_babel import lazy_gettext as _l

from app.audit.services import record_audit
from app.extensions import db
from app.org.csv_format import CsvFormatError, read_csv
from app.org.importing.common import ALIASES, REQUIRED, ImportPreview, OrgImportError, RowResult
from app.org.importing.people import apply_people, validate_people
from app.org.importing.positions import apply_positions, validate_positions
from app.org.importing.units import apply_units, validate_units
from app.org.models import User

__all__ = [
    "ALIASES",
    "REQUIRED",
    "CsvFormatError",
    "ImportPreview",
    "OrgImportError",
    "RowResult",
    "apply_import",
    "discard_upload",
    "preview_import",
    "stash_upload",
    "take_upload",
]

_VALIDATORS = {"units": validate_units, "positions": validate_positions, "people": validate_people}
UPLOAD_LIFETIME_SECONDS = 3600


def preview_import(actor: User, kind: str, raw: bytes) -> ImportPreview:
    """Parse and validate a file without changing anything. Raises `CsvFormatError` for bad files."""
    if kind not in _VALIDATORS:
        raise OrgImportError(
            str(_l("Unknown import kind.")),
            {"kind": [str(_l("Choose units, positions or people."))]},
        )
    table = read_csv(raw, ALIASES[kind], REQUIRED[kind])
    return ImportPreview(kind, _VALIDATORS[kind](actor, table))


def apply_import(actor: User, kind: str, raw: bytes) -> ImportPreview:
    """Validate again and apply every row in the caller's transaction; refuse if any row fails."""
    preview = preview_import(actor, kind, raw)
    if not preview.ok:
        raise OrgImportError(
            str(_l("The file has %(n)s rows with errors; nothing was imported.", n=preview.error_count))
        )
    if kind == "units":
        apply_units(preview.rows)
    elif kind == "positions":
        apply_positions(preview.rows)
    else:
        apply_people(actor, preview.rows)
    record_audit(
        "org.import_applied",
        actor_id=actor.id,
        subject_type=kind,
        details={"created": preview.creates, "updated": preview.updates},
    )
    db.session.flush()
    return preview


def _upload_path(folder: str, user_id: int, token: str) -> Path | None:
    if not token or not token.replace("-", "").replace("_", "").isalnum():
        return None
    return Path(folder) / "imports" / f"{user_id}-{token}.csv"


def stash_upload(folder: str, user_id: int, raw: bytes) -> str:
    """Keep an uploaded file between preview and apply; returns an unguessable token."""
    token = secrets.token_urlsafe(24)
    directory = Path(folder) / "imports"
    directory.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - UPLOAD_LIFETIME_SECONDS
    for old in directory.glob("*.csv"):  # forget abandoned previews
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    (directory / f"{user_id}-{token}.csv").write_bytes(raw)
    return token


def take_upload(folder: str, user_id: int, token: str) -> bytes | None:
    """Read a stashed upload of this user (None if absent or older than an hour)."""
    path = _upload_path(folder, user_id, token)
    if path is None or not path.is_file():
        return None
    if path.stat().st_mtime < time.time() - UPLOAD_LIFETIME_SECONDS:
        path.unlink(missing_ok=True)
        return None
    return path.read_bytes()


def discard_upload(folder: str, user_id: int, token: str) -> None:
    """Delete a stashed upload once it has been applied."""
    path = _upload_path(folder, user_id, token)
    if path is not None:
        path.unlink(missing_ok=True)
