"""A civil servant takes a timed post-test, reloads mid-way and keeps the answers, submits and passes;
the course completes and the competency profile shows the new level."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.assessments.factories import make_quiz, single
from tests.browser.conftest import assert_no_serious_axe_violations, browser_login
from tests.competency.factories import fixed, set_standard
from tests.courses.factories import make_class, make_course, make_enrollment
from tests.factories import make_position, make_unit, make_user


def _world():
    unit = make_unit("Bidang Pelayanan Publik")
    position = make_position(name="Analis Pelayanan")
    set_standard(position, {"M.5": 3})
    employee = make_user(unit=unit, position=position, username="peserta.browser", name="Rina Peserta")
    course = make_course(code="PPP-B", title="Pelayanan Publik Prima", competencies={fixed("M.5"): 3})
    questions = [single(course, f"Soal pelayanan nomor {i}") for i in range(1, 4)]
    quiz = make_quiz(course, questions, time_limit_minutes=20, max_attempts=2, title="Post-test Pelayanan")
    enrollment = make_enrollment(employee, make_class(course))
    return {"quiz": quiz.id, "enrollment": enrollment.id, "answers": [q.choices[0].id for q in questions]}


def test_timed_post_test_with_reload_completes_the_course(browser, base_url, seed):
    world = seed(_world)
    page = browser.new_page(base_url=base_url)
    page.on("dialog", lambda dialog: dialog.accept())
    browser_login(page, "peserta.browser")

    page.goto("/my/tests")
    page.get_by_role("link", name="Buka").click()
    expect(page.get_by_role("heading", name="Post-test Pelayanan")).to_be_visible()
    assert_no_serious_axe_violations(page)
    page.get_by_role("button", name="Mulai tes").click()
    expect(page.locator("[data-deadline]")).to_be_visible()  # the server's deadline, counting down

    first, second, third = world["answers"]
    page.locator(f"#c{first}").check()
    expect(page.locator("[data-autosave-status]")).to_have_text("Semua jawaban tersimpan.")
    assert_no_serious_axe_violations(page)

    page.reload()
    expect(page.locator(f"#c{first}")).to_be_checked()  # the autosaved answer survived the reload
    page.locator(f"#c{second}").check()
    page.locator(f"#c{third}").check()
    page.get_by_role("button", name="Kumpulkan").click()

    result = page.locator('[data-testid="attempt-result"]')
    expect(result).to_contain_text("100")
    expect(result).to_contain_text("Lulus")
    expect(page.locator("[data-enrollment-status]")).to_have_attribute("data-enrollment-status", "completed")
    assert_no_serious_axe_violations(page)

    page.goto("/competency/me")
    row = page.locator('#standard-table tr[data-code="M.5"]')
    expect(row.locator("td.current")).to_have_text("3")
