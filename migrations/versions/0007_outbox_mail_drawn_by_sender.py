"""outbox: mail drawn by the sender from a template and its context

Revision ID: 0007
Revises: 0003
Create Date: 2026-11-23 14:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.add_column(sa.Column('context', sa.JSON(), nullable=True))
        batch_op.alter_column('text_body', existing_type=sa.Text(), nullable=True)
        batch_op.alter_column('html_body', existing_type=sa.Text(), nullable=True)


def downgrade():
    # Mail still waiting to be drawn cannot be kept without bodies: draw nothing, drop it.
    op.execute("DELETE FROM outbox_mail WHERE text_body IS NULL OR html_body IS NULL")
    with op.batch_alter_table('outbox_mail', schema=None) as batch_op:
        batch_op.alter_column('html_body', existing_type=sa.Text(), nullable=False)
        batch_op.alter_column('text_body', existing_type=sa.Text(), nullable=False)
        batch_op.drop_column('context')
