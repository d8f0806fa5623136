"""The individual evaluation report: contents, access, the qualitative form, PDF and the unit ZIP."""

from __future__ import annotations

import io
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.courses.completion import complete_enrollment
from app.extensions import db
from app.jobs.models import Job, JobStatus
from app.reports.errors import ReportError
from app.reports.lookups import CertificateLine, register_certificates_lookup, unregister_certificates_lookup
from app.reports.models import EvaluationNarrative
from app.reports.services.dashboard import unit_dashboard
from app.reports.services.evaluation import evaluation_report
from app.reports.services.narratives import save_narrative
from tests.competency.factories import fixed
from tests.conftest import login
from tests.courses.factories import make_class, make_course, make_enrollment
from tests.factories import make_user
from tests.reports.conftest import YEAR


def test_report_gathers_the_quantitative_part(world) -> None:
    report = evaluation_report(world.employee, YEAR)
    assert report.predicate.value == "sangat_baik"
    assert report.matrix_cell == (0, 2)  # above / above
    assert report.jp_earned == 8 and report.jp_target == 20
    assert [
        (line.competency.code, line.required_level, line.current_level) for line in report.competencies
    ] == [
        ("M.1", 3, 2),
        ("M.2", 2, None),
    ]
    assert report.jpm == pytest.approx(40.0)
    assert report.certificates == [] and report.narrative is None
    assert report.evaluator.id == world.office.evaluator.id


def test_certificates_come_from_a_registered_lookup(world) -> None:
    line = CertificateLine("CERT-1", "Pelatihan Dasar", issued_on=date(2026, 5, 1), jp=20)

    def lookup(user_id, year):
        return [line] if user_id == world.employee.id and year == YEAR else []

    register_certificates_lookup(lookup)
    try:
        assert evaluation_report(world.employee, YEAR).certificates == [line]
    finally:
        unregister_certificates_lookup(lookup)


def test_page_shows_the_report_to_the_evaluator(client, world) -> None:
    login(client, world.office.evaluator)
    page = client.get(f"/reports/evaluation/{world.employee.id}?year={YEAR}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert world.employee.name in html and "Sangat Baik" in html and "JP earned of a target of 20 JP" in html
    assert "Write the qualitative assessment" in html


@pytest.mark.parametrize("who", ["colleague", "outsider", "hr_elsewhere"])
def test_others_get_404(client, world, who) -> None:
    user = (
        make_user(roles=["hr"], unit=world.office.other)
        if who == "hr_elsewhere"
        else getattr(world.office, who)
    )
    login(client, user)
    assert client.get(f"/reports/evaluation/{world.employee.id}?year={YEAR}").status_code == 404
    assert client.get(f"/reports/evaluation/{world.employee.id}/pdf?year={YEAR}").status_code == 404


def test_employee_sees_only_the_own_report(client, world) -> None:
    login(client, world.employee)
    own = client.get(f"/reports/evaluation/me?year={YEAR}")
    assert own.status_code == 302 and own.headers["Location"].endswith(
        f"/reports/evaluation/{world.employee.id}?year={YEAR}"
    )
    page = client.get(own.headers["Location"])
    assert page.status_code == 200 and "Write the qualitative assessment" not in page.get_data(as_text=True)
    assert client.get(f"/reports/evaluation/{world.employee.id}/narrative").status_code == 403


def test_evaluator_writes_the_qualitative_part_once_per_year(client, world) -> None:
    login(client, world.office.evaluator)
    url = f"/reports/evaluation/{world.employee.id}/narrative?year={YEAR}"
    assert client.get(url).status_code == 200
    for text in ("Consistent and careful.", "Consistent, careful and quick."):
        response = client.post(
            url, data={"narrative": text, "strengths": "Service", "improvements": "Delegation"}
        )
        assert response.status_code == 302
    rows = db.session.query(EvaluationNarrative).filter_by(user_id=world.employee.id).all()
    assert len(rows) == 1 and rows[0].narrative == "Consistent, careful and quick." and rows[0].year == YEAR
    page = client.get(f"/reports/evaluation/{world.employee.id}?year={YEAR}").get_data(as_text=True)
    assert "Consistent, careful and quick." in page and "Delegation" in page


def test_narrative_service_refuses_strangers_and_long_text(world) -> None:
    with pytest.raises(ReportError) as refused:
        save_narrative(world.office.colleague, world.employee, YEAR, {"narrative": "x"})
    assert refused.value.status == 403
    with pytest.raises(ReportError) as invalid:
        save_narrative(world.office.evaluator, world.employee, 1900, {"narrative": "x" * 10_001})
    assert set(invalid.value.fields) == {"year", "narrative"}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_is_an_a4_report_with_the_agency_header(client, world) -> None:
    save_narrative(world.office.evaluator, world.employee, YEAR, {"narrative": "Reliable under pressure."})
    login(client, world.office.evaluator)
    response = client.get(f"/reports/evaluation/{world.employee.id}/pdf?year={YEAR}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert f"{world.employee.nip or world.employee.id}-{YEAR}.pdf" in response.headers["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.data))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert round(width) == 595 and round(height) == 842  # A4 portrait in points
    text = pdf_text(response.data)
    for expected in (
        "Pemerintah Provinsi Nusantara".upper(),
        world.employee.name,
        "Sangat Baik",
        "Reliable under pressure.",
    ):
        assert expected in text


def test_hr_builds_a_zip_of_the_unit_reports(client, world) -> None:
    login(client, world.office.hr)
    response = client.post(f"/reports/evaluation/units/{world.office.sub.id}/zip", data={"year": YEAR})
    assert response.status_code == 302 and "/jobs/" in response.headers["Location"]
    job = db.session.query(Job).order_by(Job.id.desc()).first()
    assert job.status is JobStatus.DONE and job.result["reports"] == 3  # evaluator, employee, colleague
    with zipfile.ZipFile(Path(job.result_path)) as archive:
        names = archive.namelist()
        assert len(names) == 3 and all(n.endswith(f"-{YEAR}.pdf") for n in names)
        assert any(world.employee.name in pdf_text(archive.read(n)) for n in names)
    download = client.get(f"/jobs/{job.id}/download")
    assert download.status_code == 200


def test_zip_of_a_unit_outside_the_scope_is_404(client, world) -> None:
    login(client, world.office.hr)
    assert (
        client.post(f"/reports/evaluation/units/{world.office.other.id}/zip", data={"year": YEAR}).status_code
        == 404
    )


def test_certificates_issued_at_completion_appear_on_report_and_dashboard(world) -> None:
    course = make_course(title="Pelayanan Prima", jp=24, competencies={fixed("M.1"): 3}, validity_months=2)
    enrollment = make_enrollment(
        world.employee, make_class(course, starts_on=date.today() - timedelta(days=3))
    )
    complete_enrollment(enrollment)
    year = date.today().year
    [line] = evaluation_report(world.employee, year).certificates
    assert line.title == "Pelayanan Prima" and line.jp == 24 and line.expires_on is not None
    counts = unit_dashboard(world.office.unit, year).certificates
    assert (counts.issued, counts.expiring) == (1, 1)  # valid two months: expires within 90 days
