"""Settings, navigation and the post-test completion requirement contributed by assessments."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.assessments.services.gains import class_gains
from app.assessments.services.grading import post_test_passed
from app.courses.completion import register_completion_requirement
from app.reports.services.effectiveness import register_gain_lookup
from app.security import Role
from app.settings.registry import SettingDef, register_setting
from app.ui.nav import register_nav

GROUP = _l("Assessments")

register_setting(
    SettingDef(
        "assessments.grace_seconds",
        "int",
        60,
        _l("Grace period after a test's deadline (seconds)"),
        GROUP,
        help=_l("Answers sent this long after the time limit still count (network delays)."),
        minimum=0,
        maximum=600,
        order=1,
    )
)
register_setting(
    SettingDef(
        "assessments.above_target_score",
        "int",
        90,
        _l("Post-test score for one level above the target (%)"),
        GROUP,
        help=_l("Only for courses that allow a level above their target."),
        minimum=50,
        maximum=100,
        order=2,
    )
)

# Completion of a course with a post-test needs the post-test passed (courses point 6).
register_completion_requirement("post_test", post_test_passed)

# The reports' training effectiveness page shows the pre-test → post-test gain per class.
register_gain_lookup(class_gains)

register_nav(_l("My tests"), "assessments.my_tests", Role.EMPLOYEE, order=22)
register_nav(_l("Grading"), "grading.queue", Role.EVALUATOR, order=45)
