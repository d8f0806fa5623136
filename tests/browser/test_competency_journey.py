"""Competency in a browser: HR sets a standard, the civil servant sees the gaps, an evaluator overrides."""

from __future__ import annotations

from playwright.sync_api import expect

from app.competency.enums import EvidenceSource
from tests.browser.conftest import assert_no_serious_axe_violations, browser_login
from tests.competency.factories import add_evidence, fixed, set_standard
from tests.factories import make_position, make_unit, make_user


def _world():
    unit = make_unit("Bidang Pelayanan Perizinan")
    position = make_position(name="Penata Layanan Perizinan")
    set_standard(position, {"M.1": 2, "M.2": 2})
    hr = make_user(roles=["hr"], unit=unit, username="sdm.browser")
    evaluator = make_user(roles=["evaluator"], unit=unit, username="penilai.browser")
    employee = make_user(unit=unit, position=position, username="pegawai.browser", name="Siti Browser")
    add_evidence(employee, "M.1", 2)
    add_evidence(employee, "M.2", 1, source=EvidenceSource.ASSESSMENT)
    return {"position": position, "hr": hr, "evaluator": evaluator, "employee": employee,
            "m1": fixed("M.1").id, "m2": fixed("M.2").id}  # fmt: skip


def _row(page, code: str):
    return page.locator(f'#standard-table tr[data-code="{code}"]')


def test_standard_gaps_and_an_evaluator_override(browser, base_url, seed):
    world = seed(_world)

    hr_page = browser.new_page(base_url=base_url)
    browser_login(hr_page, "sdm.browser")
    hr_page.goto(f"/competency/standards/{world['position'].id}")
    hr_page.locator(f"#level-{world['m1']}").select_option("3")
    hr_page.locator(f"#level-{world['m2']}").select_option("3")
    hr_page.locator("main button[type=submit]").click()
    hr_page.wait_for_load_state("domcontentloaded")
    expect(hr_page.locator(".alert-success")).to_be_visible()
    assert hr_page.locator(f"#level-{world['m2']}").input_value() == "3"
    assert_no_serious_axe_violations(hr_page)

    me = browser.new_page(base_url=base_url)
    browser_login(me, "pegawai.browser")
    assert me.url.endswith("/competency/me")
    assert _row(me, "M.1").locator("td").nth(3).inner_text().strip() == "-1"
    assert _row(me, "M.2").locator("td").nth(3).inner_text().strip() == "-2"
    assert me.locator('[data-testid="jpm"]').inner_text().strip() == "50,0"
    assert me.locator("svg[role=img]").count() >= 1
    assert_no_serious_axe_violations(me)

    evaluator = browser.new_page(base_url=base_url)
    browser_login(evaluator, "penilai.browser")
    evaluator.goto(f"/competency/people/{world['employee'].id}")
    evaluator.locator("#competency_id").select_option(str(world["m2"]))
    evaluator.locator("#level").select_option("3")
    evaluator.locator("#source").select_option("evaluator")
    evaluator.locator("#override").check()
    evaluator.get_by_role("button", name="Catat").click()
    evaluator.wait_for_load_state("domcontentloaded")
    expect(evaluator.locator("#note-error")).to_be_visible()  # no justification: refused beside the field
    evaluator.locator("#note").fill("Memimpin koordinasi lintas bidang dengan sangat baik.")
    evaluator.get_by_role("button", name="Catat").click()
    evaluator.wait_for_load_state("domcontentloaded")
    expect(evaluator.locator(".alert-success")).to_be_visible()
    assert _row(evaluator, "M.2").locator("td.current").inner_text().strip() == "3"
    assert_no_serious_axe_violations(evaluator)

    me.reload()
    assert _row(me, "M.2").locator("td").nth(3).inner_text().strip() == "0"
    assert me.locator('[data-testid="jpm"]').inner_text().strip() == "83,3"
    assert "Penetapan ulang" in me.locator("#evidence-history").inner_text()


def test_unit_heatmap_and_dictionary_pass_axe(browser, base_url, seed):
    seed(_world)
    page = browser.new_page(base_url=base_url)
    browser_login(page, "sdm.browser")
    page.goto("/competency/units")
    expect(page.locator("#heatmap")).to_be_visible()
    assert_no_serious_axe_violations(page)
    page.goto("/competencies")
    assert_no_serious_axe_violations(page)
    page.goto("/competency/jp")
    assert_no_serious_axe_violations(page)
