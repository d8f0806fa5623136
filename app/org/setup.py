"""Navigation and role homes contributed by the organisation package."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.security import Role
from app.ui.nav import register_home, register_nav

register_nav(_l("People"), "org.people", Role.HR, Role.ADMIN, order=20)
register_nav(_l("Units"), "structure.units", Role.HR, Role.ADMIN, order=21)
register_nav(_l("Positions"), "structure.positions", Role.HR, Role.ADMIN, order=22)
register_nav(_l("Settings"), "settings.index", Role.ADMIN, order=90)
register_home(Role.HR, "org.people")
register_home(Role.ADMIN, "settings.index")
