"""Settings, navigation, the recommendation provider and signal subscriptions of the courses area."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.competency.services.recommendations import register_recommendation_provider
from app.courses.services.learning import courses_for_gaps, describe_courses
from app.security import Role
from app.settings.registry import SettingDef, register_setting
from app.ui.nav import register_nav, register_person_link

GROUP = _l("Courses")

register_setting(
    SettingDef(
        "courses.material_max_mb",
        "int",
        20,
        _l("Largest course material upload (MB)"),
        GROUP,
        minimum=1,
        maximum=25,
        order=1,
    )
)
register_setting(
    SettingDef(
        "courses.reminder_days",
        "int",
        7,
        _l("Remind people of assignments due within this many days"),
        GROUP,
        minimum=1,
        maximum=60,
        order=2,
    )
)

register_recommendation_provider(courses_for_gaps, describe=describe_courses)

register_nav(_l("My learning"), "learning.my_learning", Role.EMPLOYEE, order=5)
register_nav(_l("Course catalog"), "courses.catalog", order=6)
register_nav(_l("Overdue training"), "course_roster.overdue", Role.HR, Role.ADMIN, order=34)
register_person_link(_l("Training"), "learning.person_learning", Role.HR, Role.ADMIN, order=15)
