"""Public verification: page and API, status, masked NIP, hash, PDF check, bad codes, rate limit."""

from __future__ import annotations

import io

import pytest

from app.certificates.services.documents import certificate_pdf
from app.certificates.services.revocation import revoke_certificate
from app.extensions import db
from tests.certificates.factories import completed


def test_verify_page_shows_status_content_masked_nip_and_hash(client):
    enrollment, certificate = completed()
    response = client.get(f"/verify/{certificate.code}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert 'data-status="valid"' in page
    assert "Siti Rahmawati" in page and "Pelayanan Publik Prima" in page
    nip = enrollment.user.nip
    assert nip not in page and f"{nip[:6]}********{nip[-4:]}" in page
    assert certificate.sha256 in page
    assert "M.5" in page
    assert "Pengelolaan pengaduan" in page  # the outline too


def test_code_is_accepted_in_lower_case_with_dashes(client):
    _enrollment, certificate = completed()
    code = certificate.code.lower()
    assert client.get(f"/verify/{code[:4]}-{code[4:8]}-{code[8:]}").status_code == 200


@pytest.mark.parametrize("code", ["UNKNOWN2345A", "x", "%00", "A" * 300, "ABCDEFGHJKM0"])
def test_unknown_or_malformed_codes_are_404(client, code):
    assert client.get(f"/verify/{code}").status_code == 404
    response = client.get(f"/api/v1/verify/{code}")
    assert response.status_code == 404
    assert response.json["error"]["code"] == "not_found"


def test_lookup_form_redirects_to_the_code(client):
    _enrollment, certificate = completed()
    response = client.get("/verify", query_string={"code": certificate.code.lower()})
    assert response.status_code == 302 and response.location.endswith(f"/verify/{certificate.code}")
    assert client.get("/verify", query_string={"code": "nonsense!"}).status_code == 422
    assert client.get("/verify").status_code == 200


def test_revoked_certificate_shows_reason(client, admin):
    _enrollment, certificate = completed()
    revoke_certificate(admin, certificate, "Data kelulusan keliru")
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert 'data-status="revoked"' in page and "Data kelulusan keliru" in page
    body = client.get(f"/api/v1/verify/{certificate.code}").json
    assert body["status"] == "revoked" and body["revoked_reason"] == "Data kelulusan keliru"


def test_expired_certificate(client):
    _enrollment, certificate = completed(validity_months=12)
    certificate.expires_on = certificate.expires_on.replace(year=2020)
    db.session.flush()
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert 'data-status="expired"' in page
    assert client.get(f"/api/v1/verify/{certificate.code}").json["status"] == "expired"


def test_api_verify_fields(client):
    _enrollment, certificate = completed()
    body = client.get(f"/api/v1/verify/{certificate.code}").json
    assert body["status"] == "valid"
    assert body["holder_name"] == "Siti Rahmawati"
    assert body["course_title"] == "Pelayanan Publik Prima"
    assert body["jp"] == 24.0
    assert body["sha256"] == certificate.sha256
    assert body["revoked_reason"] is None and body["expires_at"] is None
    assert "*" in body["holder_nip"]


def _upload(client, code, data, name="sertifikat.pdf"):
    return client.post(
        f"/verify/{code}", data={"file": (io.BytesIO(data), name)}, content_type="multipart/form-data"
    )


def test_uploading_the_issued_pdf_says_identical_and_a_changed_one_does_not(client):
    _enrollment, certificate = completed()
    data = certificate_pdf(certificate)
    response = _upload(client, certificate.code, data)
    assert response.status_code == 200
    assert "Identik" in response.get_data(as_text=True)
    altered = data.replace(b"Siti", b"Sita", 1) if b"Siti" in data else data + b"\n"
    assert "Tidak identik" in _upload(client, certificate.code, altered).get_data(as_text=True)


def test_uploading_something_else_is_refused_clearly(client):
    _enrollment, certificate = completed()
    response = _upload(client, certificate.code, b"\x89PNG\r\n\x1a\nnot a pdf", "foto.png")
    assert response.status_code == 422
    assert "bukan PDF" in response.get_data(as_text=True)
    assert client.post(f"/verify/{certificate.code}", data={}).status_code == 422
    assert _upload(client, "UNKNOWN2345A", b"%PDF-1.7").status_code == 404


def test_verification_is_rate_limited(make_app):
    other = make_app(RATELIMIT_ENABLED=True, VERIFY_RATE_LIMIT="3 per minute")
    client = other.test_client()
    statuses = [client.get("/verify/UNKNOWN2345A").status_code for _ in range(4)]
    assert statuses == [404, 404, 404, 429]
    api_statuses = [client.get("/api/v1/verify/UNKNOWN2345B").status_code for _ in range(4)]
    assert api_statuses[-1] == 429
