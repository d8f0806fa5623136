"""Sign-in, sign-out and change-password pages."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from app.auth.forms import ChangePasswordForm, LoginForm
from app.auth.services import AuthError, authenticate, change_password
from app.extensions import db, limiter
from app.security import AUTHENTICATED, PUBLIC, access
from app.ui.forms import apply_service_error
from app.ui.urls import safe_next_url

bp = Blueprint("auth", __name__, template_folder="templates")


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _login_ip_limit() -> str:
    return current_app.config["LOGIN_IP_RATE_LIMIT"]


def _login_username_key() -> str:
    return "login-user:" + (request.form.get("username") or "").strip().lower()


@bp.route("/login", methods=["GET", "POST"])
@access(PUBLIC)
@limiter.limit(_login_ip_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_login_username_key)
def login():
    """Show the sign-in form and sign the user in."""
    if current_user.is_authenticated:
        return redirect(url_for("main.home"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data)
        if user is None:
            form.password.errors.append(_("Wrong username or password."))
        else:
            db.session.commit()
            login_user(user, remember=form.remember.data)
            return redirect(safe_next_url(form.next.data) or url_for("main.home"))
    return render_template("auth/login.html", form=form)


@bp.errorhandler(429)
def login_rate_limited(error):
    """Too many sign-in attempts: show the form again with a clear lockout message."""
    form = LoginForm()
    form.password.errors = [
        _("Too many sign-in attempts. Signing in is paused for a minute; please wait and try again.")
    ]
    return render_template("auth/login.html", form=form, locked=True), 429


@bp.post("/logout")
@access(AUTHENTICATED)
def logout():
    """Sign out (POST with CSRF so a link elsewhere cannot sign anyone out)."""
    logout_user()
    flash(_("You have signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account/password", methods=["GET", "POST"])
@access(AUTHENTICATED)
def password():
    """Change one's own password."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            change_password(
                current_user,
                form.current_password.data,
                form.new_password.data,
                form.confirm_password.data,
            )
        except AuthError as exc:
            apply_service_error(form, exc)
        else:
            db.session.commit()
            # Keep this session under the new session version (the real user, not the proxy:
            # Flask-Login would otherwise store the proxy in `g` and recurse forever).
            login_user(current_user._get_current_object())
            flash(_("Your password has been changed."), "success")
            return redirect(url_for("main.me"))
    return render_template("auth/password.html", form=form)
