"""money as whole fen in BIGINT (ADR 0016): NUMERIC(12,2) yuan -> BIGINT fen, values converted exactly

Revision ID: c4d2a8e61f07
Revises: b6c1f0e2a9d4
Create Date: 2026-12-03 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from hunan_shared.money import migrate_fen_to_yuan, migrate_yuan_to_fen

revision: str = "c4d2a8e61f07"
down_revision: str | None = "b6c1f0e2a9d4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

YUAN = sa.Numeric(precision=12, scale=2)
# table -> {money column: (type before this revision, nullable)}
MONEY = {
    "subsidystandard": {"amount": (YUAN, False)},
    "payrollrun": {"total": (YUAN, False)},
    "subsidypayment": {"amount": (YUAN, False)},
    "dibaoreview": {"per_capita_income": (YUAN, False), "dibao_standard": (YUAN, False)},
    "dibaoapplication": {"monthly_income": (YUAN, True), "dibao_standard": (YUAN, True)},
}


def upgrade() -> None:
    for table, columns in MONEY.items():
        migrate_yuan_to_fen(table, columns)


def downgrade() -> None:
    for table, columns in MONEY.items():
        migrate_fen_to_yuan(table, columns)
