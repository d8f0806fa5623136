"""Profile, evidence, external training, dictionary and standard pages, as users see them."""

from __future__ import annotations

import io
from datetime import date

from sqlalchemy import select

from app.competency.models import Evidence, ExternalTraining, JpCredit, PositionRequirement
from app.extensions import db
from tests.competency.factories import add_evidence, fixed, make_technical, set_standard
from tests.conftest import login
from tests.factories import make_position, make_unit, make_user


def _person_with_gaps(unit):
    position = make_position()
    set_standard(position, {"M.1": 3, "M.2": 3, "M.3": 2, "SK.1": 2})
    person = make_user(unit=unit, position=position)
    for code, level in {"M.1": 3, "M.2": 2, "M.3": 2, "SK.1": 1}.items():
        add_evidence(person, code, level)
    return person


def test_employee_sees_own_profile_with_gaps_and_jpm(client):
    person = _person_with_gaps(make_unit())
    html = login(client, person).get("/competency/me").get_data(as_text=True)
    assert "80,0" in html or "80.0" in html
    assert "Cukup Optimal" in html
    assert 'data-code="M.2"' in html and "<svg" in html
    assert client.get("/").headers["Location"].endswith("/competency/me")


def test_profiles_of_others_are_404_for_those_who_may_not_see_them(client):
    unit = make_unit()
    person = _person_with_gaps(unit)
    colleague = make_user(unit=unit)
    outsider_hr = make_user(roles=["hr"], unit=make_unit())
    assert login(client, colleague).get(f"/competency/people/{person.id}").status_code == 404
    assert login(client, outsider_hr).get(f"/competency/people/{person.id}").status_code == 404
    evaluator = make_user(roles=["evaluator"], unit=unit)
    assert login(client, evaluator).get(f"/competency/people/{person.id}").status_code == 200


def test_evaluator_override_through_the_form_changes_the_profile(client):
    unit = make_unit()
    person = _person_with_gaps(unit)
    evaluator = make_user(roles=["evaluator"], unit=unit)
    login(client, evaluator)
    form = {"competency_id": fixed("M.2").id, "level": 3, "source": "evaluator", "override": "y", "note": ""}
    response = client.post(f"/competency/people/{person.id}/evidence", data=form)
    assert response.status_code == 422
    assert "justifikasi tertulis" in response.get_data(as_text=True)
    form["note"] = "Leads the cross-unit licensing task force well."
    response = client.post(f"/competency/people/{person.id}/evidence", data=form)
    assert response.status_code == 302
    html = client.get(f"/competency/people/{person.id}").get_data(as_text=True)
    assert "badge-band-optimal" in html and ("90,0" in html or "90.0" in html)
    assert db.session.scalar(select(Evidence).where(Evidence.override.is_(True))).note.startswith("Leads")


def test_hr_records_external_training_with_certificate(client, app):
    unit = make_unit()
    hr = make_user(roles=["hr"], unit=unit)
    person = make_user(unit=unit)
    login(client, hr)
    data = {
        "title": "Pelatihan Pelayanan Prima",
        "issuer": "LAN RI",
        "certificate_number": "LAN/2026/0001",
        "started_on": "2026-01-05",
        "ended_on": "2026-01-07",
        "jp": "24",
        "competency_id": fixed("M.5").id,
        "level": 3,
        "note": "",
    }
    bad = client.post(
        f"/competency/people/{person.id}/external-training/new",
        data={**data, "document": (io.BytesIO(b"GIF89a..."), "scan.gif")},
        content_type="multipart/form-data",
    )
    assert bad.status_code == 422 and db.session.scalar(select(ExternalTraining.id)) is None
    tiny = client.post(  # rounds to 0.00 JP: a field error, never a database error
        f"/competency/people/{person.id}/external-training/new",
        data={**data, "jp": "0,001", "document": (io.BytesIO(b"%PDF-1.4 scan"), "sertifikat.pdf")},
        content_type="multipart/form-data",
    )
    assert tiny.status_code == 422 and db.session.scalar(select(ExternalTraining.id)) is None
    ok = client.post(
        f"/competency/people/{person.id}/external-training/new",
        data={**data, "document": (io.BytesIO(b"%PDF-1.4 scan"), "sertifikat.pdf")},
        content_type="multipart/form-data",
    )
    assert ok.status_code == 302
    training = db.session.scalar(select(ExternalTraining))
    credit = db.session.scalar(select(JpCredit).where(JpCredit.source_ref == f"external:{training.id}"))
    assert credit.jp == 24 and credit.year == 2026
    evidence = db.session.scalar(select(Evidence).where(Evidence.source_ref == f"external:{training.id}"))
    assert evidence.source.value == "external_training" and evidence.level == 3
    html = client.get(f"/competency/people/{person.id}?year=2026").get_data(as_text=True)
    assert "tidak diverifikasi oleh Lentera" in html and "LAN/2026/0001" in html
    scan = client.get(f"/competency/external-training/{training.id}/certificate")
    assert scan.status_code == 200 and scan.data.startswith(b"%PDF") and scan.mimetype == "application/pdf"
    assert (
        login(client, make_user(unit=unit))
        .get(f"/competency/external-training/{training.id}/certificate")
        .status_code
        == 404
    )
    assert (
        login(client, person).get(f"/competency/external-training/{training.id}/certificate").status_code
        == 200
    )


