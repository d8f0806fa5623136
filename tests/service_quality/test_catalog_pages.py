"""Public services, the innovation register and the survey elements (agency-added, weights summing to 1)."""

from __future__ import annotations

from datetime import timedelta
from fractions import Fraction

from sqlalchemy import select

from app.extensions import db
from app.service_quality.models import Innovation, PublicService, SurveyElement
from app.service_quality.services.clock import local_today
from tests.conftest import login
from tests.factories import make_unit, make_user
from tests.service_quality.factories import make_response


def _weights() -> dict[str, str]:
    db.session.expire_all()  # the requests ran in their own sessions
    return {e.code: e.weight for e in db.session.scalars(select(SurveyElement).where(SurveyElement.active))}


def test_hr_lists_and_withdraws_services(client) -> None:
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    login(client, hr)
    assert (
        client.post(
            f"/service/units/{unit.id}/services", data={"name": "Izin Reklame", "digital": "y"}
        ).status_code
        == 302
    )
    service = db.session.scalar(select(PublicService).where(PublicService.unit_id == unit.id))
    assert service.digital and service.active
    duplicate = client.post(f"/service/units/{unit.id}/services", data={"name": "izin reklame"})
    assert duplicate.status_code == 200 and "sudah memiliki layanan" in duplicate.get_data(as_text=True)
    assert (
        client.post(
            f"/service/public-services/{service.id}/edit", data={"name": "Izin Reklame Baru"}
        ).status_code
        == 302
    )
    assert (
        client.post(f"/service/public-services/{service.id}/active", data={"active": "0"}).status_code == 302
    )
    db.session.refresh(service)
    assert service.name == "Izin Reklame Baru" and not service.digital and not service.active
    other = make_unit()
    assert client.get(f"/service/units/{other.id}/services").status_code == 404


def test_innovations_are_registered_by_managers_only_when_in_practice(client) -> None:
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    login(client, hr)
    data = {"unit_id": str(unit.id), "title": "Antrean daring", "implemented_on": local_today().isoformat(),
            "evidence": "SK Kepala Dinas"}  # fmt: skip
    future = {**data, "implemented_on": (local_today() + timedelta(days=1)).isoformat()}
    assert client.post("/service/innovations/new", data=future).status_code == 200
    assert client.post("/service/innovations/new", data=data).status_code == 302
    innovation = db.session.scalar(select(Innovation).where(Innovation.unit_id == unit.id))
    assert innovation.title == "Antrean daring" and innovation.created_by_id == hr.id
    assert "Antrean daring" in client.get("/service/innovations").get_data(as_text=True)
    outsider = make_user(roles=["hr"], unit=make_unit())
    assert login(client, outsider).get(f"/service/innovations/{innovation.id}/edit").status_code == 404
    assert "Antrean daring" not in client.get("/service/innovations").get_data(as_text=True)


def test_an_agency_adds_an_element_with_weights_summing_to_one(client) -> None:
    admin = make_user(roles=["admin"])
    login(client, admin)
    elements = list(db.session.scalars(select(SurveyElement).where(SurveyElement.active)))
    form = {f"weight_{e.id}": "1/10" for e in elements}
    new = {"new_name": "Kemudahan akses daring", "new_question": "Bagaimana kemudahan akses layanan daring?",
           "new_label_1": "Sulit", "new_label_2": "Kurang mudah", "new_label_3": "Mudah",
           "new_label_4": "Sangat mudah"}  # fmt: skip
    bad = client.post("/service/survey-elements", data={**form, **new, "new_weight": "0.2"})
    assert bad.status_code == 422 and "tepat 1" in bad.get_data(as_text=True)
    assert set(_weights().values()) == {"1/9"}  # nothing changed
    good = client.post("/service/survey-elements", data={**form, **new, "new_weight": "0,1"})
    assert good.status_code == 302
    weights = _weights()
    assert len(weights) == 10 and sum(Fraction(w) for w in weights.values()) == 1
    unit = make_unit()
    page = client.get(f"/survey/{unit.id}").get_data(as_text=True)
    assert "Bagaimana kemudahan akses layanan daring?" in page and page.count('type="radio"') == 40
    make_response(unit, [4] * 9 + [2])
    results = client.get(f"/service/units/{unit.id}/survey").get_data(as_text=True)
    assert "Kemudahan akses daring" in results and "1/10" in results


def test_standard_elements_cannot_be_switched_off_and_only_admins_edit(client) -> None:
    admin = make_user(roles=["admin"])
    login(client, admin)
    elements = list(db.session.scalars(select(SurveyElement).where(SurveyElement.active)))
    form = {f"weight_{e.id}": "1/9" for e in elements}
    assert client.post("/service/survey-elements", data=form).status_code == 302
    bad = client.post("/service/survey-elements", data={**form, f"weight_{elements[0].id}": "abc"})
    assert bad.status_code == 422 and "pecahan" in bad.get_data(as_text=True)
    hr = make_user(roles=["hr"])
    assert login(client, hr).get("/service/survey-elements").status_code == 403


def test_a_non_ascii_name_twice_is_a_field_error_not_a_crash(client) -> None:
    # SQLite's lower() folds ASCII only: "É" must still be found as a duplicate of itself.
    unit = make_unit()
    login(client, make_user(roles=["hr"], unit=unit))
    url = f"/service/units/{unit.id}/services"
    assert client.post(url, data={"name": "Érgonomi Layanan"}).status_code == 302
    again = client.post(url, data={"name": "Érgonomi Layanan"})
    assert again.status_code == 200 and "sudah memiliki layanan" in again.get_data(as_text=True)
    assert len(db.session.scalars(select(PublicService).where(PublicService.unit_id == unit.id)).all()) == 1
