"""Pure hashing rules of the audit chain."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any


def canonical_json(entry: dict[str, Any]) -> str:
    """Stable JSON: sorted keys, no spaces, UTF-8 text, datetimes in ISO 8601."""

    def default(value: Any) -> str:
        if isinstance(value, datetime):
            return value.isoformat()
        return str(value)

    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=default)


def chain_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    """`SHA-256(prev_hash + canonical JSON of the entry)` as 64 hex digits."""
    return hashlib.sha256((prev_hash + canonical_json(entry)).encode("utf-8")).hexdigest()


def entry_payload(
    *,
    at: datetime,
    actor_id: int | None,
    action: str,
    subject_type: str,
    subject_id: int | None,
    subject_user_id: int | None,
    details: dict[str, Any],
) -> dict[str, Any]:
    """The fields of an entry that the hash covers."""
    return {
        "at": at.isoformat(timespec="microseconds"),
        "actor_id": actor_id,
        "action": action,
        "subject_type": subject_type,
        "subject_id": subject_id,
        "subject_user_id": subject_user_id,
        "details": details,
    }
