"""Unit-subtree totals: aggregate once per unit in SQL, then add each unit's row to its ancestors.

Joining every subject unit to every unit below it by a path prefix makes the database
aggregate the same rows once per ancestor (and SQLite plans it badly); grouping by the
unit's own path and adding the sums up the materialised path ("/1/4/9/" → 1, 4, 9) gives
the same totals from one pass over the data, whatever the number of subject units.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from typing import Any

from sqlalchemy import false, or_, select, true

from app.extensions import db
from app.org.models import Unit


def ancestor_ids(path: str) -> list[int]:
    """The ids on a materialised path, root first, the unit itself last."""
    return [int(part) for part in path.strip("/").split("/") if part]


def roll_up(
    subject_ids: Iterable[int], rows: Iterable[Sequence[Any]], *, keyed: bool = False
) -> dict[Any, list[float]]:
    """Sum per-unit rows into each subject unit that contains them.

    Rows are `(unit path, *numbers)`, or `(unit path, key, *numbers)` with `keyed=True`
    (then the result is keyed by `(subject id, key)`). Subjects without rows are absent.
    """
    subjects = set(subject_ids)
    totals: dict[Any, list[float]] = {}
    for row in rows:
        path, rest = row[0], list(row[1:])
        key: Hashable | None = rest.pop(0) if keyed else None
        for unit_id in ancestor_ids(path):
            if unit_id not in subjects:
                continue
            slot = (unit_id, key) if keyed else unit_id
            current = totals.setdefault(slot, [0.0] * len(rest))
            for index, value in enumerate(rest):
                current[index] += float(value or 0)
    return totals


MAX_PREFIXES = 50


def top_paths(paths: Iterable[str]) -> list[str]:
    """The paths not inside another one of them (the subtrees that cover all the others)."""
    tops: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(top) for top in tops):
            tops.append(path)
    return tops


def subtrees_condition(unit_ids: Sequence[int]) -> Any:
    """SQL condition on `Unit`: within the subtree of any of these units (true for many scattered ones).

    Limits the per-unit aggregation to the rows that can count; with more than
    `MAX_PREFIXES` separate subtrees a full pass is cheaper than a long OR.
    """
    paths = db.session.scalars(select(Unit.path).where(Unit.id.in_(unit_ids))).all()
    tops = top_paths(paths)
    if not tops:
        return false()
    if len(tops) > MAX_PREFIXES:
        return true()
    return or_(*(Unit.path.startswith(path, autoescape=True) for path in tops))
