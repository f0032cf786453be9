"""money on the shared column (ADR 0016): INTEGER `…_fen` columns -> BIGINT fen named like the yuan field

The values already are whole fen, so they are kept as they are (exact); the columns widen from INTEGER (at most
21 474 836.47 yuan on PostgreSQL) to BIGINT and lose their `_fen` suffix: the model reads them as Decimal yuan
through `hunan_shared.money.MoneyColumn`. The downgrade narrows them back to INTEGER `…_fen`; on PostgreSQL it
refuses (integer out of range) rather than truncate an amount stored since that does not fit.

On SQLite each table is rebuilt (`batch_alter_table`), and `disaster`, `supplyitem` and `dispatch` are parents of
other tables: dropping a parent with foreign keys enforced would fail, so enforcement is switched off around the
rebuilds (it can only change outside a transaction, hence the autocommit blocks) and the references are checked
before it is switched back on — the procedure SQLite documents for schema changes.

Revision ID: b6d3f1a8c924
Revises: 4b8e1f0c2d57
Create Date: 2026-12-03 19:40:00
"""

from collections.abc import Callable, Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b6d3f1a8c924"
down_revision: str | None = "4b8e1f0c2d57"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> {old INTEGER fen column: (new money column, nullable)}
MONEY = {
    "disaster": {"direct_loss_fen": ("direct_loss", False)},
    "supplyitem": {"unit_value_fen": ("unit_value", False)},
    "tipoff": {"standard_reward_fen": ("standard_reward", True), "reward_fen": ("reward", True)},
    "dispatch": {"transport_cost_fen": ("transport_cost", False), "goods_value_fen": ("goods_value", False)},
    "reliefcase": {"relief_funds_fen": ("relief_funds", False)},
    "replenishmentrequest": {"estimated_cost_fen": ("estimated_cost", False)},
    "dispatchlegrecord": {"cost_fen": ("cost", False)},
}


def _with_foreign_keys_off_on_sqlite(work: Callable[[], None]) -> None:
    if op.get_bind().dialect.name != "sqlite":
        work()
        return
    context = op.get_context()
    with context.autocommit_block():
        op.execute("PRAGMA foreign_keys=OFF")
    try:
        work()
        broken = op.get_bind().exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"foreign keys broken by the table rebuilds: {broken}")
    finally:
        with context.autocommit_block():
            op.execute("PRAGMA foreign_keys=ON")


def _alter(to_money: bool) -> None:
    for table, columns in MONEY.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for fen_column, (money_column, nullable) in columns.items():
                batch_op.alter_column(
                    fen_column if to_money else money_column,
                    new_column_name=money_column if to_money else fen_column,
                    type_=sa.BigInteger() if to_money else sa.Integer(),
                    existing_type=sa.Integer() if to_money else sa.BigInteger(),
                    existing_nullable=nullable,
                )


def upgrade() -> None:
    _with_foreign_keys_off_on_sqlite(lambda: _alter(to_money=True))


def downgrade() -> None:
    _with_foreign_keys_off_on_sqlite(lambda: _alter(to_money=False))
