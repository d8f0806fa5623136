"""Reports in a real browser: HR opens the unit dashboard, filters it and downloads the XLSX; an
evaluator downloads a person's evaluation report as a PDF (its text read back with pypdf); axe on both."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from app.competency.services.jp import credit_jp
from tests.browser.conftest import assert_no_serious_axe_violations, browser_login
from tests.competency.factories import add_evidence, set_standard
from tests.factories import make_position
from tests.merit.factories import make_evaluation, make_office


def _world():
    office = make_office()
    position = make_position()
    set_standard(position, {"M.1": 3})
    office.employee.position_id = position.id
    add_evidence(office.employee, "M.1", 2, effective_on=date(date.today().year, 1, 2))
    credit_jp(user_id=office.employee.id, jp=12, on=date.today(), source="external", source_ref="browser:1")
    make_evaluation(office.employee, str(date.today().year), "sangat_baik", evaluator=office.evaluator)
    return office


def test_hr_dashboard_and_evaluator_pdf(page, seed) -> None:
    office = seed(_world)
    year = date.today().year

    browser_login(page, office.hr.username)
    page.goto("/reports/dashboard")
    assert "Dinas" in page.locator("h1").inner_text()
    assert_no_serious_axe_violations(page)
    page.locator("#unit_id").select_option(str(office.sub.id))
    page.locator("#year").fill(str(year))
    page.get_by_role("button", name="Tampilkan").click()
    assert "Bidang" in page.locator("h1").inner_text()
    assert page.get_by_test_id("stat-people").inner_text() == "3"
    with page.expect_download() as info:
        page.get_by_test_id("export-xlsx").click()
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(Path(download.path()).read_bytes())).active
    assert sheet["B2"].value == "Bidang" and sheet["C2"].value == 3

    page.context.clear_cookies()
    browser_login(page, office.evaluator.username)
    page.goto(f"/merit/people/{office.employee.id}?year={year}")
    page.get_by_role("link", name="Laporan evaluasi", exact=True).click()
    assert page.get_by_test_id("report-predicate").inner_text().startswith("Predikat: Sangat Baik")
    assert_no_serious_axe_violations(page)
    with page.expect_download() as info:
        page.get_by_test_id("report-pdf").click()
    data = Path(info.value.path()).read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    expected_texts = ("LAPORAN EVALUASI KINERJA ASN", office.employee.name, "Sangat Baik", "12,0 JP")
    for expected in expected_texts:
        assert expected in text, expected


def test_agency_dashboard_is_accessible(page, seed) -> None:
    office = seed(_world)
    browser_login(page, office.admin.username)
    page.goto("/reports/agency")
    assert page.get_by_test_id("comparison").is_visible()
    assert_no_serious_axe_violations(page)
    tabs = {
        "Kebutuhan pelatihan": ("**/reports/training-needs*", "Analisis kebutuhan"),
        "Efektivitas pelatihan": ("**/reports/effectiveness*", "Efektivitas"),
    }
    for tab, (url, heading) in tabs.items():
        page.get_by_role("link", name=tab, exact=True).click()
        # Wait for the new page: checking the heading alone could still read the previous
        # page while the next one is half loaded (axe then sees a footer without its styles).
        page.wait_for_url(url, wait_until="load")
        assert page.locator("h1").inner_text().startswith(heading)
        assert_no_serious_axe_violations(page)
