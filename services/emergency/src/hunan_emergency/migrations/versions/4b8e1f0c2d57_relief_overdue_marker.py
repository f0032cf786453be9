"""relief case: basic-living overdue marker (R13)

Revision ID: 4b8e1f0c2d57
Revises: ca5378291edd
Create Date: 2026-12-03 17:35:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "4b8e1f0c2d57"
down_revision: str | None = "ca5378291edd"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reliefcase", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("basic_living_overdue_announced", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("reliefcase", schema=None) as batch_op:
        batch_op.drop_column("basic_living_overdue_announced")
