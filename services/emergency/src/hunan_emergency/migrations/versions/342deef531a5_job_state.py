"""job_state table and retention indexes (platform tables, hunan_shared.platform_ops)

Revision ID: 342deef531a5
Revises: e3799ae341c3
Create Date: 2026-12-03 12:40:00
"""

from collections.abc import Sequence

from hunan_shared import platform_ops

revision: str = "342deef531a5"
down_revision: str | None = "e3799ae341c3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    platform_ops.create_job_state_v1()


def downgrade() -> None:
    platform_ops.drop_job_state_v1()
