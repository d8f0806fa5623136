"""Concurrent merit writes never duplicate or double-decide (PostgreSQL, real threads, real commits)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.merit.enums import ActionStatus
from app.merit.models import MeritAction, PerformanceEvaluation, Reward, Sanction
from app.merit.services.actions import decide_action, propose_action
from app.merit.services.discipline import record_sanction
from app.merit.services.evaluations import create_evaluation
from app.org.models import User
from tests.concurrency import race
from tests.merit.factories import make_office

pytestmark = [pytest.mark.committed, pytest.mark.postgres_only]


def users(*ids: int) -> list[User]:
    return [db.session.get(User, i) for i in ids]


def test_two_identical_proposals_at_once_make_one(app) -> None:
    office = make_office()
    db.session.commit()
    hr_id, evaluator_id, employee_id = office.hr.id, office.evaluator.id, office.employee.id
    data = {"user_id": employee_id, "category": "reward", "kind": "pegawai_teladan", "reason": "x"}
    outcome = race(
        app,
        [
            lambda: propose_action(users(hr_id)[0], dict(data)),
            lambda: propose_action(users(evaluator_id)[0], dict(data)),
        ],
    )
    assert (outcome.succeeded, outcome.refused, outcome.errors) == (1, [409], [])
    assert db.session.scalar(select(func.count(MeritAction.id))) == 1


def test_two_deciders_at_once_decide_once(app) -> None:
    office = make_office()
    action = propose_action(
        office.hr,
        {"user_id": office.employee.id, "category": "reward", "kind": "pegawai_teladan", "reason": "x"},
    )
    db.session.commit()
    action_id, one, two = action.id, office.evaluator.id, office.evaluator2.id
    decision = {"decision": "approved", "justification": "Layak"}
    outcome = race(
        app,
        [
            lambda: decide_action(users(one)[0], action_id, decision),
            lambda: decide_action(users(two)[0], action_id, decision),
        ],
    )
    assert (outcome.succeeded, outcome.refused, outcome.errors) == (1, [409], [])
    assert db.session.get(MeritAction, action_id).status is ActionStatus.APPROVED
    assert db.session.scalar(select(func.count(Reward.id))) == 1


def test_the_same_sanction_recorded_twice_at_once_is_on_record_once(app) -> None:
    office = make_office()
    db.session.commit()
    hr_id, admin_id, employee_id = office.hr.id, office.admin.id, office.employee.id
    data = {"kind": "potongan_tukin_6", "legal_basis": "PP 94/2021", "decided_on": "2026-03-02"}
    outcome = race(
        app,
        [
            lambda: record_sanction(users(hr_id)[0], users(employee_id)[0], dict(data)),
            lambda: record_sanction(users(admin_id)[0], users(employee_id)[0], dict(data)),
        ],
    )
    assert (outcome.succeeded, outcome.refused, outcome.errors) == (1, [409], [])
    assert db.session.scalar(select(func.count(Sanction.id))) == 1


def test_two_evaluations_for_one_period_at_once(app) -> None:
    office = make_office()
    db.session.commit()
    one, two, employee_id = office.evaluator.id, office.evaluator2.id, office.employee.id
    data = {"user_id": employee_id, "period": "2026", "work_result": "meets", "work_behavior": "meets"}
    outcome = race(
        app,
        [
            lambda: create_evaluation(users(one)[0], dict(data)),
            lambda: create_evaluation(users(two)[0], dict(data)),
        ],
    )
    assert (outcome.succeeded, outcome.refused, outcome.errors) == (1, [409], [])
    assert db.session.scalar(select(func.count(PerformanceEvaluation.id))) == 1
