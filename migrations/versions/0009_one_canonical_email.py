"""one canonical email: signatures and accounts keep the address as typed and are unique by
its canonical form; mail caps; second-factor set-up kept on the server

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 10:00:00

Existing rows get their canonical form (rules.emails.canonical_email). Where two rows of
one petition (or two accounts) now share a form, the earliest takes it and each later one
keeps its old key (rules.emails.legacy_key): marked, not merged, and reported in the log
by id. A marked account still signs in with the address it has. Staff find
the marked signatures with "Marked as duplicates" on a petition's signatures page or
`flask --app app petitions duplicates` (docs/petitions.md, "One person, one signature").
"""
import logging

import sqlalchemy as sa
from alembic import op

# The rule as it stands is the one these keys must agree with from now on.
from rules.emails import EmailAddressError, canonical_email, legacy_key

# revision identifiers, used by Alembic.
revision = '0009'
down_revision = "0008"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.migration.0009")
BATCH = 1000


def _canonical(email: str) -> str:
    try:
        return canonical_email(email)
    except EmailAddressError:
        return legacy_key(email)


def _fill_canonical(table: str, group: str | None) -> None:
    """Set email_canonical on every row; each later row that shares a form with an earlier
    one (within ``group``, or the table) keeps its old key instead, and is logged by id."""
    bind = op.get_bind()
    rows = sa.table(table, sa.column("id"), sa.column("email"), sa.column("email_canonical"),
                    *([sa.column(group)] if group else []))
    last_id = 0
    while True:  # in pages by id, so a large table is never held in memory at once
        page = bind.execute(sa.select(rows.c.id, rows.c.email).where(rows.c.id > last_id)
                            .order_by(rows.c.id).limit(BATCH)).all()
        if not page:
            break
        last_id = page[-1].id
        bind.execute(rows.update().where(rows.c.id == sa.bindparam("row_id"))
                     .values(email_canonical=sa.bindparam("canonical")),
                     [{"row_id": row.id, "canonical": _canonical(row.email)} for row in page])

    keys = [rows.c[group], rows.c.email_canonical] if group else [rows.c.email_canonical]
    shared = (sa.select(*keys, sa.func.min(rows.c.id).label("first_id"))
              .group_by(*keys).having(sa.func.count() > 1).subquery())
    later = bind.execute(
        sa.select(rows.c.id, rows.c.email, shared.c.first_id)
        .join(shared, sa.and_(*(rows.c[key.name] == shared.c[key.name] for key in keys)))
        .where(rows.c.id != shared.c.first_id).order_by(rows.c.id)).all()
    for row_id, _email, first_id in later:
        log.warning("%s %s shares the canonical address of %s %s: both kept, %s %s marked",
                    table, row_id, table, first_id, table, row_id)
    for start in range(0, len(later), BATCH):
        bind.execute(rows.update().where(rows.c.id == sa.bindparam("row_id"))
                     .values(email_canonical=sa.bindparam("canonical")),
                     [{"row_id": row_id, "canonical": legacy_key(email)}
                      for row_id, email, _ in later[start:start + BATCH]])
    refused = bind.scalar(sa.select(sa.func.count()).select_from(rows)
                          .where(rows.c.email_canonical.startswith("legacy:"))) - len(later)
    log.info("%s: canonical addresses set; %d marked as sharing an earlier row's, %d with an "
             "address refused now (kept, marked)", table, len(later), refused)


def upgrade():
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_canonical', sa.String(length=254), nullable=True))
    _fill_canonical("signatures", "petition_id")
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.alter_column('email_canonical', existing_type=sa.String(length=254),
                              nullable=False)
        batch_op.drop_constraint('uq_signatures_petition_id_email', type_='unique')
        batch_op.create_unique_constraint('uq_signatures_petition_id_email_canonical',
                                          ['petition_id', 'email_canonical'])

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('email_canonical', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('email_version', sa.Integer(), nullable=False,
                                      server_default="1"))
    _fill_canonical("users", None)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('email_canonical', existing_type=sa.String(length=254),
                              nullable=False)
        batch_op.alter_column('email_version', server_default=None)
        batch_op.drop_constraint('uq_users_email', type_='unique')
        batch_op.create_unique_constraint('uq_users_email_canonical', ['email_canonical'])

    op.create_table(
        'mail_caps',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint('key', 'day', name=op.f('pk_mail_caps')),
    )
    with op.batch_alter_table('mail_caps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mail_caps_day'), ['day'], unique=False)

    op.create_table(
        'second_factor_setups',
        sa.Column('id', sa.String(length=64), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('totp_secret', sa.String(length=64), nullable=True),
        sa.Column('recovery_codes', sa.JSON(), nullable=True),
        sa.Column('expires_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE',
                                name=op.f('fk_second_factor_setups_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_second_factor_setups')),
    )
    with op.batch_alter_table('second_factor_setups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_second_factor_setups_expires_at'), ['expires_at'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_second_factor_setups_user_id'), ['user_id'],
                              unique=False)


def downgrade():
    # Back to one address per row, lower-cased as it was compared before: rows that share it
    # (different typed forms of one address) cannot all be kept under the old unique rule.
    op.drop_table('second_factor_setups')
    op.drop_table('mail_caps')
    op.execute("UPDATE users SET email = lower(email)")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint('uq_users_email_canonical', type_='unique')
        batch_op.create_unique_constraint('uq_users_email', ['email'])
        batch_op.drop_column('email_version')
        batch_op.drop_column('email_canonical')
    op.execute("UPDATE signatures SET email = lower(email)")
    with op.batch_alter_table('signatures', schema=None) as batch_op:
        batch_op.drop_constraint('uq_signatures_petition_id_email_canonical', type_='unique')
        batch_op.create_unique_constraint('uq_signatures_petition_id_email',
                                          ['petition_id', 'email'])
        batch_op.drop_column('email_canonical')
