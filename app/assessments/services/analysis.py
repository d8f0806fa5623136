"""Item analysis of a quiz: per question answered, % correct and discrimination; the score distribution."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import select

from app.assessments import rules
from app.assessments.enums import AttemptStatus
from app.assessments.models import Attempt, AttemptAnswer, Question, Quiz
from app.charts import column_chart
from app.extensions import db


@dataclass(frozen=True)
class ItemRow:
    """One question's line of the analysis table."""

    question: Question
    stats: rules.ItemStats

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
    """Item statistics from every graded attempt (one query for answers, one for questions)."""
    rows = db.session.execute(
        select(
            Attempt.id, Attempt.score, AttemptAnswer.question_id, AttemptAnswer.awarded, AttemptAnswer.points
        )
        .join(AttemptAnswer, AttemptAnswer.attempt_id == Attempt.id)
        .where(Attempt.quiz_id == quiz.id, Attempt.status == AttemptStatus.GRADED)
    ).all()
    scores: dict[int, float] = {}
    per_question: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for attempt_id, score, question_id, awarded, points in rows:
        scores[attempt_id] = score or 0.0
        if awarded is not None and points:
            per_question[question_id].append((score or 0.0, awarded / points))
    questions = db.session.scalars(select(Question).where(Question.id.in_(list(per_question)))).all()
    items = sorted(
        (ItemRow(q, rules.item_stats(per_question[q.id])) for q in questions),
        key=lambda row: (
            row.stats.discrimination if row.stats.discrimination is not None else 9,
            row.question.id,
        ),
    )
    labels = rules.histogram_labels()
    counts = rules.histogram(scores.values())
    mean = rules.round_points(sum(scores.values()) / len(scores)) if scores else None
    return QuizAnalysis(len(scores), mean, items, list(zip(labels, counts, strict=True)))


def histogram_chart(analysis: QuizAnalysis, title: str) -> Markup:
    """The score distribution as an SVG histogram (pair it with its table)."""
    return column_chart([(label, float(count)) for label, count in analysis.histogram], title=title)
