"""Lentera: learning, competency and merit for Indonesian civil servants."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

from flask import Flask, current_app, has_request_context, request, session
from flask_login import current_user

from app.blueprints import (
    API_MODULES,
    BLUEPRINT_MODULES,
    CLI_MODULES,
    MODEL_MODULES,
    SETUP_MODULES,
)
from app.config import load_config
from app.errors import register_error_handlers
from app.extensions import api, babel, csrf, db, limiter, login_manager, mail, migrate
from app.http import register_http_hygiene
from app.security import mark_public, register_access_control
from app.transactions import install_transaction_hooks
from app.ui.templating import register_templating

PACKAGE_DIR = Path(__file__).resolve().parent


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Application factory: configuration, extensions, blueprints, errors, CLI.

    It has no side effects beyond creating the instance folder's secret key in
    development: no migrations, no prompts, no network.
    """
    app = Flask(__name__, instance_relative_config=True)
    app.config.update(load_config(app.instance_path, config))
    register_http_hygiene(app)
    register_extensions(app)
    register_blueprints(app)
    register_api(app)
    register_errors(app)
    register_security(app)
    register_templates(app)
    register_cli(app)
    return app


def _translation_directories() -> str:
    """Every `translations/` folder of the app: the core one and one per package."""
    dirs = sorted(p for p in PACKAGE_DIR.glob("**/translations") if p.is_dir())
    return ";".join(str(p) for p in dirs)


def select_locale() -> str | None:
    """The signed-in user's language, else the session's, else Bahasa Indonesia."""
    if not has_request_context():  # CLI, jobs, tests calling services: the default (id)
        return None
    languages = ["id", "en"]
    if current_user and current_user.is_authenticated and current_user.locale in languages:
        return current_user.locale
    if session.get("language") in languages:
        return session["language"]
    if request.path.startswith("/api/"):
        return request.accept_languages.best_match(languages) or "id"
    return "id"


def register_extensions(app: Flask) -> None:
    """Bind every extension to the app."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", _translation_directories())
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PACKAGE_DIR.parent / "migrations"))
    login_manager.init_app(app)
    login_manager.session_protection = "basic"
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    mail.init_app(app)
    install_transaction_hooks()
    for module in MODEL_MODULES + SETUP_MODULES:
        import_module(module)


def register_blueprints(app: Flask) -> None:
    """Register the web blueprints listed in `app.blueprints`."""
    for module in BLUEPRINT_MODULES:
        app.register_blueprint(import_module(module).bp)


def register_api(app: Flask) -> None:
    """Register the JSON API blueprints; the API uses tokens, so no CSRF there."""
    api.init_app(app)
    for module in API_MODULES:
        blueprint = import_module(module).blp
        csrf.exempt(blueprint)
        api.register_blueprint(blueprint)
    api.spec.components.security_scheme("bearerAuth", {"type": "http", "scheme": "bearer"})


def register_errors(app: Flask) -> None:
    """HTML error pages for people, JSON errors on the API."""
    register_error_handlers(app)


def register_security(app: Flask) -> None:
    """Access rules on every route, and security headers on every response."""
    mark_public(app, ["static", "api-docs.openapi_json"])
    register_access_control(app)
    app.after_request(_security_headers)


def _security_headers(response):
    headers = response.headers
    headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'",
    )
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if request.path.startswith("/api/"):
        headers.setdefault("Cache-Control", "no-store")
    if current_app.config.get("APP_ENV") == "production":
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def register_templates(app: Flask) -> None:
    """Jinja filters, globals and context."""
    register_templating(app)


def register_cli(app: Flask) -> None:
    """Add the `flask` commands each package provides."""
    for module in CLI_MODULES:
        import_module(module).register(app)
