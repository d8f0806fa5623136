"""The merit pages as people use them: write and finalise, respond, propose and decide, appeal."""

from __future__ import annotations

import io

from sqlalchemy import select

from app.extensions import db
from app.merit.enums import ActionStatus, EvaluationStatus
from app.merit.models import MeritAction, PerformanceEvaluation, Sanction
from app.merit.services.snapshots import refresh_snapshots
from tests.conftest import login
from tests.merit.factories import make_assessment, make_evaluation, make_office


def evaluation_form(**extra) -> dict:
    data = {
        "period": "2026",
        "work_result": "above",
        "work_behavior": "above",
        "notes": "",
        "targets-0-description": "Layanan perizinan",
        "targets-0-indicator": "Izin terbit tepat waktu",
        "targets-0-target": "100%",
        "targets-0-realisation": "98%",
        "behaviors-0-value": "berorientasi_pelayanan",
        "behaviors-0-expectation": "Ramah kepada pemohon",
        "behaviors-0-rating": "above",
        "submit": "finalise",
    }
    data.update(extra)
    return data


def test_an_evaluator_finalises_and_sees_the_recommendation(app) -> None:
    office = make_office()
    make_assessment(office.employee, 92)
    client = login(app.test_client(), office.evaluator)
    page = client.get(f"/merit/people/{office.employee.id}/evaluations/new?period=2026")
    assert page.status_code == 200 and "BerAKHLAK" in page.get_data(as_text=True)
    response = client.post(f"/merit/people/{office.employee.id}/evaluations/new", data=evaluation_form())
    assert response.status_code == 302
    evaluation = db.session.scalar(
        select(PerformanceEvaluation).where(PerformanceEvaluation.user_id == office.employee.id)
    )
    assert (evaluation.status, evaluation.predicate.value) == (EvaluationStatus.FINALISED, "sangat_baik")
    assert [t.realisation for t in evaluation.targets] == ["98%"]
    profile = client.get(f"/merit/people/{office.employee.id}?year=2026").get_data(as_text=True)
    assert "Kotak 9: kinerja di atas ekspektasi, potensi tinggi (nilai asesmen 92)" in profile
    assert 'data-testid="talent-box">Kotak 9' in profile


def test_a_bad_rating_keeps_the_form_and_saves_nothing(app) -> None:
    office = make_office()
    client = login(app.test_client(), office.evaluator)
    response = client.post(
        f"/merit/people/{office.employee.id}/evaluations/new", data=evaluation_form(work_result="excellent")
    )
    assert response.status_code == 200
    assert "Layanan perizinan" in response.get_data(as_text=True)
    assert db.session.scalar(select(PerformanceEvaluation.id)) is None


def test_the_employee_acknowledges_or_objects_from_their_own_view(app) -> None:
    office = make_office()
    evaluation = make_evaluation(office.employee, "2026", "butuh_perbaikan", evaluator=office.evaluator)
    client = login(app.test_client(), office.employee)
    mine = client.get("/merit/me").get_data(as_text=True)
    assert "Butuh Perbaikan" in mine and "hanya dapat dibaca" in mine
    detail = client.get(f"/merit/evaluations/{evaluation.id}").get_data(as_text=True)
    assert "Ajukan keberatan" in detail
    client.post(f"/merit/evaluations/{evaluation.id}/object", data={"reason": "Target tercapai"})
    db.session.refresh(evaluation)
    assert evaluation.status is EvaluationStatus.OBJECTED
    higher = login(app.test_client(), office.evaluator2)
    higher.post(
        f"/merit/evaluations/{evaluation.id}/objection",
        data={
            "outcome": "upheld",
            "justification": "Bukti sah",
            "work_result": "meets",
            "work_behavior": "meets",
        },
    )
    db.session.refresh(evaluation)
    assert (evaluation.status, evaluation.predicate.value) == (EvaluationStatus.OBJECTION_DECIDED, "baik")


