"""Demo organisation: a province office with 8 units, 15 positions and 60 people."""

from __future__ import annotations

from datetime import date
from random import Random
from typing import Any

from app.auth.passwords import hash_password
from app.extensions import db
from app.org.enums import Employment, Tier
from app.org.models import Position, Unit, User
from app.org.rules import child_path
from app.org.signals import position_created
from app.security import Role

UNITS = [
    ("PROV", "Pemerintah Provinsi Nusantara", None),
    ("BKD", "Badan Kepegawaian Daerah", "PROV"),
    ("BKD-MUT", "Bidang Mutasi dan Promosi", "BKD"),
    ("BKD-PKA", "Bidang Pengembangan Kompetensi Aparatur", "BKD"),
    ("DPMPTSP", "Dinas Penanaman Modal dan PTSP", "PROV"),
    ("DPMPTSP-YAN", "Bidang Pelayanan Perizinan", "DPMPTSP"),
    ("DISKOMINFO", "Dinas Komunikasi dan Informatika", "PROV"),
    ("INSP", "Inspektorat Daerah", "PROV"),
]

POSITIONS = [
    ("SEKDA", "Sekretaris Daerah", Tier.JPT_MADYA),
    ("KABAN", "Kepala Badan", Tier.JPT_PRATAMA),
    ("KADIS", "Kepala Dinas", Tier.JPT_PRATAMA),
    ("KABID", "Kepala Bidang", Tier.ADMINISTRATOR),
    ("KASUBBID", "Kepala Subbidang", Tier.PENGAWAS),
    ("ASDMA-MADYA", "Analis SDM Aparatur Ahli Madya", Tier.AHLI_MADYA),
    ("ASDMA-MUDA", "Analis SDM Aparatur Ahli Muda", Tier.AHLI_MUDA),
    ("ASDMA-PERTAMA", "Analis SDM Aparatur Ahli Pertama", Tier.AHLI_PERTAMA),
    ("AUDITOR-MUDA", "Auditor Ahli Muda", Tier.AHLI_MUDA),
    ("PRAKOM-PERTAMA", "Pranata Komputer Ahli Pertama", Tier.AHLI_PERTAMA),
    ("PRAKOM-MAHIR", "Pranata Komputer Mahir", Tier.MAHIR),
    ("ARSIPARIS-TERAMPIL", "Arsiparis Terampil", Tier.TERAMPIL),
    ("PENATA-PERIZINAN", "Penata Layanan Perizinan", Tier.PENYELIA),
    ("PENGADMIN", "Pengadministrasi Perkantoran", Tier.PELAKSANA),
    ("PENGELOLA-LAYANAN", "Pengelola Layanan Operasional", Tier.PELAKSANA),
]

FIRST_NAMES_M = [
    "Budi",
    "Agus",
    "Hendra",
    "Rizky",
    "Dimas",
    "Fajar",
    "Yusuf",
    "Bayu",
    "Arif",
    "Teguh",
    "Wahyu",
    "Eko",
    "Andi",
    "Rudi",
    "Ilham",
    "Gilang",
    "Joko",
    "Made",
    "Putu",
    "Ahmad",
]
FIRST_NAMES_F = [
    "Siti",
    "Dewi",
    "Ratna",
    "Ayu",
    "Rina",
    "Wulan",
    "Fitri",
    "Indah",
    "Nur",
    "Lestari",
    "Sri",
    "Putri",
    "Maya",
    "Anisa",
    "Dian",
    "Yuni",
    "Kartika",
    "Nadia",
    "Laila",
    "Ketut",
]
LAST_NAMES = [
    "Santoso",
    "Wijaya",
    "Pratama",
    "Saputra",
    "Hidayat",
    "Nugroho",
    "Kusuma",
    "Siregar",
    "Nasution",
    "Lubis",
    "Harahap",
    "Simanjuntak",
    "Wibowo",
    "Setiawan",
    "Permana",
    "Rahmawati",
    "Puspitasari",
    "Anggraini",
    "Sembiring",
    "Tanjung",
    "Gunawan",
    "Hakim",
    "Suryadi",
    "Utami",
]

