"""engineeringproject: project type and planning-permit mode from the province-wide list (Art. 28 para 4, R57)

Revision ID: c5d7e9f1a3b2
Revises: 8a4c6e1f2b39
Create Date: 2026-12-03 20:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "c5d7e9f1a3b2"
down_revision: str | None = "8a4c6e1f2b39"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("engineeringproject", schema=None) as batch_op:
        batch_op.add_column(sa.Column("project_type", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.add_column(
            sa.Column("planning_permit_mode", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True)
        )
        batch_op.add_column(sa.Column("planning_review_elements", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("engineeringproject", schema=None) as batch_op:
        batch_op.drop_column("planning_review_elements")
        batch_op.drop_column("planning_permit_mode")
        batch_op.drop_column("project_type")
