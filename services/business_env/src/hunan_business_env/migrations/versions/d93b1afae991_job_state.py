"""job_state table and retention indexes (platform tables, hunan_shared.platform_ops)

Revision ID: d93b1afae991
Revises: 40223f8b1a85
Create Date: 2026-12-03 12:40:00
"""

from collections.abc import Sequence

from hunan_shared import platform_ops

revision: str = "d93b1afae991"
down_revision: str | None = "40223f8b1a85"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    platform_ops.create_job_state_v1()


def downgrade() -> None:
    platform_ops.drop_job_state_v1()
