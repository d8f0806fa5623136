"""Pure grading rules: question scores, short-answer matching, grading across attempts,
score bands → competency level, deadlines, question draws and item analysis.

No Flask, no session: everything (the clock, the random generator, settings) is passed in.
"""

from __future__ import annotations

import math
import random
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar

from app.assessments.enums import GradingMethod, MultipleScoring, QuestionKind

MAX_LEVEL = 5
# The share of attempts in each group of the discrimination index (Kelley's 27 %).
GROUP_SHARE = 0.27
Row = TypeVar("Row", bound=tuple[Any, ...])


def round_points(value: float) -> float:
    """Points and percentages are kept to two decimals."""
    return round(value + 0.0, 2)


def choice_fraction(
    kind: QuestionKind,
    correct_ids: Iterable[int],
    chosen_ids: Iterable[int],
    *,
    choice_count: int,
    scoring: MultipleScoring = MultipleScoring.ALL_OR_NOTHING,
) -> float:
    """The share (0–1) of a choice question's points that an answer earns.

    Single and true/false: exactly the one correct choice. Multiple, all or nothing:
    exactly the set of correct choices. Multiple, proportional: each correct choice
    picked adds 1/|correct|, each wrong one picked takes 1/|wrong| away (so picking
    everything earns nothing), never below zero.
    """
    correct = set(correct_ids)
    chosen = set(chosen_ids)
    if not correct:
        return 0.0
    if kind != QuestionKind.MULTIPLE or scoring == MultipleScoring.ALL_OR_NOTHING:
        return 1.0 if chosen == correct else 0.0
    wrong_total = max(choice_count - len(correct), 1)
    hits = len(chosen & correct)
    misses = len(chosen - correct)
    return max(0.0, hits / len(correct) - misses / wrong_total)


def normalise_answer(text: str) -> str:
    """A short answer compared case- and space-insensitively (Unicode-normalised, no whitespace)."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(folded.split())


def short_answer_fraction(accepted: Iterable[str], answer: str | None) -> float:
    """1 when the answer matches one of the accepted answers (after normalising), else 0."""
    given = normalise_answer(answer or "")
    if not given:
        return 0.0
    return 1.0 if any(given == normalise_answer(a) for a in accepted if normalise_answer(a)) else 0.0


def percent(earned: float, possible: float) -> float:
    """The score in percent (two decimals); an attempt worth nothing scores 0."""
    if possible <= 0:
        return 0.0
    return round_points(min(max(earned, 0.0), possible) * 100.0 / possible)


def final_score(method: GradingMethod, scores: Sequence[float]) -> float | None:
    """The quiz score across graded attempts (in attempt order); None without any."""
    if not scores:
        return None
    if method == GradingMethod.HIGHEST:
        return max(scores)
    if method == GradingMethod.LAST:
        return scores[-1]
    return round_points(sum(scores) / len(scores))


def has_passed(score: float | None, passing_score: float) -> bool:
    """A score passes when it reaches the passing score."""
    return score is not None and score >= passing_score


@dataclass(frozen=True)
class ScoreBands:
    """How a passed post-test's score sets each competency's level (default: the course's target,
    one level above from `above_target_from` % when the course allows it)."""

    above_target_from: float = 90.0


def level_for_score(
    score: float | None,
    *,
    passing_score: float,
    target_level: int,
    allow_above_target: bool,
    bands: ScoreBands = ScoreBands(),
) -> int | None:
    """The level a post-test score earns for a competency with `target_level`; None when failed."""
    if not has_passed(score, passing_score):
        return None
    if allow_above_target and score is not None and score >= bands.above_target_from:
        return min(target_level + 1, MAX_LEVEL)
    return target_level


def attempts_left(max_attempts: int | None, used: int, extra: int = 0) -> int | None:
    """Attempts a learner may still start (None = unlimited); HR's extra grants add to the limit."""
    if max_attempts is None:
        return None
    return max(max_attempts + extra - used, 0)


def deadline(
    started_at: datetime, time_limit_minutes: int | None, closes_at: datetime | None
) -> datetime | None:
    """When an attempt must be submitted: the time limit or the quiz closing, whichever is first."""
    ends = [started_at + timedelta(minutes=time_limit_minutes)] if time_limit_minutes else []
    if closes_at is not None:
        ends.append(max(closes_at, started_at))
    return min(ends) if ends else None


def accepts_answers(now: datetime, due: datetime | None, grace_seconds: int) -> bool:
    """Answers and submissions are taken until the deadline plus the grace period."""
    return due is None or now <= due + timedelta(seconds=grace_seconds)


