"""Pre-test → post-test gain per course class, for the reports' training effectiveness page."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import Select, select

from app.assessments import rules
from app.assessments.enums import AttemptStatus, QuizKind
from app.assessments.models import Attempt, Quiz
from app.courses.models import Enrollment
from app.extensions import db

Key = tuple[int, int]


def class_gains(enrollments: Select) -> dict[Key, tuple[float | None, float | None]]:
    """`{(course id, class id): (average pre-test, average post-test)}` over a select of enrollment ids.

    Per enrollment the pre-test counts its first graded attempt (the diagnosis before learning)
    and the post-test its result by the quiz's grading method; classes average the enrollments
    that have a score. One query.
    """
    rows = db.session.execute(
        select(
            Enrollment.course_id,
            Enrollment.class_id,
            Enrollment.id,
            Quiz.kind,
            Quiz.grading_method,
            Attempt.score,
        )
        .join(Attempt, Attempt.enrollment_id == Enrollment.id)
        .join(Quiz, Quiz.id == Attempt.quiz_id)
        .where(
            Enrollment.id.in_(enrollments),
            Attempt.status == AttemptStatus.GRADED,
            Quiz.kind.in_([QuizKind.PRE_TEST, QuizKind.POST_TEST]),
        )
        .order_by(Enrollment.id, Attempt.number)
    ).all()
    scores: dict[tuple[Key, int, QuizKind], list[float]] = defaultdict(list)
    methods = {}
    for course_id, class_id, enrollment_id, kind, method, score in rows:
        scores[((course_id, class_id), enrollment_id, kind)].append(score or 0.0)
        methods[((course_id, class_id), enrollment_id, kind)] = method
    per_class: dict[Key, dict[QuizKind, list[float]]] = defaultdict(lambda: defaultdict(list))
    for (key, enrollment_id, kind), values in scores.items():
        if kind == QuizKind.PRE_TEST:
            value = values[0]
        else:
            value = rules.final_score(methods[(key, enrollment_id, kind)], values) or 0.0
        per_class[key][kind].append(value)

    def mean(values: list[float]) -> float | None:
        return round(sum(values) / len(values), 1) if values else None

    return {
        key: (mean(kinds.get(QuizKind.PRE_TEST, [])), mean(kinds.get(QuizKind.POST_TEST, [])))
        for key, kinds in per_class.items()
    }
