"""CSV import: dry-run preview, all-or-nothing apply, re-import updates, bad files."""

from __future__ import annotations

import io
import re

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from app.audit.models import AuditEntry
from app.extensions import db
from app.org.csv_format import MAX_IMPORT_BYTES, CsvFormatError
from app.org.importing import OrgImportError, apply_import, preview_import
from app.org.models import Position, Unit, User
from tests.conftest import login
from tests.factories import make_position, make_unit, make_user, valid_nip

UNITS = (
    b"code,name,parent_code\n"
    b"PROV,Pemerintah Provinsi,\n"
    b"BKD,Badan Kepegawaian Daerah,PROV\n"
    b"BKD-MUT,Bidang Mutasi,BKD\n"
)


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def admin():
    return make_user(roles=["admin"], username="admin.import")


def test_units_preview_changes_nothing_then_apply_builds_the_tree(admin) -> None:
    before = _count(Unit)
    preview = preview_import(admin, "units", UNITS)
    assert preview.ok and preview.creates == 3 and preview.updates == 0
    assert _count(Unit) == before
    apply_import(admin, "units", UNITS)
    units = {u.code: u for u in db.session.scalars(select(Unit))}
    assert units["BKD-MUT"].path == f"/{units['PROV'].id}/{units['BKD'].id}/{units['BKD-MUT'].id}/"
    assert "org.import_applied" in db.session.scalars(select(AuditEntry.action)).all()


def test_reimport_updates_by_code_instead_of_duplicating(admin) -> None:
    apply_import(admin, "units", UNITS)
    count = _count(Unit)
    again = (
        b"kode;nama;kode_induk\nBKD;Badan Kepegawaian dan Pengembangan SDM;PROV\nBKD-MUT;Bidang Mutasi;PROV\n"
    )
    preview = apply_import(admin, "units", again)  # Indonesian headers, semicolons
    assert preview.updates == 2 and preview.creates == 0
    assert _count(Unit) == count
    units = {u.code: u for u in db.session.scalars(select(Unit))}
    assert units["BKD"].name == "Badan Kepegawaian dan Pengembangan SDM"
    assert units["BKD-MUT"].parent_id == units["PROV"].id  # moved
    assert units["BKD-MUT"].path == f"/{units['PROV'].id}/{units['BKD-MUT'].id}/"


def test_unit_rows_with_errors_are_all_listed_and_nothing_is_applied(admin) -> None:
    raw = b"code,name,parent_code\nA,Satu,ZZZ\nB b,,\nA,Dua,\nC,Cycle one,D\nD,Cycle two,C\n"
    preview = preview_import(admin, "units", raw)
    errors = {row.line: " ".join(row.errors) for row in preview.rows}
    assert "ZZZ" in errors[2]
    assert "name:" in errors[3] and "code:" in errors[3]
    assert "baris 2" in errors[4] or "line 2" in errors[4]
    assert "parent_code" in errors[5] and "parent_code" in errors[6]
    before = _count(Unit)
    with pytest.raises(OrgImportError):
        apply_import(admin, "units", raw)
    assert _count(Unit) == before


def test_hr_imports_units_only_under_their_own(admin) -> None:
    apply_import(admin, "units", UNITS)
    bkd = db.session.scalar(select(Unit).where(Unit.code == "BKD"))
    hr = make_user(roles=["hr"], unit=bkd)
    ok = preview_import(
        hr, "units", b"code,name,parent_code\nBKD-PKA,Bidang PKA,BKD\nBKD-PKA-1,Seksi,BKD-PKA\n"
    )
    assert ok.ok
    renamed = preview_import(hr, "units", b"code,name\nBKD,Nama Baru BKD\n")
    assert renamed.ok  # their own unit keeps its parent
    outside = preview_import(
        hr, "units", b"code,name,parent_code\nX,Luar,PROV\nPROV,Ganti,\nBKD,Pindah,BKD-MUT\n"
    )
    assert outside.error_count == 3


