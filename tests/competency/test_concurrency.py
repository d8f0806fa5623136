"""Concurrent credits and evidence with the same reference never duplicate (PostgreSQL, real threads)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from sqlalchemy import func, select

from app.competency.models import Evidence, JpCredit
from app.competency.services import credit_jp, record_evidence
from app.extensions import db
from tests.competency.factories import fixed
from tests.factories import make_user


def _race(app, work, n: int = 4) -> list[BaseException]:
    barrier = threading.Barrier(n)
    errors: list[BaseException] = []

    def run():
        with app.app_context():
            try:
                barrier.wait()
                work()
                db.session.commit()
            except BaseException as exc:  # collected and asserted on below
                errors.append(exc)
                db.session.rollback()
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


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

    assert _race(app, work) == []
    assert db.session.scalar(select(func.count(JpCredit.id)).where(JpCredit.user_id == person_id)) == 1
    assert db.session.scalar(select(func.count(Evidence.id)).where(Evidence.user_id == person_id)) == 1
