"""Performance evaluations: writing, finalising, acknowledging, objecting, deciding objections."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.errors import ServiceError
from app.extensions import db
from app.merit.enums import EvaluationStatus, Predicate
from app.merit.models import PerformanceEvaluation, ProfileSnapshot
from app.merit.services.evaluations import (
    acknowledge_evaluation,
    create_evaluation,
    decide_objection,
    finalise_evaluation,
    object_to_evaluation,
    update_evaluation,
)
from app.merit.transactions import merit_commit
from app.notifications.models import Notification
from tests.merit.factories import make_assessment, make_office


def audit_actions(user_id: int) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEntry.action).where(AuditEntry.subject_user_id == user_id).order_by(AuditEntry.id)
        )
    )


def data(office, **extra):
    values = {
        "user_id": office.employee.id,
        "period": "2026",
        "work_result": "above",
        "work_behavior": "meets",
    }
    values.update(extra)
    return values


def test_an_evaluator_writes_a_draft_with_targets_and_berakhlak_ratings() -> None:
    office = make_office()
    evaluation = create_evaluation(
        office.evaluator,
        data(
            office,
            targets=[
                {
                    "description": "Layanan izin",
                    "indicator": "Izin terbit",
                    "target": "100",
                    "realisation": "96",
                }
            ],
            behaviors={"akuntabel": {"expectation": "Tepat waktu", "rating": "above"}},
        ),
    )
    assert evaluation.predicate is Predicate.BAIK
    assert evaluation.status is EvaluationStatus.DRAFT
    assert [t.realisation for t in evaluation.targets] == ["96"]
    assert len(evaluation.behaviors) == 7
    assert {b.value.value: b.rating for b in evaluation.behaviors}["akuntabel"] == "above"
    assert audit_actions(office.employee.id) == ["merit.evaluation.created"]


@pytest.mark.parametrize(
    ("field", "value"), [("work_result", "excellent"), ("work_behavior", ""), ("period", "2026-Q5")]
)
def test_bad_input_is_refused_with_the_field_named_and_nothing_saved(field, value) -> None:
    office = make_office()
    with pytest.raises(ServiceError) as caught:
        create_evaluation(office.evaluator, data(office, **{field: value}))
    assert caught.value.status == 422
    assert field in caught.value.fields
    assert db.session.scalar(select(func.count(PerformanceEvaluation.id))) == 0


def test_a_second_evaluation_for_the_same_period_is_a_conflict() -> None:
    office = make_office()
    create_evaluation(office.evaluator, data(office))
    with pytest.raises(ServiceError) as caught:
        create_evaluation(office.evaluator, data(office))
    assert caught.value.status == 409
    create_evaluation(office.evaluator, data(office, period="2026-Q1"))


def test_who_may_evaluate() -> None:
    office = make_office()
    with pytest.raises(ServiceError) as caught:
        create_evaluation(office.evaluator, data(office, user_id=office.outsider.id))
    assert (caught.value.status, list(caught.value.fields)) == (422, ["user_id"])
    with pytest.raises(ServiceError) as caught:
        create_evaluation(office.evaluator, data(office, user_id=office.evaluator.id))
    assert caught.value.status == 403
    assert create_evaluation(office.evaluator2, data(office)).evaluator_id == office.evaluator2.id


def test_only_the_writer_changes_a_draft_and_a_final_evaluation_is_frozen() -> None:
    office = make_office()
    evaluation = create_evaluation(office.evaluator, data(office))
    with pytest.raises(ServiceError) as caught:
        update_evaluation(office.evaluator2, evaluation, data(office))
    assert caught.value.status == 403
    update_evaluation(office.evaluator, evaluation, data(office, work_behavior="above"))
    assert evaluation.predicate is Predicate.SANGAT_BAIK
    finalise_evaluation(office.evaluator, evaluation)
    with pytest.raises(ServiceError) as caught:
        update_evaluation(office.evaluator, evaluation, data(office))
    assert caught.value.status == 409


def test_finalising_notifies_the_employee_and_places_them_in_the_grid() -> None:
    office = make_office()
    make_assessment(office.employee, 85)
    evaluation = create_evaluation(office.evaluator, data(office, work_behavior="above", finalise=True))
    assert evaluation.status is EvaluationStatus.FINALISED
    note = db.session.scalar(select(Notification).where(Notification.user_id == office.employee.id))
    assert note is not None and note.link == f"/merit/evaluations/{evaluation.id}"
    snapshot = db.session.get(ProfileSnapshot, (office.employee.id, 2026))
    assert snapshot.box == 9


def test_the_employee_acknowledges() -> None:
    office = make_office()
    evaluation = create_evaluation(office.evaluator, data(office, finalise=True))
    with pytest.raises(ServiceError) as caught:
        acknowledge_evaluation(office.colleague, evaluation)
    assert caught.value.status == 403
    acknowledge_evaluation(office.employee, evaluation)
    assert evaluation.status is EvaluationStatus.ACKNOWLEDGED
    with pytest.raises(ServiceError):
        object_to_evaluation(office.employee, evaluation, "late second thoughts")


def test_objection_within_the_deadline_and_decided_by_the_higher_evaluator() -> None:
    office = make_office()
    evaluation = create_evaluation(office.evaluator, data(office, work_result="below", finalise=True))
    assert evaluation.predicate is Predicate.BUTUH_PERBAIKAN
    with pytest.raises(ServiceError) as caught:
        object_to_evaluation(office.employee, evaluation, "  ")
    assert "reason" in caught.value.fields
    object_to_evaluation(
        office.employee, evaluation, "Target tercapai 96%", today=date.today() + timedelta(days=14)
    )
    assert evaluation.status is EvaluationStatus.OBJECTED
    for wrong in (office.evaluator, office.employee, office.hr):
        with pytest.raises(ServiceError) as caught:
            decide_objection(wrong, evaluation, {"outcome": "dismissed", "justification": "x"})
        assert caught.value.status == 403
    with pytest.raises(ServiceError) as caught:
        decide_objection(office.evaluator2, evaluation, {"outcome": "upheld", "justification": ""})
    assert set(caught.value.fields) >= {"justification", "work_result"}
    decide_objection(
        office.evaluator2,
        evaluation,
        {
            "outcome": "upheld",
            "justification": "Bukti realisasi valid",
            "work_result": "meets",
            "work_behavior": "meets",
        },
    )
    assert (evaluation.status, evaluation.predicate) == (EvaluationStatus.OBJECTION_DECIDED, Predicate.BAIK)
    assert audit_actions(office.employee.id)[-2:] == [
        "merit.evaluation.objected",
        "merit.evaluation.objection_decided",
    ]


def test_a_late_objection_is_refused_and_the_refusal_audited() -> None:
    office = make_office()
    evaluation = create_evaluation(office.evaluator, data(office, finalise=True))
    db.session.commit()  # releases the session's savepoint; the test's transaction still ends in a rollback
    late = date.today() + timedelta(days=15)
    with pytest.raises(ServiceError) as caught, merit_commit():
        object_to_evaluation(office.employee, evaluation, "terlambat", today=late)
    assert (caught.value.status, caught.value.code) == (409, "deadline_passed")
    assert audit_actions(office.employee.id)[-1] == "merit.evaluation.objection_refused"
