"""Assessments: unique dense positions of a quiz's fixed questions; graders alerted once per attempt.

Revision ID: 0010_assessments_order
Revises: 0009_courses_lifecycle
Create Date: 2026-12-01 09:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0010_assessments_order"
down_revision = "0009_courses_lifecycle"
branch_labels = None
depends_on = None


def _renumber_positions():
    """Number each quiz's fixed questions 0 … n−1 in their current order (gaps and ties closed)."""
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT id, quiz_id FROM quiz_questions ORDER BY quiz_id, position, id")
    ).all()
    updates, quiz_id, position = [], None, 0
    for row_id, row_quiz in rows:
        position = 0 if row_quiz != quiz_id else position + 1
        quiz_id = row_quiz
        updates.append({"id": row_id, "position": position})
    if updates:
        conn.execute(sa.text("UPDATE quiz_questions SET position = :position WHERE id = :id"), updates)


def upgrade():
    _renumber_positions()
    with op.batch_alter_table("quiz_questions", schema=None) as batch_op:
        batch_op.create_unique_constraint(
            batch_op.f("uq_quiz_questions_quiz_id_position"), ["quiz_id", "position"]
        )
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("graders_alerted_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("attempts", schema=None) as batch_op:
        batch_op.drop_column("graders_alerted_at")
    with op.batch_alter_table("quiz_questions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_quiz_questions_quiz_id_position"), type_="unique")
