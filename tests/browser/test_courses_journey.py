"""Courses in a browser: HR builds a course with a class and a material, assigns it to a unit;
a civil servant finds it in My learning, opens the material and completes the course."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_serious_axe_violations, browser_login
from tests.competency.factories import fixed
from tests.factories import make_unit, make_user


def _world():
    unit = make_unit("Bidang Pengembangan Kompetensi")
    make_user(roles=["hr"], unit=unit, username="sdm.kursus")
    make_user(unit=unit, username="pegawai.kursus", name="Budi Pembelajar")
    return {"unit": unit, "m5": fixed("M.5").id}


def _submit(page) -> None:
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_load_state("domcontentloaded")


def test_hr_builds_and_assigns_a_course_and_the_learner_completes_it(browser, base_url, seed):
    world = seed(_world)
    hr = browser.new_page(base_url=base_url)
    browser_login(hr, "sdm.kursus")

    hr.goto("/courses/new")
    hr.locator("#code").fill("PPP-WEB")
    hr.locator("#title").fill("Pelayanan Publik Prima")
    hr.locator("#description").fill("Standar pelayanan dan budaya melayani.")
    hr.locator("#jp").fill("24")
    hr.locator("#delivery").select_option("KL03")
    hr.locator("#status").select_option("published")
    hr.locator("#competencies-0-competency_id").select_option(str(world["m5"]))
    hr.locator("#competencies-0-target_level").select_option("3")
    assert_no_serious_axe_violations(hr)
    _submit(hr)
    expect(hr.locator(".alert-success")).to_be_visible()
    course_id = re.search(r"/courses/(\d+)$", hr.url).group(1)
    assert_no_serious_axe_violations(hr)

    hr.goto(f"/courses/{course_id}/classes/new")
    start = date.today() + timedelta(days=7)
    hr.locator("#name").fill("Angkatan I")
    hr.locator("#capacity").fill("30")
    hr.locator("#starts_on").fill(start.isoformat())
    hr.locator("#ends_on").fill((start - timedelta(days=1)).isoformat())
    _submit(hr)
    expect(hr.locator("#ends_on-error")).to_be_visible()  # the end before the start: refused beside the field
    hr.locator("#ends_on").fill((start + timedelta(days=4)).isoformat())
    _submit(hr)
    expect(hr.locator(".alert-success")).to_be_visible()

    hr.goto(f"/courses/{course_id}/materials")
    hr.locator("#title").fill("Standar pelayanan")
    hr.locator("#kind").select_option("text")
    hr.locator("#body").fill("Setiap unit pelayanan wajib menetapkan dan memublikasikan standar pelayanan.")
    _submit(hr)
    expect(hr.locator(".alert-success")).to_be_visible()
    assert_no_serious_axe_violations(hr)

    hr.goto(f"/courses/{course_id}")
    hr.locator("a[href*='/roster']").first.click()
    hr.wait_for_load_state("domcontentloaded")
    hr.locator("a[href$='/assign']").click()
    hr.wait_for_load_state("domcontentloaded")
    hr.locator("#mode-0").check()
    hr.locator("#unit_id").select_option(str(world["unit"].id))
    hr.locator("button[value=preview]").click()
    hr.wait_for_load_state("domcontentloaded")
    expect(hr.locator('[data-testid="assign-preview"]')).to_be_visible()
    assert_no_serious_axe_violations(hr)
    hr.locator("button[value=apply]").click()
    hr.wait_for_load_state("domcontentloaded")
    expect(hr.locator(".alert-success")).to_be_visible()
    expect(hr.locator("main table")).to_contain_text("Budi Pembelajar")
    assert_no_serious_axe_violations(hr)

    me = browser.new_page(base_url=base_url)
    browser_login(me, "pegawai.kursus")
    me.goto("/learning")
    expect(me.locator("main")).to_contain_text("Pelayanan Publik Prima")
    assert_no_serious_axe_violations(me)
    me.get_by_role("link", name="Pelayanan Publik Prima").first.click()
    me.wait_for_load_state("domcontentloaded")
    me.get_by_role("link", name="Standar pelayanan").click()
    me.wait_for_load_state("domcontentloaded")
    expect(me.locator('[data-testid="material-body"]')).to_contain_text("standar pelayanan")
    assert_no_serious_axe_violations(me)
    me.locator("main form button[type=submit]").click()
    me.wait_for_load_state("domcontentloaded")
    expect(me.locator(".alert-success")).to_be_visible()
    expect(me.locator(".badge.text-bg-success")).to_be_visible()
    assert_no_serious_axe_violations(me)
