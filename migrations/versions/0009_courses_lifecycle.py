"""Courses lifecycle: archived courses (a third course state) and cancelled classes.

Revision ID: 0009_courses_lifecycle
Revises: 0008_certificates
Create Date: 2026-12-02 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_courses_lifecycle'
down_revision = '0008_certificates'
branch_labels = None
depends_on = None

STATUS_CHECK = 'ck_courses_coursestatus'
CANCEL_CHECK = 'ck_course_classes_cancel_has_reason'


def _status_values(values):
    return "status IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade():
    # The status column is a short string checked by a CHECK constraint: widen the check.
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_constraint(op.f(STATUS_CHECK), type_='check')
        batch_op.create_check_constraint(
            op.f(STATUS_CHECK), sa.text(_status_values(('draft', 'published', 'archived')))
        )
    with op.batch_alter_table('course_classes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cancelled_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('cancel_reason', sa.String(length=500), nullable=True))
        batch_op.create_check_constraint(
            op.f(CANCEL_CHECK), sa.text('(cancelled_at IS NULL) = (cancel_reason IS NULL)')
        )


def downgrade():
    with op.batch_alter_table('course_classes', schema=None) as batch_op:
        batch_op.drop_constraint(op.f(CANCEL_CHECK), type_='check')
        batch_op.drop_column('cancel_reason')
        batch_op.drop_column('cancelled_at')
    # Archived courses become drafts again (the only state without them that hides a course).
    op.execute("UPDATE courses SET status = 'draft' WHERE status = 'archived'")
    with op.batch_alter_table('courses', schema=None) as batch_op:
        batch_op.drop_constraint(op.f(STATUS_CHECK), type_='check')
        batch_op.create_check_constraint(op.f(STATUS_CHECK), sa.text(_status_values(('draft', 'published'))))