def test_positions_accept_tier_codes_or_official_names(admin) -> None:
    raw = (
        "kode_jabatan,nama_jabatan,jenjang\n"
        "ASDM,Analis SDM,Ahli Muda\nPRAKOM,Pranata Komputer,mahir\nX,Salah,raja\n"
    )
    preview = preview_import(admin, "positions", raw.encode())
    assert [bool(r.errors) for r in preview.rows] == [False, False, True]
    apply_import(admin, "positions", raw.replace("X,Salah,raja\n", "").encode())
    position = db.session.scalar(select(Position).where(Position.code == "ASDM"))
    assert position.tier == "ahli_muda"
    apply_import(admin, "positions", b"code,name,tier\nASDM,Analis SDM Aparatur,ahli_madya\n")
    db.session.refresh(position)
    assert position.tier == "ahli_madya" and position.name == "Analis SDM Aparatur"


def _people_csv(*rows: str) -> bytes:
    header = (
        "username,name,email,nip,unit_code,position_code,supervisor_username,"
        "employment,appointed_on,roles,password"
    )
    return ("\n".join([header, *rows]) + "\n").encode()


def test_people_import_creates_links_and_reimport_updates(admin) -> None:
    unit = make_unit(code="BKD")
    make_position(code="ASDM")
    raw = _people_csv(
        f"atasan,Agus Setiawan,agus@x.go.id,{valid_nip(11)},BKD,ASDM,,pns,2010-01-01,"
        "employee|evaluator,lentera2026",
        f"dewi,Dewi Lestari,dewi@x.go.id,{valid_nip(12, 2)},BKD,ASDM,atasan,pppk,2015-03-01,pegawai,",
    )
    preview = apply_import(admin, "people", raw)
    assert preview.creates == 2
    people = {u.username: u for u in db.session.scalars(select(User).where(User.unit_id == unit.id))}
    assert people["dewi"].supervisor_id == people["atasan"].id
    assert people["dewi"].employment == "pppk"
    assert people["atasan"].role_set == {"employee", "evaluator"}
    again = (
        b"nama_pengguna,nama_lengkap,surel,peran,aktif\ndewi,Dewi L.,dewi@x.go.id,employee|evaluator,tidak\n"
    )
    preview = apply_import(admin, "people", again)
    assert preview.updates == 1
    db.session.refresh(people["dewi"])
    assert people["dewi"].name == "Dewi L." and people["dewi"].active is False
    assert people["dewi"].supervisor_id == people["atasan"].id  # empty cells change nothing
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "user.roles_changed" in actions and "user.deactivated" in actions


def test_people_rows_report_every_problem(admin) -> None:
    make_unit(code="BKD")
    make_user(username="ada", nip=valid_nip(21))
    raw = _people_csv(
        "Bad Name!,X,not-mail,199005172015033001,NOPE,NOPE,ghost,honorer,31-12-2020,raja,short",
        f"baru,Baru,b@x.go.id,{valid_nip(21)},BKD,,,pns,,employee,",
    )
    with force_locale("en"):
        rows = preview_import(admin, "people", raw).rows
        first, second = " ".join(rows[0].errors), " ".join(rows[1].errors)
    for column in (
        "username:",
        "email:",
        "nip:",
        "unit_code:",
        "position_code:",
        "supervisor_username:",
        "employment:",
        "appointed_on:",
        "roles:",
        "password:",
    ):
        assert column in first
    assert "digit 15" in first
    assert "Another person already has this NIP." in second


def test_hr_imports_people_only_into_their_units_and_never_grants_hr(admin) -> None:
    own = make_unit(code="OWN")
    make_unit(code="ELSE")
    boss = make_user(roles=["admin"], username="boss", unit=own)
    hr = make_user(roles=["hr"], unit=own)
    raw = _people_csv(
        "anggota1,A,a@x.go.id,,OWN,,,,,employee,",
        "anggota2,B,b@x.go.id,,ELSE,,,,,employee,",
        "anggota3,C,c@x.go.id,,OWN,,,,,hr,",
        "anggota4,D,d@x.go.id,,,,,,,,",
        f"{boss.username},Boss,boss@x.go.id,,OWN,,,,,admin,lentera2027",
    )
    rows = preview_import(hr, "people", raw).rows
    assert [bool(r.errors) for r in rows] == [False, True, True, True, True]


