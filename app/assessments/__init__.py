"""Assessments: question banks, quizzes (pre- and post-tests), timed attempts, grading and item analysis."""
