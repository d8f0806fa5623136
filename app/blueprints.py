"""Where each package plugs into the app: one line per module, in one place."""

# Model modules, imported so the metadata (and Alembic) knows every table.
MODEL_MODULES: list[str] = [
    "app.org.models",
    "app.audit.models",
    "app.settings.models",
    "app.notifications.models",
    "app.jobs.models",
    "app.competency.models",
    "app.merit.models",
    "app.service_quality.models",
    "app.courses.models",
    "app.assessments.models",
    "app.reports.models",
    "app.certificates.models",
]

# Modules imported at start-up for their registrations (settings, nav, homes, job handlers).
SETUP_MODULES: list[str] = [
    "app.settings.core",
    "app.auth.loaders",
    "app.org.setup",
    "app.competency.setup",
    "app.competency.reminders",
    "app.merit.setup",
    "app.service_quality.setup",
    "app.courses.setup",
    "app.courses.reminders",
    "app.assessments.setup",
    "app.reports.setup",
    "app.certificates.setup",
    "app.certificates.reminders",
]

# Web blueprints (each module defines `bp`).
BLUEPRINT_MODULES: list[str] = [
    "app.main.routes",
    "app.auth.routes",
    "app.notifications.routes",
    "app.jobs.routes",
    "app.settings.routes",
    "app.org.routes",
    "app.org.structure_routes",
    "app.competency.routes.profile",
    "app.competency.routes.dictionary",
    "app.competency.routes.exchange",
    "app.competency.routes.standards",
    "app.competency.routes.units",
    "app.competency.routes.external",
    "app.audit.routes",
    "app.merit.routes.profile",
    "app.merit.routes.evaluations",
    "app.merit.routes.actions",
    "app.merit.routes.records",
    "app.merit.routes.talent",
    "app.merit.routes.kpis",
    "app.service_quality.public_routes",
    "app.service_quality.routes",
    "app.service_quality.complaint_routes",
    "app.courses.routes.catalog",
    "app.courses.routes.manage",
    "app.courses.routes.learning",
    "app.courses.routes.roster",
    "app.courses.routes.lifecycle",
    "app.assessments.routes.bank",
    "app.assessments.routes.quizzes",
    "app.assessments.routes.learner",
    "app.assessments.routes.grading",
    "app.reports.routes.evaluation",
    "app.reports.routes.dashboards",
    "app.reports.routes.training",
    "app.reports.routes.feedback",
    "app.certificates.public_routes",
    "app.certificates.routes",
    "app.certificates.hr_routes",
    "app.certificates.signer_routes",
]

# API blueprints (each module defines `blp`, a flask-smorest Blueprint under /api/v1).
API_MODULES: list[str] = [
    "app.auth.api",
    "app.org.api",
    "app.competency.api",
    "app.audit.api",
    "app.merit.api_evaluations",
    "app.merit.api_actions",
    "app.merit.api_profiles",
    "app.service_quality.api",
    "app.courses.api",
    "app.assessments.api",
    "app.certificates.api",
]

# CLI command modules (each defines `register(app)`).
CLI_MODULES: list[str] = [
    "app.org.cli",
    "app.audit.cli",
    "app.jobs.cli",
    "app.notifications.cli",
    "app.demo.cli",
    "app.competency.cli",
    "app.merit.cli",
    "app.assessments.cli",
]

# Demo data steps for `flask seed-demo`, run in order (each module defines `seed(ctx)`).
DEMO_MODULES: list[str] = [
    "app.demo.org",
    "app.demo.competency",
    "app.demo.merit",
    "app.demo.service_quality",
    # Before courses: the signing officials sign the certificates the demo completions issue.
    "app.demo.certificates",
    "app.demo.courses",
    "app.demo.assessments",
    "app.demo.reports",
]
