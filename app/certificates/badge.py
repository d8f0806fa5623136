"""Open Badges 3.0: a certificate as an `OpenBadgeCredential` (an AchievementCredential) for wallets.

Built from the snapshot only, unsigned (signing is optional in the specification), and checked
against the official JSON schema shipped in `app/certificates/data/`.
"""

from __future__ import annotations

import json
import uuid
from functools import lru_cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft201909Validator

from app.certificates.rules import sha256_hex

CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
FRAMEWORK = "PermenPANRB 38/2017"


@lru_cache(maxsize=1)
def badge_schema() -> dict[str, Any]:
    """The official Open Badges 3.0 AchievementCredential JSON schema."""
    text = (
        files("app.certificates") / "data" / "open-badges-3.0-achievementcredential.schema.json"
    ).read_text("utf-8")
    return json.loads(text)


def badge_problems(credential: dict[str, Any]) -> list[str]:
    """Schema violations of a credential (empty when it is valid)."""
    validator = Draft201909Validator(badge_schema())
    return [
        f"{'.'.join(str(p) for p in error.absolute_path) or '$'}: {error.message}"
        for error in validator.iter_errors(credential)
    ]


def _timestamp(iso_day: str | None) -> str | None:
    return f"{iso_day}T00:00:00Z" if iso_day else None


def _alignment(item: dict[str, Any], base_url: str) -> dict[str, Any]:
    alignment = {
        "type": ["Alignment"],
        "targetName": item["name"],
        "targetCode": item["code"],
        "targetDescription": f"Level {item['level']}",
        "targetFramework": FRAMEWORK,
        "targetUrl": f"urn:uuid:{item['identifier']}"
        if item.get("identifier")
        else f"{base_url}/competencies",
    }
    if item.get("identifier"):
        alignment["targetType"] = "CFItem"
    return alignment


def build_badge(
    snapshot: dict[str, Any],
    sha256: str,
    *,
    base_url: str,
    criteria: str,
    description: str,
) -> dict[str, Any]:
    """The credential for one certificate.

    The holder is identified by a salted SHA-256 of their name (never the NIP in clear);
    `credentialStatus` points at the public verification JSON, which says valid, revoked or
    expired. `criteria` and `description` are texts in the holder's language.
    """
    course, holder, signer = snapshot["course"], snapshot["holder"], snapshot.get("signer") or {}
    code = snapshot["code"]
    salt = sha256[:16]
    achievement: dict[str, Any] = {
        "id": f"urn:lentera:course:{course['code']}",
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion",
        "name": course["title"],
        "description": description,
        "criteria": {"narrative": criteria},
        "humanCode": course["code"],
        "creditsAvailable": course["jp"],
        "inLanguage": snapshot.get("language", "id"),
        "alignment": [_alignment(item, base_url) for item in course.get("competencies") or []],
    }
    result = snapshot.get("result") or {}
    subject: dict[str, Any] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": True,
                "identityHash": "sha256$" + sha256_hex(holder["name"] + salt),
                "salt": salt,
            }
        ],
        "achievement": achievement,
        "creditsEarned": course["jp"],
    }
    if course.get("starts_on"):
        subject["activityStartDate"] = _timestamp(course["starts_on"])
    if course.get("ends_on"):
        subject["activityEndDate"] = _timestamp(course["ends_on"])
    if result.get("score") is not None:
        subject["result"] = [{"type": ["Result"], "value": f"{result['score']:g}", "status": "Completed"}]
    credential: dict[str, Any] = {
        "@context": CONTEXTS,
        "id": f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, snapshot['verify_url'])}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": course["title"],
        "description": description,
        "issuer": {
            "id": base_url,
            "type": ["Profile"],
            "name": signer.get("agency") or "Lentera",
            "url": base_url,
        },
        "validFrom": _timestamp(snapshot["issued_on"]),
        "awardedDate": _timestamp(snapshot["issued_on"]),
        "credentialSubject": subject,
        "credentialStatus": {"id": f"{base_url}/api/v1/verify/{code}", "type": "LenteraVerification"},
        "evidence": [
            {
                "id": snapshot["verify_url"],
                "type": ["Evidence"],
                "name": snapshot["number"],
                "narrative": f"SHA-256 {sha256}",
            }
        ],
    }
    if snapshot.get("expires_on"):
        credential["validUntil"] = _timestamp(snapshot["expires_on"])
    return credential
