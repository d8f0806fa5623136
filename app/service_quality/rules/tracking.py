"""Complaint tracking codes: 80 random bits in Crockford base32, forgiving when typed back."""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
GROUPS, GROUP_SIZE = 4, 4
CODE_LENGTH = GROUPS * GROUP_SIZE + GROUPS - 1  # with the hyphens
_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def new_tracking_code() -> str:
    """A fresh code like `7KQ2-M9XD-3FHT-W8AB` from a cryptographic source (80 bits)."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_SIZE))
    return "-".join(chars[i : i + GROUP_SIZE] for i in range(0, len(chars), GROUP_SIZE))


def normalise_tracking_code(text: str | None) -> str | None:
    """The canonical form of a typed code (case, spaces, hyphens, O/0 and I/L/1 forgiven); None if invalid."""
    raw = "".join(ch for ch in (text or "").upper() if ch not in " -\t").translate(_CONFUSABLE)
    if len(raw) != GROUPS * GROUP_SIZE or any(ch not in ALPHABET for ch in raw):
        return None
    return "-".join(raw[i : i + GROUP_SIZE] for i in range(0, len(raw), GROUP_SIZE))
