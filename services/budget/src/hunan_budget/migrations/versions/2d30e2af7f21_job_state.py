"""job_state table and retention indexes (platform tables, hunan_shared.platform_ops)

Revision ID: 2d30e2af7f21
Revises: 5549e1ec2784
Create Date: 2026-12-03 12:40:00
"""

from collections.abc import Sequence

from hunan_shared import platform_ops

revision: str = "2d30e2af7f21"
down_revision: str | None = "5549e1ec2784"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    platform_ops.create_job_state_v1()


def downgrade() -> None:
    platform_ops.drop_job_state_v1()
