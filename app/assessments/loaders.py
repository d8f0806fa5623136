"""Loading courses, quizzes, questions, attempts and answers for the pages (404 when not the user's)."""

from __future__ import annotations

from flask import abort
from flask_login import current_user

from app.assessments.models import Attempt, AttemptAnswer, Question, QuestionCategory, Quiz
from app.assessments.permissions import can_grade, can_manage_assessments
from app.courses.models import Course
from app.courses.permissions import can_view_course
from app.extensions import db


def course_to_manage(course_id: int) -> Course:
    """A course whose bank and quizzes the current user manages; 404 otherwise."""
    course = db.session.get(Course, course_id)
    if course is None or not can_manage_assessments(current_user, course.id):
        abort(404)
    return course


def quiz_to_manage(quiz_id: int) -> Quiz:
    """A quiz the current user manages; 404 otherwise."""
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None or not can_manage_assessments(current_user, quiz.course_id):
        abort(404)
    return quiz


def question_to_manage(question_id: int) -> Question:
    """A bank question the current user manages; 404 otherwise."""
    question = db.session.get(Question, question_id)
    if question is None or question.archived or not can_manage_assessments(current_user, question.course_id):
        abort(404)
    return question


def category_to_manage(category_id: int) -> QuestionCategory:
    """A bank category the current user manages; 404 otherwise."""
    category = db.session.get(QuestionCategory, category_id)
    if category is None or not can_manage_assessments(current_user, category.course_id):
        abort(404)
    return category


def quiz_to_take(quiz_id: int) -> Quiz:
    """A quiz of a published course (managers also see drafts); 404 otherwise."""
    quiz = db.session.get(Quiz, quiz_id)
    if quiz is None:
        abort(404)
    if not can_view_course(current_user, quiz.course) and not can_manage_assessments(
        current_user, quiz.course_id
    ):
        abort(404)
    return quiz


def own_attempt(attempt_id: int) -> Attempt:
    """One of the current user's own attempts; 404 for anyone else's."""
    attempt = db.session.get(Attempt, attempt_id)
    if attempt is None or attempt.user_id != current_user.id:
        abort(404)
    return attempt


def answer_to_grade(answer_id: int) -> AttemptAnswer:
    """An answer the current user may grade (never their own); 404 otherwise."""
    answer = db.session.get(AttemptAnswer, answer_id)
    if answer is None:
        abort(404)
    attempt = answer.attempt
    if attempt.user_id == current_user.id or not can_grade(current_user, attempt.quiz.course_id):
        abort(404)
    return answer
