"""Merit's registrations: settings, navigation, homes, person-page links and the recompute job."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

import app.merit.reminders
import app.merit.settings  # noqa: F401  (registers the merit settings)
from app.extensions import db
from app.jobs.services import job_handler
from app.merit.services.snapshots import recompute_all
from app.org.models import Unit
from app.security import Role
from app.ui.nav import register_home, register_nav, register_person_link

register_nav(_l("My merit"), "merit.me", Role.EMPLOYEE, order=40)
register_nav(_l("Evaluator queue"), "merit.queue", Role.EVALUATOR, Role.ADMIN, order=41)
register_nav(_l("Talent"), "talent.index", Role.HR, Role.EVALUATOR, Role.ADMIN, order=42)
register_nav(_l("Audit log"), "audit.index", Role.HR, Role.ADMIN, order=89)
register_home(Role.EVALUATOR, "merit.queue")
register_person_link(_l("Merit profile"), "merit.profile", Role.HR, Role.EVALUATOR, Role.ADMIN, order=30)


@job_handler("merit.recompute")
def recompute_job(job, progress):
    """Recompute the 9-box snapshots for `params["year"]` (of `params["unit_id"]`'s subtree if given)."""
    year = int(job.params["year"])
    unit = db.session.get(Unit, job.params["unit_id"]) if job.params.get("unit_id") else None
    count = recompute_all(year, unit=unit, progress=progress)
    db.session.commit()
    return {"year": year, "people": count}