@pytest.mark.parametrize(
    ("raw", "english"),
    [
        ("code,name\nBKD,Badan Kepegawaian Daërah\n".encode("latin-1"), "not UTF-8"),
        ("code,name\nBKD,Badan\n".encode("utf-16"), "not UTF-8"),
        (b"kode,keterangan\nBKD,Badan\n", "Missing required columns: name (nama/nama_unit)"),
        (b"", "empty"),
        (b"code,name\n", "no data rows"),
        (b"code,name,nama\nA,B,C\n", "more than once: name"),
        (b"code,name\n" + b"X,Y\n" * (MAX_IMPORT_BYTES // 4), "10 MB or larger"),
        (b"code,name\nA,\x00\x01\n", "binary"),
    ],
)
def test_bad_files_get_a_clear_message(admin, raw: bytes, english: str) -> None:
    with pytest.raises(CsvFormatError) as caught, force_locale("en"):
        preview_import(admin, "units", raw)
    with force_locale("en"):
        assert english in str(caught.value.args[0])


def test_utf8_with_bom_from_excel_is_accepted(admin) -> None:
    preview = preview_import(admin, "units", "\ufeffKode;Nama Unit\nBKD;Badan Kepegawaian Daërah\n".encode())
    assert preview.ok and preview.rows[0].values["name"] == "Badan Kepegawaian Daërah"


def _upload(client, kind: str, raw: bytes):
    return client.post(
        "/import",
        data={"kind": kind, "file": (io.BytesIO(raw), "data.csv")},
        content_type="multipart/form-data",
    )


def test_upload_preview_then_apply_through_the_pages(client, admin) -> None:
    login(client, admin)
    page = _upload(client, "units", UNITS)
    text = page.get_data(as_text=True)
    assert page.status_code == 200 and "3 akan dibuat" in text
    token = re.search(r'name="token"[^>]*value="([^"]+)"', text) or re.search(
        r'value="([^"]+)"[^>]*name="token"', text
    )
    assert _count(Unit) == 0 or db.session.scalar(select(Unit).where(Unit.code == "PROV")) is None
    response = client.post("/import/apply", data={"token": token.group(1), "kind": "units", "confirm": "y"})
    assert response.status_code == 302
    assert db.session.scalar(select(Unit).where(Unit.code == "PROV")) is not None
    # The stashed file is gone: applying twice is refused.
    again = client.post(
        "/import/apply",
        data={"token": token.group(1), "kind": "units", "confirm": "y"},
        follow_redirects=True,
    )
    assert "sudah kedaluwarsa" in again.get_data(as_text=True)


def test_upload_with_errors_shows_them_and_offers_no_apply(client, admin) -> None:
    login(client, admin)
    text = _upload(client, "units", b"code,name,parent_code\nA,Satu,ZZZ\n").get_data(as_text=True)
    assert "ZZZ" in text and "Terapkan impor" not in text
    assert "Perbaiki kesalahan dalam berkas" in text


def test_bad_file_message_appears_beside_the_upload_field(client, admin) -> None:
    login(client, admin)
    text = _upload(client, "people", "username\nbudi\n".encode("utf-16")).get_data(as_text=True)
    assert "tidak berenkode UTF-8" in text


def test_apply_without_confirmation_or_with_a_foreign_token_does_nothing(client, admin) -> None:
    login(client, admin)
    response = client.post("/import/apply", data={"token": "abc", "kind": "units"}, follow_redirects=True)
    assert "Centang kotak konfirmasi" in response.get_data(as_text=True)
    response = client.post(
        "/import/apply", data={"token": "../../etc", "kind": "units", "confirm": "y"}, follow_redirects=True
    )
    assert "sudah kedaluwarsa" in response.get_data(as_text=True)
