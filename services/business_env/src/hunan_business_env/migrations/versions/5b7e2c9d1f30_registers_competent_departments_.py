"""registers: competent departments, supervision items, discretion benchmarks, intermediary services, port fees,
delegations, supervisors

Revision ID: 5b7e2c9d1f30
Revises: ab1820ea4027
Create Date: 2026-12-03 16:55:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import hunan_shared.db


revision: str = '5b7e2c9d1f30'
down_revision: str | None = 'ab1820ea4027'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _s(n: int) -> sqlmodel.sql.sqltypes.AutoString:
    return sqlmodel.sql.sqltypes.AutoString(length=n)


def upgrade() -> None:
    op.create_table('supervisionitem',
    sa.Column('id', _s(36), nullable=False),
    sa.Column('code', _s(40), nullable=False),
    sa.Column('title', _s(200), nullable=False),
    sa.Column('supervising_body', _s(200), nullable=True),
    sa.Column('supervised_object', _s(500), nullable=True),
    sa.Column('measures', sa.JSON(), nullable=False),
    sa.Column('legal_basis', _s(500), nullable=True),
    sa.Column('handling', _s(500), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('created_at', hunan_shared.db.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervisionitem')),
    sa.UniqueConstraint('code', name=op.f('uq_supervisionitem_code'))
    )
    op.create_table('discretionbenchmark',
    sa.Column('id', _s(36), nullable=False),
    sa.Column('code', _s(40), nullable=False),
    sa.Column('department', _s(200), nullable=False),
    sa.Column('kind', _s(20), nullable=False),
    sa.Column('scope', _s(500), nullable=False),
    sa.Column('legal_basis', _s(500), nullable=False),
    sa.Column('no_penalty', sa.JSON(), nullable=False),
    sa.Column('lighter', sa.JSON(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('adjustment_reason', _s(500), nullable=True),
    sa.Column('updated_at', hunan_shared.db.AwareDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_discretionbenchmark')),
    sa.UniqueConstraint('code', name=op.f('uq_discretionbenchmark_code'))
    )
    op.create_table('intermediaryservice',
    sa.Column('id', _s(36), nullable=False),
    sa.Column('code', _s(40), nullable=False),
    sa.Column('title', _s(200), nullable=False),
    sa.Column('approval_item', _s(200), nullable=False),
    sa.Column('legal_basis', _s(500), nullable=False),
    sa.Column('issuer_division_code', _s(6), nullable=False),
    sa.Column('listed_from', sa.Date(), nullable=False),
    sa.Column('removed_on', sa.Date(), nullable=True),
    sa.Column('removal_reason', _s(500), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intermediaryservice')),
    sa.UniqueConstraint('code', name=op.f('uq_intermediaryservice_code'))
    )

    op.create_table('portfee',
    sa.Column('id', _s(36), nullable=False),
    sa.Column('charging_entity', _s(200), nullable=False),
    sa.Column('fee_item', _s(200), nullable=False),
    sa.Column('scope', _s(500), nullable=False),
    sa.Column('standard', _s(500), nullable=False),
    sa.Column('pricing_method', _s(200), nullable=False),
    sa.Column('category', _s(30), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_portfee')),
    sa.UniqueConstraint('charging_entity', 'fee_item', name=op.f('uq_portfee_charging_entity'))
    )
    with op.batch_alter_table('portfee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_portfee_charging_entity'), ['charging_entity'], unique=False)

    op.create_table('approvaldelegation',
    sa.Column('id', _s(36), nullable=False),
    sa.Column('matter', _s(200), nullable=False),
    sa.Column('original_agency', _s(200), nullable=False),
    sa.Column('receiving_agency', _s(200), nullable=False),
    sa.Column('legal_basis', _s(500), nullable=False),
    sa.Column('support', sa.JSON(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_approvaldelegation'))
    )
    with op.batch_alter_table('approvaldelegation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_approvaldelegation_matter'), ['matter'], unique=False)

    op.create_table('supervisor',
    sa.Column('id', _s(36), nullable=False),
    sa.Column('kind', _s(20), nullable=False),
    sa.Column('appointee_kind', _s(20), nullable=False),
    sa.Column('appointee', _s(200), nullable=False),
    sa.Column('appointing_department', _s(200), nullable=False),
    sa.Column('division_code', _s(6), nullable=False),
    sa.Column('appointed_on', sa.Date(), nullable=False),
    sa.Column('term_ends', sa.Date(), nullable=True),
    sa.Column('dismissed_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervisor'))
    )
    with op.batch_alter_table('supervisor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervisor_division_code'), ['division_code'], unique=False)

    op.create_table('electroniclicence',
    sa.Column('id', _s(36), nullable=False),
    sa.Column('licence_no', _s(64), nullable=False),
    sa.Column('licence_type', _s(200), nullable=False),
    sa.Column('holder_credit_code', _s(18), nullable=False),
    sa.Column('issuer', _s(200), nullable=False),
    sa.Column('issued_at', hunan_shared.db.AwareDateTime(timezone=True), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('aggregated_at', hunan_shared.db.AwareDateTime(timezone=True), nullable=True),
    sa.Column('aggregation_exempt_basis', _s(500), nullable=True),
    sa.Column('aggregated_on_time', sa.Boolean(), nullable=True),
    sa.Column('revoked_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_electroniclicence')),
    sa.UniqueConstraint('licence_no', name=op.f('uq_electroniclicence_licence_no'))
    )
    with op.batch_alter_table('electroniclicence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_electroniclicence_holder_credit_code'), ['holder_credit_code'], unique=False)

    op.create_table('planningpermittype',
    sa.Column('id', _s(36), nullable=False),
    sa.Column('project_type', _s(200), nullable=False),
    sa.Column('mode', _s(20), nullable=False),
    sa.Column('review_elements', sa.JSON(), nullable=False),
    sa.Column('listed_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_planningpermittype')),
    sa.UniqueConstraint('project_type', name=op.f('uq_planningpermittype_project_type'))
    )

    op.create_table('supervisionactivity',
    sa.Column('id', _s(36), nullable=False),
    sa.Column('department', _s(200), nullable=False),
    sa.Column('division_code', _s(6), nullable=False),
    sa.Column('mode', _s(20), nullable=False),
    sa.Column('off_site_method', _s(20), nullable=True),
    sa.Column('supervised_object', _s(200), nullable=False),
    sa.Column('supervision_item_code', _s(40), nullable=True),
    sa.Column('carried_out_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_supervisionactivity'))
    )
    with op.batch_alter_table('supervisionactivity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_supervisionactivity_department'), ['department'], unique=False)
        batch_op.create_index(batch_op.f('ix_supervisionactivity_carried_out_on'), ['carried_out_on'], unique=False)


def downgrade() -> None:
    op.drop_table('supervisionactivity')
    op.drop_table('planningpermittype')
    op.drop_table('electroniclicence')
    op.drop_table('supervisor')
    op.drop_table('approvaldelegation')
    op.drop_table('portfee')
    op.drop_table('intermediaryservice')
    op.drop_table('discretionbenchmark')
    op.drop_table('supervisionitem')
