"""Navigation and role homes, registered by each package at start-up."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.security import ROLE_PRIORITY, Role


@dataclass(frozen=True)
class NavItem:
    """A link in the top navigation, shown to holders of `roles` (None: everyone signed in)."""

    label: Any
    endpoint: str
    roles: frozenset[Role] | None = None
    order: int = 100

    def visible_to(self, user: Any) -> bool:
        return self.roles is None or bool(self.roles & user.role_set)


_NAV: dict[str, NavItem] = {}
_HOMES: dict[Role, str] = {}


def register_nav(label: Any, endpoint: str, *roles: Role, order: int = 100) -> None:
    """Add a navigation link (idempotent per endpoint)."""
    _NAV[endpoint] = NavItem(label, endpoint, frozenset(roles) if roles else None, order)


def register_home(role: Role, endpoint: str) -> None:
    """Make `endpoint` the landing page of `role` (a later package may take it over)."""
    _HOMES[role] = endpoint


def nav_for(user: Any) -> list[NavItem]:
    """The links this user sees, in order."""
    return sorted((i for i in _NAV.values() if i.visible_to(user)), key=lambda i: (i.order, i.endpoint))


def home_endpoint_for(user: Any) -> str | None:
    """The landing page of the user's highest-priority role that has one."""
    for role in ROLE_PRIORITY:
        if role in user.role_set and role in _HOMES:
            return _HOMES[role]
    return None


@dataclass(frozen=True)
class PersonLink:
    """A link on a person's page to another package's view of them (endpoint takes `user_id`)."""

    label: Any
    endpoint: str
    roles: frozenset[Role] | None = None
    order: int = 100


_PERSON_LINKS: dict[str, PersonLink] = {}


def register_person_link(label: Any, endpoint: str, *roles: Role, order: int = 100) -> None:
    """Add a link shown on person pages to holders of `roles` (None: everyone who sees the page)."""
    _PERSON_LINKS[endpoint] = PersonLink(label, endpoint, frozenset(roles) if roles else None, order)


def person_links_for(user: Any) -> list[PersonLink]:
    """Person-page links this viewer may follow."""
    return sorted(
        (link for link in _PERSON_LINKS.values() if link.roles is None or link.roles & user.role_set),
        key=lambda link: (link.order, link.endpoint),
    )
