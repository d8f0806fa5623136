"""The files a certificate becomes: its PDF (rendered once per snapshot, then cached), its Open Badge,
the check of an uploaded PDF against the one issued, and the ZIP of a class."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.certificates.badge import build_badge
from app.certificates.models import Certificate
from app.certificates.pdf import (
    CertificateHtml,
    cached_pdf,
    certificate_html,
    certificate_to_pdf,
    image_data_uri,
)
from app.certificates.rules import sha256_hex
from app.certificates.services.common import CertificateError, public_base_url
from app.certificates.services.signers import load_image
from app.extensions import db

PDF_MAGIC = b"%PDF-"
# A certificate PDF is well under 1 MB; anything far larger is not one of ours.
MAX_UPLOAD_BYTES = 10 * 1024 * 1024


def render_certificate_html(certificate: Certificate) -> CertificateHtml:
    """The HTML of a certificate (page and annex), with its signer's images as `data:` URIs."""
    snapshot = certificate.snapshot
    signer = snapshot.get("signer") or {}
    return certificate_html(
        snapshot,
        certificate.sha256,
        logo=image_data_uri(load_image(signer.get("logo_sha256"))),
        signature=image_data_uri(load_image(signer.get("signature_sha256"))),
    )


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF bytes: from the cache, or rendered now (and cached).

    The first render's SHA-256 is kept on the certificate, so an uploaded copy can be
    checked even if the cache is lost. Flushes when it records that hash.
    """
    data = cached_pdf(certificate.sha256, lambda: certificate_to_pdf(render_certificate_html(certificate)))
    if certificate.pdf_sha256 is None:
        certificate.pdf_sha256 = sha256_hex(data)
        db.session.flush()
    return data


def pdf_filename(certificate: Certificate) -> str:
    """A safe download name, e.g. `sertifikat-LENTERA-2026-000123.pdf`."""
    safe = "".join(c if c.isalnum() else "-" for c in certificate.number).strip("-")
    return f"sertifikat-{safe}.pdf"


def check_uploaded_pdf(certificate: Certificate, data: bytes) -> bool:
    """True when `data` is byte for byte the PDF issued for this certificate.

    Raises `CertificateError` (on the `file` field) for an empty file or one that is not a PDF.
    """
    if not data:
        raise CertificateError(str(_l("The file is empty.")), {"file": [str(_l("The file is empty."))]})
    if len(data) > MAX_UPLOAD_BYTES:
        message = str(_l("The file is too large to be one of our certificates."))
        raise CertificateError(message, {"file": [message]}, status=413)
    if not data.startswith(PDF_MAGIC):
        message = str(_l("This file is not a PDF."))
        raise CertificateError(message, {"file": [message]})
    digest = sha256_hex(data)
    if certificate.pdf_sha256 is None:
        certificate_pdf(certificate)
    return digest == certificate.pdf_sha256 or digest == sha256_hex(certificate_pdf(certificate))


def certificate_badge(certificate: Certificate) -> dict[str, Any]:
    """The Open Badges 3.0 credential of a certificate, texts in the holder's language."""
    snapshot = certificate.snapshot
    course = snapshot["course"]
    with force_locale(snapshot.get("language", "id")):
        criteria = _(
            "Attend and complete the training %(title)s (%(jp)s JP) and meet its completion "
            "requirements: every required material done and, where the course has one, the post-test passed.",
            title=course["title"],
            jp=f"{course['jp']:g}",
        )
        description = _("Certificate of training completion number %(number)s.", number=snapshot["number"])
    return build_badge(
        snapshot, certificate.sha256, base_url=public_base_url(), criteria=criteria, description=description
    )


def write_zip(certificates: list[Certificate], target: Path, progress=None) -> int:
    """Write the PDFs of `certificates` into a ZIP at `target`; returns how many went in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    names: set[str] = set()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        for index, certificate in enumerate(certificates, start=1):
            name = pdf_filename(certificate)
            if name in names:
                name = f"{certificate.id}-{name}"
            names.add(name)
            archive.writestr(name, certificate_pdf(certificate))
            if progress is not None:
                progress(index, len(certificates))
    return len(certificates)
