"""Public service quality in a real browser: a member of the public answers the survey and files a
complaint on a phone; an officer resolves it; the unit's IKM and KPIs follow; the public pages pass axe."""

from __future__ import annotations

from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db
from app.service_quality.models import SurveyElement
from app.service_quality.services.clock import local_today
from tests.browser.conftest import assert_no_serious_axe_violations, browser_login
from tests.factories import make_position, make_unit, make_user
from tests.service_quality.factories import make_service

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def _fits_the_screen(page) -> None:
    """Nothing is wider than the phone's screen (no sideways scrolling)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def test_public_survey_and_complaint_on_a_phone_then_an_officer_resolves_it(new_context, seed) -> None:
    def build():
        unit = make_unit("Bidang Pelayanan Perizinan", code="YAN")
        make_service(unit, name="Izin Reklame", digital=True)
        position = make_position()
        hr = make_user(roles=["hr"], username="sdm.browser", unit=unit, position=position)
        officer = make_user(roles=["employee"], username="petugas.browser", unit=unit, name="Petugas Loket")
        return unit, hr, officer

    unit, hr, officer = seed(build)
    element_ids = list(
        db.session.scalars(
            select(SurveyElement.id).where(SurveyElement.active).order_by(SurveyElement.position)
        )
    )
    today = local_today().isoformat()

    # A member of the public, on a phone, with no account.
    phone = new_context(**PHONE).new_page()
    phone.goto(f"/survey/{unit.id}")
    assert phone.locator("h1").inner_text() == "Survei Kepuasan Masyarakat"
    assert_no_serious_axe_violations(phone)
    _fits_the_screen(phone)
    phone.locator("#service_id").select_option(label="Izin Reklame")
    phone.locator("#service_date").fill(today)
    phone.get_by_role("button", name="Kirim jawaban saya").click()  # nothing answered yet
    expect(phone.get_by_text("Pilih satu jawaban.").first).to_be_visible()
    assert_no_serious_axe_violations(phone)
    for element_id in element_ids:
        phone.locator(f'input[name="q_{element_id}"][value="4"]').check()
    phone.locator("#suggestion").fill("Pelayanan cepat, terima kasih.")
    phone.get_by_role("button", name="Kirim jawaban saya").click()
    assert phone.locator("h1").inner_text() == "Terima kasih atas jawaban Anda"
    assert_no_serious_axe_violations(phone)

    phone.get_by_role("link", name="Ada masalah? Sampaikan pengaduan").click()
    assert_no_serious_axe_violations(phone)
    _fits_the_screen(phone)
    phone.get_by_label("Pengaduan", exact=True).check()
    phone.locator("#service_date").fill(today)
    phone.locator("#text").fill("Papan informasi persyaratan izin reklame sudah tidak terbaca.")
    phone.locator("#contact_name").fill("Rina Warga")
    phone.get_by_role("button", name="Kirim pengaduan").click()
    code = phone.get_by_test_id("tracking-code").inner_text().strip()
    assert len(code) == 19
    assert_no_serious_axe_violations(phone)
    phone.get_by_role("link", name="Lacak pengaduan saya").click()
    assert phone.get_by_test_id("complaint-status").inner_text() == "Diterima"
    assert "Rina Warga" not in phone.content()
    assert_no_serious_axe_violations(phone)

    # The unit's HR officer verifies it and assigns it to an officer.
    staff = new_context().new_page()
    browser_login(staff, hr.username)
    staff.goto(f"/service/complaints/units/{unit.id}")
    staff.get_by_role("link", name=code).click()
    staff.locator("#to").select_option("verified")
    staff.locator("#note").fill("Lokasi papan sudah dicek.")
    staff.get_by_role("button", name="Simpan tahap").click()
    staff.locator("#to").select_option("assigned")
    staff.locator("#note").fill("Mohon diganti hari ini.")
    staff.locator("#officer").fill(officer.username)
    staff.get_by_role("button", name="Simpan tahap").click()
    expect(staff.get_by_text("Petugas Loket").first).to_be_visible()

    # The officer finds it under "My complaints", starts and resolves it with an answer.
    desk = new_context().new_page()
    browser_login(desk, officer.username)
    desk.get_by_role("link", name="Pengaduan saya").first.click()
    assert_no_serious_axe_violations(desk)
    desk.get_by_role("link", name=code).click()
    desk.locator("#to").select_option("in_progress")
    desk.locator("#note").fill("Papan baru dicetak.")
    desk.get_by_role("button", name="Simpan tahap").click()
    desk.locator("#to").select_option("resolved")
    desk.locator("#note").fill("Papan sudah dipasang.")
    desk.locator("#answer").fill("Papan informasi persyaratan sudah diganti. Terima kasih atas laporannya.")
    desk.get_by_role("button", name="Simpan tahap").click()
    expect(desk.get_by_text("Papan informasi persyaratan sudah diganti.").first).to_be_visible()
    assert_no_serious_axe_violations(desk)

    # The public sees the answer; the unit's IKM and KPIs include the day's work.
    phone.goto(f"/complaint/track?code={code}")
    assert phone.get_by_test_id("complaint-status").inner_text() == "Selesai"
    expect(phone.get_by_text("Papan informasi persyaratan sudah diganti.")).to_be_visible()
    assert "Petugas Loket" not in phone.content() and "Mohon diganti" not in phone.content()
    assert_no_serious_axe_violations(phone)

    staff.goto(f"/service/units/{unit.id}/survey")
    assert staff.get_by_test_id("respondents").inner_text() == "1"
    assert staff.get_by_test_id("converted-ikm").inner_text() == "100,00"
    assert_no_serious_axe_violations(staff)
    staff.goto(f"/service/units/{unit.id}/kpis")
    kpis = {
        row.get_attribute("data-kpi"): row.get_by_test_id("kpi-actual").inner_text()
        for row in staff.locator("tr[data-kpi]").all()
    }
    assert kpis["service.resolved_24h"] == "100,0 %"
    assert kpis["service.ikm"] == "100,00"
    assert kpis["service.digital_share"] == "100,0 %"
    assert_no_serious_axe_violations(staff)
    staff.goto(f"/service/complaints/units/{unit.id}")
    assert staff.get_by_test_id("resolved-24h").inner_text() == "100,0 %"
    assert_no_serious_axe_violations(staff)
    staff.goto(f"/service/units/{unit.id}/poster")
    expect(staff.locator("svg.segno")).to_be_visible()
    assert_no_serious_axe_violations(staff)
