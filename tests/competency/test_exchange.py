"""Framework exchange: CASE export valid against the official schema, round trip, import errors, CSV."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

from jsonschema import Draft7Validator
from sqlalchemy import delete, select

from app.competency.models import Competency
from app.competency.services.exchange import (
    export_case,
    export_csv,
    import_case,
    import_competencies,
    read_csv,
)
from app.extensions import db
from tests.competency.factories import make_technical
from tests.conftest import login
from tests.factories import make_unit, make_user

SCHEMA = json.loads((Path(__file__).parent / "data" / "case-1.0-cfpackage.schema.json").read_text())


def _without_timestamps(package):
    text = json.dumps(package, sort_keys=True)
    for value in {package["CFDocument"]["lastChangeDateTime"]}:
        text = text.replace(value, "T")
    return json.loads(text)


def test_export_is_valid_case_with_one_rubric_level_per_proficiency_level():
    make_technical(code="T.501")
    package = export_case()
    assert list(Draft7Validator(SCHEMA).iter_errors(package)) == []
    codes = [item["humanCodingScheme"] for item in package["CFItems"]]
    assert codes[:9] == ["M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"] and "T.501" in codes
    criterion = package["CFRubrics"][0]["CFRubricCriteria"][0]
    assert criterion["CFItemURI"]["identifier"] == package["CFItems"][0]["identifier"]
    assert [lvl["score"] for lvl in criterion["CFRubricCriterionLevels"]] == [1.0, 2.0, 3.0, 4.0, 5.0]


def test_round_trip_export_import_into_an_empty_dictionary_is_identical():
    make_technical(code="T.601", name="Pengelolaan Arsip Digital")
    make_technical(code="T.602")
    before = export_case()
    technical = select(Competency.id).where(Competency.fixed.is_(False))
    db.session.execute(delete(Competency).where(Competency.id.in_(technical)))
    db.session.expire_all()
    result = import_case(copy.deepcopy(before))
    assert result.applied and sorted(result.created) == ["T.601", "T.602"] and len(result.unchanged) == 9
    assert _without_timestamps(export_case()) == _without_timestamps(before)
    again = import_case(copy.deepcopy(before))
    assert again.created == [] and again.updated == [] and len(again.unchanged) == 11


def test_reimport_updates_by_code():
    make_technical(code="T.701", name="Lama")
    package = export_case()
    item = next(i for i in package["CFItems"] if i["humanCodingScheme"] == "T.701")
    item["abbreviatedStatement"] = "Baru"
    item["identifier"] = "00000000-0000-0000-0000-000000000001"  # another tool's identifier: code decides
    result = import_case(package)
    assert result.updated == ["T.701"]
    assert db.session.scalar(select(Competency.name).where(Competency.code == "T.701")) == "Baru"


def test_a_file_that_is_not_case_is_refused_naming_the_fields():
    for package, field in [
        ({"items": []}, "_schema"),
        ({"CFDocument": {"title": "x"}}, "CFDocument"),
        ([1, 2], "_schema"),
    ]:
        try:
            import_case(package)
        except Exception as exc:
            assert exc.status == 422 and field in exc.fields, (package, exc.fields)
        else:
            raise AssertionError("accepted a package that is not CASE")


def test_item_errors_save_nothing_and_name_each_item():
    package = export_case()
    good = copy.deepcopy(package["CFItems"][0])
    good.update(
        identifier="11111111-1111-1111-1111-111111111111", humanCodingScheme="T.801", CFItemType="teknis"
    )
    bad_kind = dict(
        good,
        identifier="22222222-2222-2222-2222-222222222222",
        humanCodingScheme="T.802",
        CFItemType="rahasia",
    )
    unknown = dict(
        good,
        identifier="33333333-3333-3333-3333-333333333333",
        humanCodingScheme="M.42",
        CFItemType="manajerial",
    )
    changed_fixed = dict(package["CFItems"][0], abbreviatedStatement="Integritas Baru")
    duplicate = dict(good, identifier="44444444-4444-4444-4444-444444444444")
    package["CFItems"] = [good, bad_kind, unknown, changed_fixed, duplicate]
    result = import_case(package)
    assert not result.applied and result.created == ["T.801"]
    assert [(e["index"], sorted(e["fields"])) for e in result.errors] == [
        (1, ["kind"]),
        (2, ["code"]),
        (3, ["code"]),
        (4, ["code"]),
    ]
    assert db.session.scalar(select(Competency).where(Competency.code == "T.801")) is None


def test_items_without_levels_get_placeholders_and_dry_run_changes_nothing():
    package = export_case()
    item = dict(package["CFItems"][0], identifier="55555555-5555-5555-5555-555555555555",
                humanCodingScheme="T.901", CFItemType="teknis")  # fmt: skip
    package = {"CFDocument": package["CFDocument"], "CFItems": [item]}
    preview = import_case(package, dry_run=True)
    assert preview.created == ["T.901"] and not preview.applied
    assert db.session.scalar(select(Competency).where(Competency.code == "T.901")) is None
    import_case(package)
    competency = db.session.scalar(select(Competency).where(Competency.code == "T.901"))
    assert [lvl.level for lvl in competency.levels] == [1, 2, 3, 4, 5]
    assert "(belum diuraikan)" in competency.levels[0].title  # Bahasa Indonesia outside requests


def test_csv_round_trip():
    make_technical(code="T.1001")
    text = export_csv()
    items = read_csv(text.encode())
    assert len(items) == 10
    result = import_competencies(items)
    assert result.created == [] and result.updated == [] and len(result.unchanged) == 10


def test_import_api_and_pages(client, api_token):
    hr = make_user(roles=["hr"], unit=make_unit())
    headers = api_token(hr)
    package = export_case()
    item = dict(package["CFItems"][0], identifier="66666666-6666-6666-6666-666666666666",
                humanCodingScheme="T.1101", CFItemType="teknis")  # fmt: skip
    body = {"CFDocument": package["CFDocument"], "CFItems": [item]}
    dry = client.post("/api/v1/competencies/import?dry_run=true", json=body, headers=headers).get_json()
    assert dry["created"] == 1 and dry["applied"] is False and dry["errors"] == []
    done = client.post("/api/v1/competencies/import", json=body, headers=headers).get_json()
    assert done["created"] == 1 and done["applied"] is True
    refused = client.post("/api/v1/competencies/import", json={"hello": 1}, headers=headers)
    assert refused.status_code == 422 and refused.get_json()["error"]["fields"]
    exported = client.get("/api/v1/competencies/export", headers=headers).get_json()
    assert list(Draft7Validator(SCHEMA).iter_errors(exported)) == []

    login(client, hr)
    csv_text = export_csv().replace("T.1101", "T.1102")
    preview = client.post(
        "/competencies/exchange",
        data={"file": (io.BytesIO(csv_text.encode()), "kompetensi.csv")},
        content_type="multipart/form-data",
    )
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "import-preview" in html
    token = html.split('name="token" type="hidden" value="')[1].split('"')[0]
    applied = client.post("/competencies/exchange/apply", data={"token": token, "confirm": "y"})
    assert applied.status_code == 302
    assert db.session.scalar(select(Competency).where(Competency.code == "T.1102")) is not None
    junk = client.post(
        "/competencies/exchange",
        data={"file": (io.BytesIO(b"\x00\x01 not json"), "x.json")},
        content_type="multipart/form-data",
    )
    assert junk.status_code == 422
    assert client.get("/competencies/export.csv").status_code == 200
