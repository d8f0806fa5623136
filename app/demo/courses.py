"""Demo courses: a realistic catalog of 18 trainings with classes, materials and a spread of enrollments."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Any

from sqlalchemy import select

from app.competency.models import Competency
from app.courses.completion import complete_enrollment, fail_enrollment
from app.courses.enums import CourseStatus, DeliveryForm, EnrollmentStatus, MaterialKind
from app.courses.models import Course, CourseClass, CourseCompetency, Enrollment, Material
from app.courses.services.uploads import store_material_file
from app.db import utcnow
from app.extensions import db

# code, title, JP, delivery, {competency code or technical name: target level}, validity months, description
CATALOG: list[tuple[str, str, float, str, dict[str, int], int | None, str]] = [
    ("LATSAR-CPNS", "Pelatihan Dasar CPNS (Latsar)", 120, "KL04", {"M.1": 2, "SK.1": 2, "M.5": 2}, None,
     "Pembentukan nilai dasar ASN (BerAKHLAK), kedudukan dan peran ASN, serta aktualisasi di tempat kerja."),
    ("PKP", "Pelatihan Kepemimpinan Pengawas (PKP)", 120, "KL01", {"M.4": 3, "M.6": 3, "M.8": 3}, None,
     "Kepemimpinan pengawas: mengendalikan kegiatan, membina tim dan mengambil keputusan operasional."),
    ("PKA", "Pelatihan Kepemimpinan Administrator (PKA)", 150, "KL01", {"M.7": 4, "M.8": 4, "M.2": 4}, None,
     "Kepemimpinan kinerja: merancang perubahan unit, proyek perubahan dan kolaborasi lintas unit."),
    ("PPP", "Pelayanan Publik Prima", 24, "KL03", {"M.5": 3, "SK.1": 2}, None,
     "Standar pelayanan, maklumat pelayanan, survei kepuasan masyarakat dan budaya melayani."),
    ("LITDIG", "Literasi Digital ASN", 16, "NKL03", {"M.7": 2, "Pengelolaan Sistem Informasi": 1}, None,
     "Kecakapan, etika, budaya dan keamanan digital untuk pekerjaan sehari-hari ASN."),
    ("ADUAN", "Manajemen Pengaduan dan SP4N-LAPOR!", 16, "KL10", {"M.5": 3, "M.3": 2}, None,
     "Menerima, memverifikasi, menindaklanjuti dan menutup pengaduan masyarakat tepat waktu."),
    ("INTEG", "Integritas dan Antikorupsi", 12, "NKL03", {"M.1": 3}, 24,
     "Konflik kepentingan, gratifikasi, whistleblowing system dan zona integritas."),
    ("BERAKHLAK", "Internalisasi Nilai BerAKHLAK", 8, "KL11", {"M.1": 2, "M.2": 2}, None,
     "Sosialisasi core values ASN dan employer branding 'Bangga Melayani Bangsa'."),
    ("OSS-RBA", "Perizinan Berusaha Berbasis Risiko (OSS RBA)", 30, "KL10",
     {"Pelayanan Perizinan Berusaha": 3}, None,
     "Tata cara perizinan berusaha berbasis risiko, verifikasi persyaratan dan pengawasan melalui OSS."),
    ("TALENTA", "Manajemen Talenta ASN", 24, "KL03", {"Manajemen SDM Aparatur": 3, "M.6": 3}, None,
     "Identifikasi, pengembangan dan retensi talenta; kotak talenta dan rencana suksesi."),
    ("ANJAB", "Analisis Jabatan dan Beban Kerja", 32, "KL10", {"Manajemen SDM Aparatur": 2}, None,
     "Menyusun informasi jabatan, peta jabatan dan perhitungan kebutuhan pegawai."),
    ("KAMINFO", "Keamanan Informasi dan Pelindungan Data Pribadi", 20, "NKL04",
     {"Pengelolaan Sistem Informasi": 3}, 12,
     "Klasifikasi informasi, pengelolaan insiden siber dan kewajiban pelindungan data pribadi."),
    ("HUMAS", "Komunikasi Publik dan Kehumasan", 16, "KL07", {"M.3": 3}, None,
     "Menyusun pesan kunci, siaran pers dan komunikasi krisis di media sosial instansi."),
    ("COACH", "Coaching dan Mentoring untuk Atasan", 12, "NKL01", {"M.6": 3}, None,
     "Teknik coaching GROW, umpan balik dan percakapan kinerja yang berkelanjutan."),
    ("SKP", "Penyusunan SKP dan Manajemen Kinerja", 16, "KL10", {"M.4": 3}, None,
     "Menyusun SKP berdasarkan PermenPANRB 6/2022, dialog kinerja dan pemberian predikat."),
    ("NASKAH", "Penulisan Naskah Dinas", 12, "KL08", {"M.3": 2}, None,
     "Tata naskah dinas, surat elektronik dan bahasa Indonesia ragam resmi."),
    ("WASBANG", "Wawasan Kebangsaan dan Bela Negara", 20, "KL05", {"SK.1": 3}, None,
     "Empat konsensus dasar bangsa, moderasi beragama dan perekat bangsa dalam pelayanan."),
    ("SRIKANDI", "Pengelolaan Arsip Dinamis dengan SRIKANDI", 16, "NKL09", {"M.4": 2}, None,
     "Belajar mandiri pengelolaan arsip dinamis dan naskah dinas elektronik."),
]  # fmt: skip
PREREQUISITES = {"PKA": ["PKP"], "TALENTA": ["ANJAB"]}
DRAFTS = {"SRIKANDI"}
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _competency_ids() -> dict[str, int]:
    rows = db.session.execute(select(Competency.id, Competency.code, Competency.name)).all()
    return {**{code: cid for cid, code, _ in rows}, **{name: cid for cid, _, name in rows}}


def _materials(course: Course, with_file: bool) -> None:
    items = [
        Material(
            title="Pengantar dan tujuan pembelajaran",
            kind=MaterialKind.TEXT,
            body=f"Selamat datang di {course.title}.\n\n{course.description}\n\nBacalah seluruh materi "
            "wajib, lalu tandai selesai.",
            required=True,
        ),
        Material(
            title="Bahan bacaan utama",
            kind=MaterialKind.LINK,
            url="https://jdih.menpan.go.id/",
            required=True,
        ),
        Material(
            title="Studi kasus dan refleksi",
            kind=MaterialKind.TEXT,
            body="Tuliskan satu contoh penerapan di unit kerja Anda dan diskusikan dengan atasan.",
            required=False,
        ),
    ]
    if with_file:
        stored = store_material_file(MINIMAL_PDF, f"modul-{course.code.lower()}.pdf")
        items.append(
            Material(
                title="Modul (PDF)",
                kind=MaterialKind.FILE,
                file_path=stored.path,
                file_name=stored.name,
                file_size=stored.size,
                content_type=stored.content_type,
                required=True,
            )
        )
    for position, material in enumerate(items, start=1):
        material.course_id, material.position = course.id, position
        db.session.add(material)


def _classes(course: Course, today: date, rng: Random) -> tuple[CourseClass, CourseClass, CourseClass]:
    """A finished class, one running now and one opening soon."""
    length = 2 if course.jp <= 16 else 5
    past_start = today - timedelta(days=rng.randint(60, 150))
    running_start = today - timedelta(days=rng.randint(10, 20))
    next_start = today + timedelta(days=rng.randint(14, 45))
    place = rng.choice(["BPSDM Provinsi Nusantara, Aula Garuda", "Gedung BKD Lt. 3", "Daring (Zoom)"])
    classes = (
        CourseClass(
            course_id=course.id,
            name="Angkatan I",
            capacity=30,
            starts_on=past_start,
            ends_on=past_start + timedelta(days=length),
            location=place,
        ),
        CourseClass(
            course_id=course.id,
            name="Angkatan II",
            capacity=25,
            starts_on=running_start,
            ends_on=running_start + timedelta(days=30),
            location=place,
            online_url="https://zoom.us/j/1234567890",
        ),
        CourseClass(
            course_id=course.id,
            name="Angkatan III",
            capacity=rng.choice([4, 20, 30]),
            starts_on=next_start,
            ends_on=next_start + timedelta(days=length),
            enrol_deadline=next_start - timedelta(days=3),
            location=place,
        ),
    )
    db.session.add_all(classes)
    db.session.flush()
    return classes


def _enrol(person_id: int, course_class: CourseClass, status: EnrollmentStatus, **extra: Any) -> Enrollment:
    enrollment = Enrollment(
        user_id=person_id,
        class_id=course_class.id,
        course_id=course_class.course_id,
        status=status,
        enrolled_at=utcnow(),
        status_changed_at=utcnow(),
        **extra,
    )
    db.session.add(enrollment)
    return enrollment


def seed(ctx: dict[str, Any]) -> None:
    """18 courses (one draft), three classes each, materials, and enrollments in every state."""
    rng: Random = ctx["rng"]
    hr = ctx["by_username"]["sdm"]
    today = date.today()
    competencies = _competency_ids()
    courses: dict[str, Course] = {}
    for code, title, jp, delivery, targets, validity, description in CATALOG:
        course = Course(
            code=code,
            title=title,
            jp=jp,
            delivery=DeliveryForm(delivery),
            description=description,
            status=CourseStatus.DRAFT if code in DRAFTS else CourseStatus.PUBLISHED,
            validity_months=validity,
            created_by_id=hr.id,
            competencies=[
                CourseCompetency(competency_id=competencies[k], target_level=v)
                for k, v in targets.items()
                if k in competencies
            ],
        )
        db.session.add(course)
        courses[code] = course
    db.session.flush()
    for code, needed in PREREQUISITES.items():
        courses[code].prerequisites = [courses[n] for n in needed]
    pegawai = ctx["by_username"]["pegawai"]
    people = [p for p in ctx["people"] if p.active and p.id != pegawai.id]
    classes: dict[str, tuple[CourseClass, CourseClass, CourseClass]] = {}
    for index, course in enumerate(courses.values()):
        _materials(course, with_file=index % 3 == 0)
        if course.status != CourseStatus.PUBLISHED:
            continue
        past, running, upcoming = classes[course.code] = _classes(course, today, rng)
        chosen = rng.sample(people, k=min(len(people), rng.randint(6, 14)))
        finished, current, coming = (
            chosen[: len(chosen) // 3],
            chosen[len(chosen) // 3 : 2 * len(chosen) // 3],
            chosen[2 * len(chosen) // 3 :],
        )
        for person in finished:
            enrollment = _enrol(person.id, past, EnrollmentStatus.ENROLLED)
            db.session.flush()
            if rng.random() < 0.85:
                complete_enrollment(enrollment, actor_id=hr.id, on=past.ends_on)
            else:
                fail_enrollment(enrollment, actor_id=hr.id, reason="Tidak memenuhi kehadiran minimal")
        for person in current:
            overdue = rng.random() < 0.3
            _enrol(
                person.id,
                running,
                EnrollmentStatus.ASSIGNED,
                assigned_by_id=hr.id,
                due_on=today - timedelta(days=rng.randint(2, 9)) if overdue else running.ends_on,
                progress_percent=rng.choice([0, 33, 66]),
            )
        for n, person in enumerate(coming):
            status = EnrollmentStatus.ENROLLED if n < upcoming.capacity else EnrollmentStatus.WAITLISTED
            _enrol(person.id, upcoming, status)
    db.session.flush()
    _pegawai(pegawai.id, classes, hr.id, today)
    ctx["courses"] = courses


def _pegawai(user_id: int, classes: dict[str, tuple[CourseClass, ...]], hr_id: int, today: date) -> None:
    """The demo civil servant: something in every section of My learning."""
    completed = _enrol(user_id, classes["INTEG"][0], EnrollmentStatus.ENROLLED)
    db.session.flush()
    complete_enrollment(completed, actor_id=hr_id, on=classes["INTEG"][0].ends_on)
    _enrol(user_id, classes["PPP"][1], EnrollmentStatus.ASSIGNED, assigned_by_id=hr_id,
           due_on=today - timedelta(days=4), progress_percent=33)  # fmt: skip
    _enrol(user_id, classes["ADUAN"][1], EnrollmentStatus.ASSIGNED, assigned_by_id=hr_id,
           due_on=today + timedelta(days=5))  # fmt: skip
    _enrol(user_id, classes["LITDIG"][2], EnrollmentStatus.ENROLLED)
    _enrol(user_id, classes["PKA"][2], EnrollmentStatus.WAITLISTED)
    db.session.flush()
