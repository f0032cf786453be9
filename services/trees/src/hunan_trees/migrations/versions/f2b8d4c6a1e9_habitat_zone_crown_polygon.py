"""habitat zone keeps the crown polygon (exported, redrawn exactly on a margin reduction)

Revision ID: f2b8d4c6a1e9
Revises: e5a7c9d1f3b2
Create Date: 2026-12-03 19:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f2b8d4c6a1e9"
down_revision: str | None = "e5a7c9d1f3b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("habitatzone") as batch:
        batch.add_column(sa.Column("crown_wkt", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("habitatzone") as batch:
        batch.drop_column("crown_wkt")
