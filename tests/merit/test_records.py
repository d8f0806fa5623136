"""Sanctions, rewards, absences, assessments, unpaid leave, assigned evaluators and older records."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.errors import ServiceError
from app.extensions import db
from app.merit.enums import EvaluationStatus, Predicate, RecordStatus, SanctionKind
from app.merit.models import PerformanceEvaluation, ProfileSnapshot, Sanction
from app.merit.permissions import can_evaluate, can_view_merit
from app.merit.services.attachments import Upload
from app.merit.services.discipline import record_reward, record_sanction, revoke_record
from app.merit.services.legacy import import_legacy
from app.merit.services.records import (
    assign_evaluator,
    record_absence,
    record_assessment,
    record_unpaid_leave,
)
from tests.merit.factories import make_evaluation, make_office

PDF = b"%PDF-1.4 test"


def sanction(**extra):
    return {"kind": "teguran_tertulis", "legal_basis": "PP 94/2021", "decided_on": "2026-02-02", **extra}


def test_a_sanction_gets_its_level_period_and_attachments() -> None:
    office = make_office()
    row = record_sanction(
        office.hr, office.employee, sanction(kind="potongan_tukin_9"), [Upload("sk.pdf", PDF)]
    )
    assert (row.level.value, row.starts_on, row.ends_on) == ("sedang", date(2026, 2, 2), date(2026, 11, 1))
    assert [a.filename for a in row.attachments] == ["sk.pdf"]
    assert len(row.attachments[0].sha256) == 64


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"kind": "teguran"}, "kind"),
        ({"legal_basis": ""}, "legal_basis"),
        ({"decided_on": "02-02-2026"}, "decided_on"),
        ({"starts_on": "2026-01-01"}, "starts_on"),
    ],
)
def test_bad_sanctions_are_refused(data, field) -> None:
    office = make_office()
    with pytest.raises(ServiceError) as caught:
        record_sanction(office.hr, office.employee, sanction(**data))
    assert field in caught.value.fields
    assert db.session.scalar(select(func.count(Sanction.id))) == 0


def test_attachments_are_checked_by_content() -> None:
    office = make_office()
    with pytest.raises(ServiceError) as caught:
        record_sanction(office.hr, office.employee, sanction(), [Upload("virus.pdf", b"MZ\x90\x00")])
    assert "attachments" in caught.value.fields


def test_an_identical_active_sanction_may_not_overlap_but_a_later_one_may() -> None:
    office = make_office()
    record_sanction(office.hr, office.employee, sanction(kind="potongan_tukin_6"))
    with pytest.raises(ServiceError) as caught:
        record_sanction(
            office.hr, office.employee, sanction(kind="potongan_tukin_6", decided_on="2026-07-01")
        )
    assert caught.value.status == 409
    assert caught.value.audit is not None and caught.value.audit.action == "merit.sanction.refused"
    record_sanction(office.hr, office.employee, sanction(kind="potongan_tukin_6", decided_on="2026-08-02"))
    record_sanction(office.hr, office.employee, sanction(kind="potongan_tukin_9", decided_on="2026-03-01"))


def test_a_revoked_sanction_no_longer_blocks() -> None:
    office = make_office()
    row = record_sanction(office.hr, office.employee, sanction())
    with pytest.raises(ServiceError):
        revoke_record(office.hr, row, " ")
    revoke_record(office.hr, row, "Dibatalkan PTUN")
    assert row.status is RecordStatus.REVOKED
    record_sanction(office.hr, office.employee, sanction())


def test_satyalancana_needs_ten_years_and_a_clean_record() -> None:
    office = make_office()
    office.employee.appointed_on = date(2012, 5, 1)
    reward = {"kind": "satyalancana_10", "awarded_on": "2026-08-17"}
    record_sanction(office.hr, office.employee, sanction(kind="potongan_tukin_6", decided_on="2019-01-02"))
    with pytest.raises(ServiceError) as caught:
        record_reward(office.hr, office.employee, reward)
    assert "medium or heavy" in " ".join(caught.value.fields["kind"])
    other = office.colleague
    other.appointed_on = date(2012, 5, 1)
    record_unpaid_leave(office.hr, other, {"starts_on": "2018-01-01", "ends_on": "2018-12-31"})
    with pytest.raises(ServiceError):
        record_reward(office.hr, other, reward)
    office.outsider.appointed_on = date(2012, 5, 1)
    record_reward(office.admin, office.outsider, reward)
    with pytest.raises(ServiceError):
        record_reward(office.admin, office.outsider, reward)  # already awarded
    assert record_reward(
        office.admin, office.outsider, {"kind": "pegawai_teladan", "awarded_on": "2026-08-17"}
    )


def test_unknown_reward_kinds_are_refused() -> None:
    office = make_office()
    with pytest.raises(ServiceError) as caught:
        record_reward(office.hr, office.employee, {"kind": "bonus", "awarded_on": "2026-01-01"})
    assert "kind" in caught.value.fields


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"year": 1999, "days": 3}, "year"),
        ({"year": 2026, "days": -1}, "days"),
        ({"year": 2026, "days": "tiga"}, "days"),
        ({"year": 2026, "days": 3, "longest_consecutive": 4}, "longest_consecutive"),
    ],
)
def test_bad_absence_records(data, field) -> None:
    office = make_office()
    with pytest.raises(ServiceError) as caught:
        record_absence(office.hr, office.employee, data)
    assert field in caught.value.fields


def test_absence_is_one_record_per_year_and_proposes_the_sanction() -> None:
    office = make_office()
    record, created, proposed = record_absence(office.hr, office.employee, {"year": 2026, "days": 5})
    assert created and proposed is SanctionKind.TEGURAN_TERTULIS
    again, created, proposed = record_absence(office.hr, office.employee, {"year": 2026, "days": 11})
    assert (again.id, created, proposed) == (record.id, False, SanctionKind.POTONGAN_TUKIN_6)


def test_assessments_place_people_on_the_potential_axis() -> None:
    office = make_office()
    make_evaluation(office.employee, "2026", "baik")
    record_assessment(office.hr, office.employee, {"assessed_on": "2026-03-01", "score": "85"})
    assert db.session.get(ProfileSnapshot, (office.employee.id, 2026)).box == 8
    with pytest.raises(ServiceError):
        record_assessment(office.hr, office.employee, {"assessed_on": "2026-03-01", "score": "101"})


def test_hr_cannot_manage_their_own_records_nor_other_units() -> None:
    office = make_office()
    from app.merit.permissions import can_manage_records

    assert not can_manage_records(office.hr, office.hr)
    assert not can_manage_records(office.hr, office.outsider)
    assert can_manage_records(office.hr, office.employee)


def test_an_assigned_evaluator_may_evaluate_outside_their_subtree() -> None:
    office = make_office()
    assert not can_view_merit(office.evaluator, office.outsider)
    assign_evaluator(office.admin, office.outsider, office.evaluator.id)
    assert can_view_merit(office.evaluator, office.outsider) and can_evaluate(
        office.evaluator, office.outsider
    )
    with pytest.raises(ServiceError):
        assign_evaluator(office.admin, office.outsider, office.colleague.id)  # not an evaluator
    assign_evaluator(office.admin, office.outsider, None)
    assert not can_view_merit(office.evaluator, office.outsider)


def test_legacy_import_all_or_nothing() -> None:
    office = make_office()
    office.employee.nip = "199005172015031001"
    good = (
        f"nip;year;skp;behavior\n{office.employee.nip};2019;90;80\n{office.colleague.username};2019;95;85\n"
    )
    result = import_legacy(office.hr, good.encode())
    assert result.created == 2
    rows = {
        e.user_id: e
        for e in db.session.scalars(
            select(PerformanceEvaluation).where(PerformanceEvaluation.period == "2019")
        )
    }
    first = rows[office.employee.id]
    assert (first.legacy_score, first.legacy_category, first.predicate) == (86.0, "Baik", Predicate.BAIK)
    assert first.status is EvaluationStatus.IMPORTED
    assert rows[office.colleague.id].legacy_category == "Sangat Baik"
    bad = (
        f"nip,year,skp,behavior\n{office.employee.username},2020,90,80\n"
        f"{office.outsider.username},2020,90,80\nx,abc,1,1\n"
    )
    with pytest.raises(ServiceError) as caught:
        import_legacy(office.hr, bad.encode())
    assert len(caught.value.fields["file"]) == 2
    assert db.session.scalar(select(func.count()).where(PerformanceEvaluation.period == "2020")) == 0
    with pytest.raises(ServiceError) as caught:
        import_legacy(office.hr, good.encode())
    assert "already has an evaluation" in " ".join(caught.value.fields["file"])
    with pytest.raises(ServiceError):
        import_legacy(office.hr, b"name,score\nx,1\n")
