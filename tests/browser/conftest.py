"""Browser-test fixtures: a live server on the test database, Playwright on Debian's Chromium.

What other areas reuse (put browser tests in `tests/browser/`; they are marked `browser`
automatically and run with real commits, the tables being emptied after each test):

* `live_server` (session) — base URL of a second app instance served by werkzeug in a
  thread on a free port, against the test database, **with CSRF on** as in production.
  pytest-playwright's `base_url` points at it, so `page.goto("/login")` works.
* `browser_type_launch_args` — Debian's `/usr/bin/chromium`, headless, quiet flags.
* `seed(fn)` — run `fn()` (factories from `tests/factories.py` and your area's) and commit,
  so the live server sees the rows: `user = seed(lambda: make_user(roles=["hr"], unit=u))`.
* `browser_login(page, username, password=PASSWORD)` — sign in through the real form.
* Assert with Playwright's auto-waiting `expect(locator).to_be_visible()` / `.to_have_text()`
  rather than `assert locator.is_visible()`, which does not wait for the next page.
* `assert_no_serious_axe_violations(page)` — run axe-core (vendored) on the page and fail
  on any serious or critical accessibility violation, listing them.

Outside CI the browser tests are skipped when `/usr/bin/chromium` is missing; with
`CI=true` they always run (a missing Chromium fails them).
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from flask import Flask
from playwright.sync_api import expect
from werkzeug.serving import make_server

from app import create_app
from app.extensions import db
from tests.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
# A loaded CI machine can be slow: give auto-waiting assertions (`expect(...)`) and actions time.
TIMEOUT_MS = 20_000
expect.set_options(timeout=TIMEOUT_MS)
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
BROWSER_DIR = Path(__file__).parent
T = TypeVar("T")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in this folder `browser`; skip them only outside CI without Chromium."""
    ci = os.environ.get("CI", "").lower() == "true"
    missing = not Path(CHROMIUM).exists()
    for item in items:
        if BROWSER_DIR not in Path(item.fspath).parents:
            continue
        item.add_marker(pytest.mark.browser)
        if missing and not ci:
            item.add_marker(
                pytest.mark.skip(reason=f"{CHROMIUM} is not installed (apt-get install chromium)")
            )


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Launch Debian's Chromium headless, without background traffic."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def live_app(app: Flask) -> Flask:
    """The app as the browser sees it: same database as the tests, CSRF and error pages on."""
    return create_app(
        {
            "TESTING": True,
            "APP_ENV": "testing",
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "PASSWORD_HASH_METHOD": app.config["PASSWORD_HASH_METHOD"],
            "UPLOAD_FOLDER": app.config["UPLOAD_FOLDER"],
            "WTF_CSRF_ENABLED": True,
            "HANDLE_UNEXPECTED_ERRORS": True,
            "PROPAGATE_EXCEPTIONS": False,
        }
    )


@pytest.fixture(scope="session")
def live_server(live_app: Flask) -> Iterator[str]:
    """Serve `live_app` on a free local port for the whole session; yields its base URL."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        with live_app.app_context():
            db.engine.dispose()


@pytest.fixture(autouse=True)
def _patient_pages(request: pytest.FixtureRequest) -> None:
    """Longer default timeouts for every Playwright context a browser test opens."""
    if "context" in request.fixturenames:
        request.getfixturevalue("context").set_default_timeout(TIMEOUT_MS)


@pytest.fixture(scope="session")
def base_url(live_server: str) -> str:
    """pytest-playwright's base URL: relative `page.goto("/me")` goes to the live server."""
    return live_server


@pytest.fixture
def seed() -> Callable[[Callable[[], T]], T]:
    """Create rows with factories and commit them so the live server sees them."""

    def run(create: Callable[[], T]) -> T:
        result = create()
        db.session.commit()
        return result

    return run


def browser_login(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the real login form and wait for the landing page."""
    page.goto("/login")
    page.locator("#username").fill(username)
    page.locator("#password").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state("domcontentloaded")


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict[str, Any]]:
    """Run axe-core on the current page; the violations of the given impacts."""
    page.wait_for_load_state("load")
    # Evaluated through the DevTools protocol: an injected <script> would (rightly) be refused
    # by the page's Content-Security-Policy, which the test must not weaken.
    loaded = page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;typeof window.axe")
    assert loaded == "object", "axe-core did not load"
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [v for v in result["violations"] if v.get("impact") in impacts]


def assert_no_serious_axe_violations(page) -> None:
    """Fail with a readable list when axe-core finds serious or critical violations."""
    violations = axe_violations(page)
    report = [
        {
            "rule": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"][:5]],
        }
        for v in violations
    ]
    assert violations == [], f"axe-core on {page.url}:\n{json.dumps(report, indent=1, ensure_ascii=False)}"
