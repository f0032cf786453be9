"""commitment payment amount as whole fen in BIGINT (ADR 0016): the Decimal string in VARCHAR(24) -> BIGINT fen

Revision ID: f2b4d6e8a0c1
Revises: 5c0a7e2d9f14
Create Date: 2026-12-03 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "f2b4d6e8a0c1"
down_revision: str | None = "7d2f4a9c1e63"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TEXT = sa.String(length=24)


def upgrade() -> None:
    # amounts were validated to two places on the way in (decimal_places=2), so * 100 is a whole number
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "commitmentpayment", "amount", type_=sa.BigInteger(), existing_type=TEXT, existing_nullable=False,
            postgresql_using="round(amount::numeric * 100)::bigint",
        )
        return
    op.execute("UPDATE commitmentpayment SET amount = CAST(round(CAST(amount AS NUMERIC) * 100) AS INTEGER)")
    with op.batch_alter_table("commitmentpayment", schema=None) as batch_op:
        batch_op.alter_column("amount", type_=sa.BigInteger(), existing_type=TEXT, existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column(
            "commitmentpayment", "amount", type_=TEXT, existing_type=sa.BigInteger(), existing_nullable=False,
            postgresql_using="(amount::numeric / 100)::numeric(24, 2)::text",
        )
        return
    with op.batch_alter_table("commitmentpayment", schema=None) as batch_op:
        batch_op.alter_column("amount", type_=TEXT, existing_type=sa.BigInteger(), existing_nullable=False)
    op.execute("UPDATE commitmentpayment SET amount = printf('%.2f', amount / 100.0)")