def test_propose_then_another_evaluator_decides_and_the_employee_appeals(app) -> None:
    office = make_office()
    proposer = login(app.test_client(), office.evaluator)
    form = proposer.get(
        f"/merit/people/{office.employee.id}/propose?category=reward&kind=pegawai_teladan&reason=Teladan&source_rule=talent_box_9"
    )
    assert form.status_code == 200 and "Teladan" in form.get_data(as_text=True)
    response = proposer.post(
        f"/merit/people/{office.employee.id}/propose",
        data={
            "category": "reward",
            "kind": "pegawai_teladan",
            "reason": "Teladan",
            "source_rule": "talent_box_9",
        },
    )
    action = db.session.scalar(select(MeritAction))
    assert response.status_code == 302 and action.source_rule == "talent_box_9"
    refused = proposer.post(
        f"/merit/actions/{action.id}/decision", data={"decision": "approved", "justification": "x"}
    )
    assert refused.status_code == 403
    decider = login(app.test_client(), office.evaluator2)
    assert "Catat keputusan" in decider.get(f"/merit/actions/{action.id}").get_data(as_text=True)
    empty = decider.post(
        f"/merit/actions/{action.id}/decision", data={"decision": "approved", "justification": ""}
    )
    assert empty.status_code == 422
    decider.post(
        f"/merit/actions/{action.id}/decision", data={"decision": "approved", "justification": "Layak"}
    )
    db.session.refresh(action)
    assert action.status is ActionStatus.APPROVED
    employee = login(app.test_client(), office.employee)
    assert "Pegawai Teladan" in employee.get("/merit/me").get_data(as_text=True)
    employee.post(f"/merit/actions/{action.id}/appeal", data={"reason": "Saya keberatan"})
    db.session.refresh(action)
    assert action.status is ActionStatus.APPEALED
    admin = login(app.test_client(), office.admin)
    assert "Putuskan banding" in admin.get("/merit/queue").get_data(as_text=True)
    admin.post(
        f"/merit/actions/{action.id}/appeal-decision", data={"outcome": "dismissed", "justification": "Tetap"}
    )
    db.session.refresh(action)
    assert action.status is ActionStatus.FINAL


