"""The service KPIs reach merit: registered sources, the unit KPI API and an officer's merit profile."""

from __future__ import annotations

from app.merit.kpi_sources import all_kpi_sources, kpi_source
from app.service_quality.services.clock import local_today
from app.service_quality.services.kpis import KPI_SOURCES
from tests.conftest import login
from tests.factories import make_unit, make_user
from tests.service_quality.factories import file, make_innovation, make_response, make_service, resolve


def test_every_source_is_registered_with_merit() -> None:
    registered = {source.code for source in all_kpi_sources()}
    assert {source.code for source in KPI_SOURCES} <= registered
    assert kpi_source("service.resolved_24h").level == "unit"
    assert kpi_source("service.officer_resolved_24h").level == "person"


def _data(unit, officer) -> None:
    """Two complaints (one resolved in 3 hours), two services (one digital), an innovation, IKM 87.5."""
    now = local_today()
    file(unit)
    resolved = file(unit)
    resolve(resolved, officer, at=resolved.received_at, hours=3)
    make_service(unit, digital=True)
    make_service(unit, digital=False)
    make_innovation(unit, now)
    make_response(unit, [4] * 9)
    make_response(unit, [3] * 9)


def test_merit_unit_kpis_take_the_computed_actuals(client, api_token) -> None:
    unit = make_unit()
    officer = make_user(unit=unit)
    _data(unit, officer)
    hr = make_user(roles=["hr"], unit=unit)
    response = client.get(f"/api/v1/units/{unit.id}/kpis?year={local_today().year}", headers=api_token(hr))
    assert response.status_code == 200
    items = {item["code"]: item for item in response.json["items"]}
    assert items["KPI-RESPONSIF"]["actual"] == 50.0  # one of two complaints resolved within 24 h
    assert items["KPI-DIGITAL"]["actual"] == 50.0
    assert items["KPI-INOVASI"]["actual"] == 1.0
    assert items["KPI-IKM"]["actual"] == 87.5 and items["KPI-IKM"]["target"] == 76.61
    assert items["KPI-IKM"]["achievement_percent"] == round(87.5 / 76.61 * 100, 2)
    assert items["KPI-TANGGAP"]["actual"] is not None


def test_an_officers_merit_profile_counts_the_complaints_assigned_to_them(client, api_token) -> None:
    unit = make_unit()
    officer = make_user(unit=unit)
    _data(unit, officer)
    admin = make_user(roles=["admin"], unit=unit)
    profile = client.get(
        f"/api/v1/users/{officer.id}/merit-profile?year={local_today().year}", headers=api_token(admin)
    )
    assert profile.status_code == 200
    kpis = {k["code"]: k for k in profile.json["kpis"]}
    assert kpis["KPI-RESPONSIF-ASN"]["actual"] == 100.0


def test_the_service_kpi_page_shows_targets_from_merit(client) -> None:
    unit = make_unit()
    officer = make_user(unit=unit)
    _data(unit, officer)
    hr = make_user(roles=["hr"], unit=unit)
    page = (
        login(client, hr)
        .get(f"/service/units/{unit.id}/kpis?period={local_today().year}")
        .get_data(as_text=True)
    )
    assert "KPI-IKM" in page and "87,50" in page and "76,61" in page
