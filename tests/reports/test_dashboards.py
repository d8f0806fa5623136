"""The HR unit dashboard and the agency dashboard: figures, access, downloads, bounded queries."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from app.competency.enums import JpmBand
from app.competency.services.jp import credit_jp
from app.reports.services.dashboard import agency_dashboard, unit_dashboard
from tests.conftest import login
from tests.factories import make_unit, make_user
from tests.merit.factories import make_evaluation
from tests.reports.conftest import YEAR


def test_unit_dashboard_figures(world) -> None:
    board = unit_dashboard(world.office.unit, YEAR)
    total = board.total
    assert total.people == 5  # two evaluators, HR, employee, colleague
    assert total.jp_with_target == 5 and total.jp_reached == 0
    assert total.predicates == {"sangat_baik": 1}
    assert total.average_jpm == 20 and total.jpm_people == 2  # (2 + 0) / 5 and 0 / 5
    assert total.bands[JpmBand.KURANG_OPTIMAL] == 2 and total.average_band is JpmBand.KURANG_OPTIMAL
    assert [r.unit.name for r in board.children] == ["Bidang"]
    assert board.children[0].people == 3
    gaps = {(g.competency.code, g.people_below, g.levels_missing) for g in board.gaps}
    assert gaps == {("M.1", 2, 4), ("M.2", 2, 4)}  # employee 2/3, colleague 0/3; both 0/2 on M.2
    assert board.gap_matrix[(world.office.sub.id, board.gaps[0].competency.id)] < 0
    assert (board.certificates.issued, board.certificates.expiring) == (0, 0)


def test_hr_sees_the_dashboard_of_the_own_unit_and_filters(client, world) -> None:
    login(client, world.office.hr)
    page = client.get(f"/reports/dashboard?year={YEAR}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Unit dashboard" in html and "Dinas" in html and 'data-testid="comparison"' in html
    assert "Show the data as a table" in html  # every chart has its table
    sub = client.get(f"/reports/dashboard?unit_id={world.office.sub.id}&year={YEAR}")
    assert sub.status_code == 200 and "Unit dashboard: Bidang" in sub.get_data(as_text=True)
    assert client.get(f"/reports/dashboard?unit_id={world.office.other.id}").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_dashboard_downloads_the_comparison_with_the_same_filters(client, world, fmt) -> None:
    login(client, world.office.hr)
    response = client.get(f"/reports/dashboard?unit_id={world.office.unit.id}&year={YEAR}&format={fmt}")
    assert response.status_code == 200
    if fmt == "csv":
        lines = response.get_data(as_text=True).lstrip("\ufeff").splitlines()
        assert lines[0].startswith("Unit code,Unit,People") and lines[1].split(",")[1] == "Bidang"
    else:
        sheet = load_workbook(io.BytesIO(response.data)).active
        assert sheet.title == str(YEAR) and sheet["B2"].value == "Bidang" and sheet["C2"].value == 3


def test_agency_dashboard_is_for_admins(client, world) -> None:
    login(client, world.office.hr)
    assert client.get("/reports/agency").status_code == 403
    login(client, world.office.admin)
    page = client.get(f"/reports/agency?year={YEAR}")
    assert page.status_code == 200 and "Dinas" in page.get_data(as_text=True)
    board = agency_dashboard(YEAR)
    names = [r.unit.name for r in board.rows]
    assert "Dinas" in names and "Lain" in names
    dinas = next(r for r in board.rows if r.unit.name == "Dinas")
    assert dinas.people == 5 and dinas.predicates == {"sangat_baik": 1}


def _grow(world, units: int, people: int) -> None:
    for n in range(units):
        unit = make_unit(f"Seksi {n}", parent=world.office.sub)
        for _ in range(people):
            person = make_user(unit=unit)
            make_evaluation(person, str(YEAR), "baik")


def test_dashboard_queries_do_not_grow_with_units_or_people(client, world, count_queries) -> None:
    login(client, world.office.admin)
    url = f"/reports/dashboard?unit_id={world.office.sub.id}&year={YEAR}"
    client.get(url)
    with count_queries:
        assert client.get(url).status_code == 200
    small = count_queries.count
    _grow(world, units=4, people=5)
    with count_queries:
        assert client.get(url).status_code == 200
    assert count_queries.count == small
    assert small <= 40
    agency_url = f"/reports/agency?year={YEAR}"
    with count_queries:
        assert client.get(agency_url).status_code == 200
    agency_small = count_queries.count
    make_unit("Another top")
    with count_queries:
        assert client.get(agency_url).status_code == 200
    assert count_queries.count == agency_small <= 30


def test_trend_over_five_years(world) -> None:
    make_evaluation(world.office.colleague, str(YEAR - 1), "butuh_perbaikan")
    make_evaluation(world.office.colleague, str(YEAR), "baik")
    credit_jp(
        user_id=world.office.colleague.id, jp=20, on=date(YEAR - 1, 5, 1), source="external", source_ref="t:2"
    )
    points = unit_dashboard(world.office.unit, YEAR).trend
    assert [p.year for p in points] == list(range(YEAR - 4, YEAR + 1))
    last, before = points[-1], points[-2]
    assert (last.good_percent, last.evaluated) == (100, 2) and (before.good_percent, before.evaluated) == (
        0,
        1,
    )
    assert (
        before.jp_percent == 20 and last.jp_percent == 0
    )  # 1 of 5 reached 20 JP last year; nobody this year
