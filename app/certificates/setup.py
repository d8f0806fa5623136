"""Settings, navigation, signal subscriptions and job handlers of the certificates area."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.certificates.results import post_test_score
from app.certificates.rules import DEFAULT_NUMBER_FORMAT, number_format_problem
from app.certificates.services import bulk as _bulk_jobs  # noqa: F401 - registers the job handlers
from app.certificates.services.issuing import issue_certificate, register_result_source
from app.courses.signals import enrollment_completed
from app.security import Role
from app.settings.registry import SettingDef, SettingValueError, register_setting
from app.ui.nav import register_nav

GROUP = _l("Certificates")

_FORMAT_MESSAGES = {
    "length": _l("Use 1 to 60 characters."),
    "syntax": _l("The format is not valid (check the braces)."),
    "field": _l("Only {year}, {month} and {seq} may appear in braces."),
    "seq": _l("The format needs {year} and {seq}, so numbers never repeat."),
}


def _check_number_format(value: object) -> None:
    problem = number_format_problem(str(value))
    if problem is not None:
        raise SettingValueError(_FORMAT_MESSAGES[problem])


register_setting(
    SettingDef(
        "certificates.number_format",
        "str",
        DEFAULT_NUMBER_FORMAT,
        _l("Certificate number format"),
        GROUP,
        help=_l("{year} and {seq} are required, e.g. LENTERA/{year}/{seq:06d}; {month} is optional."),
        validator=_check_number_format,
        order=1,
    )
)
register_setting(
    SettingDef(
        "certificates.annex_page",
        "bool",
        True,
        _l("Print a second page with the competencies and the course outline"),
        GROUP,
        help=_l("Applies to certificates issued from now on; a one-page certificate renders faster."),
        order=2,
    )
)
_DEFAULT_SIGNER: list[tuple[str, str, Any]] = [
    ("agency", "Badan Kepegawaian Daerah", _l("Issuing agency (default)")),
    ("city", "Jakarta", _l("City printed beside the signing date (default)")),
    ("signer_name", "Kepala Badan Kepegawaian Daerah", _l("Signing official's name (default)")),
    ("signer_nip", "", _l("Signing official's NIP (default)")),
    ("signer_title", "Kepala Badan", _l("Signing official's title (default)")),
]
for order, (key, default, label) in enumerate(_DEFAULT_SIGNER, start=3):
    register_setting(
        SettingDef(
            f"certificates.{key}",
            "str",
            default,
            label,
            GROUP,
            help=_l(
                "Used where an agency has no signing official of its own (Certificates → Signing officials)."
            ),
            order=order,
        )
    )


def _issue_on_completion(sender: Any, *, enrollment: Any, **_extra: Any) -> None:
    """Issue the certificate in the completing transaction (idempotent)."""
    issue_certificate(enrollment)


enrollment_completed.connect(_issue_on_completion)
register_result_source(post_test_score)

register_nav(_l("My certificates"), "certificates.mine", Role.EMPLOYEE, order=12)
register_nav(_l("Certificates"), "certificates_hr.index", Role.HR, Role.ADMIN, order=40)
