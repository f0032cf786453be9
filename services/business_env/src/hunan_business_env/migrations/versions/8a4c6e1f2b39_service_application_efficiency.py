"""serviceapplication: accepted applications measured by the efficiency supervision (Art. 26 para 2, R49)

Revision ID: 8a4c6e1f2b39
Revises: 3e8b0c5d7a21
Create Date: 2026-12-03 19:50:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import hunan_shared.db

revision: str = "8a4c6e1f2b39"
down_revision: str | None = "3e8b0c5d7a21"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "serviceapplication",
        sa.Column("id", sqlmodel.sql.sqltypes.AutoString(length=36), nullable=False),
        sa.Column("item_code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("item_division", sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
        sa.Column("department", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("handling_division_code", sqlmodel.sql.sqltypes.AutoString(length=6), nullable=False),
        sa.Column("applicant", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=False),
        sa.Column("time_limit_working_days", sa.Integer(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("due_provisional", sa.Boolean(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("due_soon_announced", sa.Boolean(), nullable=False),
        sa.Column("overdue_announced", sa.Boolean(), nullable=False),
        sa.Column("created_at", hunan_shared.db.AwareDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("serviceapplication", schema=None) as batch_op:
        for column in ("item_code", "handling_division_code", "due", "state"):
            batch_op.create_index(batch_op.f(f"ix_serviceapplication_{column}"), [column], unique=False)


def downgrade() -> None:
    op.drop_table("serviceapplication")
