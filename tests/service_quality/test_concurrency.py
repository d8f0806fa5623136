"""Two people moving the same complaint at once: the row lock lets exactly one of them through."""

from __future__ import annotations

import threading

import pytest
from flask import Flask

from app.db import utcnow
from app.errors import ConflictError
from app.extensions import db
from app.security import SYSTEM_ACTOR
from app.service_quality.enums import ComplaintStatus
from app.service_quality.models import Complaint, ComplaintEvent
from app.service_quality.services.complaints import transition_complaint
from tests.factories import make_unit
from tests.service_quality.factories import file


@pytest.mark.committed
@pytest.mark.postgres_only
def test_concurrent_steps_from_the_same_status(app: Flask) -> None:
    complaint_id = file(make_unit()).id
    db.session.commit()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def act(target: str) -> None:
        with app.app_context():
            barrier.wait()
            try:
                transition_complaint(SYSTEM_ACTOR, complaint_id, {"to": target, "note": target}, now=utcnow())
                db.session.commit()
                outcomes.append(target)
            except ConflictError:
                db.session.rollback()
                outcomes.append("409")
            except Exception as exc:  # reported by the assertion below, not lost in the thread
                db.session.rollback()
                outcomes.append(repr(exc))
            finally:
                db.session.remove()

    # Both steps are final, so whichever comes second is refused (409) in either order.
    threads = [threading.Thread(target=act, args=(t,)) for t in ("outside_authority", "archived")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(outcomes) == 2 and sorted(outcomes)[0] == "409", outcomes
    winner = next(o for o in outcomes if o != "409")
    db.session.expire_all()
    complaint = db.session.get(Complaint, complaint_id)
    assert complaint.status is ComplaintStatus(winner)
    steps = db.session.query(ComplaintEvent).filter_by(complaint_id=complaint_id).count()
    assert steps == 2  # received + the winner's step only