def draw_questions(
    fixed: Sequence[int],
    pools: Sequence[tuple[Sequence[int], int]],
    rng: random.Random,
    *,
    shuffle: bool,
) -> list[int]:
    """The questions of a new attempt: the fixed ones, then `n` drawn from each pool.

    A question is never drawn twice (fixed questions are left out of the pools);
    a pool smaller than `n` gives all it has. Shuffled when the quiz says so.
    """
    chosen = list(dict.fromkeys(fixed))
    taken = set(chosen)
    for candidates, n in pools:
        available = [q for q in dict.fromkeys(candidates) if q not in taken]
        picked = rng.sample(available, min(max(n, 0), len(available)))
        chosen.extend(picked)
        taken.update(picked)
    if shuffle:
        rng.shuffle(chosen)
    return chosen


def order_choices(choice_ids: Sequence[int], rng: random.Random, *, shuffle: bool) -> list[int]:
    """The order an attempt shows a question's choices in (frozen when the attempt starts)."""
    ordered = list(choice_ids)
    if shuffle:
        rng.shuffle(ordered)
    return ordered


@dataclass(frozen=True)
class ItemStats:
    """Item analysis of one question: answers, percentage correct, discrimination index."""

    answered: int
    percent_correct: float | None
    discrimination: float | None


def discrimination_index(results: Sequence[tuple[float, float]]) -> float | None:
    """Upper-minus-lower discrimination of one question from `(attempt score, item fraction)` pairs.

    Attempts are ranked by score; the top and bottom 27 % (at least one each) are
    compared by their mean credit on the item: +1 separates strong from weak
    learners perfectly, 0 not at all, negative values flag a suspicious question.
    None with fewer than two attempts.
    """
    groups = extreme_groups(results)
    if groups is None:
        return None
    lower, upper = groups
    mean_upper = sum(r[1] for r in upper) / len(upper)
    mean_lower = sum(r[1] for r in lower) / len(lower)
    return round_points(mean_upper - mean_lower)


def extreme_groups(results: Sequence[Row]) -> tuple[list[Row], list[Row]] | None:
    """The bottom and top 27 % (at least one each) of results ranked by their first item, the
    attempt score; None with fewer than two results. Ties keep the results' order."""
    n = len(results)
    if n < 2:
        return None
    group = min(max(1, math.floor(n * GROUP_SHARE + 0.5)), n // 2)
    ranked = sorted(results, key=lambda r: r[0])
    return ranked[:group], ranked[-group:]


@dataclass(frozen=True)
class ChoiceStats:
    """How often one choice of a question was picked: by everyone, the top and the bottom 27 %."""

    choice_id: int
    picked: int
    percent: float | None
    upper_percent: float | None
    lower_percent: float | None
    correct: bool

    @property
    def suspicious(self) -> bool:
        """A wrong choice strong learners pick more than weak ones, or a key they pick less: check it."""
        if self.upper_percent is None or self.lower_percent is None:
            return False
        if self.correct:
            return self.upper_percent < self.lower_percent
        return self.upper_percent > self.lower_percent


def _percent(part: int, whole: int) -> float | None:
    return round_points(part * 100.0 / whole) if whole else None


def choice_stats(
    results: Sequence[tuple[float, Sequence[int]]], choices: Sequence[tuple[int, bool]]
) -> tuple[list[ChoiceStats], int]:
    """Distractor analysis of one question from `(attempt score, chosen choice ids)` of its graded answers
    and its `(choice id, correct)` pairs: per choice the picks and shares, plus how many left it blank.
    The upper and lower groups are the ones the discrimination index uses."""
    groups = extreme_groups(results)
    lower, upper = groups if groups is not None else ([], [])
    stats = []
    for choice_id, correct in choices:
        picked = sum(1 for _s, chosen in results if choice_id in chosen)
        stats.append(
            ChoiceStats(
                choice_id,
                picked,
                _percent(picked, len(results)),
                _percent(sum(1 for _s, chosen in upper if choice_id in chosen), len(upper)),
                _percent(sum(1 for _s, chosen in lower if choice_id in chosen), len(lower)),
                correct,
            )
        )
    return stats, sum(1 for _s, chosen in results if not chosen)


def item_stats(results: Sequence[tuple[float, float]]) -> ItemStats:
    """Statistics of one question from `(attempt score, item fraction)` pairs of graded answers."""
    if not results:
        return ItemStats(0, None, None)
    correct = sum(r[1] for r in results) * 100.0 / len(results)
    return ItemStats(len(results), round_points(correct), discrimination_index(results))


def histogram(scores: Iterable[float], bins: int = 10) -> list[int]:
    """Counts of scores (0–100) in `bins` equal bands; 100 falls in the last band."""
    counts = [0] * bins
    width = 100.0 / bins
    for score in scores:
        index = min(int(max(score, 0.0) // width), bins - 1)
        counts[index] += 1
    return counts


def histogram_labels(bins: int = 10) -> list[str]:
    """Labels of the histogram bands: "0–9", "10–19" … "90–100"."""
    width = 100 // bins
    labels = [f"{i * width}–{(i + 1) * width - 1}" for i in range(bins)]
    labels[-1] = f"{(bins - 1) * width}–100"
    return labels
