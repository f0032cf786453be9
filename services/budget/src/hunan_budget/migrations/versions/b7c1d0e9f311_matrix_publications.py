"""responsibility matrix publications (W9), the budget's rigid requirement (R14), special-bond pace (R41)

Revision ID: b7c1d0e9f311
Revises: 1ff7fb83be3e
Create Date: 2026-12-03 16:58:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import hunan_shared.db

revision: str = "b7c1d0e9f311"
down_revision: str | None = "1ff7fb83be3e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "matrixpublication",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("document", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("version", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("row_count", sa.Integer(), nullable=False),
        sa.Column("checksum", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("published_at", hunan_shared.db.AwareDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matrixpublication")),
        sa.UniqueConstraint("checksum", name="uq_matrixpublication_checksum"),
    )
    with op.batch_alter_table("matrixpublication", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_matrixpublication_version"), ["version"], unique=False)
    with op.batch_alter_table("budget", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rigid_required", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("debt", schema=None) as batch_op:
        batch_op.add_column(sa.Column("earlier_tranches_issued", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("earlier_tranches_spent", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("debt", schema=None) as batch_op:
        batch_op.drop_column("earlier_tranches_spent")
        batch_op.drop_column("earlier_tranches_issued")
    with op.batch_alter_table("budget", schema=None) as batch_op:
        batch_op.drop_column("rigid_required")
    with op.batch_alter_table("matrixpublication", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matrixpublication_version"))
    op.drop_table("matrixpublication")
