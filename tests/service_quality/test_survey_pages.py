"""The public survey on its page: answering, the honeypot, bad input, and the staff's results pages."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO

from flask import Flask
from openpyxl import load_workbook
from sqlalchemy import func, select

from app.extensions import db
from app.service_quality.models import SurveyAnswer, SurveyElement, SurveyResponse
from app.service_quality.services.clock import local_today
from tests.conftest import login
from tests.factories import make_unit, make_user
from tests.service_quality.factories import make_response, make_service


def _element_ids() -> list[int]:
    return list(
        db.session.scalars(
            select(SurveyElement.id).where(SurveyElement.active).order_by(SurveyElement.position)
        )
    )


def _form(values: list[int | None], **extra) -> dict:
    data = {"service_date": local_today().isoformat(), "service_id": "0", **extra}
    for element_id, value in zip(_element_ids(), values, strict=True):
        if value is not None:
            data[f"q_{element_id}"] = str(value)
    return data


def _count() -> int:
    return db.session.scalar(select(func.count(SurveyResponse.id)))


def test_the_form_shows_nine_questions_with_indonesian_labels(client, app: Flask) -> None:
    unit = make_unit("Dinas Perizinan")
    make_service(unit, name="Izin Reklame")
    page = client.get(f"/survey/{unit.id}").get_data(as_text=True)
    assert "Dinas Perizinan" in page and "Izin Reklame" in page
    assert page.count('type="radio"') == 36
    for label in ["Tidak sesuai", "Sangat sesuai", "Sangat mahal", "Gratis", "Dikelola dengan baik", "Buruk"]:
        assert label in page
    assert 'name="website"' in page and 'tabindex="-1"' in page
    assert 'name="viewport"' in page


def test_a_respondent_answers_and_is_thanked(client) -> None:
    unit = make_unit()
    service = make_service(unit)
    answers = [4, 3, 4, 4, 3, 4, 4, 2, 3]
    extra = {"service_id": str(service.id), "gender": "female", "suggestion": "Tambah kursi antrean."}
    response = client.post(f"/survey/{unit.id}", data=_form(answers, **extra))
    assert response.status_code == 302 and response.location.endswith(f"/survey/{unit.id}/thanks")
    saved = db.session.scalar(select(SurveyResponse).where(SurveyResponse.unit_id == unit.id))
    assert saved.service_id == service.id and saved.gender.value == "female"
    assert saved.suggestion == "Tambah kursi antrean."
    values = db.session.scalars(select(SurveyAnswer.value).where(SurveyAnswer.response_id == saved.id)).all()
    assert sorted(values) == sorted([4, 3, 4, 4, 3, 4, 4, 2, 3])
    assert client.get(response.location).status_code == 200


def test_the_honeypot_looks_like_success_but_keeps_nothing(client) -> None:
    unit = make_unit()
    before = _count()
    response = client.post(f"/survey/{unit.id}", data=_form([4] * 9, website="http://spam.example"))
    assert response.status_code == 302
    assert _count() == before


def test_bad_input_is_explained_and_nothing_is_saved(client) -> None:
    unit = make_unit()
    before = _count()
    missing = client.post(f"/survey/{unit.id}", data=_form([4] * 8 + [None]))
    assert missing.status_code == 422 and "Pilih satu jawaban" in missing.get_data(as_text=True)
    out_of_range = client.post(f"/survey/{unit.id}", data=_form([5] + [4] * 8))
    assert out_of_range.status_code == 422
    future = client.post(
        f"/survey/{unit.id}",
        data=_form([4] * 9, service_date=(local_today() + timedelta(days=1)).isoformat()),
    )
    assert future.status_code == 422 and "masa depan" in future.get_data(as_text=True)
    other_unit_service = make_service(make_unit())
    foreign = client.post(f"/survey/{unit.id}", data=_form([4] * 9, service_id=str(other_unit_service.id)))
    assert foreign.status_code == 422
    garbage = client.post(f"/survey/{unit.id}", data=_form([4] * 9, service_date="kemarin", gender="robot"))
    assert garbage.status_code == 422
    assert _count() == before


def test_unknown_or_inactive_units_are_404(client) -> None:
    unit = make_unit()
    unit.active = False
    db.session.flush()
    assert client.get(f"/survey/{unit.id}").status_code == 404
    assert client.get("/survey/999999").status_code == 404
    assert client.post("/survey/999999", data={}).status_code == 404


def test_results_page_shows_the_worked_example(client) -> None:
    unit = make_unit("Bidang Pelayanan")
    make_response(unit, [4] * 9, suggestion="Petugas ramah")
    make_response(unit, [3] * 9, gender="male")
    hr = make_user(roles=["hr"], unit=unit)
    page = login(client, hr).get(f"/service/units/{unit.id}/survey?period={local_today().year}")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'data-testid="respondents">2<' in text
    assert "87,50" in text  # Indonesian decimal comma
    assert ">B</span>" in text
    assert "<svg" in text and "<rect" in text and "<table" in text
    assert "Petugas ramah" in text


def test_results_include_sub_units_and_respect_the_period(client) -> None:
    parent = make_unit()
    child = make_unit(parent=parent)
    make_response(child, [2] * 9)
    make_response(parent, [4] * 9, on=local_today().replace(month=1, day=1) - timedelta(days=1))
    hr = make_user(roles=["hr"], unit=parent)
    text = login(client, hr).get(f"/service/units/{parent.id}/survey").get_data(as_text=True)
    assert 'data-testid="respondents">1<' in text
    assert "50,00" in text


def test_xlsx_export(client) -> None:
    unit = make_unit()
    make_response(unit, [4] * 9, suggestion='=HYPERLINK("http://evil")')
    make_response(unit, [3] * 9)
    hr = make_user(roles=["hr"], unit=unit)
    response = login(client, hr).get(f"/service/units/{unit.id}/survey.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    book = load_workbook(BytesIO(response.data))
    assert book.sheetnames == ["Ringkasan", "Responden", "Saran"]
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(values_only=True) if row and row[0]}
    assert summary["IKM"] == 3.5 and summary["IKM konversi"] == 87.5 and summary["Mutu"] == "B"
    assert book["Responden"].max_row == 3
    assert book["Saran"]["B2"].value.startswith("'=")  # never run as a formula


def test_poster_has_an_inline_svg_qr_code(client) -> None:
    unit = make_unit("Dinas Kominfo")
    hr = make_user(roles=["hr"], unit=unit)
    page = login(client, hr).get(f"/service/units/{unit.id}/poster").get_data(as_text=True)
    assert '<svg viewBox="0 0' in page and 'class="segno"' in page
    assert f"/survey/{unit.id}" in page
    assert "style=" not in page.split('class="segno"')[1].split("</svg>")[0]


def test_staff_pages_are_404_for_units_out_of_scope(client) -> None:
    mine, other = make_unit(), make_unit()
    hr = make_user(roles=["hr"], unit=mine)
    login(client, hr)
    for url in [f"/service/units/{other.id}/survey", f"/service/units/{other.id}/survey.xlsx",
                f"/service/units/{other.id}/poster", f"/service/units/{other.id}/kpis"]:  # fmt: skip
        assert client.get(url).status_code == 404, url
    evaluator = make_user(roles=["evaluator"], unit=other)
    assert login(client, evaluator).get(f"/service/units/{other.id}/survey").status_code == 200
    assert client.get(f"/service/units/{mine.id}/survey").status_code == 404
