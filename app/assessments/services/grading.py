"""Grading: objective answers automatically, essays by hand; a final score sets competency levels,
completes the course (post-test passed) or fails the enrollment (no attempts left)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.assessments import rules
from app.assessments.enums import AttemptStatus, QuestionKind, QuizKind
from app.assessments.models import Attempt, AttemptAnswer, AttemptGrant, Quiz
from app.assessments.services.alerts import alert_graders
from app.assessments.services.common import AssessmentError
from app.audit.services import record_audit
from app.competency.enums import EvidenceSource
from app.competency.services.evidence import record_evidence
from app.courses.completion import fail_enrollment, try_complete
from app.courses.enums import EnrollmentStatus
from app.courses.models import Enrollment
from app.courses.rules import evidence_expiry
from app.db import utcnow
from app.errors import ConflictError
from app.extensions import db
from app.notifications.services import notify
from app.settings.services import get_setting
from app.validation import FieldErrors, raise_if_errors

MAX_COMMENT = 5000


def auto_fraction(answer: AttemptAnswer) -> float | None:
    """The share of points an objective answer earns; None for an essay (graded by hand)."""
    question = answer.question
    if question.kind == QuestionKind.ESSAY:
        return None
    if question.kind == QuestionKind.SHORT_ANSWER:
        return rules.short_answer_fraction(question.accepted_answers or [], answer.text_answer)
    return rules.choice_fraction(
        question.kind,
        [c.id for c in question.choices if c.correct],
        answer.chosen_ids or [],
        choice_count=len(question.choices),
        scoring=question.scoring,
    )


def grade_submitted(attempt: Attempt, *, actor_id: int | None = None) -> None:
    """Grade a just-submitted attempt's objective answers and finish it if nothing waits for a grader."""
    now = utcnow()
    for answer in attempt.answers:
        fraction = auto_fraction(answer)
        if fraction is not None:
            answer.awarded = rules.round_points(fraction * answer.points)
            answer.graded_at = now
    attempt.status = AttemptStatus.SUBMITTED
    attempt.submitted_at = attempt.submitted_at or now
    alert_graders(attempt)
    _finish_if_graded(attempt, actor_id=actor_id)


def _finish_if_graded(attempt: Attempt, *, actor_id: int | None) -> None:
    if any(a.awarded is None for a in attempt.answers):
        db.session.flush()
        return
    attempt.earned = rules.round_points(sum(a.awarded or 0.0 for a in attempt.answers))
    attempt.score = rules.percent(attempt.earned, attempt.possible)
    attempt.passed = rules.has_passed(attempt.score, attempt.quiz.passing_score)
    attempt.status = AttemptStatus.GRADED
    attempt.graded_at = utcnow()
    db.session.flush()
    apply_outcome(attempt, actor_id=actor_id)


def grade_essay(actor: Any, answer: AttemptAnswer, points: Any, comment: Any) -> AttemptAnswer:
    """A grader awards points (0 to the question's points) with a rubric comment; the attempt is
    final once every answer is graded."""
    errors = FieldErrors()
    awarded = None
    try:
        awarded = float(str(points).strip().replace(",", ".")) if points not in (None, "") else None
    except ValueError:
        awarded = None
    if awarded is None or isinstance(points, bool) or not 0 <= awarded <= answer.points:
        errors.add("points", _l("Award from 0 to %(n)s points.", n=format_points(answer.points)))
    text = str(comment or "").strip() if not isinstance(comment, (dict, list)) else ""
    if len(text) > MAX_COMMENT:
        errors.add("comment", _l("Use at most %(n)s characters.", n=MAX_COMMENT))
    raise_if_errors(errors, AssessmentError)
    attempt = db.session.scalar(select(Attempt).where(Attempt.id == answer.attempt_id).with_for_update())
    if attempt is None or attempt.status == AttemptStatus.IN_PROGRESS:
        raise ConflictError(str(_l("The attempt has not been submitted yet.")))
    if answer.question.kind != QuestionKind.ESSAY:
        raise ConflictError(str(_l("Only essays are graded by hand.")))
    answer.awarded = round(awarded, 2)
    answer.comment = text
    answer.graded_by_id = actor.id
    answer.graded_at = utcnow()
    if attempt.status == AttemptStatus.SUBMITTED:
        _finish_if_graded(attempt, actor_id=actor.id)
        if attempt.status == AttemptStatus.GRADED:
            notify(
                attempt.user,
                _l("Your test has been graded"),
                _l("%(quiz)s: %(score)s%%", quiz=attempt.quiz.title, score=format_points(attempt.score or 0)),
                link=f"/attempts/{attempt.id}/result",
            )
    else:  # a regrade of a final attempt changes its score but not what it already caused
        attempt.earned = rules.round_points(sum(a.awarded or 0.0 for a in attempt.answers))
        attempt.score = rules.percent(attempt.earned, attempt.possible)
        attempt.passed = rules.has_passed(attempt.score, attempt.quiz.passing_score)
    db.session.flush()
    return answer


