"""Profile snapshots: the computed 9-box position per person and year, refreshed set-wise."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from sqlalchemy import delete, func, insert, select

from app.db import utcnow
from app.extensions import db
from app.merit.models import ProfileSnapshot
from app.merit.recommendations import build_profile
from app.merit.services.inputs import load_inputs
from app.merit.services.talent import in_subtree
from app.merit.settings import merit_settings
from app.org.models import Unit, User

CHUNK = 2000


def refresh_snapshots(user_ids: Iterable[int], years: Sequence[int], *, today: date | None = None) -> int:
    """Recompute and store the snapshots of these people for these years; returns rows written.

    Two writes per call (delete the old rows, insert the new ones in one batch) after
    the bounded reads of `load_inputs`.
    """
    ids = sorted(set(user_ids))
    if not ids or not years:
        return 0
    settings = merit_settings()
    inputs = load_inputs(ids, years, today=today)
    now = utcnow()
    rows = []
    for (user_id, year), data in inputs.items():
        profile = build_profile(data, settings)
        core = profile.core
        rows.append(
            {
                "user_id": user_id,
                "year": year,
                "box": core.box,
                "performance": core.performance,
                "potential": core.potential,
                "potential_source": core.potential_source,
                "predicate": core.predicate,
                "predicate_year": core.predicate_year,
                "jpm": core.jpm,
                "jpm_band": core.jpm_band,
                "recommendations": len(profile.recommendations),
                "computed_at": now,
            }
        )
    db.session.execute(
        delete(ProfileSnapshot).where(ProfileSnapshot.user_id.in_(ids), ProfileSnapshot.year.in_(list(years)))
    )
    if rows:
        db.session.execute(insert(ProfileSnapshot), rows)
    return len(rows)


def recompute_all(
    year: int,
    *,
    unit: Unit | None = None,
    today: date | None = None,
    chunk: int = CHUNK,
    progress: Callable[[int, int, str], None] | None = None,
) -> int:
    """Recompute every active person's snapshot for `year` (or a unit subtree's), `chunk` at a time."""
    scope = in_subtree(unit) if unit is not None else User.active.is_(True)
    total = db.session.scalar(select(func.count(User.id)).where(scope)) or 0
    done, last_id = 0, 0
    while True:
        ids = list(
            db.session.scalars(
                select(User.id).where(User.active.is_(True), User.id > last_id).order_by(User.id).limit(chunk)
            )
        )
        if not ids:
            break
        done += refresh_snapshots(ids, [year], today=today)
        last_id = ids[-1]
        db.session.flush()
        if progress is not None:
            progress(done, total, f"{done}/{total}")
    return done
