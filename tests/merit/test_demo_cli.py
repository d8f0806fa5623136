"""The merit demo data, the `flask merit` commands and the notification links."""

from __future__ import annotations

from datetime import date

from flask import Flask
from sqlalchemy import func, select

from app.audit.services import verify_chain
from app.extensions import db
from app.merit import links
from app.merit.models import (
    AbsenceRecord,
    KpiValue,
    MeritAction,
    PerformanceEvaluation,
    ProfileSnapshot,
    Reward,
    Sanction,
)
from tests.merit.factories import make_assessment, make_evaluation, make_office


def test_seed_demo_fills_every_box_in_both_years(app: Flask) -> None:
    result = app.test_cli_runner().invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    this_year = date.today().year
    for year in (this_year - 1, this_year):
        boxes = dict(
            db.session.execute(
                select(ProfileSnapshot.box, func.count())
                .where(ProfileSnapshot.year == year, ProfileSnapshot.box.is_not(None))
                .group_by(ProfileSnapshot.box)
            ).all()
        )
        assert set(boxes) == set(range(1, 10)), (year, boxes)
        assert db.session.scalar(select(func.count()).where(PerformanceEvaluation.year == year)) >= 40
    for model in (AbsenceRecord, Sanction, Reward, KpiValue, MeritAction):
        assert db.session.scalar(select(func.count()).select_from(model)) > 0, model
    assert verify_chain().ok


def test_recompute_command(app: Flask) -> None:
    office = make_office()
    make_evaluation(office.employee, "2026", "sangat_baik")
    make_assessment(office.employee, 90)
    result = app.test_cli_runner().invoke(args=["merit", "recompute", "--year", "2026"])
    assert result.exit_code == 0 and "merit profiles for 2026" in result.output
    assert db.session.get(ProfileSnapshot, (office.employee.id, 2026)).box == 9


def test_import_legacy_command(app: Flask, tmp_path) -> None:
    office = make_office()
    good = tmp_path / "lama.csv"
    good.write_text(f"username,year,skp,behavior\n{office.employee.username},2021,80,70\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["merit", "import-legacy", str(good)])
    assert result.exit_code == 0 and "Imported 1" in result.output
    bad = tmp_path / "salah.csv"
    bad.write_text("username,year,skp,behavior\nnobody,2021,80,70\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["merit", "import-legacy", str(bad)])
    assert result.exit_code == 1 and "nobody" in result.output


def test_notification_links_match_the_routes(app: Flask) -> None:
    adapter = app.url_map.bind("localhost")
    assert adapter.match(links.my_merit_link())[0] == "merit.me"
    assert adapter.match(links.profile_link(3))[0] == "merit.profile"
    assert adapter.match(links.evaluation_link(3))[0] == "merit_eval.detail"
    assert adapter.match(links.action_link(3))[0] == "merit_actions.detail"
    assert adapter.match(links.queue_link())[0] == "merit.queue"


def test_reminders_before_deadlines_and_for_waiting_proposals(app: Flask) -> None:
    from datetime import UTC, datetime, timedelta

    from app.merit.reminders import deadline_reminders, waiting_proposal_reminders
    from app.merit.services.actions import decide_action, propose_action

    office = make_office()
    evaluation = make_evaluation(office.employee, "2026", "baik")
    evaluation.finalised_at = datetime(2026, 11, 1, 9, tzinfo=UTC)
    keys = {r.key for r in deadline_reminders(date(2026, 11, 12))}
    assert f"merit:evaluation:{evaluation.id}:respond" in keys  # deadline 15 Nov, three days ahead
    assert not {r.key for r in deadline_reminders(date(2026, 11, 5))}
    data = {"user_id": office.employee.id, "category": "reward", "kind": "pegawai_teladan", "reason": "x"}
    action = propose_action(office.hr, data)
    action.proposed_at = datetime.now(UTC) - timedelta(days=8)
    [waiting] = list(waiting_proposal_reminders(date.today()))
    assert waiting.user_id == office.evaluator.id
    decide_action(office.evaluator2, action.id, {"decision": "approved", "justification": "ok"})
    appeal = [r for r in deadline_reminders(action.appeal_deadline - timedelta(days=1)) if "appeal" in r.key]
    assert [r.user_id for r in appeal] == [office.employee.id]
