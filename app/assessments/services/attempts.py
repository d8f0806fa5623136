"""Attempts: start (frozen questions and choice order, server deadline), autosave, submit once, auto-close.

Concurrency: starting locks the learner's enrollment row and submitting locks the
attempt row (`SELECT … FOR UPDATE` on PostgreSQL), so parallel starts or a double
submit queue behind each other; a unique (quiz, enrollment, number) is the backstop.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.assessments import rules
from app.assessments.enums import AttemptStatus, QuestionKind
from app.assessments.models import Attempt, AttemptAnswer, AttemptGrant, Question, Quiz
from app.assessments.services.common import AssessmentError
from app.assessments.services.grading import grade_submitted
from app.courses.enums import IN_PROGRESS_STATUSES
from app.courses.models import Enrollment
from app.db import utcnow
from app.errors import ConflictError, ForbiddenError
from app.extensions import db
from app.settings.services import get_setting

MAX_ANSWER = 20000
_system_random = random.SystemRandom()


def grace_seconds() -> int:
    """The grace period after a deadline (setting `assessments.grace_seconds`)."""
    return int(get_setting("assessments.grace_seconds"))


def learner_enrollment(user_id: int, course_id: int, *, lock: bool = False) -> Enrollment | None:
    """The learner's in-progress enrollment in the course (locked for update when asked)."""
    query = (
        select(Enrollment)
        .where(
            Enrollment.user_id == user_id,
            Enrollment.course_id == course_id,
            Enrollment.status.in_(IN_PROGRESS_STATUSES),
        )
        .order_by(Enrollment.id.desc())
        .limit(1)
    )
    if lock:
        query = query.with_for_update().execution_options(populate_existing=True)
    return db.session.scalar(query)


def attempts_of(quiz_id: int, enrollment_id: int) -> list[Attempt]:
    """The enrollment's attempts of the quiz, in order."""
    return list(
        db.session.scalars(
            select(Attempt)
            .where(Attempt.quiz_id == quiz_id, Attempt.enrollment_id == enrollment_id)
            .order_by(Attempt.number)
        )
    )


def extra_attempts(quiz_id: int, enrollment_id: int) -> int:
    """Extra attempts HR granted to the enrollment for the quiz."""
    return (
        db.session.scalar(
            select(func.count(AttemptGrant.id)).where(
                AttemptGrant.quiz_id == quiz_id, AttemptGrant.enrollment_id == enrollment_id
            )
        )
        or 0
    )


@dataclass
class QuizState:
    """What a learner sees before starting: their attempts, what is left, the result so far."""

    enrollment: Enrollment | None
    attempts: list[Attempt]
    left: int | None
    open_attempt: Attempt | None
    final_score: float | None
    passed: bool
    refusal: str | None  # why a new attempt cannot start, if it cannot

    @property
    def can_start(self) -> bool:
        return self.refusal is None


def quiz_state(user: Any, quiz: Quiz, now: datetime | None = None) -> QuizState:
    """The learner's standing in a quiz (closing their expired attempts on the way)."""
    now = now or utcnow()
    enrollment = learner_enrollment(user.id, quiz.course_id)
    if enrollment is None:
        return QuizState(None, [], 0, None, None, False, str(_l("Enrol in the course to take its tests.")))
    attempts = attempts_of(quiz.id, enrollment.id)
    for attempt in attempts:
        close_if_expired(attempt, now)
    graded = [a.score for a in attempts if a.status == AttemptStatus.GRADED and a.score is not None]
    final = rules.final_score(quiz.grading_method, graded)
    left = rules.attempts_left(quiz.max_attempts, len(attempts), extra_attempts(quiz.id, enrollment.id))
    open_attempt = next((a for a in attempts if a.open), None)
    return QuizState(
        enrollment,
        attempts,
        left,
        open_attempt,
        final,
        rules.has_passed(final, quiz.passing_score),
        None if open_attempt else _refusal(quiz, left, now),
    )


