"""petitions: petitions, signatures and their sharded counters

Revision ID: 0003
Revises: 0006
Create Date: 2026-11-23 11:42:34.802743

"""
from alembic import op
import sqlalchemy as sa

import models.base


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('petitions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action', sa.String(length=80), nullable=False),
    sa.Column('background', sa.Text(), nullable=False),
    sa.Column('details', sa.Text(), nullable=False),
    sa.Column('target', sa.String(length=200), nullable=False),
    sa.Column('stored_state', sa.String(length=10), nullable=False),
    sa.Column('state_before_hiding', sa.String(length=10), nullable=True),
    sa.Column('rejection_reason', sa.Text(), nullable=True),
    sa.Column('opens_at', models.base.UTCDateTime(), nullable=True),
    sa.Column('closes_at', models.base.UTCDateTime(), nullable=True),
    sa.Column('closed_at', models.base.UTCDateTime(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('response_threshold', sa.Integer(), nullable=False),
    sa.Column('debate_threshold', sa.Integer(), nullable=False),
    sa.Column('response_threshold_passed_at', models.base.UTCDateTime(), nullable=True),
    sa.Column('debate_threshold_passed_at', models.base.UTCDateTime(), nullable=True),
    sa.Column('response_text', sa.Text(), nullable=True),
    sa.Column('responded_at', models.base.UTCDateTime(), nullable=True),
    sa.Column('rate_short_max', sa.Integer(), nullable=False),
    sa.Column('rate_short_minutes', sa.Integer(), nullable=False),
    sa.Column('rate_long_max', sa.Integer(), nullable=False),
    sa.Column('rate_long_minutes', sa.Integer(), nullable=False),
    sa.Column('anonymise_exempt', sa.Boolean(), nullable=False),
    sa.Column('anonymised_at', models.base.UTCDateTime(), nullable=True),
    sa.Column('locked_by_id', sa.Integer(), nullable=True),
    sa.Column('locked_until', models.base.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_petitions_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['locked_by_id'], ['users.id'], name=op.f('fk_petitions_locked_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_petitions'))
    )
    with op.batch_alter_table('petitions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_petitions_created_by_id'), ['created_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_petitions_stored_state'), ['stored_state'], unique=False)

    op.create_table('signature_counts',
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('area_key', sa.String(length=20), nullable=False),
    sa.Column('shard', sa.SmallInteger(), autoincrement=False, nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], name=op.f('fk_signature_counts_petition_id_petitions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('petition_id', 'area_key', 'shard', name=op.f('pk_signature_counts'))
    )
    op.create_table('signature_day_counts',
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('shard', sa.SmallInteger(), autoincrement=False, nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], name=op.f('fk_signature_day_counts_petition_id_petitions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('petition_id', 'day', 'shard', name=op.f('pk_signature_day_counts'))
    )
    op.create_table('signatures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('petition_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('postcode', sa.String(length=8), nullable=True),
    sa.Column('area_key', sa.String(length=20), nullable=False),
    sa.Column('consents_to_updates', sa.Boolean(), nullable=False),
    sa.Column('ip_address', sa.String(length=45), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('suspicious', sa.Boolean(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(), nullable=False),
    sa.Column('confirmed_at', models.base.UTCDateTime(), nullable=True),
    sa.Column('response_mailed_at', models.base.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['petition_id'], ['petitions.id'], name=op.f('fk_signatures_petition_id_petitions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signatures')),
    sa.UniqueConstraint('petition_id', 'email', name=op.f('uq_signatures_petition_id_email'))
    )
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.create_index('ix_signatures_petition_id_ip_address_created_at', ['petition_id', 'ip_address', 'created_at'], unique=False)
        batch_op.create_index('ix_signatures_petition_id_status', ['petition_id', 'status'], unique=False)
        batch_op.create_index('ix_signatures_status_created_at', ['status', 'created_at'], unique=False)



def downgrade():
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.drop_index('ix_signatures_status_created_at')
        batch_op.drop_index('ix_signatures_petition_id_status')
        batch_op.drop_index('ix_signatures_petition_id_ip_address_created_at')

    op.drop_table('signatures')
    op.drop_table('signature_day_counts')
    op.drop_table('signature_counts')
    with op.batch_alter_table('petitions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_petitions_stored_state'))
        batch_op.drop_index(batch_op.f('ix_petitions_created_by_id'))

    op.drop_table('petitions')
