"""JPM for one person and for many (set-wise), the profile, recommendations and tier pre-fill."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event, select

from app.competency.enums import JpmBand
from app.competency.models import PositionRequirement
from app.competency.services import (
    competency_profile,
    job_person_match_bulk,
    recommend_courses,
    register_recommendation_provider,
    unregister_recommendation_provider,
)
from app.extensions import db
from app.org.enums import Tier
from app.org.models import User
from app.org.services import create_position
from app.security import SYSTEM_ACTOR
from app.settings.services import set_setting
from tests.competency.factories import add_evidence, fixed, set_standard
from tests.factories import make_position, make_user

TODAY = date.today()


def worked_example_person() -> User:
    position = make_position()
    set_standard(position, {"M.1": 3, "M.2": 3, "M.3": 2, "SK.1": 2})
    person = make_user(position=position)
    for code, level in {"M.1": 3, "M.2": 2, "M.3": 2, "SK.1": 1}.items():
        add_evidence(person, code, level)
    return person


def test_worked_example_through_the_database():
    person = worked_example_person()
    result = job_person_match_bulk([person.id], on=TODAY)[person.id]
    assert (result.jpm, result.band, result.required_total, result.current_total) == (
        80.0,
        JpmBand.CUKUP_OPTIMAL,
        10,
        8,
    )
    profile = competency_profile(person, on=TODAY)
    assert [(line.competency.code, line.gap) for line in profile.required_lines] == [
        ("M.1", 0),
        ("M.2", -1),
        ("M.3", 0),
        ("SK.1", -1),
    ]
    assert [g.code for g in profile.gaps] == ["M.2", "SK.1"]


def test_bulk_covers_everyone_and_marks_people_without_a_standard():
    person = worked_example_person()
    nobody = make_user()
    empty = make_user(position=make_position())
    db.session.query(PositionRequirement).filter_by(position_id=empty.position_id).delete()
    result = job_person_match_bulk(
        select(User.id).where(User.id.in_([person.id, nobody.id, empty.id])), on=TODAY
    )
    assert result[person.id].jpm == 80.0
    assert result[nobody.id].jpm is None and result[nobody.id].band is None
    assert result[empty.id].required_total == 0


def test_bulk_query_count_does_not_grow_with_people():
    position = make_position()
    set_standard(position, {"M.1": 3, "M.2": 3})
    people = [make_user(position=position) for _ in range(30)]
    for p in people:
        add_evidence(p, "M.1", 3)
    statements = []

    def count(*args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        result = job_person_match_bulk([p.id for p in people], on=TODAY)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert len(result) == 30 and all(r.jpm == 50.0 for r in result.values())
    assert len(statements) <= 2


def test_band_thresholds_are_settings():
    person = worked_example_person()
    set_setting("competency.jpm_optimal_min", "80")
    assert job_person_match_bulk([person.id], on=TODAY)[person.id].band == JpmBand.OPTIMAL


def test_new_position_is_prefilled_from_its_tier():
    position = create_position(
        SYSTEM_ACTOR, {"code": "KABID-X", "name": "Kepala Bidang X", "tier": "administrator"}
    )
    rows = db.session.scalars(
        select(PositionRequirement).where(PositionRequirement.position_id == position.id)
    ).all()
    assert len(rows) == 9 and {r.level for r in rows} == {3}
    set_setting("competency.tier_defaults", {"pelaksana": 2})
    other = create_position(SYSTEM_ACTOR, {"code": "PL-X", "name": "Pelaksana X", "tier": Tier.PELAKSANA})
    levels = db.session.scalars(
        select(PositionRequirement.level).where(PositionRequirement.position_id == other.id)
    )
    assert set(levels) == {2}


def test_recommendations_come_from_registered_providers():
    person = worked_example_person()
    m2, sk1 = fixed("M.2").id, fixed("SK.1").id
    seen = []

    def provider(gaps):
        seen.extend(gaps)
        return [(11, m2), (12, sk1), (11, m2), (13, fixed("M.1").id)]

    assert competency_profile(person).recommendations == []
    register_recommendation_provider(provider, describe=lambda ids: {11: ("Kerja Sama Tim", "/courses/11")})
    try:
        profile = competency_profile(person)
    finally:
        unregister_recommendation_provider(provider)
    assert [(r.course_id, r.competency_id) for r in profile.recommendations] == [(11, m2), (12, sk1)]
    assert profile.recommendations[0].title == "Kerja Sama Tim"
    assert {(g.code, g.required_level, g.current_level, g.gap) for g in seen} == {
        ("M.2", 3, 2, -1),
        ("SK.1", 2, 1, -1),
    }
    assert recommend_courses([]) == []