def _refusal(quiz: Quiz, left: int | None, now: datetime) -> str | None:
    if quiz.opens_at is not None and now < quiz.opens_at:
        return str(_l("This test is not open yet."))
    if quiz.closes_at is not None and now >= quiz.closes_at:
        return str(_l("This test is closed."))
    if left == 0:
        return str(_l("You have no attempts left."))
    return None


def start_attempt(
    user: Any, quiz: Quiz, *, now: datetime | None = None, rng: random.Random | None = None
) -> Attempt:
    """Start (or resume the open) attempt: draw and freeze questions and choice order, set the deadline."""
    now = now or utcnow()
    enrollment = learner_enrollment(user.id, quiz.course_id, lock=True)
    if enrollment is None:
        raise ForbiddenError(str(_l("Enrol in the course to take its tests.")))
    state = quiz_state(user, quiz, now)
    if state.open_attempt is not None:
        return state.open_attempt
    if state.refusal:
        raise ConflictError(state.refusal)
    rng = rng or _system_random
    question_ids = rules.draw_questions(
        [fq.question_id for fq in quiz.fixed_questions if not fq.question.archived],
        [(_category_pool(d.category_id), d.count) for d in quiz.draws],
        rng,
        shuffle=quiz.shuffle_questions,
    )
    if not question_ids:
        raise ConflictError(str(_l("This test has no questions yet.")))
    questions = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(question_ids)))}
    attempt = Attempt(
        quiz_id=quiz.id,
        enrollment_id=enrollment.id,
        user_id=user.id,
        number=len(state.attempts) + 1,
        started_at=now,
        deadline_at=rules.deadline(now, quiz.time_limit_minutes, quiz.closes_at),
        possible=sum(questions[q].points for q in question_ids),
    )
    for position, question_id in enumerate(question_ids):
        question = questions[question_id]
        order = rules.order_choices([c.id for c in question.choices], rng, shuffle=quiz.shuffle_choices)
        attempt.answers.append(
            AttemptAnswer(
                question_id=question_id, position=position, points=question.points, choice_order=order
            )
        )
    try:
        with db.session.begin_nested():
            db.session.add(attempt)
            db.session.flush()
    except IntegrityError:  # another start won the race for this number
        raise ConflictError(str(_l("Another attempt was started at the same time. Reload the page.")))
    return attempt


def _category_pool(category_id: int) -> list[int]:
    return list(
        db.session.scalars(
            select(Question.id)
            .where(Question.category_id == category_id, Question.archived.is_(False))
            .order_by(Question.id)
        )
    )


