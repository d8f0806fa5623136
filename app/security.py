"""Roles and the one declarative way to say who may use a route.

Every view function carries an `AccessRule` set by `@access(...)`. A
`before_request` hook enforces it for every endpoint, so a route without a
declaration is refused (fail closed), and `tests/test_access_matrix.py` walks
the URL map to prove each declaration against each role.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from flask import Flask, abort, current_app, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

F = TypeVar("F", bound=Callable[..., Any])


class Role(StrEnum):
    """The four roles; a user may hold several."""

    EMPLOYEE = "employee"
    HR = "hr"
    EVALUATOR = "evaluator"
    ADMIN = "admin"


# Priority used to pick a user's home page and primary label.
ROLE_PRIORITY: tuple[Role, ...] = (Role.ADMIN, Role.HR, Role.EVALUATOR, Role.EMPLOYEE)

PUBLIC = "public"
AUTHENTICATED = "authenticated"


@dataclass(frozen=True)
class AccessRule:
    """Who may call an endpoint: anyone, any signed-in user, or holders of given roles."""

    public: bool = False
    roles: frozenset[Role] | None = None  # None with public=False means "any signed-in user"

    def allows(self, user: Any) -> bool:
        """True when `user` (a User or an anonymous user) may call the endpoint."""
        if self.public:
            return True
        if not getattr(user, "is_authenticated", False):
            return False
        if self.roles is None:
            return True
        return bool(self.roles & user.role_set)

    def describe(self) -> str:
        if self.public:
            return PUBLIC
        if self.roles is None:
            return AUTHENTICATED
        return ",".join(sorted(self.roles))


def access(*who: Role | str) -> Callable[[F], F]:
    """Declare who may use a view: `@access(PUBLIC)`, `@access(AUTHENTICATED)` or roles.

    Example: `@access(Role.HR, Role.ADMIN)`. Object-level checks (for example
    "HR of this person's unit") stay in the loaders the view calls; this
    declaration is the coarse gate that is enforced before the view runs.
    """
    if not who:
        raise ValueError("access() needs PUBLIC, AUTHENTICATED or at least one role")
    if PUBLIC in who:
        rule = AccessRule(public=True)
    elif AUTHENTICATED in who:
        rule = AccessRule()
    else:
        rule = AccessRule(roles=frozenset(Role(r) for r in who))

    def decorate(view: F) -> F:
        view.access_rule = rule  # type: ignore[attr-defined]
        return view

    return decorate


def rule_for_endpoint(app: Flask, endpoint: str | None) -> AccessRule | None:
    """The declared rule of an endpoint, or None when it has none."""
    if endpoint is None:
        return None
    view = app.view_functions.get(endpoint)
    return getattr(view, "access_rule", None)


def is_api_request() -> bool:
    """True for requests to the JSON API (which uses bearer tokens, never cookies)."""
    return request.path.startswith("/api/")


def _enforce_access() -> Any:
    """`before_request` hook: refuse the request unless the endpoint's rule allows it."""
    if request.endpoint is None:  # 404/405: let Flask answer
        return None
    rule = rule_for_endpoint(current_app, request.endpoint)
    if rule is None:
        current_app.logger.error("Endpoint %s has no access declaration", request.endpoint)
        abort(403)
    if rule.allows(current_user):
        return None
    if not current_user.is_authenticated:
        if is_api_request():
            abort(401)
        return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
    abort(403)


def mark_public(app: Flask, endpoints: Iterable[str]) -> None:
    """Declare framework endpoints (static files, the OpenAPI document) public."""
    for endpoint in endpoints:
        view = app.view_functions.get(endpoint)
        if view is None:
            continue
        if inspect.ismethod(view):  # bound methods take no attributes: wrap them
            view = functools.wraps(view)(functools.partial(view))
            app.view_functions[endpoint] = view
        view.access_rule = AccessRule(public=True)


def register_access_control(app: Flask) -> None:
    """Install the access hook; it runs before every view."""
    app.before_request(_enforce_access)


ROLE_LABELS: dict[Role, Any] = {
    Role.EMPLOYEE: _l("Employee"),
    Role.HR: _l("HR officer"),
    Role.EVALUATOR: _l("Evaluator"),
    Role.ADMIN: _l("Administrator"),
}


class SystemActor:
    """The actor of command-line and seeding work: an administrator without a user row."""

    id = None
    unit = None
    unit_id = None
    is_authenticated = True
    role_set = frozenset({Role.ADMIN})

    def has_role(self, *roles: Role | str) -> bool:
        return Role.ADMIN in roles


SYSTEM_ACTOR = SystemActor()
