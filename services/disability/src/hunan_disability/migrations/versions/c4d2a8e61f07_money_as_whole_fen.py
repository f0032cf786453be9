"""money as whole fen in BIGINT (ADR 0016): NUMERIC(12,2) yuan -> BIGINT fen, values converted exactly

Revision ID: c4d2a8e61f07
Revises: b6c1f0e2a9d4
Create Date: 2026-12-03 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c4d2a8e61f07"
down_revision: str | None = "b6c1f0e2a9d4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> money columns (all NUMERIC(12, 2) yuan before this revision)
MONEY = {
    "subsidystandard": ("amount",),
    "payrollrun": ("total",),
    "subsidypayment": ("amount",),
    "dibaoreview": ("per_capita_income", "dibao_standard"),
    "dibaoapplication": ("monthly_income", "dibao_standard"),
}
NULLABLE = {("dibaoapplication", "monthly_income"), ("dibaoapplication", "dibao_standard")}
YUAN = sa.Numeric(precision=12, scale=2)


def _postgres() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade() -> None:
    for table, columns in MONEY.items():
        if _postgres():
            for column in columns:
                op.alter_column(
                    table, column, type_=sa.BigInteger(), existing_type=YUAN,
                    existing_nullable=(table, column) in NULLABLE, postgresql_using=f"round({column} * 100)::bigint",
                )
            continue
        # SQLite: scale the stored yuan to fen first (round() to an integer, no float residue), then retype
        for column in columns:
            op.execute(f"UPDATE {table} SET {column} = CAST(round({column} * 100) AS INTEGER) WHERE {column} IS NOT NULL")
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(
                    column, type_=sa.BigInteger(), existing_type=YUAN, existing_nullable=(table, column) in NULLABLE
                )


def downgrade() -> None:
    for table, columns in MONEY.items():
        if _postgres():
            for column in columns:
                op.alter_column(
                    table, column, type_=YUAN, existing_type=sa.BigInteger(),
                    existing_nullable=(table, column) in NULLABLE, postgresql_using=f"({column}::numeric / 100)",
                )
            continue
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.alter_column(
                    column, type_=YUAN, existing_type=sa.BigInteger(), existing_nullable=(table, column) in NULLABLE
                )
        for column in columns:
            op.execute(f"UPDATE {table} SET {column} = {column} / 100.0 WHERE {column} IS NOT NULL")