def lock_attempt(attempt_id: int) -> Attempt | None:
    """The attempt, re-read under a row lock (the guard against double submits)."""
    return db.session.scalar(
        select(Attempt)
        .where(Attempt.id == attempt_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


def accepts_answers(attempt: Attempt, now: datetime | None = None) -> bool:
    """The attempt is open and its deadline plus the grace period has not passed."""
    return attempt.open and rules.accepts_answers(now or utcnow(), attempt.deadline_at, grace_seconds())


def close_if_expired(attempt: Attempt, now: datetime | None = None) -> bool:
    """Close an open attempt past its deadline and grace: graded on what was saved. True when closed."""
    if not attempt.open or rules.accepts_answers(now or utcnow(), attempt.deadline_at, grace_seconds()):
        return False
    locked = lock_attempt(attempt.id)
    if locked is None or not locked.open:
        return False
    locked.closed_automatically = True
    locked.submitted_at = locked.deadline_at
    grade_submitted(locked)
    return True


def _clean_answers(attempt: Attempt, answers: Any) -> list[tuple[AttemptAnswer, list[int], str]]:
    """Check every answer against the attempt's frozen questions and choices (all or nothing)."""
    if not isinstance(answers, list):
        raise AssessmentError(
            str(_l("Give a list of answers.")), {"answers": [str(_l("Give a list of answers."))]}
        )
    by_question = {a.question_id: a for a in attempt.answers}
    cleaned = []
    problems: dict[str, list[str]] = {}
    for index, item in enumerate(answers):
        field = f"answers.{index}"
        item = item if isinstance(item, dict) else {}
        slot = by_question.get(item.get("question_id")) if isinstance(item.get("question_id"), int) else None
        if slot is None:
            problems[field] = [str(_l("This question is not part of the attempt."))]
            continue
        raw_ids = item.get("choice_ids") or []
        ids = raw_ids if isinstance(raw_ids, list) else [raw_ids]
        if not all(isinstance(i, int) and not isinstance(i, bool) and i in slot.choice_order for i in ids):
            problems[field] = [str(_l("A choice does not belong to this question."))]
            continue
        ids = list(dict.fromkeys(ids))
        kind = slot.question.kind
        if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and len(ids) > 1:
            problems[field] = [str(_l("Pick one choice only."))]
            continue
        text = item.get("text")
        text = text if isinstance(text, str) else ""
        if len(text) > MAX_ANSWER:
            problems[field] = [str(_l("Use at most %(n)s characters.", n=MAX_ANSWER))]
            continue
        cleaned.append((slot, ids if kind.has_choices else [], text.strip() if not kind.has_choices else ""))
    if problems:
        raise AssessmentError(str(_l("Some answers are not valid.")), problems)
    return cleaned


def save_answers(attempt: Attempt, answers: Any, *, now: datetime | None = None) -> bool:
    """Autosave answers of an open attempt. False (and the attempt closed) once the time is up."""
    now = now or utcnow()
    locked = lock_attempt(attempt.id)
    if locked is None or not locked.open:
        raise ConflictError(str(_l("This attempt has been submitted already.")))
    if close_if_expired(locked, now):
        return False
    for slot, ids, text in _clean_answers(locked, answers):
        slot.chosen_ids = ids
        slot.text_answer = text
        slot.saved_at = now
    db.session.flush()
    return True


@dataclass
class SubmitOutcome:
    """A submission's result: `late` when the time was up (closed and graded on what was saved)."""

    attempt: Attempt
    late: bool


def submit_attempt(attempt: Attempt, answers: Any = None, *, now: datetime | None = None) -> SubmitOutcome:
    """Submit once: save the final answers, grade what can be graded automatically, apply the outcome.

    A second submit is refused (409); past the deadline and grace the attempt is closed
    on its saved answers instead and the outcome says `late` (views answer 409 after committing).
    """
    now = now or utcnow()
    locked = lock_attempt(attempt.id)
    if locked is None or not locked.open:
        raise ConflictError(str(_l("This attempt has been submitted already.")))
    if close_if_expired(locked, now):
        return SubmitOutcome(locked, late=True)
    if answers is not None:
        for slot, ids, text in _clean_answers(locked, answers):
            slot.chosen_ids, slot.text_answer, slot.saved_at = ids, text, now
    locked.submitted_at = now
    grade_submitted(locked)
    return SubmitOutcome(locked, late=False)


def may_retake(attempt: Attempt) -> bool:
    """True while the learner could still start another attempt of the quiz: the key stays hidden."""
    enrollment = attempt.enrollment
    if enrollment.status not in IN_PROGRESS_STATUSES:
        return False
    used = len(attempts_of(attempt.quiz_id, enrollment.id))
    left = rules.attempts_left(
        attempt.quiz.max_attempts, used, extra_attempts(attempt.quiz_id, enrollment.id)
    )
    return left is None or left > 0


def close_expired_attempts(now: datetime | None = None) -> int:
    """Close every open attempt past its deadline and grace (cron); returns how many."""
    now = now or utcnow()
    expired = db.session.scalars(
        select(Attempt)
        .where(Attempt.status == AttemptStatus.IN_PROGRESS, Attempt.deadline_at.is_not(None))
        .where(Attempt.deadline_at < now)
        .order_by(Attempt.id)
    ).all()
    return sum(1 for attempt in expired if close_if_expired(attempt, now))
