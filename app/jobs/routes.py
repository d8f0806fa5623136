"""Progress pages for background jobs."""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, jsonify, render_template, send_file
from flask_login import current_user

from app.extensions import db
from app.jobs.models import Job, JobStatus
from app.security import AUTHENTICATED, Role, access

bp = Blueprint("jobs", __name__, url_prefix="/jobs", template_folder="templates")


def _load_visible_job(job_id: int) -> Job:
    """The job, if the user started it or is an admin; 404 otherwise."""
    job = db.session.get(Job, job_id)
    if job is None or (job.created_by_id != current_user.id and not current_user.has_role(Role.ADMIN)):
        abort(404)
    return job


@bp.get("/<int:job_id>")
@access(AUTHENTICATED)
def detail(job_id: int):
    """A progress bar that updates until the job finishes, then its result."""
    return render_template("jobs/detail.html", job=_load_visible_job(job_id))


@bp.get("/<int:job_id>/status")
@access(AUTHENTICATED)
def status(job_id: int):
    """JSON status polled by the progress page."""
    job = _load_visible_job(job_id)
    return jsonify(
        id=job.id,
        status=job.status.value,
        percent=job.percent,
        progress=job.progress,
        total=job.total,
        message=job.message,
        finished=job.finished,
    )


@bp.get("/<int:job_id>/download")
@access(AUTHENTICATED)
def download(job_id: int):
    """The file a finished job produced (a ZIP, a report …)."""
    job = _load_visible_job(job_id)
    if job.status != JobStatus.DONE or not job.result_path or not Path(job.result_path).is_file():
        abort(404)
    return send_file(job.result_path, as_attachment=True, download_name=Path(job.result_path).name)
