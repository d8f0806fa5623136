"""Enumerations of the assessments area: question kinds, scoring, quiz kinds, grading and attempt states."""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class QuestionKind(StrEnum):
    """What a question asks for and how it is scored."""

    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "true_false"
    SHORT_ANSWER = "short_answer"
    ESSAY = "essay"

    @property
    def label(self) -> str:
        return str(QUESTION_KIND_LABELS[self])

    @property
    def has_choices(self) -> bool:
        """Single, multiple and true/false questions are answered by picking choices."""
        return self in CHOICE_KINDS


CHOICE_KINDS = frozenset({QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE})

QUESTION_KIND_LABELS = {
    QuestionKind.SINGLE: _l("Single choice"),
    QuestionKind.MULTIPLE: _l("Multiple choice"),
    QuestionKind.TRUE_FALSE: _l("True/false"),
    QuestionKind.SHORT_ANSWER: _l("Short answer"),
    QuestionKind.ESSAY: _l("Essay"),
}


class MultipleScoring(StrEnum):
    """How a multiple-choice question gives credit: everything right, or in proportion."""

    ALL_OR_NOTHING = "all_or_nothing"
    PROPORTIONAL = "proportional"

    @property
    def label(self) -> str:
        return str(SCORING_LABELS[self])


SCORING_LABELS = {
    MultipleScoring.ALL_OR_NOTHING: _l("All or nothing"),
    MultipleScoring.PROPORTIONAL: _l("Proportional (partial credit)"),
}


class QuizKind(StrEnum):
    """Pre-test (diagnostic), post-test (gates completion) or another quiz."""

    PRE_TEST = "pre_test"
    POST_TEST = "post_test"
    QUIZ = "quiz"

    @property
    def label(self) -> str:
        return str(QUIZ_KIND_LABELS[self])


QUIZ_KIND_LABELS = {
    QuizKind.PRE_TEST: _l("Pre-test"),
    QuizKind.POST_TEST: _l("Post-test"),
    QuizKind.QUIZ: _l("Quiz"),
}


class GradingMethod(StrEnum):
    """Which of a learner's attempts counts: the highest, the last or their average."""

    HIGHEST = "highest"
    LAST = "last"
    AVERAGE = "average"

    @property
    def label(self) -> str:
        return str(GRADING_LABELS[self])


GRADING_LABELS = {
    GradingMethod.HIGHEST: _l("Highest attempt"),
    GradingMethod.LAST: _l("Last attempt"),
    GradingMethod.AVERAGE: _l("Average of attempts"),
}


class AttemptStatus(StrEnum):
    """An attempt is in progress, submitted (essays awaiting grading) or graded (final)."""

    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    GRADED = "graded"

    @property
    def label(self) -> str:
        return str(ATTEMPT_STATUS_LABELS[self])


ATTEMPT_STATUS_LABELS = {
    AttemptStatus.IN_PROGRESS: _l("In progress"),
    AttemptStatus.SUBMITTED: _l("Awaiting grading"),
    AttemptStatus.GRADED: _l("Graded"),
}


class QuizLayout(StrEnum):
    """All questions on one page, or one question per page with navigation."""

    ALL = "all"
    ONE = "one"

    @property
    def label(self) -> str:
        return str(LAYOUT_LABELS[self])


LAYOUT_LABELS = {
    QuizLayout.ALL: _l("All questions on one page"),
    QuizLayout.ONE: _l("One question per page"),
}
