"""Display names of merit codes (one place for templates, notifications and the API)."""

from __future__ import annotations

from typing import Any

from app.merit.enums import DEVELOPMENT_LABELS, SANCTION_LABELS, DevelopmentKind, SanctionKind
from app.merit.settings import reward_kinds


def kind_label(category: Any, kind: str) -> Any:
    """The name of a sanction, reward or development kind (the code itself when unknown)."""
    category = str(getattr(category, "value", category))
    kind = str(getattr(kind, "value", kind))
    if category == "sanction" and kind in {k.value for k in SanctionKind}:
        return SANCTION_LABELS[SanctionKind(kind)]
    if category == "development" and kind in {k.value for k in DevelopmentKind}:
        return DEVELOPMENT_LABELS[DevelopmentKind(kind)]
    if category == "reward":
        return reward_kinds().get(kind, kind)
    return kind
