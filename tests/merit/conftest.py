"""Merit tests render explanations (lazy texts), which need a request context for the locale."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask


@pytest.fixture(autouse=True)
def _request_context(app: Flask, _isolation) -> Iterator[None]:
    with app.test_request_context("/"):
        yield
