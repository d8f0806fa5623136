"""How survey elements are shown: the standard ones translated from code, added ones as typed."""

from __future__ import annotations

from app.service_quality.models import SurveyElement
from app.service_quality.rules.elements import STANDARD_BY_CODE


def element_name(element: SurveyElement) -> str:
    """The element's name in the current language."""
    standard = STANDARD_BY_CODE.get(element.code) if element.standard else None
    return str(standard.name) if standard else element.name


def element_question(element: SurveyElement) -> str:
    """The question a respondent answers."""
    standard = STANDARD_BY_CODE.get(element.code) if element.standard else None
    return str(standard.question) if standard else element.question


def element_labels(element: SurveyElement) -> list[str]:
    """The labels of answers 1 to 4."""
    standard = STANDARD_BY_CODE.get(element.code) if element.standard else None
    if standard:
        return [str(label) for label in standard.labels]
    labels = element.labels.split("|")
    return labels if len(labels) == 4 else ["1", "2", "3", "4"]
