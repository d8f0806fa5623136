"""The complaint workflow as a table: every pair of steps is either allowed or refused."""

from __future__ import annotations

import itertools

import pytest

from app.service_quality.enums import ComplaintStatus as S
from app.service_quality.rules.workflow import (
    FINAL_STATUSES,
    TRANSITIONS,
    is_allowed,
    may_take_step,
    needs_for,
)

ALLOWED = {
    (S.RECEIVED, S.VERIFIED), (S.RECEIVED, S.HELD),
    (S.RECEIVED, S.OUTSIDE_AUTHORITY), (S.RECEIVED, S.ARCHIVED),
    (S.HELD, S.VERIFIED), (S.HELD, S.OUTSIDE_AUTHORITY), (S.HELD, S.ARCHIVED),
    (S.VERIFIED, S.ASSIGNED), (S.VERIFIED, S.ARCHIVED),
    (S.ASSIGNED, S.IN_PROGRESS), (S.ASSIGNED, S.ASSIGNED),
    (S.IN_PROGRESS, S.RESOLVED), (S.IN_PROGRESS, S.ASSIGNED),
    (S.RESOLVED, S.CLOSED), (S.RESOLVED, S.IN_PROGRESS),
}  # fmt: skip


@pytest.mark.parametrize("current", list(S))
@pytest.mark.parametrize("target", list(S))
def test_every_pair(current: S, target: S) -> None:
    assert is_allowed(current, target) is ((current, target) in ALLOWED)


def test_every_status_is_in_the_table_and_final_ones_lead_nowhere() -> None:
    assert set(TRANSITIONS) == set(S)
    assert {S.CLOSED, S.ARCHIVED, S.OUTSIDE_AUTHORITY} == FINAL_STATUSES


def test_the_happy_path_of_domain_md() -> None:
    path = [S.RECEIVED, S.VERIFIED, S.ASSIGNED, S.IN_PROGRESS, S.RESOLVED, S.CLOSED]
    assert all(is_allowed(a, b) for a, b in itertools.pairwise(path))


def test_who_takes_which_step() -> None:
    assert may_take_step(S.VERIFIED, is_manager=True, is_officer=False)
    assert not may_take_step(S.VERIFIED, is_manager=False, is_officer=True)
    assert may_take_step(S.IN_PROGRESS, is_manager=False, is_officer=True)
    assert may_take_step(S.RESOLVED, is_manager=False, is_officer=True)
    assert not may_take_step(S.CLOSED, is_manager=False, is_officer=True)
    assert not may_take_step(S.RESOLVED, is_manager=False, is_officer=False)


def test_steps_that_need_more_than_a_note() -> None:
    assert needs_for(S.ASSIGNED).officer and not needs_for(S.ASSIGNED).answer
    assert needs_for(S.RESOLVED).answer
    assert not needs_for(S.VERIFIED).officer and not needs_for(S.VERIFIED).answer
