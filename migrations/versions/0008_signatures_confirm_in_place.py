"""signatures: indexes that let a confirmation update its row in place

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23 15:40:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.drop_index('ix_signatures_status_created_at')
        batch_op.drop_index('ix_signatures_petition_id_status')
        batch_op.create_index('ix_signatures_created_at', ['created_at'], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        # Room on each page for the one update a signature gets (confirmation), so it is HOT.
        op.execute("ALTER TABLE signatures SET (fillfactor = 85)")


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE signatures RESET (fillfactor)")
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.drop_index('ix_signatures_created_at')
        batch_op.create_index('ix_signatures_petition_id_status', ['petition_id', 'status'],
                              unique=False)
        batch_op.create_index('ix_signatures_status_created_at', ['status', 'created_at'],
                              unique=False)
