"""Item analysis of a quiz: per question answered, % correct, discrimination and the choices picked
(distractor analysis); the score distribution."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.assessments import rules
from app.assessments.enums import AttemptStatus
from app.assessments.models import Attempt, AttemptAnswer, Choice, Question, Quiz
from app.charts import column_chart
from app.extensions import db


@dataclass(frozen=True)
class ItemRow:
    """One question's line of the analysis table."""

    question: Question
    stats: rules.ItemStats
    choices: list[tuple[Choice, rules.ChoiceStats]]  # choice questions only
    blank: int  # graded answers that picked no choice

    @property
    def flagged(self) -> bool:
        """A question worth a second look: it barely (or negatively) separates strong from weak learners."""
        return self.stats.discrimination is not None and self.stats.discrimination < 0.2


@dataclass(frozen=True)
class QuizAnalysis:
    """The analysis of one quiz over its graded attempts."""

    attempts: int
    mean_score: float | None
    items: list[ItemRow]
    histogram: list[tuple[str, int]]


def analyse_quiz(quiz: Quiz) -> QuizAnalysis:
    """Item and choice statistics from every graded attempt: one query for the answers, one for the
    questions and one for their choices, however many attempts there are."""
    rows = db.session.execute(
        select(
            Attempt.id,
            Attempt.score,
            AttemptAnswer.question_id,
            AttemptAnswer.awarded,
            AttemptAnswer.points,
            AttemptAnswer.chosen_ids,
        )
        .join(AttemptAnswer, AttemptAnswer.attempt_id == Attempt.id)
        .where(Attempt.quiz_id == quiz.id, Attempt.status == AttemptStatus.GRADED)
        .order_by(Attempt.id)
    ).all()
    scores: dict[int, float] = {}
    per_question: dict[int, list[tuple[float, float]]] = defaultdict(list)
    picks: dict[int, list[tuple[float, list[int]]]] = defaultdict(list)
    for attempt_id, score, question_id, awarded, points, chosen in rows:
        scores[attempt_id] = score or 0.0
        if awarded is not None and points:
            per_question[question_id].append((score or 0.0, awarded / points))
            picks[question_id].append((score or 0.0, list(chosen or [])))
    questions = db.session.scalars(
        select(Question).where(Question.id.in_(list(per_question))).options(selectinload(Question.choices))
    ).all()
    items = sorted(
        (_item(q, per_question[q.id], picks[q.id]) for q in questions),
        key=lambda row: (
            row.stats.discrimination if row.stats.discrimination is not None else 9,
            row.question.id,
        ),
    )
    labels = rules.histogram_labels()
    counts = rules.histogram(scores.values())
    mean = rules.round_points(sum(scores.values()) / len(scores)) if scores else None
    return QuizAnalysis(len(scores), mean, items, list(zip(labels, counts, strict=True)))


def _item(
    question: Question, results: list[tuple[float, float]], picks: list[tuple[float, list[int]]]
) -> ItemRow:
    if not question.kind.has_choices:
        return ItemRow(question, rules.item_stats(results), [], 0)
    stats, blank = rules.choice_stats(picks, [(c.id, c.correct) for c in question.choices])
    return ItemRow(
        question, rules.item_stats(results), list(zip(question.choices, stats, strict=True)), blank
    )


def histogram_chart(analysis: QuizAnalysis, title: str) -> Markup:
    """The score distribution as an SVG histogram (pair it with its table)."""
    return column_chart([(label, float(count)) for label, count in analysis.histogram], title=title)
