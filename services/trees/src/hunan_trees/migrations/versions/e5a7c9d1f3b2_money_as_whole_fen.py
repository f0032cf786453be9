"""money as whole fen in BIGINT (ADR 0016): NUMERIC yuan -> BIGINT fen, values converted exactly

Revision ID: e5a7c9d1f3b2
Revises: b7e2c4a91f30
Create Date: 2026-12-03 17:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa

from hunan_shared.money import migrate_fen_to_yuan, migrate_yuan_to_fen

revision: str = "e5a7c9d1f3b2"
down_revision: str | None = "b7e2c4a91f30"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

Y10, Y14, Y16 = sa.Numeric(precision=10, scale=2), sa.Numeric(precision=14, scale=2), sa.Numeric(precision=16, scale=2)
# table -> {money column: (type before this revision, nullable)}
MONEY = {
    "transplantapplication": {"estimated_cost": (Y14, False)},
    "damageclaim": {"rejuvenation_cost": (Y14, False), "maintenance_cost": (Y14, False)},
    "violationcase": {"fine_cny": (Y10, True)},
    "custodiantraining": {"fee_cny": (Y10, False)},
    "maintenancesubsidy": {"expenditure_cny": (Y14, False), "amount_cny": (Y14, False)},
    "sponsorship": {"amount_cny": (Y14, True)},
    "insurancepolicy": {"premium_cny": (Y14, False), "sum_insured_cny": (Y16, False)},
}


def upgrade() -> None:
    for table, columns in MONEY.items():
        migrate_yuan_to_fen(table, columns)


def downgrade() -> None:
    for table, columns in MONEY.items():
        migrate_fen_to_yuan(table, columns)
