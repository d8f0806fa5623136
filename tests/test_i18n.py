"""Languages: Bahasa Indonesia by default, English via the switch, and complete catalogues.

Every catalogue (`app/translations` and each `app/<package>/translations`) must hold an
Indonesian translation for every message the code and templates use: run
`python scripts/i18n.py extract`, translate the new entries, then `compile`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from app.extensions import db
from tests.conftest import login
from tests.factories import make_user

APP = Path(__file__).resolve().parent.parent / "app"
PACKAGES_WITH_CATALOGUES = sorted(p.parent for p in APP.glob("*/translations") if p.is_dir())
CATALOGUES = [APP, *PACKAGES_WITH_CATALOGUES]
# The core catalogue (`app/translations`) holds the messages of the app's root modules and
# templates and of these shared packages; every area package keeps its own catalogue
# (`python scripts/i18n.py init <area>`), which this test then checks as well.
CORE_PACKAGES = {
    "api",
    "audit",
    "auth",
    "charts",
    "demo",
    "jobs",
    "main",
    "notifications",
    "org",
    "settings",
    "ui",
}


def _scanned(dirpath: str) -> bool:
    """Every folder but hidden ones and caches (Babel's default also skips `_macros`)."""
    name = Path(dirpath).name
    return not (name.startswith(".") or name == "__pycache__")


def _messages_in_code(package: Path) -> set[str]:
    """Message ids used by the package's Python code and templates (as `extract` finds them)."""
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    if package == APP:
        others = {p.name for p in APP.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
        method_map = [(f"{name}/**", "ignore") for name in sorted(others - CORE_PACKAGES)] + method_map
    keywords = {**DEFAULT_KEYWORDS, "_l": None}
    ids = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(package), method_map=method_map, keywords=keywords, directory_filter=_scanned
    ):
        ids.add(message if isinstance(message, str) else message[0])
    return ids


@pytest.mark.parametrize("package", CATALOGUES, ids=lambda p: str(p.relative_to(APP.parent)))
def test_indonesian_catalogue_translates_every_message(package: Path) -> None:
    with open(package / "translations" / "id" / "LC_MESSAGES" / "messages.po", "rb") as handle:
        catalogue = read_po(handle)
    translated = {
        m.id[0] if isinstance(m.id, tuple) else m.id
        for m in catalogue
        if m.id
        and m.string
        and all(m.string if isinstance(m.string, tuple) else [m.string])
        and "fuzzy" not in m.flags
    }
    missing = sorted(_messages_in_code(package) - translated)
    assert missing == [], f"untranslated in {package.name}: run scripts/i18n.py extract, then translate"
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalogue.check() if errors]
    assert problems == []


def test_one_message_has_one_indonesian_translation_across_catalogues() -> None:
    # Flask-Babel merges every catalogue into one: when two areas translate the same English
    # message differently, the last catalogue silently wins in both areas ("Title" printed as
    # "Judul" on the signing official's job title). A message that means two things needs two
    # English texts ("Job title", "Mandatory", "Being handled").
    translations: dict[str, dict[str, list[str]]] = {}
    for package in CATALOGUES:
        with open(package / "translations" / "id" / "LC_MESSAGES" / "messages.po", "rb") as handle:
            for message in read_po(handle):
                if message.id and message.string:
                    key = message.id[0] if isinstance(message.id, tuple) else message.id
                    text = message.string[0] if isinstance(message.string, tuple) else message.string
                    translations.setdefault(key, {}).setdefault(text, []).append(package.name)
    conflicts = {key: found for key, found in translations.items() if len(found) > 1}
    assert conflicts == {}


def test_the_interface_is_indonesian_by_default(client) -> None:
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="id">' in page
    assert "Masuk ke Lentera" in page and "Kata sandi" in page and "Nama pengguna" in page


def test_the_language_switch_changes_the_interface_and_back(client) -> None:
    response = client.post("/language", data={"language": "en", "next": "/login"})
    assert response.status_code == 302 and response.headers["Location"] == "/login"
    page = client.get("/login").get_data(as_text=True)
    assert '<html lang="en">' in page and "Sign in to Lentera" in page
    client.post("/language", data={"language": "id", "next": "/login"})
    assert "Masuk ke Lentera" in client.get("/login").get_data(as_text=True)


def test_a_signed_in_users_choice_is_remembered_on_their_account(app) -> None:
    user = make_user(roles=["hr"])
    client = login(app.test_client(), user)
    client.post("/language", data={"language": "en", "next": "/me"})
    db.session.refresh(user)
    assert user.locale == "en"
    other_device = login(app.test_client(), user)  # no language in this session
    assert "My account" in other_device.get("/me").get_data(as_text=True)


def test_unknown_language_or_foreign_next_is_ignored(client) -> None:
    response = client.post("/language", data={"language": "fr", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    assert "Masuk ke Lentera" in client.get("/login").get_data(as_text=True)


def test_wtforms_own_messages_are_translated(client) -> None:
    """WTForms ships no Indonesian: its messages come from the core catalogue."""
    login(client, make_user(roles=["admin"]))
    page = client.post("/people/new", data={"appointed_on": "31-31-2020", "roles": ["raja"]})
    text = page.get_data(as_text=True)
    assert "Tanggal tidak valid." in text
    assert "bukan pilihan yang valid untuk isian ini." in text
    assert "Isian ini wajib diisi." in text


def test_api_follows_accept_language(client) -> None:
    english = client.get("/api/v1/me", headers={"Accept-Language": "en"}).get_json()
    indonesian = client.get("/api/v1/me").get_json()
    assert english["error"]["message"] == "Please sign in first."
    assert indonesian["error"]["message"] == "Silakan masuk terlebih dahulu."
