"""Reports: the evaluation report's qualitative part per person and year; participants' course feedback.

Revision ID: 0007_reports
Revises: 0006_assessments
Create Date: 2026-11-29 07:15:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0007_reports'
down_revision = '0006_assessments'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'report_narratives',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('narrative', sa.Text(), nullable=False),
        sa.Column('strengths', sa.Text(), nullable=False),
        sa.Column('improvements', sa.Text(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_report_narratives_author_id_users')),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_report_narratives_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_report_narratives')),
        sa.UniqueConstraint('user_id', 'year', name=op.f('uq_report_narratives_user_id_year')),
    )

    op.create_table(
        'course_feedback',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('enrollment_id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('course_id', sa.Integer(), nullable=False),
        sa.Column('class_id', sa.Integer(), nullable=False),
        sa.Column('relevance', sa.Integer(), nullable=False),
        sa.Column('material', sa.Integer(), nullable=False),
        sa.Column('trainer', sa.Integer(), nullable=False),
        sa.Column('facilities', sa.Integer(), nullable=False),
        sa.Column('usefulness', sa.Integer(), nullable=False),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
        *[sa.CheckConstraint(f'{item} BETWEEN 1 AND 5', name=op.f(f'ck_course_feedback_{item}_range'))
          for item in ('relevance', 'material', 'trainer', 'facilities', 'usefulness')],
        sa.ForeignKeyConstraint(['class_id'], ['course_classes.id'], name=op.f('fk_course_feedback_class_id_course_classes'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['course_id'], ['courses.id'], name=op.f('fk_course_feedback_course_id_courses'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['enrollment_id'], ['enrollments.id'], name=op.f('fk_course_feedback_enrollment_id_enrollments'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_course_feedback_user_id_users'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_course_feedback')),
        sa.UniqueConstraint('enrollment_id', name=op.f('uq_course_feedback_enrollment_id')),
    )
    op.create_index('ix_course_feedback_course_class', 'course_feedback', ['course_id', 'class_id'])
    op.create_index(op.f('ix_course_feedback_user_id'), 'course_feedback', ['user_id'])


def downgrade():
    op.drop_index(op.f('ix_course_feedback_user_id'), table_name='course_feedback')
    op.drop_index('ix_course_feedback_course_class', table_name='course_feedback')
    op.drop_table('course_feedback')
    op.drop_table('report_narratives')
