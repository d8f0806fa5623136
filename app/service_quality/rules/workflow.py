"""The complaint workflow of domain.md §8 as a transition table, plus who may take each step.

received → verified, held, outside authority or archived; held → verified, outside
authority or archived; verified → assigned to an officer; assigned → in progress (or
re-assigned); in progress → resolved with an answer (or re-assigned); resolved →
closed once the answer is sent back (or reopened to in progress when monitoring finds
it is not done). Outside authority, archived and closed are final.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.service_quality.enums import ComplaintStatus as S

TRANSITIONS: dict[S, frozenset[S]] = {
    S.RECEIVED: frozenset({S.VERIFIED, S.HELD, S.OUTSIDE_AUTHORITY, S.ARCHIVED}),
    S.HELD: frozenset({S.VERIFIED, S.OUTSIDE_AUTHORITY, S.ARCHIVED}),
    S.VERIFIED: frozenset({S.ASSIGNED, S.ARCHIVED}),
    S.ASSIGNED: frozenset({S.IN_PROGRESS, S.ASSIGNED}),
    S.IN_PROGRESS: frozenset({S.RESOLVED, S.ASSIGNED}),
    S.RESOLVED: frozenset({S.CLOSED, S.IN_PROGRESS}),
    S.OUTSIDE_AUTHORITY: frozenset(),
    S.ARCHIVED: frozenset(),
    S.CLOSED: frozenset(),
}

FINAL_STATUSES = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
OPEN_STATUSES = frozenset(S) - FINAL_STATUSES
# Complaints that are not counted in "resolved within 24 hours": they are not resolved by design.
NOT_RESOLVABLE = frozenset({S.OUTSIDE_AUTHORITY, S.ARCHIVED})
# Steps the assigned officer may take; every other step belongs to the unit's managers.
OFFICER_STEPS = frozenset({S.IN_PROGRESS, S.RESOLVED})


@dataclass(frozen=True)
class StepNeeds:
    """What a step asks for besides its note."""

    officer: bool = False
    answer: bool = False


STEP_NEEDS: dict[S, StepNeeds] = {
    S.ASSIGNED: StepNeeds(officer=True),
    S.RESOLVED: StepNeeds(answer=True),
}


def allowed_targets(current: S) -> frozenset[S]:
    """The statuses a complaint in `current` may move to."""
    return TRANSITIONS[current]


def is_allowed(current: S, target: S) -> bool:
    """True when the workflow allows `current → target`."""
    return target in TRANSITIONS[current]


def needs_for(target: S) -> StepNeeds:
    """The extra data moving to `target` needs (an officer, an answer for the complainant)."""
    return STEP_NEEDS.get(target, StepNeeds())


def may_take_step(target: S, *, is_manager: bool, is_officer: bool) -> bool:
    """Managers take every step; the assigned officer starts and resolves their complaint."""
    return is_manager or (is_officer and target in OFFICER_STEPS)
