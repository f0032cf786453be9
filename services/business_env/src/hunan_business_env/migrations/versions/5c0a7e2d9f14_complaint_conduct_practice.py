"""complaint conduct practice and rule (MONITOR rules)

Revision ID: 5c0a7e2d9f14
Revises: ab1820ea4027
Create Date: 2026-12-03 16:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "5c0a7e2d9f14"
down_revision: str | None = "ab1820ea4027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
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
