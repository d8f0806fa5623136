"""The UI shell in a real browser: signing in per role, errors, language, accessibility."""

from __future__ import annotations

import pytest
from flask import Flask, url_for
from playwright.sync_api import expect

from app.security import Role
from app.ui.nav import home_endpoint_for
from tests.browser.conftest import assert_no_serious_axe_violations, browser_login
from tests.factories import make_position, make_unit, make_user

ROLES = [Role.EMPLOYEE, Role.HR, Role.EVALUATOR, Role.ADMIN]


def _home_path(live_app: Flask, user) -> str:
    """Where the shell sends this user after signing in (the home their role registered)."""
    with live_app.test_request_context():
        return url_for(home_endpoint_for(user) or "main.me")


@pytest.fixture
def person(seed):
    """A factory for people in a small unit, committed so the live server sees them."""

    def create(role: Role, username: str):
        def build():
            unit = make_unit("Bidang Pelayanan")
            return make_user(roles=[role.value], username=username, unit=unit, position=make_position())

        return seed(build)

    return create


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.value)
def test_each_role_signs_in_lands_on_its_home_and_passes_axe(page, live_app, person, role) -> None:
    user = person(role, f"browser.{role.value}")
    browser_login(page, user.username)
    expected = _home_path(live_app, user)
    assert page.url.endswith(expected), f"{role}: landed on {page.url}, expected {expected}"
    expect(page.locator("h1").first).to_be_visible()
    assert page.locator("#user-menu").inner_text().strip() == user.name  # signed in
    assert_no_serious_axe_violations(page)


def test_login_page_passes_axe(page) -> None:
    page.goto("/login")
    assert page.locator("h1").inner_text() == "Masuk ke Lentera"
    assert_no_serious_axe_violations(page)


def test_wrong_password_shows_the_error_beside_the_field(page, person) -> None:
    person(Role.EMPLOYEE, "browser.salah")
    page.goto("/login")
    page.locator("#username").fill("browser.salah")
    page.locator("#password").fill("bukan-sandinya1")
    page.locator("main button[type=submit]").click()
    error = page.locator("#password-error")
    assert error.inner_text() == "Nama pengguna atau kata sandi salah."
    assert page.locator("#password").get_attribute("aria-invalid") == "true"
    assert page.locator("#username").input_value() == "browser.salah"
    assert page.url.endswith("/login")
    assert_no_serious_axe_violations(page)


def test_language_switch_changes_the_interface_and_back(page, person) -> None:
    user = person(Role.HR, "browser.bahasa")
    page.goto("/login")
    assert page.locator("html").get_attribute("lang") == "id"
    page.locator("#language-select").select_option("en")
    page.get_by_role("button", name="Ganti").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Sign in to Lentera"
    browser_login(page, user.username)  # the choice survives signing in
    expect(page.get_by_role("link", name="People").first).to_be_visible()
    page.locator("#language-select").select_option("id")
    page.get_by_role("button", name="Change").click()
    assert page.locator("html").get_attribute("lang") == "id"
    expect(page.get_by_role("link", name="Pegawai").first).to_be_visible()


def test_sign_out_through_the_user_menu(page, person) -> None:
    user = person(Role.EMPLOYEE, "browser.keluar")
    browser_login(page, user.username)
    page.locator("#user-menu").click()
    page.get_by_role("button", name="Keluar").click()
    assert page.url.endswith("/login")
    expect(page.get_by_text("Anda telah keluar.")).to_be_visible()


FOUNDATION_PAGES = [
    "/people",
    "/people/new",
    "/units",
    "/units/new",
    "/positions",
    "/positions/new",
    "/import",
    "/admin/settings/",
    "/notifications/",
    "/account/password",
    "/me",
    "/no-such-page",
]


def test_foundation_pages_pass_axe(page, seed) -> None:
    """Every page of the shell, people and settings, with data in it, as an administrator."""
    from app.notifications.services import notify

    def build():
        unit = make_unit("Badan Kepegawaian Daerah")
        admin = make_user(
            roles=["admin", "hr"], username="browser.admin", unit=unit, position=make_position()
        )
        for n in range(3):
            make_user(unit=make_unit(f"Bidang {n}", parent=unit), name=f"Pegawai Contoh {n}", active=n != 2)
        notify(admin, "Pengumuman", "Isi pengumuman", link="/me")
        return admin

    admin = seed(build)
    browser_login(page, admin.username)
    for path in [*FOUNDATION_PAGES, f"/people/{admin.id}", f"/people/{admin.id}/edit"]:
        page.goto(path)
        assert_no_serious_axe_violations(page)
