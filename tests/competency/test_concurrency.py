"""Concurrent credits and evidence with the same reference never duplicate (PostgreSQL, real threads)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.competency.models import Evidence, JpCredit
from app.competency.services import credit_jp, record_evidence
from app.extensions import db
from tests.competency.factories import fixed
from tests.concurrency import race
from tests.factories import make_user


@pytest.mark.committed
@pytest.mark.postgres_only
def test_concurrent_credits_and_evidence_for_one_reference(app):
    person = make_user()
    competency_id = fixed("M.1").id
    db.session.commit()
    person_id = person.id

    def work():
        credit_jp(user_id=person_id, jp=8, on=date(2026, 3, 1), source="course", source_ref="enrollment:42")
        record_evidence(
            user_id=person_id,
            competency_id=competency_id,
            level=3,
            source="course",
            source_ref="enrollment:42",
        )

    outcome = race(app, [work] * 4)
    assert (outcome.succeeded, outcome.errors) == (4, [])
    assert db.session.scalar(select(func.count(JpCredit.id)).where(JpCredit.user_id == person_id)) == 1
    assert db.session.scalar(select(func.count(Evidence.id)).where(Evidence.user_id == person_id)) == 1
