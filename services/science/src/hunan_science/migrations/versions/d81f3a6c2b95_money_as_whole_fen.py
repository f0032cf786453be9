"""money as whole fen in BIGINT (ADR 0016): NUMERIC(14,2) yuan -> BIGINT fen, values converted exactly

Revision ID: d81f3a6c2b95
Revises: 42a247b14b3f
Create Date: 2026-12-03 17:35:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from hunan_shared.money import migrate_fen_to_yuan, migrate_yuan_to_fen

revision: str = "d81f3a6c2b95"
down_revision: str | None = "42a247b14b3f"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

YUAN = sa.Numeric(precision=14, scale=2)
# table -> {money column: (type before this revision, nullable)}
MONEY = {
    "museumsubsidy": {"amount": (YUAN, True)},
    "contentgrant": {"amount": (YUAN, False)},
}


def upgrade() -> None:
    for table, columns in MONEY.items():
        migrate_yuan_to_fen(table, columns)


def downgrade() -> None:
    for table, columns in MONEY.items():
        migrate_fen_to_yuan(table, columns)