def test_external_training_form_is_404_for_people_hr_does_not_manage(client):
    hr = make_user(roles=["hr"], unit=make_unit())
    person = make_user(unit=make_unit())
    assert login(client, hr).get(f"/competency/people/{person.id}/external-training/new").status_code == 404


def test_dictionary_shows_the_nine_fixed_competencies_with_levels(client):
    login(client, make_user())
    html = client.get("/competencies?per_page=50").get_data(as_text=True)
    for code in ["M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"]:
        assert f">{code}<" in html
    m1 = fixed("M.1")
    detail = client.get(f"/competencies/{m1.id}").get_data(as_text=True)
    assert "Integritas" in detail and m1.levels[0].indicators[0][:30] in detail


def test_hr_adds_and_edits_a_technical_competency_but_not_a_fixed_one(client):
    login(client, make_user(roles=["hr"], unit=make_unit()))
    form = {"code": "T.77", "name": "Analisis Perizinan", "definition": "Menganalisis izin"}
    for i in range(5):
        form[f"levels-{i}-title"] = f"Tingkat {i + 1}"
        form[f"levels-{i}-indicators"] = f"Indikator A{i}\nIndikator B{i}"
    response = client.post("/competencies/new", data=form)
    assert response.status_code == 302
    form["levels-2-title"] = ""
    form["code"] = "T.78"
    assert client.post("/competencies/new", data=form).status_code == 422
    bad_code = {**form, "code": "X.1", "levels-2-title": "ok"}
    assert client.post("/competencies/new", data=bad_code).status_code == 422
    m1 = fixed("M.1")
    assert client.get(f"/competencies/{m1.id}/edit").status_code == 302
    employee = make_user()
    assert login(client, employee).get("/competencies/new").status_code == 403


def test_hr_edits_a_position_standard(client):
    login(client, make_user(roles=["hr"], unit=make_unit()))
    position = make_position()
    t = make_technical()
    data = {f"level-{fixed('M.1').id}": "4", f"level-{t.id}": "2"}
    assert client.post(f"/competency/standards/{position.id}", data=data).status_code == 302
    rows = db.session.execute(
        select(PositionRequirement.competency_id, PositionRequirement.level).where(
            PositionRequirement.position_id == position.id
        )
    ).all()
    assert sorted(rows) == sorted([(fixed("M.1").id, 4), (t.id, 2)])
    bad = client.post(f"/competency/standards/{position.id}", data={f"level-{fixed('M.1').id}": "9"})
    assert bad.status_code == 422
    assert (
        len(
            db.session.scalars(
                select(PositionRequirement).where(PositionRequirement.position_id == position.id)
            ).all()
        )
        == 2
    )
    assert client.get("/competency/standards").status_code == 200


def test_today_is_used_for_the_jp_year_by_default(client):
    person = make_user()
    html = login(client, person).get("/competency/me").get_data(as_text=True)
    assert str(date.today().year) in html
