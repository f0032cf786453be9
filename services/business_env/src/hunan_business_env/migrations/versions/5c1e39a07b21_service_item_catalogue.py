"""service-item catalogue (Arts. 4, 5, 22, 24); policy benefits (Arts. 11, 12); competent departments (Art. 3)

Revision ID: 5c1e39a07b21
Revises: ab1820ea4027
Create Date: 2026-12-03 16:55:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import hunan_shared.db
import hunan_shared.money


revision: str = '5c1e39a07b21'
down_revision: str | None = '5b7e2c9d1f30'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('serviceitem',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('level', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('division', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
    sa.Column('department', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('conditions', sa.JSON(), nullable=False),
    sa.Column('steps', sa.Integer(), nullable=False),
    sa.Column('materials', sa.JSON(), nullable=False),
    sa.Column('time_limit_working_days', sa.Integer(), nullable=False),
    sa.Column('fee', hunan_shared.money.MoneyColumn(), nullable=False),
    sa.Column('handling', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('hall_included', sa.Boolean(), nullable=False),
    sa.Column('hall_exemption', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('hall_exemption_note', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
    sa.Column('czt_same_city', sa.Boolean(), nullable=False),
    sa.Column('pilot_zones', sa.JSON(), nullable=False),
    sa.Column('created_at', hunan_shared.db.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_serviceitem')),
    sa.UniqueConstraint('code', 'division', name='uq_serviceitem_code_division')
    )
    with op.batch_alter_table('serviceitem', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_serviceitem_code'), ['code'], unique=False)
    op.create_table('competentdesignation',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('division_code', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
    sa.Column('department', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('first_responsible_post', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('designated_on', sa.Date(), nullable=False),
    sa.Column('created_at', hunan_shared.db.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_competentdesignation')),
    sa.UniqueConstraint('division_code', name=op.f('uq_competentdesignation_division_code'))
    )
    with op.batch_alter_table('policy', schema=None) as batch_op:
        batch_op.add_column(sa.Column('benefit', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))
        batch_op.add_column(sa.Column('collateral', sa.JSON(), server_default='[]', nullable=False))
        batch_op.create_index(batch_op.f('ix_policy_benefit'), ['benefit'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('policy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_policy_benefit'))
        batch_op.drop_column('collateral')
        batch_op.drop_column('benefit')
    with op.batch_alter_table('serviceitem', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_serviceitem_code'))
    op.drop_table('serviceitem')
    op.drop_table('competentdesignation')
