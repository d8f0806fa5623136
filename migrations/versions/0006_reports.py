"""Reports: the qualitative part of the evaluation report (narrative, strengths, areas to improve) per person and year.

Revision ID: 0006_reports
Revises: 0005_courses
Create Date: 2026-11-29 07:15:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '0006_reports'
down_revision = '0005_courses'
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


def downgrade():
    op.drop_table('report_narratives')
