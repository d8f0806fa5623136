"""Snapshots, the unit talent grid, the talent pool, calibration and the whole-agency recompute."""

from __future__ import annotations

from datetime import date

from app.extensions import db
from app.merit.enums import EvaluationStatus, OrgPredicate
from app.merit.models import ProfileSnapshot
from app.merit.rules import Period
from app.merit.services.snapshots import recompute_all, refresh_snapshots
from app.merit.services.talent import box_people_query, calibration, grid_counts, grid_ids, talent_pool_query
from tests.factories import make_user
from tests.merit.factories import make_assessment, make_evaluation, make_office

# (predicate, assessment score) that place a person in each box.
BOXES = {
    1: ("kurang", 40),
    2: ("baik", 40),
    3: ("butuh_perbaikan", 70),
    4: ("sangat_baik", 40),
    5: ("baik", 70),
    6: ("sangat_kurang", 90),
    7: ("sangat_baik", 70),
    8: ("baik", 90),
    9: ("sangat_baik", 90),
}


def test_every_box_from_evaluations_and_assessments() -> None:
    office = make_office()
    people = {}
    for box, (predicate, score) in BOXES.items():
        person = make_user(unit=office.sub)
        make_evaluation(person, "2026", predicate)
        make_assessment(person, score)
        people[box] = person
    unplaced = make_user(unit=office.sub)  # no evaluation: not placed
    count = recompute_all(2026, today=date(2026, 11, 29))
    assert count >= 10
    ids = grid_ids(office.unit, 2026)
    for box, person in people.items():
        assert ids[str(box)] == [person.id], box
    counts = grid_counts(office.unit, 2026)
    assert counts.boxes == {box: 1 for box in range(1, 10)}
    assert counts.unplaced == counts.people - 9 and all(unplaced.id not in box for box in ids.values())
    assert grid_counts(office.other, 2026).placed == 0
    nine = db.session.execute(box_people_query(office.unit, 2026, {9})).all()
    assert [user.id for user, _snap in nine] == [people[9].id]
    pool = db.session.execute(talent_pool_query(office.hr, 2026)).all()
    assert {user.id for user, _snap in pool} == {people[7].id, people[8].id, people[9].id}
    assert db.session.execute(talent_pool_query(office.employee, 2026)).all() == []


def test_drafts_do_not_place_anyone_but_last_years_predicate_does() -> None:
    office = make_office()
    make_assessment(office.employee, 90)
    make_evaluation(office.employee, "2026", "sangat_baik", status=EvaluationStatus.DRAFT)
    refresh_snapshots([office.employee.id], [2026])
    assert db.session.get(ProfileSnapshot, (office.employee.id, 2026)).box is None
    make_evaluation(office.employee, "2025", "baik")
    refresh_snapshots([office.employee.id], [2026])
    snapshot = db.session.get(ProfileSnapshot, (office.employee.id, 2026))
    assert (snapshot.box, snapshot.predicate_year) == (8, 2025)


def test_quarterly_evaluations_do_not_set_the_annual_axis() -> None:
    office = make_office()
    make_assessment(office.employee, 90)
    make_evaluation(office.employee, "2026-Q1", "sangat_baik")
    refresh_snapshots([office.employee.id], [2026])
    assert db.session.get(ProfileSnapshot, (office.employee.id, 2026)).box is None


def test_calibration_warns_but_counts_drafts_too() -> None:
    office = make_office()
    for index in range(10):
        person = make_user(unit=office.sub)
        status = EvaluationStatus.DRAFT if index < 3 else EvaluationStatus.FINALISED
        make_evaluation(person, "2026", "baik" if index < 8 else "sangat_baik", status=status)
    result = calibration(office.unit, Period(2026), OrgPredicate.BAIK)
    assert result.distribution.total == 10 and result.drafts == 3
    assert [str(w.rule) for w in result.warnings] == [
        "At most 70% Baik",
        "Some Butuh Perbaikan / Kurang/Misconduct (at least 1)",
    ]
    assert calibration(office.unit, Period(2026), OrgPredicate.ISTIMEWA).warnings == []
    assert calibration(office.other, Period(2026)).distribution.total == 0
