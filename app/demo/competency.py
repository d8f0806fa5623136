"""Demo competency data: technical competencies, standards, evidence, an override, JP, external training."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Any

from sqlalchemy import select

from app.competency.enums import EvidenceSource
from app.competency.models import Competency, PositionRequirement
from app.competency.services import credit_jp, record_evidence, set_requirements
from app.competency.services.dictionary import create_technical_competency
from app.competency.services.evidence import record_manual_evidence
from app.competency.services.external import record_external_training
from app.extensions import db
from app.security import SYSTEM_ACTOR

TECHNICAL = [
    (
        "Pelayanan Perizinan Berusaha",
        "Memproses perizinan berusaha berbasis risiko melalui sistem OSS.",
        ["Memahami", "Menerapkan", "Menganalisis", "Mengevaluasi", "Mengembangkan"],
    ),
    (
        "Manajemen SDM Aparatur",
        "Mengelola siklus manajemen ASN: perencanaan, pengembangan kompetensi, kinerja dan karier.",
        ["Memahami", "Menerapkan", "Menganalisis", "Mengevaluasi", "Merancang kebijakan"],
    ),
    (
        "Pengelolaan Sistem Informasi",
        "Mengelola aplikasi, data dan infrastruktur TIK instansi secara aman.",
        ["Mengoperasikan", "Memelihara", "Mengintegrasikan", "Merancang", "Mengarahkan arsitektur"],
    ),
]
# position code -> (technical index, level)
TECHNICAL_NEEDS = {
    "PENATA-PERIZINAN": (0, 3), "PENGELOLA-LAYANAN": (0, 2), "KABID": (0, 3),
    "ASDMA-MADYA": (1, 4), "ASDMA-MUDA": (1, 3), "ASDMA-PERTAMA": (1, 2),
    "PRAKOM-PERTAMA": (2, 2), "PRAKOM-MAHIR": (2, 2),
}  # fmt: skip
MINIMAL_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _levels(verbs: list[str], subject: str) -> list[dict[str, Any]]:
    return [
        {
            "level": n,
            "title": f"{verb} {subject.lower()}",
            "indicators": [
                f"{verb} tugas {subject.lower()} tingkat {n}",
                f"Membimbing rekan pada tingkat {n}",
            ]
            if n > 2
            else [f"{verb} tugas {subject.lower()} sederhana"],
        }
        for n, verb in enumerate(verbs, start=1)
    ]


def seed(ctx: dict[str, Any]) -> None:
    """Technical competencies and standards, evidence for everyone, one override, JP for the year."""
    rng: Random = ctx["rng"]
    hr = ctx["by_username"]["sdm"]
    technical = [
        create_technical_competency(
            SYSTEM_ACTOR, {"name": name, "definition": text, "levels": _levels(verbs, name)}
        )
        for name, text, verbs in TECHNICAL
    ]
    for code, (index, level) in TECHNICAL_NEEDS.items():
        position = ctx["positions"][code]
        current = [
            {"competency_id": r.competency_id, "level": r.level}
            for r in db.session.scalars(
                select(PositionRequirement).where(PositionRequirement.position_id == position.id)
            )
        ]
        set_requirements(
            SYSTEM_ACTOR, position, [*current, {"competency_id": technical[index].id, "level": level}]
        )
    required: dict[int, list[tuple[int, int]]] = {}
    for position_id, competency_id, level in db.session.execute(
        select(PositionRequirement.position_id, PositionRequirement.competency_id, PositionRequirement.level)
    ):
        required.setdefault(position_id, []).append((competency_id, level))
    today = date.today()
    for person in ctx["people"]:
        for competency_id, level in required.get(person.position_id, []):
            held = max(1, min(5, level + rng.choice([-2, -1, -1, 0, 0, 0, 1])))
            if rng.random() < 0.1:
                continue  # no evidence yet: counts as level 0
            record_evidence(
                user_id=person.id,
                competency_id=competency_id,
                level=held,
                source=(source := rng.choice([EvidenceSource.ASSESSMENT, EvidenceSource.COURSE])),
                recorded_by_id=hr.id,
                note="Asesmen kompetensi 2025"
                if source == EvidenceSource.ASSESSMENT
                else "Pelatihan klasikal",
                effective_on=today - timedelta(days=rng.randint(30, 400)),
                source_ref=f"demo:{person.id}:{competency_id}",
            )
        if rng.random() < 0.8:
            credit_jp(
                user_id=person.id,
                jp=float(rng.choice([4, 8, 12, 16, 20, 24, 32])),
                on=date(today.year, 1, 1)
                + timedelta(days=rng.randint(0, max(today.timetuple().tm_yday - 1, 0))),
                source="history",
                source_ref=f"demo-history:{person.id}",
                recorded_by_id=hr.id,
            )
    _seed_named(ctx, today)


def _seed_named(ctx: dict[str, Any], today: date) -> None:
    by_username = ctx["by_username"]
    pegawai, penilai, hr = by_username["pegawai"], by_username["penilai"], by_username["sdm.yan"]
    m2 = db.session.scalar(select(Competency).where(Competency.code == "M.2"))
    record_manual_evidence(
        penilai,
        pegawai,
        {
            "competency_id": m2.id,
            "level": 1,
            "source": "evaluator",
            "override": True,
            "note": "Belum aktif berbagi informasi dengan rekan satu tim pada semester ini.",
        },
    )
    sk1 = db.session.scalar(select(Competency).where(Competency.code == "SK.1"))
    start = today - timedelta(days=40)
    record_external_training(
        hr,
        pegawai,
        {
            "title": "Pelatihan Wawasan Kebangsaan",
            "issuer": "BPSDM Provinsi Nusantara",
            "certificate_number": f"BPSDM/{today.year}/0457",
            "started_on": start,
            "ended_on": start + timedelta(days=2),
            "jp": 6,
            "competency_id": sk1.id,
            "level": 2,
            "note": "Sertifikat asli diperlihatkan kepada pengelola SDM.",
        },
        (MINIMAL_PDF, "sertifikat-wawasan-kebangsaan.pdf"),
    )
