"""Junk sent to every page and form never causes a server error.

Walks the URL map as a user holding every role: GET pages with hostile query strings, and
POST every form that takes no URL arguments with junk fields. Answers may be anything a
person can read (the form again with errors, a redirect, 400, 404 …) but never a 5xx.
Forms with URL arguments are covered by their areas' tests with real objects.
"""

from __future__ import annotations

import pytest
from flask import Flask

from app.security import Role
from tests.conftest import login
from tests.factories import make_position, make_unit, make_user

JUNK_QUERIES = [
    "?page=99999999999999999999&per_page=-1&q=%25%27%22%3C%3E&unit_id=abc&year=0&period=9999-Q9",
    "?page=abc&per_page=abc&q=" + "x" * 500 + "&unit_id=99999999999999999999&role=root&status=x",
    "?sort=;drop&order=sideways&tier=nope&from=2020-13-45&to=yesterday&inactive=maybe",
]
JUNK_FORMS = [
    {},
    {"code": "a b", "name": "", "parent_id": "abc", "tier": "raja", "unit_id": "-1", "year": "x"},
    {
        "code": "Z" * 300,
        "name": "N" * 5000,
        "username": "A!",
        "email": "@",
        "nip": "1" * 40,
        "unit_id": "99999999999999999999",
        "position_id": "0",
        "appointed_on": "2020-02-30",
        "roles": ["root", "admin"],
        "password": "x",
        "kind": "nothing",
        "period": "2026-Q7",
        "date": "yesterday",
        "score": "NaN",
        "level": "99",
        "file": "not a file",
    },
]


def _routes(app: Flask, method: str) -> list[str]:
    return sorted(
        {
            rule.rule
            for rule in app.url_map.iter_rules()
            if method in rule.methods
            and not rule.arguments
            and not rule.rule.startswith(("/api/", "/static"))
            and rule.endpoint not in {"auth.logout", "main.set_language"}
        }
    )


@pytest.fixture
def everyone(client):
    unit = make_unit()
    make_unit(parent=unit)
    make_position()
    user = make_user(roles=[r.value for r in Role], unit=unit)
    return login(client, user)


def test_pages_survive_hostile_query_strings(app: Flask, everyone) -> None:
    failures = []
    for path in _routes(app, "GET"):
        for query in JUNK_QUERIES:
            status = everyone.get(path + query).status_code
            if status >= 500:
                failures.append(f"GET {path}{query[:60]}…: {status}")
    assert failures == []


def test_forms_survive_junk(app: Flask, everyone) -> None:
    failures = []
    for path in _routes(app, "POST"):
        for data in JUNK_FORMS:
            status = everyone.post(path, data=data).status_code
            if status >= 500:
                failures.append(f"POST {path} {sorted(data)[:4]}: {status}")
    assert failures == []
