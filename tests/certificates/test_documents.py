"""PDF (content, language, cache, determinism, restricted fetching) and the Open Badge."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import pytest
from pypdf import PdfReader

from app.certificates.badge import badge_problems
from app.certificates.models import Certificate
from app.certificates.pdf import CertificateHtml, StaticOnlyFetcher, cache_path, certificate_to_pdf
from app.certificates.rendering import reset_reused_state, shared_documents_kept
from app.certificates.rules import sha256_hex
from app.certificates.services.common import CertificateError
from app.certificates.services.documents import (
    certificate_badge,
    certificate_pdf,
    check_uploaded_pdf,
    render_certificate_html,
)
from app.certificates.services.issuing import certificate_of
from app.courses.completion import complete_enrollment
from app.settings.services import set_setting
from tests.certificates.factories import completed, make_course_with_outline, make_holder
from tests.courses.factories import make_class, make_enrollment

ROOT = Path(__file__).parents[2]
SCHEMA_NAME = "open-badges-3.0-achievementcredential.schema.json"
SHIPPED = ROOT / "app" / "certificates" / "data" / SCHEMA_NAME
# The official copy beside the repository (../shared/data) when present; the shipped copy otherwise.
OFFICIAL = next(
    (
        p
        for p in (
            ROOT.parent / "shared" / "data" / SCHEMA_NAME,
            ROOT.parents[1] / "shared" / "data" / SCHEMA_NAME,
        )
        if p.is_file()
    ),
    SHIPPED,
)


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_holds_the_holder_course_number_and_verification_url():
    enrollment, certificate = completed()
    data = certificate_pdf(certificate)
    assert data.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2  # the annex lists competencies and outline
    box = reader.pages[0].mediabox
    assert float(box.width) > float(box.height)  # landscape
    text = _text(data)
    for expected in ("Siti Rahmawati", "Pelayanan Publik Prima", certificate.number, enrollment.user.nip):
        assert expected in text
    assert f"/verify/{certificate.code}" in text
    assert "SERTIFIKAT" in text.upper()
    assert "Pengelolaan pengaduan" in text


def test_pdf_is_in_english_for_english_speakers():
    _enrollment, certificate = completed(make_holder(locale="en"))
    text = _text(certificate_pdf(certificate))
    assert "has attended and completed the training" in text


def test_pdf_is_in_indonesian_by_default():
    _enrollment, certificate = completed()
    assert "telah mengikuti" in _text(certificate_pdf(certificate)).lower()


def test_pdf_is_cached_by_snapshot_hash_and_rendering_is_deterministic():
    _enrollment, certificate = completed()
    first = certificate_pdf(certificate)
    assert cache_path(certificate.sha256).read_bytes() == first
    assert certificate.pdf_sha256 == sha256_hex(first)
    assert certificate_to_pdf(render_certificate_html(certificate)) == first


def test_uploaded_pdf_check():
    _enrollment, certificate = completed()
    data = certificate_pdf(certificate)
    assert check_uploaded_pdf(certificate, data) is True
    assert check_uploaded_pdf(certificate, data[:-10] + b"0000000000") is False
    with pytest.raises(CertificateError) as refused:
        check_uploaded_pdf(certificate, b"GIF89a not a pdf")
    assert "file" in refused.value.fields
    with pytest.raises(CertificateError):
        check_uploaded_pdf(certificate, b"")


def test_fetcher_only_reads_the_static_folder(app, tmp_path):
    fetcher = StaticOnlyFetcher(Path(app.static_folder))
    secret = tmp_path / "secret.txt"
    secret.write_text("x")
    for url in ("https://example.org/logo.png", f"file://{secret}", "file:///etc/passwd", "ftp://x/y"):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    css = Path(app.static_folder) / "css" / "certificate-pdf.css"
    assert fetcher.fetch(css.as_uri()).read().startswith(b"/*")
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


def test_remote_images_in_the_html_are_never_fetched(app):
    html = '<html><body><img src="https://example.org/tracker.png"><p>Hello</p></body></html>'
    assert certificate_to_pdf(CertificateHtml(html)).startswith(
        b"%PDF-"
    )  # rendered without the image, no network


def test_badge_is_a_valid_open_badges_3_credential():
    _enrollment, certificate = completed()
    badge = certificate_badge(certificate)
    assert badge_problems(badge) == []
    assert "OpenBadgeCredential" in badge["type"]
    achievement = badge["credentialSubject"]["achievement"]
    assert achievement["criteria"]["narrative"]
    assert {a["targetCode"] for a in achievement["alignment"]} == {"M.3", "M.5"}
    assert all(a["targetType"] == "CFItem" for a in achievement["alignment"])
    assert badge["credentialSubject"]["creditsEarned"] == 24.0
    assert certificate.snapshot["holder"]["name"] not in json.dumps(badge)  # hashed, not in clear


def test_badge_validates_against_the_official_schema():
    assert json.loads(SHIPPED.read_text()) == json.loads(OFFICIAL.read_text())
    _enrollment, certificate = completed(validity_months=12)
    badge = certificate_badge(certificate)
    jsonschema.Draft201909Validator(json.loads(OFFICIAL.read_text())).validate(badge)
    assert badge["validUntil"].startswith(certificate.expires_on.isoformat())


def test_annex_page_is_a_setting_frozen_at_issue(admin):
    set_setting("certificates.annex_page", False, actor_id=admin.id)
    _enrollment, one_page = completed()
    set_setting("certificates.annex_page", True, actor_id=admin.id)
    assert one_page.snapshot["annex"] is False
    assert len(PdfReader(io.BytesIO(certificate_pdf(one_page))).pages) == 1


def _class_of_two() -> tuple[Certificate, Certificate]:
    klass = make_class(make_course_with_outline())
    first, second = (
        make_enrollment(make_holder(name=name), klass) for name in ("Siti Rahmawati", "Budi Santoso")
    )
    for enrollment in (first, second):
        complete_enrollment(enrollment)
    return certificate_of(first.id), certificate_of(second.id)


def test_the_annex_is_the_same_for_a_whole_class_and_holds_nothing_personal():
    first, second = _class_of_two()
    first_html, second_html = render_certificate_html(first), render_certificate_html(second)
    assert first_html.annex == second_html.annex
    assert first_html.page != second_html.page
    for certificate in (first, second):
        holder = certificate.snapshot["holder"]
        for personal in (
            holder["name"],
            holder["nip"],
            certificate.number,
            certificate.code,
            certificate.sha256,
        ):
            assert personal not in first_html.annex


def test_a_class_lays_out_its_annex_once_and_prints_the_same_bytes_as_a_cold_render():
    first, second = _class_of_two()
    reset_reused_state()
    certificate_to_pdf(render_certificate_html(first))
    warm = certificate_to_pdf(render_certificate_html(second))
    assert shared_documents_kept() == 1  # the second certificate reused the first one's annex
    reset_reused_state()
    cold = certificate_to_pdf(render_certificate_html(second))
    assert warm == cold
    text = _text(warm)
    assert "Budi Santoso" in text and "Pengelolaan pengaduan" in text
    assert "Siti Rahmawati" not in text
