"""The KPI computations the merit registry uses, set-wise over many subjects."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import event

from app.extensions import db
from app.service_quality.services.kpis import (
    KPI_SOURCES,
    officer_first_response_hours,
    officer_resolved_within_24h,
    unit_digital_share,
    unit_first_response_hours,
    unit_ikm,
    unit_innovations,
    unit_resolved_within_24h,
)
from tests.factories import make_unit, make_user
from tests.service_quality.factories import (
    at,
    file,
    make_innovation,
    make_response,
    make_service,
    move,
    resolve,
)

Y = 2026
START, END = date(Y, 1, 1), date(Y, 12, 31)
DAY = date(Y, 3, 2)


@pytest.fixture
def setup():
    parent = make_unit()
    unit = make_unit(parent=parent)
    quiet = make_unit()
    officer_a, officer_b, idle = make_user(unit=unit), make_user(unit=unit), make_user(unit=unit)
    received = at(DAY)
    resolve(file(unit, now=received), officer_a, at=received, hours=20)  # within 24 h
    resolve(file(unit, now=received), officer_a, at=received, hours=30)  # not within 24 h
    resolve(file(unit, now=received), officer_b, at=received, hours=10)
    open_one = file(unit, now=received)  # not resolved: counts against
    move(open_one, "verified", now=received + timedelta(hours=4))
    archived = file(unit, now=received)  # archived: not counted at all
    move(archived, "archived", now=received + timedelta(hours=2))
    file(unit, now=at(date(Y - 1, 12, 1)))  # previous year: outside the period
    return parent, unit, quiet, officer_a, officer_b, idle


def test_resolved_within_24_hours_per_unit_and_subtree(setup) -> None:
    parent, unit, quiet, *_ = setup
    values = unit_resolved_within_24h(START, END, [unit.id, parent.id, quiet.id])
    assert values == {unit.id: 50.0, parent.id: 50.0, quiet.id: None}


def test_resolved_within_24_hours_per_officer(setup) -> None:
    *_, officer_a, officer_b, idle = setup
    values = officer_resolved_within_24h(START, END, [officer_a.id, officer_b.id, idle.id])
    # Assigned one hour after receipt: resolution 19 h and 29 h after assignment, and 9 h.
    assert values == {officer_a.id: 50.0, officer_b.id: 100.0, idle.id: None}


def test_average_time_to_first_response(setup) -> None:
    _parent, unit, quiet, officer_a, officer_b, idle = setup
    hours = unit_first_response_hours(START, END, [unit.id, quiet.id])
    assert hours[unit.id] == pytest.approx(1.75, abs=0.01)  # 1, 1, 1, 4 hours
    assert hours[quiet.id] is None
    officer_hours = officer_first_response_hours(START, END, [officer_a.id, officer_b.id, idle.id])
    assert officer_hours[officer_a.id] == pytest.approx(1.0, abs=0.01)
    assert officer_hours[officer_b.id] == pytest.approx(1.0, abs=0.01)
    assert officer_hours[idle.id] is None


def test_ikm_digital_share_and_innovations() -> None:
    parent = make_unit()
    unit = make_unit(parent=parent)
    empty = make_unit()
    make_response(unit, [4] * 9, on=DAY)
    make_response(unit, [3] * 9, on=DAY)
    make_response(unit, [1] * 9, on=date(Y - 1, 6, 1))
    make_service(unit, digital=True)
    make_service(unit, digital=True)
    make_service(unit, digital=False)
    make_service(unit, digital=False, active=False)
    make_service(parent, digital=True)
    make_innovation(unit, DAY)
    make_innovation(parent, date(Y, 11, 30))
    make_innovation(unit, date(Y - 1, 5, 5))
    assert unit_ikm(START, END, [unit.id, parent.id, empty.id]) == {
        unit.id: 87.5,
        parent.id: 87.5,
        empty.id: None,
    }
    shares = unit_digital_share(START, END, [unit.id, parent.id, empty.id])
    assert shares[unit.id] == pytest.approx(66.67, abs=0.01)
    assert shares[parent.id] == 75.0 and shares[empty.id] is None
    assert unit_innovations(START, END, [unit.id, parent.id, empty.id]) == {
        unit.id: 1.0,
        parent.id: 2.0,
        empty.id: 0.0,
    }


def test_every_source_runs_a_fixed_number_of_queries(app) -> None:
    """Adding subjects never adds statements (set-wise)."""
    few = [make_unit() for _ in range(2)]
    many = few + [make_unit() for _ in range(20)]
    people = [make_user(unit=few[0]) for _ in range(20)]

    def count(compute, ids) -> int:
        statements = []
        listener = lambda *args, **kwargs: statements.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            compute(START, END, ids)
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(statements)

    for spec in KPI_SOURCES:
        small, large = ([p.id for p in people[:2]], [p.id for p in people]) if spec.level == "person" else (
            [u.id for u in few], [u.id for u in many])  # fmt: skip
        assert count(spec.compute, small) == count(spec.compute, large), spec.code


def test_sources_describe_themselves() -> None:
    codes = {spec.code for spec in KPI_SOURCES}
    assert codes == {
        "service.resolved_24h", "service.officer_resolved_24h", "service.first_response_hours",
        "service.officer_first_response_hours", "service.ikm", "service.digital_share", "service.innovations",
    }  # fmt: skip
    assert {spec.level for spec in KPI_SOURCES} == {"unit", "person"}
