"""Demo service quality: services, a year of survey responses, complaints at every step, innovations."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from random import Random
from typing import Any

from app.org.models import Unit, User
from app.service_quality.enums import AgeBand, Category, Channel, Education, Gender, Occupation
from app.service_quality.services.catalog import save_innovation, save_public_service
from app.service_quality.services.clock import local_today, local_zone
from app.service_quality.services.complaints import file_complaint, transition_complaint
from app.service_quality.services.survey import submit_survey_response

SERVICES = {
    "DPMPTSP-YAN": [
        ("Perizinan Berusaha (OSS)", "Pendampingan izin usaha melalui OSS RBA.", True),
        ("Persetujuan Bangunan Gedung (PBG)", "Penerbitan PBG melalui SIMBG.", True),
        ("Izin Reklame", "Permohonan dan perpanjangan izin reklame.", False),
        ("Surat Keterangan Penelitian", "Rekomendasi penelitian bagi mahasiswa dan peneliti.", True),
    ],
    "DISKOMINFO": [
        ("Pengelolaan Subdomain", "Pembuatan subdomain go.id untuk perangkat daerah.", True),
        ("Hotspot Publik", "Layanan internet gratis di ruang publik.", False),
    ],
    "BKD": [
        ("Legalisir SK Kepegawaian", "Legalisir salinan SK bagi ASN dan pensiunan.", False),
        ("Layanan Kenaikan Pangkat", "Usul kenaikan pangkat melalui SIASN.", True),
    ],
}

SUGGESTIONS = [
    "Ruang tunggu perlu ditambah kursi dan kipas angin.",
    "Petugas sangat ramah, pertahankan.",
    "Informasi persyaratan di website belum lengkap.",
    "Antrean online sangat membantu.",
    "Mohon jam layanan diperpanjang sampai sore.",
    "Proses verifikasi berkas masih terlalu lama.",
]

COMPLAINTS = [
    (Category.PENGADUAN, "Permohonan PBG saya sudah tiga minggu belum ada kabar, padahal berkas lengkap."),
    (Category.PENGADUAN, "Petugas loket meminta biaya tambahan untuk mempercepat izin reklame."),
    (Category.ASPIRASI, "Mohon disediakan layanan konsultasi perizinan di hari Sabtu."),
    (Category.INFORMATION_REQUEST, "Apa saja persyaratan surat keterangan penelitian untuk mahasiswa S2?"),
    (Category.PENGADUAN, "Sistem OSS sering gagal saat mengunggah dokumen lingkungan."),
    (Category.WHISTLE_BLOWING, "Ada dugaan pungutan liar di loket perizinan pada jam istirahat."),
    (Category.PENGADUAN, "Hotspot publik di taman kota tidak dapat digunakan sejak seminggu lalu."),
    (Category.ASPIRASI, "Mohon ditambah petunjuk arah ke ruang pelayanan bagi penyandang disabilitas."),
]


def _at(day, hour: int) -> datetime:
    """A local office hour of a day, as UTC."""
    return datetime.combine(day, time(hour, 0), local_zone()).astimezone(UTC)


def _survey(rng: Random, unit: Unit, services: list[Any], count: int, quality: float) -> None:
    today = local_today()
    for _ in range(count):
        day = today - timedelta(days=rng.randint(0, 300))
        answers = [4 if rng.random() < quality else rng.choice([2, 3, 3]) for _element in range(9)]
        submit_survey_response(
            {
                "unit_id": unit.id,
                "service_id": rng.choice(services).id if services and rng.random() < 0.8 else None,
                "service_date": day,
                "answers": answers,
                "age_band": rng.choice([*AgeBand, None]),
                "gender": rng.choice([*Gender, None]),
                "education": rng.choice([*Education, None]),
                "occupation": rng.choice([*Occupation, None]),
                "suggestion": rng.choice(SUGGESTIONS) if rng.random() < 0.25 else None,
            },
            today=day,
        )


def _complaints(
    rng: Random, units: dict[str, Unit], staff: dict[str, User], officers: dict[str, list[User]]
) -> None:
    today = local_today()
    steps = [
        [],
        ["verified"],
        ["verified", "assigned"],
        ["verified", "assigned", "in_progress"],
        ["verified", "assigned", "in_progress", "resolved"],
        ["verified", "assigned", "in_progress", "resolved", "closed"],
        ["held"],
        ["outside_authority"],
    ]
    for index, (category, text) in enumerate(COMPLAINTS * 2):
        code = "DISKOMINFO" if "Hotspot" in text else "DPMPTSP-YAN"
        unit, hr = units[code], staff[code]
        received_day = today - timedelta(days=rng.randint(1, 25) if index < 8 else rng.randint(30, 200))
        received = _at(received_day, rng.randint(8, 15))
        channel = rng.choice([Channel.WEB, Channel.WEB, Channel.PHONE, Channel.LETTER])
        complaint = file_complaint(
            {
                "unit_id": unit.id,
                "channel": channel.value,
                "category": category.value,
                "text": text,
                "service_date": received_day - timedelta(days=rng.randint(0, 10)),
                "contact_name": None if category == Category.WHISTLE_BLOWING else "Warga Nusantara",
                "contact": None if category == Category.WHISTLE_BLOWING else "0812-0000-1234",
                "confidential": category == Category.WHISTLE_BLOWING,
            },
            now=received,
            entered_by=None if channel is Channel.WEB else hr,  # the public files web complaints itself
        )
        moment = received
        officer = officers[code][index % len(officers[code])]
        for step in steps[index % len(steps)] if index < 8 else steps[5]:
            moment += timedelta(hours=rng.choice([2, 5, 20, 30]))
            data: dict[str, Any] = {"to": step, "note": "Ditindaklanjuti sesuai SOP pengaduan."}
            if step == "assigned":
                data["officer_id"] = officer.id
            if step == "resolved":
                data["answer"] = "Terima kasih. Permasalahan telah kami tindak lanjuti dan selesaikan."
            actor = officer if step in ("in_progress", "resolved") else hr
            transition_complaint(actor, complaint.id, data, now=min(moment, _at(today, 9)))


def seed(ctx: dict[str, Any]) -> None:
    """Services for three units, about 200 survey responses, 16 complaints and 3 innovations."""
    rng: Random = ctx["rng"]
    units: dict[str, Unit] = ctx["units"]
    people: dict[str, User] = ctx["by_username"]
    admin = people["admin"]
    services: dict[str, list[Any]] = {}
    for code, rows in SERVICES.items():
        services[code] = [
            save_public_service(admin, units[code], {"name": n, "description": d, "digital": digital})
            for n, d, digital in rows
        ]
    _survey(rng, units["DPMPTSP-YAN"], services["DPMPTSP-YAN"], 140, 0.55)
    _survey(rng, units["DISKOMINFO"], services["DISKOMINFO"], 45, 0.35)
    _survey(rng, units["BKD"], services["BKD"], 30, 0.7)
    yan = units["DPMPTSP-YAN"].id
    officers = {
        "DPMPTSP-YAN": [
            people["pegawai"],
            *[p for p in ctx["people"] if p.unit_id == yan and p.username != "pegawai"][:2],
        ],
        "DISKOMINFO": [p for p in ctx["people"] if p.unit_id == units["DISKOMINFO"].id][:2] or [admin],
    }
    _complaints(rng, units, {"DPMPTSP-YAN": people["sdm.yan"], "DISKOMINFO": admin}, officers)
    today = local_today()
    for unit_code, title, days_ago in [
        ("DPMPTSP-YAN", "Antrean daring perizinan lewat WhatsApp", 120),
        ("DPMPTSP-YAN", "Gerai perizinan keliling di kecamatan", 40),
        ("DISKOMINFO", "Dasbor keluhan layanan publik terpadu", 200),
    ]:
        save_innovation(
            admin,
            {
                "unit_id": units[unit_code].id,
                "title": title,
                "description": "Inovasi pelayanan publik yang telah diterapkan.",
                "implemented_on": today - timedelta(days=days_ago),
                "evidence": "SK Kepala Dinas dan laporan evaluasi triwulan.",
            },
            today=today,
        )
