"""Certificates in a browser: a completed course's PDF, its public verification page, revoking it."""

from __future__ import annotations

import io

from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import assert_no_serious_axe_violations, browser_login
from tests.certificates.factories import make_course_with_outline, make_holder
from tests.courses.factories import make_class, make_enrollment
from tests.factories import make_unit, make_user


def _world():
    unit = make_unit("Bidang Pengembangan Kompetensi")
    hr = make_user(roles=["hr"], unit=unit, username="sdm.sertifikat")
    holder = make_holder(unit=unit, username="pegawai.sertifikat", name="Rina Wulandari")
    enrollment = make_enrollment(holder, make_class(make_course_with_outline()))
    return {"hr": hr, "holder": holder, "enrollment": enrollment}


def test_download_verify_revoke(browser, base_url, seed):
    world = seed(_world)

    me = browser.new_page(base_url=base_url)
    browser_login(me, "pegawai.sertifikat")
    # Complete the course: open each material and mark it done; the last one completes it.
    enrollment_url = f"/learning/enrollments/{world['enrollment'].id}"
    for index in range(3):
        me.goto(enrollment_url)
        me.locator(".material-list a").nth(index).click()
        me.wait_for_load_state("domcontentloaded")
        me.locator('form[action$="/done"] button').click()
        me.wait_for_load_state("domcontentloaded")
    me.goto("/certificates/mine")
    expect(me.get_by_role("heading", name="Sertifikat saya")).to_be_visible()
    assert_no_serious_axe_violations(me)
    me.get_by_role("link", name="Pelayanan Publik Prima").click()
    me.wait_for_load_state("domcontentloaded")
    assert_no_serious_axe_violations(me)
    with me.expect_download() as download_info:
        me.locator('[data-testid="download-pdf"]').click()
    path = download_info.value.path()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages)
    verify_link = me.locator("#verify-link").input_value()
    code = verify_link.rsplit("/", 1)[1]
    assert "Rina Wulandari" in text
    assert f"/verify/{code}" in text

    public = browser.new_page(base_url=base_url)  # no sign-in
    public.goto(f"/verify/{code}")
    expect(public.locator('[data-testid="verify-status"]')).to_have_attribute("data-status", "valid")
    expect(public.locator('[data-testid="holder-name"]')).to_have_text("Rina Wulandari")
    assert_no_serious_axe_violations(public)
    public.locator("#file").set_input_files(path)
    public.get_by_role("button", name="Periksa PDF").click()
    public.wait_for_load_state("domcontentloaded")
    expect(public.locator('[data-testid="pdf-check"]')).to_contain_text("Identik")

    hr = browser.new_page(base_url=base_url)
    browser_login(hr, "sdm.sertifikat")
    hr.goto("/certificates")
    assert_no_serious_axe_violations(hr)
    hr.locator("table a", has_text="LENTERA/").first.click()
    hr.wait_for_load_state("domcontentloaded")
    hr.locator("#reason").fill("x")
    hr.get_by_role("button", name="Cabut sertifikat").click()
    hr.wait_for_load_state("domcontentloaded")
    expect(hr.locator("#reason-error")).to_be_visible()  # a real reason is mandatory
    hr.locator("#reason").fill("Peserta tidak memenuhi syarat kehadiran")
    hr.get_by_role("button", name="Cabut sertifikat").click()
    hr.wait_for_load_state("domcontentloaded")
    expect(hr.locator('[data-testid="certificate-status"]')).to_have_attribute("data-status", "revoked")
    assert_no_serious_axe_violations(hr)

    public.goto(f"/verify/{code}")
    expect(public.locator('[data-testid="verify-status"]')).to_have_attribute("data-status", "revoked")
    expect(public.locator('[data-testid="verify-status"]')).to_contain_text(
        "Peserta tidak memenuhi syarat kehadiran"
    )
