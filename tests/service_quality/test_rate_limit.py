"""Public forms and endpoints are rate-limited per IP with `PUBLIC_RATE_LIMIT`."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask

from app.extensions import limiter


@pytest.fixture
def limited_app(make_app) -> Iterator[Flask]:
    """A second app on the test database with rate limiting on (two requests a minute)."""
    other = make_app(
        RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://", PUBLIC_RATE_LIMIT="2 per minute"
    )
    limiter.reset()
    yield other
    limiter.reset()


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/survey/999999999", {"data": {}}),
        ("/complaint", {"data": {}}),
        ("/api/v1/survey-responses", {"json": {}}),
        ("/api/v1/complaints", {"json": {}}),
    ],
)
def test_the_third_post_in_a_minute_is_refused(limited_app: Flask, path: str, body: dict) -> None:
    client = limited_app.test_client()
    statuses = [client.post(path, **body).status_code for _ in range(3)]
    assert statuses[2] == 429 and 429 not in statuses[:2]
    other_ip = limited_app.test_client().post(path, environ_base={"REMOTE_ADDR": "10.9.8.7"}, **body)
    assert other_ip.status_code != 429


def test_tracking_lookups_are_limited_too(limited_app: Flask) -> None:
    client = limited_app.test_client()
    statuses = [client.get("/complaint/track?code=AAAA-BBBB-CCCC-DDDD").status_code for _ in range(3)]
    assert statuses == [404, 404, 429]
    page = client.get("/complaint/track?code=x").get_data(as_text=True)
    assert "Traceback" not in page and "<html" in page
