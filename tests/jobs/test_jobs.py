"""Background jobs: inline in tests, with a progress page, a status document and results."""

from __future__ import annotations

import pytest

from app.extensions import db
from app.jobs.models import Job, JobStatus
from app.jobs.services import _HANDLERS, job_handler, start_job
from tests.conftest import login
from tests.factories import make_user


@pytest.fixture
def handlers(tmp_path):
    @job_handler("test.count")
    def count(job, progress):
        total = job.params["n"]
        for done in range(1, total + 1):
            progress(done, total, f"{done} of {total}")
        return {"counted": total}

    @job_handler("test.file")
    def write_file(job, progress):
        path = tmp_path / "result.txt"
        path.write_text("hasil")
        job.result_path = str(path)
        return {}

    @job_handler("test.fail")
    def fail(job, progress):
        raise RuntimeError("boom")

    yield
    for kind in ("test.count", "test.file", "test.fail"):
        _HANDLERS.pop(kind, None)


def test_inline_job_runs_to_completion_with_progress(handlers, client) -> None:
    user = make_user()
    job = start_job("test.count", {"n": 4}, created_by_id=user.id)
    db.session.refresh(job)
    assert job.status == JobStatus.DONE and job.result == {"counted": 4}
    assert (job.progress, job.total, job.percent) == (4, 4, 100)
    login(client, user)
    page = client.get(f"/jobs/{job.id}").get_data(as_text=True)
    assert "<progress" in page and 'value="100"' in page and "Selesai." in page
    status = client.get(f"/jobs/{job.id}/status").get_json()
    assert status == {
        "id": job.id,
        "status": "done",
        "percent": 100,
        "progress": 4,
        "total": 4,
        "message": "4 of 4",
        "finished": True,
    }


def test_a_job_is_visible_to_its_starter_and_admins_only(handlers, app) -> None:
    owner, stranger, admin = make_user(), make_user(), make_user(roles=["admin"])
    job = start_job("test.count", {"n": 1}, created_by_id=owner.id)
    assert login(app.test_client(), stranger).get(f"/jobs/{job.id}").status_code == 404
    assert login(app.test_client(), stranger).get(f"/jobs/{job.id}/status").status_code == 404
    assert login(app.test_client(), admin).get(f"/jobs/{job.id}").status_code == 200


def test_result_file_can_be_downloaded(handlers, client) -> None:
    user = make_user()
    job = start_job("test.file", {}, created_by_id=user.id)
    login(client, user)
    response = client.get(f"/jobs/{job.id}/download")
    assert response.status_code == 200 and response.data == b"hasil"
    unfinished = Job(kind="test.count", params={"n": 1}, created_by_id=user.id)
    db.session.add(unfinished)
    db.session.flush()
    assert client.get(f"/jobs/{unfinished.id}/download").status_code == 404


def test_a_failing_job_is_marked_failed_with_its_message(handlers, app, client) -> None:
    user = make_user()
    app.config["JOBS_RAISE"] = False
    try:
        job = start_job("test.fail", {}, created_by_id=user.id)
    finally:
        app.config["JOBS_RAISE"] = True
    db.session.refresh(job)
    assert job.status == JobStatus.FAILED and job.message == "boom"
    login(client, user)
    assert "Proses gagal: boom" in client.get(f"/jobs/{job.id}").get_data(as_text=True)


def test_unknown_job_kind_is_refused(handlers) -> None:
    with pytest.raises(KeyError):
        start_job("no.such.kind", {}, created_by_id=None)
