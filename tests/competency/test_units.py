"""Unit heatmap and JP compliance pages: content, sorting, CSV, access and a bounded query count."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from app.competency.services import credit_jp
from app.extensions import db
from tests.competency.factories import add_evidence, set_standard
from tests.conftest import login
from tests.factories import make_position, make_unit, make_user


def _unit_with_people(n: int):
    unit = make_unit(name="Bidang Uji")
    position = make_position()
    set_standard(position, {"M.1": 3, "M.2": 3, "M.3": 2, "SK.1": 2})
    people = []
    for i in range(n):
        person = make_user(unit=unit, position=position, name=f"Pegawai {i:03d}")
        add_evidence(person, "M.1", 1 + i % 3)
        add_evidence(person, "SK.1", 2)
        people.append(person)
    return unit, people


def _count_queries(client, url):
    statements = []

    def count(*args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        response = client.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert response.status_code == 200
    return len(statements), response


def test_heatmap_shows_gaps_and_average_jpm(client):
    unit, _people = _unit_with_people(3)
    hr = make_user(roles=["hr"], unit=unit)
    html = login(client, hr).get(f"/competency/units?unit_id={unit.id}").get_data(as_text=True)
    assert 'id="heatmap"' in html and "Pegawai 000" in html
    assert "1/3" in html and "gap-far-below" in html  # M.1 current 1 of 3
    assert 'data-testid="unit-jpm"' in html
    by_jpm = login(client, hr).get(f"/competency/units?unit_id={unit.id}&sort=-jpm").get_data(as_text=True)
    assert by_jpm.index("Pegawai 002") < by_jpm.index("Pegawai 000")
    csv_text = client.get(f"/competency/units/{unit.id}/heatmap.csv").get_data(as_text=True)
    assert csv_text.splitlines()[0].lstrip("\ufeff").startswith("nip,name,position,jpm,band,M.1")
    assert len(csv_text.strip().splitlines()) == 1 + 4  # three people and the HR officer


def test_heatmap_query_count_does_not_grow_with_people(client):
    small_unit, _ = _unit_with_people(3)
    big_unit, _ = _unit_with_people(40)
    admin = make_user(roles=["admin"], unit=small_unit)
    login(client, admin)
    small, _ = _count_queries(client, f"/competency/units?unit_id={small_unit.id}")
    big, _response = _count_queries(client, f"/competency/units?unit_id={big_unit.id}&per_page=50")
    assert big == small, (small, big)
    assert small <= 16  # the heatmap itself: 7 (see services/heatmap.py); the rest is the page shell
    sorted_by_column, _ = _count_queries(client, f"/competency/units?unit_id={big_unit.id}&competency_id=1")
    assert sorted_by_column == small


def test_heatmap_access(client):
    unit, _ = _unit_with_people(1)
    outsider = make_user(roles=["hr"], unit=make_unit())
    assert login(client, outsider).get(f"/competency/units?unit_id={unit.id}").status_code == 404
    assert client.get(f"/competency/units/{unit.id}/heatmap.csv").status_code == 404
    evaluator = make_user(roles=["evaluator"], unit=unit)
    assert login(client, evaluator).get("/competency/units").status_code == 200
    assert login(client, make_user()).get("/competency/units").status_code == 403


def test_jp_compliance_page(client):
    unit, people = _unit_with_people(4)
    credit_jp(user_id=people[0].id, jp=20, on=date(2026, 4, 1), source="course", source_ref="t:1")
    credit_jp(user_id=people[1].id, jp=30, on=date(2026, 4, 1), source="course", source_ref="t:2")
    hr = make_user(roles=["hr"], unit=unit)
    html = login(client, hr).get(f"/competency/jp?unit_id={unit.id}&year=2026").get_data(as_text=True)
    assert "40" in html and "Pegawai 002" in html and "Pegawai 000" not in html.split('id="below-target"')[1]
    csv_text = client.get(f"/competency/units/{unit.id}/jp.csv?year=2026").get_data(as_text=True)
    assert len(csv_text.strip().splitlines()) == 1 + 3  # two below, plus the HR officer
