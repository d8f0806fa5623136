"""Two people moving the same complaint at once: the row lock lets exactly one of them through."""

from __future__ import annotations

import pytest
from flask import Flask

from app.db import utcnow
from app.extensions import db
from app.security import SYSTEM_ACTOR
from app.service_quality.enums import ComplaintStatus
from app.service_quality.models import Complaint, ComplaintEvent
from app.service_quality.services.complaints import transition_complaint
from tests.concurrency import race
from tests.factories import make_unit
from tests.service_quality.factories import file


@pytest.mark.committed
@pytest.mark.postgres_only
def test_concurrent_steps_from_the_same_status(app: Flask) -> None:
    complaint_id = file(make_unit()).id
    db.session.commit()

    def step(target: str):
        def work():
            transition_complaint(SYSTEM_ACTOR, complaint_id, {"to": target, "note": target}, now=utcnow())

        return work

    # Both steps are final, so whichever comes second is refused (409) in either order.
    outcome = race(app, [step("outside_authority"), step("archived")])
    assert (outcome.succeeded, outcome.refused, outcome.errors) == (1, [409], []), outcome
    complaint = db.session.get(Complaint, complaint_id)
    assert complaint.status in {ComplaintStatus.OUTSIDE_AUTHORITY, ComplaintStatus.ARCHIVED}
    steps = db.session.query(ComplaintEvent).filter_by(complaint_id=complaint_id).count()
    assert steps == 2  # received + the winner's step only
