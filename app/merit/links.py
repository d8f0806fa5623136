"""Links put into notifications (services run without a request, so no `url_for` there).

`tests/merit/test_links.py` checks each against the URL map.
"""

from __future__ import annotations


def my_merit_link() -> str:
    return "/merit/me"


def profile_link(user_id: int) -> str:
    return f"/merit/people/{user_id}"


def evaluation_link(evaluation_id: int) -> str:
    return f"/merit/evaluations/{evaluation_id}"


def action_link(action_id: int) -> str:
    return f"/merit/actions/{action_id}"


def queue_link() -> str:
    return "/merit/queue"
