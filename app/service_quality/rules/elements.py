"""The nine survey elements of PermenPANRB 14/2017 with their questions and four-point labels."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

SCALE = (1, 2, 3, 4)
"""Every answer is one of these values (1 = worst, 4 = best)."""


@dataclass(frozen=True)
class StandardElement:
    """One of the regulation's elements: code U1–U9, name, question and the label of each answer."""

    code: str
    name: Any
    question: Any
    labels: tuple[Any, Any, Any, Any]


_APPROPRIATE = (_l("Not appropriate"), _l("Less appropriate"), _l("Appropriate"), _l("Very appropriate"))

STANDARD_ELEMENTS: tuple[StandardElement, ...] = (
    StandardElement(
        "U1",
        _l("Requirements"),
        _l("How well do the service requirements match the type of service?"),
        _APPROPRIATE,
    ),
    StandardElement(
        "U2",
        _l("Systems, mechanisms and procedures"),
        _l("How easy are the service procedures at this unit?"),
        (_l("Not easy"), _l("Less easy"), _l("Easy"), _l("Very easy")),
    ),
    StandardElement(
        "U3",
        _l("Completion time"),
        _l("How fast was the service delivered?"),
        (_l("Not fast"), _l("Less fast"), _l("Fast"), _l("Very fast")),
    ),
    StandardElement(
        "U4",
        _l("Cost or tariff"),
        _l("How fair was the cost or tariff of the service?"),
        (_l("Very expensive"), _l("Fairly expensive"), _l("Cheap"), _l("Free of charge")),
    ),
    StandardElement(
        "U5",
        _l("Product specification of the service"),
        _l("How well does the result you received match the product in the service standard?"),
        _APPROPRIATE,
    ),
    StandardElement(
        "U6",
        _l("Competence of the staff"),
        _l("How competent were the staff who served you?"),
        (_l("Not competent"), _l("Less competent"), _l("Competent"), _l("Very competent")),
    ),
    StandardElement(
        "U7",
        _l("Behaviour of the staff"),
        _l("How polite and friendly were the staff who served you?"),
        (
            _l("Not polite and friendly"),
            _l("Less polite and friendly"),
            _l("Polite and friendly"),
            _l("Very polite and friendly"),
        ),
    ),
    StandardElement(
        "U8",
        _l("Handling of complaints, suggestions and input"),
        _l("How are complaints from service users handled?"),
        (
            _l("There is none"),
            _l("Exists but does not work"),
            _l("Works, but not fully"),
            _l("Well managed"),
        ),
    ),
    StandardElement(
        "U9",
        _l("Facilities and infrastructure"),
        _l("What is the quality of the facilities and infrastructure?"),
        (_l("Poor"), _l("Adequate"), _l("Good"), _l("Very good")),
    ),
)

STANDARD_BY_CODE: dict[str, StandardElement] = {e.code: e for e in STANDARD_ELEMENTS}