def test_hr_records_a_sanction_with_an_attachment_only_the_right_people_download(app) -> None:
    office = make_office()
    hr = login(app.test_client(), office.hr)
    response = hr.post(
        f"/merit/people/{office.employee.id}/sanctions/new",
        data={
            "kind": "teguran_tertulis",
            "legal_basis": "PP 94/2021 Pasal 8",
            "decided_on": "2026-03-02",
            "attachments": [(io.BytesIO(b"%PDF-1.4 sk"), "sk.pdf")],
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    sanction = db.session.scalar(select(Sanction))
    attachment = sanction.attachments[0]
    assert hr.get(f"/merit/attachments/{attachment.id}").data == b"%PDF-1.4 sk"
    assert (
        login(app.test_client(), office.evaluator).get(f"/merit/attachments/{attachment.id}").status_code
        == 404
    )
    assert (
        login(app.test_client(), office.colleague).get(f"/merit/attachments/{attachment.id}").status_code
        == 404
    )
    evaluator_view = login(app.test_client(), office.evaluator).get(f"/merit/people/{office.employee.id}")
    assert "Teguran tertulis" in evaluator_view.get_data(as_text=True)
    assert "PP 94/2021 Pasal 8" not in evaluator_view.get_data(as_text=True)


def test_talent_grid_links_each_box_to_its_people(app) -> None:
    office = make_office()
    make_evaluation(office.employee, "2026", "sangat_baik")
    make_assessment(office.employee, 90)
    refresh_snapshots([office.employee.id], [2026])
    client = login(app.test_client(), office.hr)
    grid = client.get(f"/merit/talent/units/{office.unit.id}?year=2026").get_data(as_text=True)
    link = f"/merit/talent/units/{office.unit.id}/boxes/9?year=2026"
    assert link in grid
    assert office.employee.name in client.get(link).get_data(as_text=True)
    assert office.employee.name in client.get("/merit/talent/pool?year=2026").get_data(as_text=True)
    assert client.get(f"/merit/talent/units/{office.other.id}").status_code == 404
    assert client.get(f"/merit/talent/units/{office.unit.id}/boxes/10").status_code == 404


def test_calibration_page_warns_naming_the_rule(app) -> None:
    office = make_office()
    make_evaluation(office.employee, "2026", "baik")
    make_evaluation(office.colleague, "2026", "baik")
    client = login(app.test_client(), office.evaluator)
    page = client.get(f"/merit/talent/units/{office.sub.id}/calibration?period=2026&org_predicate=baik")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Paling banyak 70% Baik" in text and "saat ini 100% (2 dari 2)" in text


def test_kpi_pages(app) -> None:
    office = make_office()
    client = login(app.test_client(), office.admin)
    response = client.post(
        "/merit/kpis/new",
        data={
            "code": "KPI-IZIN",
            "name": "Izin tepat waktu",
            "unit_of_measure": "%",
            "direction": "higher",
            "level": "person",
            "source": "manual",
            "default_target": "90",
        },
    )
    assert response.status_code == 302
    kpi_url = response.headers["Location"]
    client.post(
        f"{kpi_url}/values", data={"subject": office.employee.username, "period": "2026", "actual": "81"}
    )
    assert "81" in client.get(kpi_url).get_data(as_text=True)
    assert "KPI-RESPONSIF" in client.get(f"/merit/kpis/units/{office.unit.id}?year=2026").get_data(
        as_text=True
    )


def test_legacy_import_page(app) -> None:
    office = make_office()
    client = login(app.test_client(), office.hr)
    csv = f"username,year,skp,behavior\n{office.employee.username},2020,92,90\n".encode()
    response = client.post(
        "/merit/evaluations/import",
        data={"file": (io.BytesIO(csv), "lama.csv")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    evaluation = db.session.scalar(select(PerformanceEvaluation))
    assert (evaluation.legacy_score, evaluation.legacy_category) == (91.2, "Sangat Baik")


def test_audit_page_scoped_and_verifiable(app) -> None:
    office = make_office()
    make_evaluation(office.employee)
    hr = login(app.test_client(), office.hr)
    hr.post(
        f"/merit/people/{office.employee.id}/absences",
        data={"year": "2026", "days": "4", "longest_consecutive": "1"},
    )
    hr.post(f"/merit/people/{office.outsider.id}/absences", data={"year": "2026", "days": "4"})
    page = hr.get("/audit/").get_data(as_text=True)
    assert "merit.absence.recorded" in page
    admin = login(app.test_client(), office.admin)
    verified = admin.post("/audit/verify", follow_redirects=True).get_data(as_text=True)
    assert "Rantai audit utuh" in verified


def test_an_admin_switches_a_rule_off_and_the_change_is_audited(app) -> None:
    from app.audit.models import AuditEntry
    from app.settings.forms import field_name
    from app.settings.registry import all_definitions
    from app.settings.services import settings_by_group

    office = make_office()
    make_evaluation(office.employee, "2026", "sangat_baik")
    make_assessment(office.employee, 95)
    hr = login(app.test_client(), office.hr)
    assert "Kotak talenta 9" in hr.get(f"/merit/people/{office.employee.id}?year=2026").get_data(as_text=True)
    rows = next(rows for slug, _label, rows in settings_by_group() if slug == "merit")
    form = {}
    for definition, value, _overridden in rows:
        if definition.kind == "bool":
            if value and definition.key != "merit.rule.talent_box_9.enabled":
                form[field_name(definition.key)] = "y"
        else:
            form[field_name(definition.key)] = definition.to_text(value)
    admin = login(app.test_client(), office.admin)
    assert admin.post("/admin/settings/merit", data=form).status_code == 302
    assert "Kotak talenta 9" not in hr.get(f"/merit/people/{office.employee.id}?year=2026").get_data(
        as_text=True
    )
    changed = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "settings.changed"))
    assert changed.details == {"key": "merit.rule.talent_box_9.enabled", "from": True, "to": False}
    assert all_definitions()
