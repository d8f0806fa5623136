"""Existing list pages download their whole filtered table as CSV or XLSX."""

from __future__ import annotations

import io
from datetime import date

from openpyxl import load_workbook

from app.merit.services.snapshots import refresh_snapshots
from tests.conftest import login
from tests.factories import make_user
from tests.merit.factories import make_assessment
from tests.reports.conftest import YEAR


def xlsx_rows(response) -> list[list]:
    assert response.status_code == 200, response.status_code
    sheet = load_workbook(io.BytesIO(response.data)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_people_list_downloads_with_its_filters(client, world) -> None:
    make_user(unit=world.office.other, name="Zed Outside")
    login(client, world.office.admin)
    rows = xlsx_rows(client.get(f"/people?unit_id={world.office.sub.id}&format=xlsx&page=2"))
    names = [r[1] for r in rows[1:]]
    assert rows[0][:2] == ["NIP", "Name"]
    assert world.employee.name in names and "Zed Outside" not in names and len(names) == 3
    [employee] = [r for r in rows[1:] if r[1] == world.employee.name]
    person = world.employee
    assert employee[2:] == [
        person.username,
        person.email,
        person.unit.name,
        person.position.name,
        "PNS",
        "employee",
        True,
    ]
    make_user(unit=world.office.sub, roles=["hr", "evaluator", "employee"], username="ani.peran")
    [ani] = xlsx_rows(client.get("/people?q=ani.peran&format=xlsx"))[1:]
    assert ani[7] == "employee, evaluator, hr"  # every role, sorted, in one cell


def test_talent_pool_downloads(client, world) -> None:
    make_assessment(world.employee, 90, assessed_on=date(YEAR, 2, 1))
    refresh_snapshots([world.employee.id], [YEAR])
    login(client, world.office.hr)
    text = client.get(f"/merit/talent/pool?year={YEAR}&format=csv").get_data(as_text=True)
    assert world.employee.name in text and text.splitlines()[0].startswith("\ufeffNIP,Name")


def test_jp_compliance_downloads_as_xlsx(client, world) -> None:
    login(client, world.office.hr)
    rows = xlsx_rows(client.get(f"/competency/jp?unit_id={world.office.sub.id}&year={YEAR}&format=xlsx"))
    assert rows[0][:2] == ["nip", "name"] and any(r[1] == world.employee.name for r in rows[1:])


def test_heatmap_downloads_as_xlsx(client, world) -> None:
    login(client, world.office.hr)
    rows = xlsx_rows(client.get(f"/competency/units/{world.office.sub.id}/heatmap.csv?format=xlsx"))
    assert rows[0][:3] == ["nip", "name", "position"]


def test_complaint_list_downloads(client, world) -> None:
    login(client, world.office.hr)
    response = client.get(f"/service/complaints/units/{world.office.unit.id}?format=xlsx")
    assert xlsx_rows(response)[0][0] == "Tracking code"
