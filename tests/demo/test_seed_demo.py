"""`flask seed-demo` on an empty database: a realistic province office."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from app.auth.services import authenticate
from app.demo.cli import DEMO_PASSWORD
from app.extensions import db
from app.notifications.models import Notification
from app.org.models import Position, Unit, User
from app.org.rules import parse_nip
from app.reports.models import EvaluationNarrative
from tests.factories import make_user


def test_seed_demo_builds_the_agency(app, mail_outbox) -> None:
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "admin" in result.output and DEMO_PASSWORD in result.output

    units = db.session.scalars(select(Unit)).all()
    assert 5 <= len(units) <= 8
    roots = [u for u in units if u.parent_id is None]
    assert len(roots) == 1
    by_id = {u.id: u for u in units}
    for unit in units:  # every path matches the parent links
        expected = f"{by_id[unit.parent_id].path}{unit.id}/" if unit.parent_id else f"/{unit.id}/"
        assert unit.path == expected

    positions = db.session.scalars(select(Position)).all()
    assert len(positions) == 15
    assert len({p.tier for p in positions}) >= 8  # structural, functional and executive tiers

    people = db.session.scalars(select(User)).all()
    assert len(people) == 60
    roles = Counter(role for person in people for role in person.role_set)
    assert roles["employee"] >= 55 and roles["hr"] >= 2 and roles["evaluator"] >= 3 and roles["admin"] >= 1
    nips = [p.nip for p in people if p.nip]
    assert len(nips) >= 45 and len(set(nips)) == len(nips)
    for person in people:
        if person.nip:
            parts = parse_nip(person.nip)
            assert parts.appointment_year == person.appointed_on.year
        assert person.unit_id is not None and person.position_id is not None
    assert {p.employment for p in people} == {"pns", "pppk"}

    for username in ("admin", "sdm", "sdm.yan", "penilai", "penilai2", "pegawai"):
        assert authenticate(username, DEMO_PASSWORD) is not None
    assert db.session.query(EvaluationNarrative).count() >= 5  # the reports step
    # Demo events notify in the app, but no e-mail goes to the invented people.
    assert db.session.query(Notification).count() > 0
    assert mail_outbox == []


def test_seed_demo_refuses_a_database_with_people_unless_if_empty(app) -> None:
    make_user(username="sudah.ada")
    runner = app.test_cli_runner()
    again = runner.invoke(args=["seed-demo"])
    assert again.exit_code != 0 and "already has people" in again.output
    quiet = runner.invoke(args=["seed-demo", "--if-empty"])
    assert quiet.exit_code == 0 and "not seeded" in quiet.output
    assert db.session.scalar(select(func.count(User.id))) == 1
