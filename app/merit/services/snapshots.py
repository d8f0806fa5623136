"""Profile snapshots: the computed 9-box position per person and year, refreshed set-wise."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from sqlalchemy import Select, delete, func, select

from app.db import utcnow
from app.extensions import db
from app.merit.models import ProfileSnapshot
from app.merit.recommendations import build_profiles
from app.merit.services.inputs import load_inputs
from app.merit.services.talent import in_subtree
from app.merit.settings import merit_settings
from app.org.models import Unit, User

CHUNK = 2000


def refresh_snapshots(
    user_ids: Iterable[int] | Select, years: Sequence[int], *, today: date | None = None
) -> int:
    """Recompute and store the snapshots of these people (ids, or a select of ids) for these
    years; returns rows written.

    Two writes per call (delete the old rows, insert the new ones in one batch) after
    the bounded reads of `load_inputs`.
    """
    ids = user_ids if isinstance(user_ids, Select) else sorted(set(user_ids))
    if (not isinstance(ids, Select) and not ids) or not years:
        return 0
    settings = merit_settings()
    inputs = load_inputs(ids, years, today=today)
    now = utcnow()
    rows = []
    for (user_id, year), profile in zip(inputs, build_profiles(inputs.values(), settings), strict=True):
        core = profile.core
        rows.append(
            {
                "user_id": user_id,
                "year": year,
                "box": core.box,
                "performance": core.performance.value if core.performance else None,
                "potential": core.potential.value if core.potential else None,
                "potential_source": core.potential_source,
                "predicate": core.predicate.value if core.predicate else None,
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
    if rows:  # a Core insert: one batched statement, no per-row ORM bookkeeping
        db.session.execute(ProfileSnapshot.__table__.insert(), rows)
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
        window = select(User.id).where(scope, User.id > last_id).order_by(User.id).limit(chunk)
        last = db.session.scalar(select(func.max(window.subquery().c.id)))
        if last is None:
            break
        # An id range (not a LIMIT subquery) keeps the plans simple for every table joined to it.
        batch = select(User.id).where(scope, User.id > last_id, User.id <= last)
        done += refresh_snapshots(batch, [year], today=today)
        last_id = last
        db.session.flush()
        if progress is not None:
            progress(done, total, f"{done}/{total}")
    return done
