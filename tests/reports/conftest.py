"""Report tests: a small organisation with an evaluated employee (English texts unless a test says)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from flask import Flask
from flask_babel import force_locale

from app.competency.services.jp import credit_jp
from app.merit.models import PerformanceEvaluation
from app.org.models import User
from tests.competency.factories import add_evidence, set_standard
from tests.factories import make_position
from tests.merit.factories import Office, make_evaluation, make_office

YEAR = 2026


@pytest.fixture(autouse=True)
def _english(app: Flask, _isolation) -> Iterator[None]:
    with app.test_request_context("/"), force_locale("en"):
        yield


@dataclass
class World:
    office: Office
    evaluation: PerformanceEvaluation

    @property
    def employee(self) -> User:
        return self.office.employee


@pytest.fixture
def world() -> World:
    """An office whose employee has a standard, evidence, 8 JP and a final "Sangat Baik" for 2026."""
    office = make_office()
    for person in vars(office).values():
        if isinstance(person, User):
            person.locale = "en"
    position = make_position()
    set_standard(position, {"M.1": 3, "M.2": 2})
    office.employee.position_id = position.id
    office.colleague.position_id = position.id
    add_evidence(office.employee, "M.1", 2, effective_on=date(2026, 1, 10))
    credit_jp(user_id=office.employee.id, jp=8, on=date(2026, 3, 1), source="external", source_ref="test:1")
    evaluation = make_evaluation(office.employee, str(YEAR), "sangat_baik", evaluator=office.evaluator)
    return World(office, evaluation)
