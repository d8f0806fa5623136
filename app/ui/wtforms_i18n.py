"""WTForms' built-in messages ("Not a valid date value." …) in the interface language.

WTForms ships no Indonesian catalogue, so Flask-WTF would show its messages in English.
Lentera keeps their translations in the core catalogue (listed below so `extract` finds
them) and hands WTForms a translations object that reads Flask-Babel's catalogues.
"""

from __future__ import annotations

from flask_babel import get_translations, ngettext
from flask_babel import gettext as _
from flask_wtf import FlaskForm


class BabelFormTranslations:
    """The `gettext`/`ngettext` pair WTForms asks its `Meta` for, backed by Flask-Babel."""

    def gettext(self, string: str) -> str:
        return get_translations().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ungettext(singular, plural, n)


TRANSLATIONS = BabelFormTranslations()


def _form_translations(meta, form) -> BabelFormTranslations:
    return TRANSLATIONS


def install_form_translations() -> None:
    """Make every Flask-WTF form (in every package) use `BabelFormTranslations`."""
    FlaskForm.Meta.get_translations = _form_translations


def _messages_for_extraction() -> None:  # pragma: no cover - never called, read by `extract`
    _("Field must be equal to %(other_name)s.")
    ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        1,
    )
    ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        1,
    )
    ngettext(
        "Field must be exactly %(max)d character long.",
        "Field must be exactly %(max)d characters long.",
        1,
    )
    _("Field must be between %(min)d and %(max)d characters long.")
    _("Number must be at least %(min)s.")
    _("Number must be at most %(max)s.")
    _("Number must be between %(min)s and %(max)s.")
    _("Date must be at least %(min)s.")
    _("Date must be at most %(max)s.")
    _("Date must be between %(min)s and %(max)s.")
    _("This field is required.")
    _("Invalid input.")
    _("Invalid email address.")
    _("Invalid URL.")
    _("Invalid value, must be one of: %(values)s.")
    _("Invalid value, can't be any of: %(values)s.")
    _("This field cannot be edited.")
    _("This field is disabled and cannot have a value.")
    _("Invalid Choice: could not coerce.")
    _("Not a valid choice.")
    _("Invalid choice(s): one or more data inputs could not be coerced.")
    ngettext(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.",
        1,
    )
    _("Not a valid datetime value.")
    _("Not a valid date value.")
    _("Not a valid time value.")
    _("Not a valid integer value.")
    _("Not a valid decimal value.")
    _("Not a valid float value.")
    _("The CSRF token is missing.")
    _("The CSRF token has expired.")
    _("The CSRF token is invalid.")
    _("The CSRF tokens do not match.")
