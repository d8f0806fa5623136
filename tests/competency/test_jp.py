"""The JP ledger: idempotent credits, yearly totals set-wise, targets, caps and unit compliance."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.competency.reminders import jp_below_target
from app.competency.services import (
    CompetencyError,
    credit_jp,
    jp_cap_for,
    jp_earned_bulk,
    jp_summary,
    jp_target_for,
    unit_compliance,
    unit_people,
)
from app.extensions import db
from app.org.enums import Employment
from app.org.models import User
from app.settings.services import set_setting
from tests.factories import make_unit, make_user


def test_credit_is_idempotent_per_reference_and_counts_per_calendar_year():
    person = make_user()
    first = credit_jp(
        user_id=person.id, jp=12, on=date(2026, 3, 1), source="course", source_ref="enrollment:1"
    )
    again = credit_jp(
        user_id=person.id, jp=99, on=date(2026, 3, 2), source="course", source_ref="enrollment:1"
    )
    assert again.id == first.id and again.jp == 12
    credit_jp(user_id=person.id, jp=9.5, on=date(2026, 12, 31), source="course", source_ref="enrollment:2")
    credit_jp(user_id=person.id, jp=4, on=date(2027, 1, 1), source="course", source_ref="enrollment:3")
    assert jp_earned_bulk([person.id], 2026) == {person.id: 21.5}
    assert jp_earned_bulk([person.id], 2027) == {person.id: 4.0}


@pytest.mark.parametrize("jp", [0, -3, "abc", 5000, True, 0.001, float("nan")])
def test_credit_refuses_bad_amounts(jp):
    person = make_user()
    with pytest.raises(CompetencyError) as info:
        credit_jp(user_id=person.id, jp=jp, on=date(2026, 1, 1), source="course", source_ref="x:1")
    assert "jp" in info.value.fields


def test_earned_bulk_accepts_a_select_and_gives_zero_to_people_without_credits():
    unit = make_unit()
    a, b = make_user(unit=unit), make_user(unit=unit)
    credit_jp(user_id=a.id, jp=20, on=date(2026, 5, 1), source="course", source_ref="e:a")
    result = jp_earned_bulk(select(User.id).where(User.unit_id == unit.id), 2026)
    assert result == {a.id: 20.0, b.id: 0.0}


def test_targets_and_caps_are_settings():
    assert jp_target_for(Employment.PNS) == 20.0
    assert jp_target_for("pppk") == 0.0
    assert jp_cap_for(Employment.PPPK) == 24.0
    assert jp_cap_for(Employment.PNS) is None
    set_setting("competency.jp_target_pns", "24")
    assert jp_target_for(Employment.PNS) == 24.0


def test_summary_flags_below_target_and_above_cap():
    pns = make_user()
    pppk = make_user(employment=Employment.PPPK)
    credit_jp(user_id=pns.id, jp=8, on=date(2026, 2, 1), source="course", source_ref="e:p1")
    credit_jp(user_id=pppk.id, jp=30, on=date(2026, 2, 1), source="course", source_ref="e:p2")
    s1, s2 = jp_summary(pns, 2026), jp_summary(pppk, 2026)
    assert s1.below_target and s1.percent == 40.0 and not s1.above_cap
    assert not s2.below_target and s2.above_cap


def test_unit_compliance_counts_people_with_a_target():
    root = make_unit()
    child = make_unit(parent=root)
    done = make_user(unit=root)
    short = make_user(unit=child)
    make_user(unit=child, employment=Employment.PPPK)  # no target by default
    make_user(unit=make_unit())  # elsewhere
    credit_jp(user_id=done.id, jp=20, on=date(2026, 6, 1), source="course", source_ref="e:d")
    credit_jp(user_id=short.id, jp=5, on=date(2026, 6, 1), source="course", source_ref="e:s")
    figures, below = unit_compliance(unit_people(root), 2026)
    assert (figures.people, figures.with_target, figures.at_or_above) == (3, 2, 1)
    assert figures.percent == 50.0
    rows = db.session.execute(below).all()
    assert [(p.id, e, t) for p, e, t in rows] == [(short.id, 5.0, 20.0)]
    figures, _ = unit_compliance(unit_people(root, include_subunits=False), 2026)
    assert (figures.people, figures.percent) == (1, 100.0)


def test_weekly_reminder_in_the_last_quarter_for_people_below_target():
    short = make_user()
    done = make_user()
    credit_jp(user_id=done.id, jp=20, on=date(2026, 2, 1), source="course", source_ref="e:r1")
    monday = date(2026, 10, 5)
    reminders = jp_below_target(monday)
    ids = {r.user_id for r in reminders}
    assert short.id in ids and done.id not in ids
    assert all(r.key == "competency.jp:2026:w41" for r in reminders)
    assert jp_below_target(date(2026, 10, 6)) == [] and jp_below_target(date(2026, 6, 1)) == []
