"""Merit tests render explanations (lazy texts): a request context, in English unless a test says."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask_babel import force_locale


@pytest.fixture(autouse=True)
def _request_context(app: Flask, _isolation) -> Iterator[None]:
    with app.test_request_context("/"), force_locale("en"):
        yield
