"""complaint conduct practice and rule (MONITOR rules); market-access barrier reports (Art. 9)

Revision ID: 5c0a7e2d9f14
Revises: ab1820ea4027
Create Date: 2026-12-03 16:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import hunan_shared.db

revision: str = "5c0a7e2d9f14"
down_revision: str | None = "5c1e39a07b21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "barrierreport",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("reporter_credit_code", sqlmodel.sql.sqltypes.AutoString(length=18), nullable=False),
        sa.Column("division_code", sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
        sa.Column("recipient_body", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("barrier", sa.Text(), nullable=False),
        sa.Column("received_on", sa.Date(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("due_provisional", sa.Boolean(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("barrier_removed", sa.Boolean(), nullable=True),
        sa.Column("responded_on", sa.Date(), nullable=True),
        sa.Column("created_at", hunan_shared.db.AwareDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("barrierreport", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_barrierreport_division_code"), ["division_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_barrierreport_state"), ["state"], unique=False)
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.add_column(sa.Column("practice", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True))
        batch_op.add_column(sa.Column("rule", sqlmodel.sql.sqltypes.AutoString(length=4), nullable=True))
        batch_op.create_index(batch_op.f("ix_complaint_practice"), ["practice"], unique=False)
        batch_op.create_index(batch_op.f("ix_complaint_rule"), ["rule"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_rule"))
        batch_op.drop_index(batch_op.f("ix_complaint_practice"))
        batch_op.drop_column("rule")
        batch_op.drop_column("practice")

    with op.batch_alter_table("barrierreport", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_barrierreport_state"))
        batch_op.drop_index(batch_op.f("ix_barrierreport_division_code"))
    op.drop_table("barrierreport")
