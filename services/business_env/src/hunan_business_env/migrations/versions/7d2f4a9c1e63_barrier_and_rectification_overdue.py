"""overdue markers: barrier reports (Art. 9) and evaluation rectification (Art. 6)

Revision ID: 7d2f4a9c1e63
Revises: 5c0a7e2d9f14
Create Date: 2026-12-03 17:35:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "7d2f4a9c1e63"
down_revision: str | None = "5c0a7e2d9f14"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("barrierreport", schema=None) as batch_op:
        batch_op.add_column(sa.Column("overdue_announced", sa.Boolean(), nullable=False, server_default=sa.false()))
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("rectification_overdue_announced", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("evaluation", schema=None) as batch_op:
        batch_op.drop_column("rectification_overdue_announced")
    with op.batch_alter_table("barrierreport", schema=None) as batch_op:
        batch_op.drop_column("overdue_announced")
