"""Landing page per role, "my account", and switching the interface language."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from flask_login import current_user

from app.extensions import db
from app.security import AUTHENTICATED, PUBLIC, access
from app.ui.nav import home_endpoint_for, nav_for
from app.ui.urls import safe_next_url

bp = Blueprint("main", __name__, template_folder="templates")


@bp.get("/")
@access(PUBLIC)
def home():
    """Send each signed-in user to their role's home; anonymous visitors to sign in."""
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    endpoint = home_endpoint_for(current_user)
    if endpoint and endpoint != "main.home":
        return redirect(url_for(endpoint))
    return redirect(url_for("main.me"))


@bp.get("/me")
@access(AUTHENTICATED)
def me():
    """The signed-in user's own account page and shortcuts for each role they hold."""
    return render_template("main/me.html", user=current_user, shortcuts=nav_for(current_user))


@bp.post("/language")
@access(PUBLIC)
def set_language():
    """Switch the interface language (kept in the session and, when signed in, on the user)."""
    language = request.form.get("language", "")
    if language in current_app.config["LANGUAGES"]:
        session["language"] = language
        if current_user.is_authenticated:
            current_user.locale = language
            db.session.commit()
    return redirect(safe_next_url(request.form.get("next")) or url_for("main.home"))
