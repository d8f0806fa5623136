"""Course lifecycle in a browser: HR cancels a class with a reason (an empty one is refused beside
the field) and the enrolled civil servant is told and withdrawn; HR archives a course through its
confirmation page, it leaves the employee's catalog, and HR restores it as a draft."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_no_serious_axe_violations, browser_login
from tests.courses.factories import make_class, make_course, make_enrollment
from tests.factories import make_unit, make_user

REASON = "Narasumber berhalangan hadir"


def _cancel_world():
    unit = make_unit("Bidang Pengembangan SDM")
    make_user(roles=["hr"], unit=unit, username="sdm.batal")
    person = make_user(unit=unit, username="pegawai.batal", name="Sari Peserta")
    course = make_course(code="LITDIG-B", title="Literasi Digital ASN")
    course_class = make_class(course, name="Angkatan Batal")
    make_enrollment(person, course_class)
    return {"course": course.id, "class": course_class.id}


def test_hr_cancels_a_class_and_the_enrolled_person_is_told_and_withdrawn(browser, base_url, seed):
    world = seed(_cancel_world)
    hr = browser.new_page(base_url=base_url)
    browser_login(hr, "sdm.batal")

    hr.goto(f"/courses/{world['course']}")
    hr.get_by_role("link", name="Batalkan kelas", exact=True).click()
    expect(hr).to_have_url(re.compile(rf"/classes/{world['class']}/cancel$"))
    expect(hr.get_by_role("heading", level=1)).to_contain_text("Angkatan Batal")
    expect(hr.locator("main")).to_contain_text("1 orang")  # the one enrolled person who will be withdrawn
    assert_no_serious_axe_violations(hr)

    # No reason: refused beside the field, on the same page.
    hr.get_by_role("button", name="Batalkan kelas ini").click()
    expect(hr.locator("#reason-error")).to_be_visible()
    expect(hr.locator("#reason-error")).not_to_be_empty()
    expect(hr.locator("#reason")).to_have_attribute("aria-invalid", "true")
    expect(hr).to_have_url(re.compile(rf"/classes/{world['class']}/cancel$"))
    expect(hr.get_by_role("heading", level=1)).to_contain_text("Angkatan Batal")
    assert_no_serious_axe_violations(hr)

    hr.locator("#reason").fill(REASON)
    hr.get_by_role("button", name="Batalkan kelas ini").click()
    expect(hr).to_have_url(re.compile(rf"/courses/{world['course']}$"))
    expect(hr.locator(".alert-success")).to_contain_text("1 orang dikeluarkan")
    row = hr.locator("main table tbody tr", has_text="Angkatan Batal")
    expect(row.locator(".badge.text-bg-danger")).to_have_text("Dibatalkan")
    expect(row).to_contain_text(f"Alasan: {REASON}")
    expect(row.get_by_role("link", name="Batalkan kelas", exact=True)).to_have_count(0)
    assert_no_serious_axe_violations(hr)

    row.get_by_role("link", name="Daftar peserta").click()
    expect(hr).to_have_url(re.compile(rf"/classes/{world['class']}/roster$"))
    expect(hr.get_by_role("heading", level=1)).to_contain_text("Dibatalkan")
    expect(hr.locator(".alert-warning")).to_contain_text(REASON)
    person = hr.locator("main table tbody tr", has_text="Sari Peserta")
    expect(person.locator(".badge")).to_have_text("Ditarik")
    assert_no_serious_axe_violations(hr)

    me = browser.new_page(base_url=base_url)
    browser_login(me, "pegawai.batal")
    me.get_by_role("link", name="Notifikasi: 1 belum dibaca").click()
    expect(me).to_have_url(re.compile(r"/notifications/?$"))
    notice = me.locator("main .list-group-item", has_text="Kelas dibatalkan: Literasi Digital ASN")
    expect(notice).to_contain_text("Kelas Angkatan Batal dibatalkan")
    expect(notice).to_contain_text(f"Alasan: {REASON}")
    assert_no_serious_axe_violations(me)

    notice.get_by_role("button", name="Buka").click()
    expect(me).to_have_url(re.compile(r"/learning/enrollments/\d+$"))
    expect(me.get_by_role("heading", level=1)).to_have_text("Literasi Digital ASN")
    expect(me.locator(".page-header .badge")).to_have_text("Ditarik")
    expect(me.locator("form[action$='/withdraw']")).to_have_count(0)  # nothing left to withdraw from
    assert_no_serious_axe_violations(me)


def _archive_world():
    unit = make_unit("Inspektorat")
    make_user(roles=["hr"], unit=unit, username="sdm.arsip")
    make_user(unit=unit, username="pegawai.arsip", name="Dodi Pembaca")
    kept = make_course(code="PPP-A", title="Pelayanan Publik Prima")
    retired = make_course(code="OSS-A", title="Perizinan Berusaha OSS RBA")
    return {"kept": kept.id, "retired": retired.id}


def test_hr_archives_a_course_it_leaves_the_catalog_and_hr_restores_it_as_draft(browser, base_url, seed):
    world = seed(_archive_world)
    me = browser.new_page(base_url=base_url)
    browser_login(me, "pegawai.arsip")
    me.goto("/courses")
    catalog = me.locator("main")
    expect(catalog.get_by_role("link", name="Perizinan Berusaha OSS RBA")).to_be_visible()
    expect(catalog.get_by_role("link", name="Pelayanan Publik Prima")).to_be_visible()

    hr = browser.new_page(base_url=base_url)
    browser_login(hr, "sdm.arsip")
    hr.goto(f"/courses/{world['retired']}")
    hr.get_by_role("link", name="Arsipkan", exact=True).click()
    expect(hr).to_have_url(re.compile(rf"/courses/{world['retired']}/archive$"))
    expect(hr.get_by_role("heading", level=1)).to_have_text("Arsipkan pelatihan")
    assert_no_serious_axe_violations(hr)
    hr.get_by_role("button", name="Arsipkan pelatihan ini").click()
    expect(hr).to_have_url(re.compile(rf"/courses/{world['retired']}$"))
    expect(hr.locator(".alert-success")).to_contain_text("Pelatihan telah diarsipkan.")
    expect(hr.locator(".page-header .badge")).to_have_text("Diarsipkan")
    expect(hr.get_by_role("link", name="Arsipkan", exact=True)).to_have_count(0)
    assert_no_serious_axe_violations(hr)

    me.goto("/courses")
    expect(catalog.get_by_role("link", name="Pelayanan Publik Prima")).to_be_visible()
    expect(catalog.get_by_role("link", name="Perizinan Berusaha OSS RBA")).to_have_count(0)
    expect(catalog).not_to_contain_text("OSS-A")
    gone = me.goto(f"/courses/{world['retired']}")
    assert gone is not None and gone.status == 404  # no enrollment in it: an archived course is hidden

    hr.once("dialog", lambda dialog: dialog.accept())  # "Restore this course as a draft?"
    hr.get_by_role("button", name="Pulihkan sebagai draf").click()
    expect(hr.locator(".alert-success")).to_contain_text("Pelatihan dipulihkan sebagai draf.")
    expect(hr.locator(".page-header .badge")).to_have_text("Draf")
    expect(hr.get_by_role("link", name="Arsipkan", exact=True)).to_be_visible()
    assert_no_serious_axe_violations(hr)
