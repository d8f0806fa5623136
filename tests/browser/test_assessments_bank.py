"""The question bank in a browser: HR reorders a quiz's fixed questions with the keyboard, renames a
category (an empty name is refused beside the field), and reads the per-choice statistics of the
item analysis built from submitted attempts."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from app.assessments.services.attempts import start_attempt, submit_attempt
from tests.assessments.factories import make_learner, make_quiz, single
from tests.browser.conftest import assert_no_serious_axe_violations, browser_login
from tests.courses.factories import make_course
from tests.factories import make_unit, make_user

TEXTS = ["Dasar hukum pelayanan publik?", "Jumlah unsur survei kepuasan?", "Kanal pengaduan nasional?"]


def _hr() -> None:
    make_user(roles=["hr"], unit=make_unit("Bidang Evaluasi"), username="sdm.bank")


def _order_world():
    _hr()
    course = make_course(code="PPP-Q", title="Pelayanan Publik Prima", competencies={})
    questions = [single(course, text) for text in TEXTS]
    quiz = make_quiz(course, questions, kind="quiz", title="Kuis Pelayanan")
    return {"quiz": quiz.id, "last": questions[-1].id}


def test_hr_moves_the_last_question_up_with_the_keyboard(browser, base_url, seed):
    world = seed(_order_world)
    page = browser.new_page(base_url=base_url)
    browser_login(page, "sdm.bank")
    page.goto(f"/quizzes/{world['quiz']}")
    items = page.locator("main ol.list-group > li")
    expect(items).to_have_count(3)
    expect(items).to_contain_text(TEXTS)
    assert_no_serious_axe_violations(page)

    first, second, third = TEXTS
    up = page.locator(f"#fixed-{world['last']}").get_by_role("button", name=re.compile(r"^Naik"))
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".alert-success")).to_contain_text("Soal dipindahkan.")
    expect(page).to_have_url(re.compile(rf"/quizzes/{world['quiz']}#fixed-{world['last']}$"))
    expect(items).to_have_count(3)
    expect(items).to_contain_text([first, third, second])

    up.focus()  # the same question's Up button on the new page
    page.keyboard.press("Space")
    expect(items.first).to_contain_text(third)
    expect(items).to_contain_text([third, first, second])
    expect(up).to_have_count(0)  # at the top: no further up
    assert_no_serious_axe_violations(page)


def _category_world():
    _hr()
    course = make_course(code="PPP-K", title="Pelayanan Publik Prima", competencies={})
    umum = single(course, TEXTS[0], category="Umum").category_id
    single(course, TEXTS[1], category="Regulasi")
    return {"course": course.id, "category": umum}


def _rename_link(category: str) -> re.Pattern[str]:
    """The "Rename or delete: <category>" link (the category part is visually hidden)."""
    return re.compile(rf"^Ganti nama atau hapus\s*:\s*{re.escape(category)}$")


def test_hr_renames_a_category_after_an_empty_name_is_refused(browser, base_url, seed):
    world = seed(_category_world)
    page = browser.new_page(base_url=base_url)
    browser_login(page, "sdm.bank")
    page.goto(f"/courses/{world['course']}/assessments")
    page.get_by_role("link", name=_rename_link("Umum")).click()
    expect(page).to_have_url(re.compile(rf"/question-categories/{world['category']}$"))
    expect(page.locator("#name")).to_have_value("Umum")
    assert_no_serious_axe_violations(page)

    page.locator("#name").fill("")
    page.get_by_role("button", name="Simpan nama").click()
    expect(page.locator("#name-error")).to_have_text("Isi nama kategori.")
    expect(page.locator("#name")).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(rf"/question-categories/{world['category']}$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Umum")  # nothing renamed
    # The rest of the page is intact: deleting can still move the questions to the other category.
    expect(page.locator("#move_to_id option", has_text="Regulasi")).to_have_count(1)
    assert_no_serious_axe_violations(page)

    page.locator("#name").fill("  Standar   Pelayanan ")
    page.get_by_role("button", name="Simpan nama").click()
    expect(page).to_have_url(re.compile(rf"/courses/{world['course']}/assessments$"))
    expect(page.locator(".alert-success")).to_contain_text("Nama kategori diubah.")
    categories = page.get_by_role("navigation", name="Kategori")
    expect(categories).to_contain_text("Standar Pelayanan (1)")
    expect(categories).not_to_contain_text("Umum")
    expect(page.get_by_role("link", name=_rename_link("Standar Pelayanan"))).to_be_visible()
    assert_no_serious_axe_violations(page)


def _analysis_world():
    _hr()
    course = make_course(code="PPP-N", title="Pelayanan Publik Prima", competencies={})
    question = single(course, TEXTS[0])
    quiz = make_quiz(course, [question], kind="quiz", max_attempts=None, title="Kuis Regulasi")
    jakarta, bandung, _surabaya = (c.id for c in question.choices)
    for picked in ([jakarta], [jakarta], [bandung], []):
        person, _enrollment = make_learner(course)
        attempt = start_attempt(person, quiz)
        submit_attempt(attempt, [{"question_id": question.id, "choice_ids": picked}])
    return {"quiz": quiz.id}


def test_item_analysis_shows_the_choices_picked(browser, base_url, seed):
    world = seed(_analysis_world)
    page = browser.new_page(base_url=base_url)
    browser_login(page, "sdm.bank")
    page.goto(f"/quizzes/{world['quiz']}")
    page.get_by_role("link", name="Analisis butir soal").click()
    expect(page).to_have_url(re.compile(rf"/quizzes/{world['quiz']}/analysis$"))
    expect(page.locator("main")).to_contain_text("4 percobaan dinilai")

    section = page.get_by_role("region", name="Pilihan yang dijawab")
    table = section.get_by_role("table", name=re.compile(re.escape(TEXTS[0])))
    expect(table).to_be_visible()

    def row(name: str):
        return table.get_by_role("row", name=re.compile(rf"^{name}\b"))

    expect(row("Jakarta").locator("td").nth(0)).to_have_text("benar")
    expect(row("Jakarta").locator("td").nth(1)).to_have_text("2")
    expect(row("Jakarta").locator("td").nth(2)).to_have_text("50,0%")
    expect(row("Bandung").locator("td").nth(1)).to_have_text("1")
    expect(row("Bandung").locator("td").nth(2)).to_have_text("25,0%")
    expect(row("Surabaya").locator("td").nth(1)).to_have_text("0")
    expect(row("Surabaya")).to_contain_text("tidak ada yang memilihnya")
    expect(row("Tidak memilih").locator("td").nth(1)).to_have_text("1")
    assert_no_serious_axe_violations(page)