# (username, name, gender, unit, position, roles, label shown after seeding)
NAMED_PEOPLE = [
    ("admin", "Admin Sistem", 1, "BKD", "PENGADMIN", [Role.ADMIN, Role.EMPLOYEE], "administrator"),
    (
        "sdm",
        "Ratna Dewi Lestari",
        2,
        "BKD",
        "ASDMA-MUDA",
        [Role.HR, Role.EMPLOYEE],
        "HR officer (whole BKD)",
    ),
    (
        "sdm.yan",
        "Hendra Gunawan",
        1,
        "DPMPTSP",
        "ASDMA-PERTAMA",
        [Role.HR, Role.EMPLOYEE],
        "HR officer (DPMPTSP)",
    ),
    (
        "penilai",
        "Agus Setiawan",
        1,
        "DPMPTSP-YAN",
        "KABID",
        [Role.EVALUATOR, Role.EMPLOYEE],
        "evaluator",
    ),
    (
        "penilai2",
        "Sri Wahyuni Kusuma",
        2,
        "DPMPTSP",
        "KADIS",
        [Role.EVALUATOR, Role.EMPLOYEE],
        "second evaluator",
    ),
    (
        "pegawai",
        "Siti Nurhaliza Putri",
        2,
        "DPMPTSP-YAN",
        "PENATA-PERIZINAN",
        [Role.EMPLOYEE],
        "civil servant",
    ),
]


def make_nip(rng: Random, gender: int, serial: int) -> tuple[str, date, date]:
    """A structurally valid NIP with the matching birth and appointment dates."""
    birth = date(rng.randint(1968, 1998), rng.randint(1, 12), rng.randint(1, 28))
    appointed = date(min(birth.year + rng.randint(22, 30), 2024), rng.randint(1, 12), 1)
    nip = f"{birth:%Y%m%d}{appointed:%Y%m}{gender}{serial:03d}"
    return nip, birth, appointed


def seed(ctx: dict[str, Any]) -> None:
    """Create units, positions and 60 people; record them in `ctx` for later steps."""
    rng: Random = ctx["rng"]
    units: dict[str, Unit] = {}
    for code, name, parent in UNITS:
        unit = Unit(code=code, name=name, parent_id=units[parent].id if parent else None)
        db.session.add(unit)
        db.session.flush()
        unit.path = child_path(units[parent].path if parent else None, unit.id)
        units[code] = unit
    positions: dict[str, Position] = {}
    for code, name, tier in POSITIONS:
        position = Position(code=code, name=name, tier=tier)
        db.session.add(position)
        db.session.flush()
        position_created.send(position)
        positions[code] = position
    password_hash = hash_password(ctx["password"])
    people: list[User] = []
    serial = 1
    for username, name, gender, unit, position, roles, label in NAMED_PEOPLE:
        nip, _birth, appointed = make_nip(rng, gender, serial)
        serial += 1
        person = User(
            username=username,
            name=name,
            email=f"{username}@nusantara.go.id",
            nip=nip,
            unit_id=units[unit].id,
            position_id=positions[position].id,
            employment=Employment.PNS,
            appointed_on=appointed,
            password_hash=password_hash,
        )
        person.set_roles(set(roles))
        people.append(person)
        ctx.setdefault("logins", []).append((username, label))
    leaf_units = ["BKD-MUT", "BKD-PKA", "DPMPTSP-YAN", "DISKOMINFO", "INSP", "DPMPTSP", "BKD"]
    staff_positions = [p for p in positions if p not in {"SEKDA", "KABAN", "KADIS", "KABID"}]
    while len(people) < 60:
        gender = rng.choice([1, 2])
        first = rng.choice(FIRST_NAMES_M if gender == 1 else FIRST_NAMES_F)
        name = f"{first} {rng.choice(LAST_NAMES)}"
        username = f"{first.lower()}.{name.split()[-1].lower()}{serial}"
        nip, _birth, appointed = make_nip(rng, gender, serial)
        serial += 1
        pppk = rng.random() < 0.15
        person = User(
            username=username,
            name=name,
            email=f"{username}@nusantara.go.id",
            nip=None if pppk else nip,
            unit_id=units[rng.choice(leaf_units)].id,
            position_id=positions[rng.choice(staff_positions)].id,
            employment=Employment.PPPK if pppk else Employment.PNS,
            appointed_on=appointed,
            password_hash=password_hash,
        )
        person.set_roles({Role.EMPLOYEE} | ({Role.EVALUATOR} if rng.random() < 0.08 else set()))
        people.append(person)
    db.session.add_all(people)
    db.session.flush()
    by_username = {p.username: p for p in people}
    supervisor_by_unit = {
        units["DPMPTSP-YAN"].id: by_username["penilai"],
        units["DPMPTSP"].id: by_username["penilai2"],
    }
    for person in people:
        supervisor = supervisor_by_unit.get(person.unit_id)
        if supervisor is not None and supervisor.id != person.id:
            person.supervisor_id = supervisor.id
    by_username["penilai"].supervisor_id = by_username["penilai2"].id
    ctx.update(units=units, positions=positions, people=people, by_username=by_username)
