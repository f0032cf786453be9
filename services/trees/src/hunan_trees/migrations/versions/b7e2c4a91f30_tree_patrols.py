"""tree patrols and professional maintenance (Art. 20), patrol-due notices

Revision ID: b7e2c4a91f30
Revises: 3d546f74f06b
Create Date: 2026-12-03 16:58:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import hunan_shared.db


revision: str = 'b7e2c4a91f30'
down_revision: str | None = '3d546f74f06b'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('treepatrol',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('tree_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('performed_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('contract_ref', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('organising_division', sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
    sa.Column('performed_on', sa.Date(), nullable=False),
    sa.Column('findings', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
    sa.Column('recorded_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('recorded_at', hunan_shared.db.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tree_id'], ['tree.id'], name=op.f('fk_treepatrol_tree_id_tree')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_treepatrol'))
    )
    with op.batch_alter_table('treepatrol', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_treepatrol_tree_id'), ['tree_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_treepatrol_performed_on'), ['performed_on'], unique=False)

    op.create_table('patrolduenotice',
    sa.Column('tree_id', sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('announced_at', hunan_shared.db.AwareDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tree_id'], ['tree.id'], name=op.f('fk_patrolduenotice_tree_id_tree')),
    sa.PrimaryKeyConstraint('tree_id', 'due_on', name=op.f('pk_patrolduenotice'))
    )


def downgrade() -> None:
    op.drop_table('patrolduenotice')
    with op.batch_alter_table('treepatrol', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_treepatrol_performed_on'))
        batch_op.drop_index(batch_op.f('ix_treepatrol_tree_id'))
    op.drop_table('treepatrol')
