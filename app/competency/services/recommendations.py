"""Course recommendations for competency gaps, through a registry of providers.

The course catalogue lives in another package; it registers a provider here,
so this package never imports courses. A provider is a function
`provider(gaps) -> [(course_id, competency_id), ...]` that returns, for each
gap, courses developing that competency to at least `required_level`. Without a
provider there are no recommendations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Gap:
    """A competency where a person is below their position's standard (`gap < 0`)."""

    competency_id: int
    code: str
    required_level: int
    current_level: int  # 0 when there is no evidence
    gap: int


@dataclass(frozen=True)
class Recommendation:
    """A course that closes (part of) a gap; `title`/`url` when the provider can describe it."""

    course_id: int
    competency_id: int
    title: str | None = None
    url: str | None = None


Provider = Callable[[Sequence[Gap]], Iterable[tuple[int, int]]]
Describer = Callable[[list[int]], dict[int, tuple[str, str | None]]]
_PROVIDERS: list[Provider] = []
_DESCRIBERS: dict[Provider, Describer] = {}


def register_recommendation_provider(func: Provider, *, describe: Describer | None = None) -> Provider:
    """Register a provider (idempotent); `describe(course_ids) -> {id: (title, url)}` labels courses.

    Usable as a decorator. Returns the function unchanged.
    """
    if func not in _PROVIDERS:
        _PROVIDERS.append(func)
    if describe is not None:
        _DESCRIBERS[func] = describe
    return func


def unregister_recommendation_provider(func: Provider) -> None:
    """Remove a provider (tests use it to clean up)."""
    if func in _PROVIDERS:
        _PROVIDERS.remove(func)
    _DESCRIBERS.pop(func, None)


def recommend_courses(gaps: Sequence[Gap]) -> list[Recommendation]:
    """Ask every provider about the gaps; each (course, competency) pair appears once."""
    gaps = [g for g in gaps if g.gap < 0]
    if not gaps:
        return []
    wanted = {g.competency_id for g in gaps}
    seen: set[tuple[int, int]] = set()
    result: list[Recommendation] = []
    for provider in list(_PROVIDERS):
        pairs = [(int(c), int(k)) for c, k in provider(gaps) if int(k) in wanted]
        labels: dict[int, Any] = {}
        describe = _DESCRIBERS.get(provider)
        if describe is not None and pairs:
            labels = describe(sorted({c for c, _ in pairs}))
        for course_id, competency_id in pairs:
            if (course_id, competency_id) in seen:
                continue
            seen.add((course_id, competency_id))
            title, url = labels.get(course_id, (None, None))
            result.append(Recommendation(course_id, competency_id, title, url))
    return result
