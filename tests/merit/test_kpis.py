"""KPIs: definitions, targets per period, entered values, computed sources from the registry."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.errors import ServiceError
from app.extensions import db
from app.merit.enums import KpiLevel
from app.merit.kpi_sources import (
    KpiSource,
    all_kpi_sources,
    kpi_source,
    register_kpi_source,
    unregister_kpi_source,
)
from app.merit.models import KpiDefinition
from app.merit.rules import Period
from app.merit.services.kpis import kpi_facts, record_value, save_definition, set_target, unit_kpis
from app.merit.services.profiles import person_profile
from tests.merit.factories import make_office


def definition(actor, **extra):
    data = {
        "code": "KPI-TEPAT",
        "name": "Berkas tepat waktu",
        "unit_of_measure": "%",
        "direction": "higher",
        "level": "person",
        "source": "manual",
        "default_target": "90",
    }
    data.update(extra)
    return save_definition(actor, data)


def test_the_seeds_three_kpis_are_installed() -> None:
    rows = db.session.scalars(select(KpiDefinition).where(KpiDefinition.level == KpiLevel.UNIT)).all()
    assert {r.code for r in rows} >= {"KPI-RESPONSIF", "KPI-DIGITAL", "KPI-INOVASI"}
    assert {r.source for r in rows} >= {
        "service.resolved_24h",
        "service.digital_share",
        "service.innovations",
    }


def test_manual_values_give_achievement_per_period() -> None:
    office = make_office()
    kpi = definition(office.admin)
    set_target(office.admin, kpi, "2026", "80")
    record_value(office.hr, kpi, office.employee.id, "2026", "72")
    record_value(office.hr, kpi, office.employee.id, "2026", "88")  # a correction, not a second value
    [fact] = kpi_facts(KpiLevel.PERSON, [office.employee.id], Period(2026))[office.employee.id]
    assert (fact.target, fact.actual, fact.achievement) == (80.0, 88.0, 110.0)
    assert kpi_facts(KpiLevel.PERSON, [office.employee.id], Period(2025)) == {}
    profile = person_profile(office.employee, 2026)
    assert profile.profile.core.kpi_achievement == 110.0


def test_lower_is_better_inverts_achievement() -> None:
    office = make_office()
    kpi = definition(
        office.admin, code="KPI-WAKTU", direction="lower", unit_of_measure="jam", default_target="24"
    )
    record_value(office.hr, kpi, office.employee.id, "2026", "48")
    [fact] = kpi_facts(KpiLevel.PERSON, [office.employee.id], Period(2026))[office.employee.id]
    assert fact.achievement == 50.0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"code": ""}, "code"),
        ({"direction": "up"}, "direction"),
        ({"level": "team"}, "level"),
        ({"source": "nowhere"}, "source"),
        ({"default_target": "banyak"}, "default_target"),
        ({"code": "KPI-DIGITAL"}, "code"),
    ],
)
def test_bad_definitions(change, field) -> None:
    office = make_office()
    with pytest.raises(ServiceError) as caught:
        definition(office.admin, **change)
    assert field in caught.value.fields


def test_computed_sources_plug_in_through_the_registry() -> None:
    office = make_office()
    calls = []

    def compute(start, end, ids):
        calls.append((start, end, sorted(ids)))
        return {i: 75.0 for i in ids}

    register_kpi_source(KpiSource("test.complaints", "Complaints", "unit", "%", compute))
    try:
        assert kpi_source("test.complaints") in all_kpi_sources()
        kpi = definition(office.admin, code="KPI-UNIT", level="unit", source="test.complaints")
        with pytest.raises(ServiceError):
            record_value(office.hr, kpi, office.unit.id, "2026", "1")  # computed, not entered
        rows = {r["code"]: r for r in unit_kpis(office.unit.id, Period(2026, 1))}
        assert rows["KPI-UNIT"]["actual"] == 75.0 and rows["KPI-UNIT"]["achievement_percent"] == 83.33
        assert calls[-1][0].isoformat() == "2026-01-01" and calls[-1][1].isoformat() == "2026-03-31"
        with pytest.raises(ServiceError) as caught:
            definition(office.admin, code="KPI-P", level="person", source="test.complaints")
        assert "source" in caught.value.fields
    finally:
        unregister_kpi_source("test.complaints")


def test_registry_refuses_bad_sources() -> None:
    with pytest.raises(ValueError):
        register_kpi_source(KpiSource("manual", "x", "unit", "%", lambda s, e, i: {}))
    with pytest.raises(ValueError):
        register_kpi_source(KpiSource("x.y", "x", "team", "%", lambda s, e, i: {}))  # type: ignore[arg-type]
