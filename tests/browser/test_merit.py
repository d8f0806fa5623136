"""The merit journey in a real browser: an evaluator finalises an evaluation and proposes the
recommended reward, a second evaluator approves it, the employee sees it, the audit chain holds."""

from __future__ import annotations

from datetime import date

from app.audit.services import verify_chain
from app.extensions import db
from tests.browser.conftest import assert_no_serious_axe_violations, browser_login
from tests.merit.factories import make_assessment, make_office


def switch_user(page, username: str) -> None:
    page.context.clear_cookies()
    browser_login(page, username)


def test_finalise_recommend_propose_approve_and_see_it(page, seed) -> None:
    office = seed(make_office)
    seed(lambda: make_assessment(office.employee, 92))
    year = date.today().year

    browser_login(page, office.evaluator.username)
    assert page.url.endswith("/merit/queue")
    assert_no_serious_axe_violations(page)
    page.goto(f"/merit/people/{office.employee.id}/evaluations/new?period={year}")
    page.locator("#targets-0-description").fill("Pelayanan perizinan")
    page.locator("#targets-0-realisation").fill("98%")
    page.locator("#work_result-2").check()  # above expectations
    page.locator("#work_behavior-2").check()
    page.get_by_role("button", name="Simpan dan finalisasi").click()
    assert page.get_by_test_id("predicate").inner_text() == "Sangat Baik"

    page.goto(f"/merit/people/{office.employee.id}?year={year}")
    assert page.get_by_test_id("talent-box").inner_text() == "Kotak 9"
    box_9 = "Kotak 9: kinerja di atas ekspektasi"
    recommendation = page.get_by_test_id("recommendation").filter(has_text=box_9)
    assert "potensi tinggi (nilai asesmen 92)" in recommendation.inner_text()
    assert_no_serious_axe_violations(page)
    recommendation.get_by_role("link", name="Usulkan").click()
    page.get_by_role("button", name="Usulkan").click()
    assert page.get_by_test_id("action-status").inner_text() == "Diusulkan"
    action_url = page.url

    switch_user(page, office.evaluator2.username)
    page.get_by_role("link", name="Tinjau dan putuskan").first.click()
    assert page.url == action_url
    page.get_by_label("Disetujui").check()
    page.locator("#justification").fill("Kinerja dan potensi memenuhi kriteria kotak 9.")
    page.get_by_role("button", name="Catat keputusan").click()
    assert page.get_by_test_id("action-status").inner_text() == "Disetujui"

    switch_user(page, office.employee.username)
    page.goto("/merit/me")
    assert "Prioritas pengembangan kompetensi" in page.get_by_test_id("reward").first.inner_text()
    assert page.get_by_test_id("merit-action").first.inner_text().count("Disetujui") == 1
    assert_no_serious_axe_violations(page)

    db.session.rollback()  # end the test's read transaction: see what the live server committed
    report = verify_chain()
    assert report.ok and report.checked >= 5
