"""The decision workflow: propose, decide (never the proposer), appeal within the deadline, final."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.errors import ServiceError
from app.extensions import db
from app.merit.enums import ActionStatus, Decision, RecordStatus
from app.merit.models import MeritAction, Reward, Sanction
from app.merit.services.actions import appeal_action, decide_action, decide_appeal, propose_action
from app.merit.transactions import merit_commit
from app.notifications.models import Notification
from tests.merit.factories import make_office


def propose(office, actor=None, **extra):
    data = {
        "user_id": office.employee.id,
        "category": "reward",
        "kind": "pegawai_teladan",
        "reason": "Teladan",
    }
    data.update(extra)
    return propose_action(actor or office.evaluator, data)


def approve(office, action, actor=None, **extra):
    data = {"decision": "approved", "justification": "Sesuai bukti kinerja", **extra}
    return decide_action(actor or office.evaluator2, action.id, data)


def actions_of(subject_id: int) -> list[str]:
    query = select(AuditEntry.action).where(
        AuditEntry.subject_id == subject_id, AuditEntry.subject_type == "merit_action"
    )
    return list(db.session.scalars(query.order_by(AuditEntry.id)))


def test_an_approved_reward_enters_the_record_and_everyone_is_told() -> None:
    office = make_office()
    action = propose(office)
    approve(office, action)
    assert (action.status, action.decision, action.outcome) == (
        ActionStatus.APPROVED,
        Decision.APPROVED,
        Decision.APPROVED,
    )
    reward = db.session.scalar(select(Reward).where(Reward.merit_action_id == action.id))
    assert reward is not None and reward.kind == "pegawai_teladan"
    assert action.appeal_deadline == date.today() + timedelta(days=14)
    told = set(db.session.scalars(select(Notification.user_id)))
    assert {office.employee.id, office.evaluator.id} <= told
    assert actions_of(action.id) == ["merit.action.proposed", "merit.action.decided"]


def test_the_proposer_can_never_decide_and_the_refusal_is_audited() -> None:
    office = make_office()
    action = propose(office)
    db.session.commit()
    with pytest.raises(ServiceError) as caught, merit_commit():
        approve(office, action, actor=office.evaluator)
    assert caught.value.status == 403
    assert actions_of(action.id)[-1] == "merit.action.decision_refused"
    assert db.session.get(MeritAction, action.id).status is ActionStatus.PROPOSED


def test_an_admin_who_proposed_cannot_decide_either() -> None:
    office = make_office()
    action = propose(office, actor=office.admin)
    with pytest.raises(ServiceError) as caught:
        approve(office, action, actor=office.admin)
    assert caught.value.status == 403
    approve(office, action, actor=office.admin2)


def test_a_decision_needs_a_justification_and_a_known_decision() -> None:
    office = make_office()
    action = propose(office)
    for data, field in (
        ({"decision": "approved", "justification": ""}, "justification"),
        ({"decision": "maybe", "justification": "x"}, "decision"),
    ):
        with pytest.raises(ServiceError) as caught:
            decide_action(office.evaluator2, action.id, data)
        assert caught.value.status == 422 and field in caught.value.fields
    approve(office, action)
    with pytest.raises(ServiceError) as caught:
        approve(office, action)
    assert caught.value.status == 409


def test_who_may_propose_and_decide() -> None:
    office = make_office()
    with pytest.raises(ServiceError) as caught:
        propose(office, actor=office.colleague)
    assert caught.value.status == 422  # an employee sees nobody else
    with pytest.raises(ServiceError) as caught:
        propose(office, actor=office.evaluator, user_id=office.evaluator.id)
    assert caught.value.status == 403
    action = propose(office, actor=office.hr)
    with pytest.raises(ServiceError) as caught:
        approve(office, action, actor=office.employee)  # sees it (it is about them), may not decide
    assert caught.value.status == 403
    with pytest.raises(ServiceError) as caught:
        approve(office, action, actor=office.colleague)
    assert caught.value.status == 404


@pytest.mark.parametrize(
    ("category", "kind", "field"),
    [
        ("reward", "teguran_lisan", "kind"),
        ("sanction", "pegawai_teladan", "kind"),
        ("bonus", "x", "category"),
    ],
)
def test_kinds_must_match_their_category(category, kind, field) -> None:
    office = make_office()
    with pytest.raises(ServiceError) as caught:
        propose(office, category=category, kind=kind)
    assert field in caught.value.fields


def test_no_second_open_proposal_of_the_same_kind() -> None:
    office = make_office()
    propose(office)
    with pytest.raises(ServiceError) as caught:
        propose(office, actor=office.hr)
    assert caught.value.status == 409


def test_an_approved_sanction_enters_the_record_and_identical_ones_are_refused() -> None:
    office = make_office()
    action = propose(office, category="sanction", kind="potongan_tukin_6", reason="Absen 12 hari")
    approve(office, action)
    sanction = db.session.scalar(select(Sanction).where(Sanction.merit_action_id == action.id))
    assert sanction.level.value == "sedang" and sanction.ends_on is not None
    with pytest.raises(ServiceError) as caught:
        propose(office, category="sanction", kind="potongan_tukin_6", reason="lagi")
    assert caught.value.status == 409


def test_satyalancana_proposals_need_eligibility() -> None:
    office = make_office()  # appointed 2016-01-04: ten years only from 2026-01-04
    office.employee.appointed_on = date(2020, 1, 1)
    with pytest.raises(ServiceError) as caught:
        propose(office, kind="satyalancana_10")
    assert caught.value.status == 422
    office.employee.appointed_on = date(2010, 1, 1)
    propose(office, kind="satyalancana_10")


def test_appeal_within_the_deadline_then_an_uninvolved_admin_decides() -> None:
    office = make_office()
    action = propose(office, category="sanction", kind="teguran_tertulis", reason="Terlambat")
    approve(office, action)
    with pytest.raises(ServiceError) as caught:
        appeal_action(office.colleague, action.id, "bukan saya")
    assert caught.value.status == 404
    appeal_action(office.employee, action.id, "Saya sakit, ada surat dokter", today=action.appeal_deadline)
    assert action.status is ActionStatus.APPEALED
    with pytest.raises(ServiceError) as caught:
        decide_appeal(office.evaluator2, action.id, {"outcome": "granted", "justification": "x"})
    assert caught.value.status == 403
    decide_appeal(office.admin, action.id, {"outcome": "granted", "justification": "Surat dokter sah"})
    assert (action.status, action.outcome) == (ActionStatus.FINAL, Decision.REJECTED)
    sanction = db.session.scalar(select(Sanction).where(Sanction.merit_action_id == action.id))
    assert sanction.status is RecordStatus.REVOKED
    assert actions_of(action.id)[-2:] == ["merit.action.appealed", "merit.action.appeal_decided"]


def test_a_granted_appeal_against_a_rejection_applies_the_action() -> None:
    office = make_office()
    action = propose(office)
    decide_action(
        office.evaluator2, action.id, {"decision": "rejected", "justification": "Belum cukup bukti"}
    )
    appeal_action(office.employee, action.id, "Bukti terlampir")
    decide_appeal(office.admin, action.id, {"outcome": "granted", "justification": "Bukti cukup"})
    assert action.outcome is Decision.APPROVED
    assert db.session.scalar(select(func.count(Reward.id)).where(Reward.merit_action_id == action.id)) == 1


def test_an_appeal_after_the_deadline_is_refused_and_audited() -> None:
    office = make_office()
    action = propose(office)
    approve(office, action)
    db.session.commit()
    late = action.appeal_deadline + timedelta(days=1)
    with pytest.raises(ServiceError) as caught, merit_commit():
        appeal_action(office.employee, action.id, "terlambat", today=late)
    assert (caught.value.status, caught.value.code) == (409, "deadline_passed")
    assert actions_of(action.id)[-1] == "merit.action.appeal_refused"
    assert db.session.get(MeritAction, action.id).status is ActionStatus.APPROVED


def test_an_admin_involved_in_the_decision_cannot_decide_the_appeal() -> None:
    office = make_office()
    action = propose(office)
    approve(office, action, actor=office.admin)
    appeal_action(office.employee, action.id, "banding")
    with pytest.raises(ServiceError) as caught:
        decide_appeal(office.admin, action.id, {"outcome": "dismissed", "justification": "x"})
    assert caught.value.status == 403
    decide_appeal(office.admin2, action.id, {"outcome": "dismissed", "justification": "Keputusan tetap"})
    assert action.outcome is Decision.APPROVED
