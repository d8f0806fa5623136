"""`flask seed-demo` gives every demo person a competency profile, JP and the named examples."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.competency.models import Competency, Evidence, ExternalTraining, JpCredit
from app.competency.services import job_person_match_bulk
from app.extensions import db
from app.org.models import User


def test_seed_demo_adds_competency_data(app):
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    technical = db.session.scalars(select(Competency.code).where(Competency.fixed.is_(False))).all()
    assert sorted(technical) == ["T.1", "T.2", "T.3"]
    assert db.session.scalar(select(func.count(Evidence.id))) > 400
    assert db.session.scalar(select(func.count(JpCredit.id))) >= 40
    pegawai = db.session.scalar(select(User).where(User.username == "pegawai"))
    overrides = select(Evidence).where(Evidence.user_id == pegawai.id, Evidence.override.is_(True))
    assert db.session.scalar(overrides) is not None
    assert db.session.scalar(select(ExternalTraining).where(ExternalTraining.user_id == pegawai.id))
    matches = job_person_match_bulk(select(User.id), on=date.today())
    assert len(matches) == 60 and all(m.jpm is not None for m in matches.values())
