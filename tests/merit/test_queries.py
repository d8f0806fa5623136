"""Key merit lists run a fixed number of SQL statements, however many rows they show."""

from __future__ import annotations

import pytest

from app.merit.services.actions import propose_action
from app.merit.services.discipline import record_sanction
from app.merit.services.snapshots import refresh_snapshots
from tests.conftest import login
from tests.factories import make_user
from tests.merit.factories import make_assessment, make_evaluation, make_office


def add_people(office, n: int) -> list:
    people = []
    for index in range(n):
        person = make_user(unit=office.sub, supervisor=office.evaluator)
        make_evaluation(person, "2026", "sangat_baik" if index % 2 else "baik", evaluator=office.evaluator)
        make_evaluation(person, "2025", "baik", evaluator=office.evaluator)
        make_assessment(person, 90)
        propose_action(
            office.hr, {"user_id": person.id, "category": "reward", "kind": "pegawai_teladan", "reason": "x"}
        )
        record_sanction(
            office.hr,
            person,
            {"kind": "teguran_lisan", "legal_basis": "PP 94/2021", "decided_on": "2026-01-05"},
        )
        people.append(person)
    refresh_snapshots([p.id for p in people], [2026])
    return people


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("hr", "/merit/talent/units/{unit}/boxes/9?year=2026&per_page=50"),
        ("hr", "/merit/talent/pool?year=2026&per_page=50"),
        ("evaluator2", "/merit/queue?year=2027&per_page=50"),
        ("admin", "/audit/?per_page=50"),
        ("hr", "/merit/talent/units/{unit}?year=2026"),
        ("hr", "/merit/talent/units/{unit}/calibration?period=2026"),
    ],
)
def test_pages_do_not_grow_with_rows(app, count_queries, who, url) -> None:
    office = make_office()
    client = login(app.test_client(), getattr(office, who))
    url = url.format(unit=office.unit.id)
    add_people(office, 2)
    with count_queries:
        assert client.get(url).status_code == 200
    few = count_queries.count
    add_people(office, 12)
    with count_queries:
        assert client.get(url).status_code == 200
    assert count_queries.count == few, url


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/merit-actions?per_page=100",
        "/api/v1/audit?per_page=100",
        "/api/v1/units/{unit}/talent-grid?year=2026",
    ],
)
def test_api_lists_do_not_grow_with_rows(client, api_token, count_queries, url) -> None:
    office = make_office()
    url = url.format(unit=office.unit.id)
    headers = api_token(office.hr)
    add_people(office, 2)
    with count_queries:
        assert client.get(url, headers=headers).status_code == 200
    few = count_queries.count
    add_people(office, 12)
    with count_queries:
        assert client.get(url, headers=headers).status_code == 200
    assert count_queries.count == few, url


def test_the_profile_page_is_bounded(app, count_queries) -> None:
    office = make_office()
    person = add_people(office, 1)[0]
    client = login(app.test_client(), office.hr)
    with count_queries:
        assert client.get(f"/merit/people/{person.id}?year=2026").status_code == 200
    assert count_queries.count < 60, count_queries.count
