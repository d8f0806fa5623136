"""Key list pages run the same number of statements whatever the amount of data (no N+1)."""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask

from app.auth.services import issue_token
from app.security import Role
from tests.conftest import login
from tests.factories import make_unit, make_user
from tests.service_quality.factories import file, make_innovation, make_response, move


def _statements(counter, request: Callable[[], object]) -> int:
    with counter:
        response = request()
    assert response.status_code == 200
    return counter.count


def _grow(units, officer, n: int) -> None:
    for unit in units:
        for _ in range(n):
            complaint = file(unit, contact_name="Warga")
            move(complaint, "verified")
            move(complaint, "assigned", officer_id=officer.id)
            make_response(unit, [3] * 9, suggestion="Saran")
            make_innovation(unit, complaint.service_date)


def test_pages_do_not_grow_with_data(app: Flask, count_queries) -> None:
    root = make_unit()
    units = [make_unit(parent=root) for _ in range(3)]
    officer = make_user(unit=units[0])
    admin = make_user(roles=[Role.ADMIN.value], unit=root)
    hr = make_user(roles=[Role.HR.value], unit=root)
    urls = {
        admin: ["/service/", f"/service/complaints/units/{root.id}", f"/service/units/{root.id}/survey",
                f"/service/units/{root.id}/kpis", "/service/innovations", "/api/v1/complaints"],
        officer: ["/service/complaints/mine"],
    }  # fmt: skip
    _grow(units, officer, 1)
    complaint = file(units[0])
    move(complaint, "verified", actor=hr)
    move(complaint, "assigned", officer_id=officer.id, actor=make_user(roles=[Role.HR.value], unit=root))

    def measure() -> dict[str, int]:
        counts = {}
        for user, paths in urls.items():
            client = login(app.test_client(), user)
            headers = {}
            for path in paths:
                if path.startswith("/api/"):
                    headers = {"Authorization": f"Bearer {issue_token(user, 1)[0]}"}
                counts[path] = _statements(
                    count_queries, lambda c=client, p=path, h=headers: c.get(p, headers=h)
                )
        detail = login(app.test_client(), hr)
        counts["detail"] = _statements(
            count_queries, lambda: detail.get(f"/service/complaints/{complaint.id}")
        )
        return counts

    before = measure()
    _grow(units, officer, 4)
    for _ in range(4):  # more steps, by more people, to more officers
        other_officer = make_user(unit=units[0])
        move(
            complaint,
            "assigned",
            officer_id=other_officer.id,
            actor=make_user(roles=[Role.HR.value], unit=root),
        )
    after = measure()
    assert after == before