def format_points(value: float) -> str:
    """Points as people write them (2 rather than 2.0)."""
    return f"{value:g}"


def enrollment_result(quiz: Quiz, enrollment_id: int) -> tuple[float | None, int, bool]:
    """`(final score, attempts used, attempts pending)` of an enrollment in a quiz."""
    attempts = db.session.scalars(
        select(Attempt)
        .where(Attempt.quiz_id == quiz.id, Attempt.enrollment_id == enrollment_id)
        .order_by(Attempt.number)
    ).all()
    scores = [a.score for a in attempts if a.status == AttemptStatus.GRADED and a.score is not None]
    pending = any(a.status != AttemptStatus.GRADED for a in attempts)
    return rules.final_score(quiz.grading_method, scores), len(attempts), pending


def _extra(quiz_id: int, enrollment_id: int) -> int:
    return (
        db.session.scalar(
            select(func.count(AttemptGrant.id)).where(
                AttemptGrant.quiz_id == quiz_id, AttemptGrant.enrollment_id == enrollment_id
            )
        )
        or 0
    )


def apply_outcome(attempt: Attempt, *, actor_id: int | None = None) -> None:
    """After a graded post-test attempt: evidence and completion when the quiz is passed,
    a failed enrollment when it is not and no attempts are left."""
    quiz = attempt.quiz
    if quiz.kind != QuizKind.POST_TEST:
        return
    enrollment = attempt.enrollment
    final, used, pending = enrollment_result(quiz, enrollment.id)
    if rules.has_passed(final, quiz.passing_score):
        _record_levels(attempt, final, actor_id=actor_id)
        try_complete(enrollment, actor_id=actor_id)
        return
    left = rules.attempts_left(quiz.max_attempts, used, _extra(quiz.id, enrollment.id))
    if left == 0 and not pending and enrollment.status != EnrollmentStatus.COMPLETED:
        fail_enrollment(
            enrollment,
            actor_id=actor_id,
            reason=str(_l("Post-test not passed and no attempts left.")),
        )


def _record_levels(attempt: Attempt, final: float | None, *, actor_id: int | None) -> None:
    course = attempt.quiz.course
    bands = rules.ScoreBands(float(get_setting("assessments.above_target_score")))
    for target in course.competencies:
        level = rules.level_for_score(
            final,
            passing_score=attempt.quiz.passing_score,
            target_level=target.target_level,
            allow_above_target=course.allow_level_above_target,
            bands=bands,
        )
        if level is None:
            continue
        record_evidence(
            user_id=attempt.user_id,
            competency_id=target.competency_id,
            level=level,
            source=EvidenceSource.ASSESSMENT,
            recorded_by_id=actor_id,
            note=f"{attempt.quiz.title}: {format_points(final or 0)}%",
            expires_on=evidence_expiry(utcnow().date(), course.validity_months),
            source_ref=f"attempt:{attempt.id}",
        )


def post_test_passed(enrollment: Enrollment) -> bool:
    """Completion requirement: the course's post-test (if it has one) is passed in this enrollment."""
    quiz = db.session.scalar(
        select(Quiz).where(Quiz.course_id == enrollment.course_id, Quiz.kind == QuizKind.POST_TEST)
    )
    if quiz is None:
        return True
    final, _used, _pending = enrollment_result(quiz, enrollment.id)
    return rules.has_passed(final, quiz.passing_score)


def grant_extra_attempt(actor: Any, quiz: Quiz, enrollment: Enrollment, reason: Any) -> AttemptGrant:
    """HR grants one more attempt (audited); an enrollment failed on this post-test is reopened."""
    text = " ".join(str(reason or "").split()) if not isinstance(reason, (dict, list)) else ""
    if len(text) < 5 or len(text) > 500:
        message = str(_l("Give a reason of 5 to 500 characters."))
        raise AssessmentError(message, {"reason": [message]})
    if enrollment.course_id != quiz.course_id:
        raise AssessmentError(str(_l("The enrollment is not in this quiz's course.")))
    if enrollment.status not in (
        EnrollmentStatus.ASSIGNED,
        EnrollmentStatus.ENROLLED,
        EnrollmentStatus.FAILED,
    ):
        raise ConflictError(str(_l("Extra attempts are for enrollments in progress or failed.")))
    grant = AttemptGrant(quiz_id=quiz.id, enrollment_id=enrollment.id, granted_by_id=actor.id, reason=text)
    db.session.add(grant)
    reopened = enrollment.status == EnrollmentStatus.FAILED
    if reopened:
        enrollment.status = EnrollmentStatus.ENROLLED
        enrollment.status_changed_at = utcnow()
        enrollment.status_note = ""
    db.session.flush()
    record_audit(
        "assessments.attempt_granted",
        actor_id=actor.id,
        subject_type="quiz",
        subject_id=quiz.id,
        subject_user_id=enrollment.user_id,
        details={"enrollment_id": enrollment.id, "reason": text, "reopened": reopened},
    )
    return grant
