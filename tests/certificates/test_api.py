"""API: a person's certificates, PDF, badge and revoking (bearer tokens only)."""

from __future__ import annotations

from app.certificates.badge import badge_problems
from tests.certificates.factories import completed
from tests.factories import make_user


def test_holder_lists_own_certificates(client, api_token):
    _enrollment, certificate = completed()
    response = client.get(
        f"/api/v1/users/{certificate.user_id}/certificates", headers=api_token(certificate.user)
    )
    assert response.status_code == 200
    (item,) = response.json["items"]
    assert item["number"] == certificate.number
    assert item["verification_code"] == certificate.code
    assert item["status"] == "valid" and item["sha256"] == certificate.sha256
    assert item["course_id"] == certificate.course_id


def test_others_get_404(client, api_token):
    _enrollment, certificate = completed()
    stranger = api_token(make_user())
    assert (
        client.get(f"/api/v1/users/{certificate.user_id}/certificates", headers=stranger).status_code == 404
    )
    assert client.get(f"/api/v1/certificates/{certificate.id}/pdf", headers=stranger).status_code == 404
    assert client.get(f"/api/v1/certificates/{certificate.id}/pdf").status_code == 401


def test_pdf_and_badge(client, api_token):
    _enrollment, certificate = completed()
    headers = api_token(certificate.user)
    pdf = client.get(f"/api/v1/certificates/{certificate.id}/pdf", headers=headers)
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    badge = client.get(f"/api/v1/certificates/{certificate.id}/badge", headers=headers)
    assert badge.status_code == 200 and badge_problems(badge.json) == []


def test_revoke_needs_a_reason_and_happens_once(client, api_token):
    _enrollment, certificate = completed()
    hr = api_token(make_user(roles=["hr"], unit=certificate.user.unit))
    url = f"/api/v1/certificates/{certificate.id}/revoke"
    assert client.post(url, json={}, headers=hr).status_code == 422
    short = client.post(url, json={"reason": "x"}, headers=hr)
    assert short.status_code == 422 and "reason" in short.json["error"]["fields"]
    done = client.post(url, json={"reason": "Salah penerbitan"}, headers=hr)
    assert done.status_code == 200 and done.json["status"] == "revoked"
    assert client.post(url, json={"reason": "Salah penerbitan"}, headers=hr).status_code == 409
    employee = api_token(certificate.user)
    assert client.post(url, json={"reason": "Saya sendiri"}, headers=employee).status_code == 403
