"""first-contact overdue flag on assistance cases (the first-contact-overdue job, R56)

Revision ID: b6c1f0e2a9d4
Revises: 070af14ac89a
Create Date: 2026-12-03 16:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import hunan_shared.db

revision: str = "b6c1f0e2a9d4"
down_revision: str | None = "070af14ac89a"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # nullable, no default: a metadata-only change on PostgreSQL whatever the number of cases
    with op.batch_alter_table("assistancecase", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("first_contact_overdue_at", hunan_shared.db.AwareDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("assistancecase", schema=None) as batch_op:
        batch_op.drop_column("first_contact_overdue_at")
