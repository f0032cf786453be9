"""Money in the suite: one representation (ADR 0016).

In code, schemas and events an amount is a `Decimal` of CNY yuan with at most two places (a fen, 分) —
serialised as a string, never a float. In the database it is a whole number of fen in a BIGINT
(`MoneyColumn`): exact on SQLite (whose NUMERIC is a float) and PostgreSQL alike, and `SUM()` stays exact.
A value with a fraction of a fen is refused on the way in, never silently rounded; amounts computed from
rates (50 % of an odd number of fen) are rounded once, explicitly, with `round_fen`.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger, Column
from sqlalchemy.types import TypeDecorator

FEN = Decimal("0.01")
CURRENCY = "CNY"


class FractionOfFen(ValueError):
    """An amount smaller than the fen cannot be stored or paid."""


def exact_fen(amount: Decimal | int | str) -> Decimal:
    """The amount as Decimal yuan with two places; refuses anything finer than a fen."""
    value = Decimal(amount)
    fen = value / FEN
    if fen != fen.to_integral_value():
        raise FractionOfFen(f"{value} {CURRENCY} has a fraction of a fen")
    return (fen.to_integral_value() * FEN).quantize(FEN)  # two places even for "100.5" (1.005E+4 fen)


def round_fen(amount: Decimal | int | str) -> Decimal:
    """Round a computed amount to the fen, half up (the one place rounding happens)."""
    return Decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP)


def to_fen(amount: Decimal | int | str) -> int:
    """Whole fen of an exact amount."""
    return int(exact_fen(amount) / FEN)


def from_fen(fen: int) -> Decimal:
    return Decimal(int(fen)) * FEN


class MoneyColumn(TypeDecorator[Decimal]):
    """CNY stored as whole fen in a BIGINT; read back as Decimal yuan."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Any | None, dialect: Any) -> int | None:
        return None if value is None else to_fen(value)

    def process_result_value(self, value: Any | None, dialect: Any) -> Decimal | None:
        return None if value is None else from_fen(int(value))


def money_column(nullable: bool = False) -> Column[Decimal]:
    """A SQLModel `sa_column` for an amount: `amount: Decimal = Field(sa_column=money_column())`."""
    return Column(MoneyColumn(), nullable=nullable)


def migrate_yuan_to_fen(table: str, columns: dict[str, tuple[Any, bool]]) -> None:
    """Alembic step: NUMERIC yuan columns {name: (old type, nullable)} become BIGINT fen, values converted exactly.

    PostgreSQL: `ALTER COLUMN … TYPE BIGINT USING round(col * 100)` (NUMERIC arithmetic, exact). SQLite: scale
    in place first, then `batch_alter_table` rebuilds the table with the BIGINT column.
    """
    import sqlalchemy as sa
    from alembic import op

    if op.get_bind().dialect.name == "postgresql":
        for column, (old_type, nullable) in columns.items():
            op.alter_column(
                table,
                column,
                type_=sa.BigInteger(),
                existing_type=old_type,
                existing_nullable=nullable,
                postgresql_using=f"round({column} * 100)::bigint",
            )
        return
    for column in columns:
        op.execute(f"UPDATE {table} SET {column} = CAST(round({column} * 100) AS INTEGER) WHERE {column} IS NOT NULL")
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column, (old_type, nullable) in columns.items():
            batch_op.alter_column(column, type_=sa.BigInteger(), existing_type=old_type, existing_nullable=nullable)


def migrate_fen_to_yuan(table: str, columns: dict[str, tuple[Any, bool]]) -> None:
    """The downgrade of `migrate_yuan_to_fen`: BIGINT fen back to the old NUMERIC yuan type."""
    import sqlalchemy as sa
    from alembic import op

    if op.get_bind().dialect.name == "postgresql":
        for column, (old_type, nullable) in columns.items():
            op.alter_column(
                table,
                column,
                type_=old_type,
                existing_type=sa.BigInteger(),
                existing_nullable=nullable,
                postgresql_using=f"({column}::numeric / 100)",
            )
        return
    with op.batch_alter_table(table, schema=None) as batch_op:
        for column, (old_type, nullable) in columns.items():
            batch_op.alter_column(column, type_=old_type, existing_type=sa.BigInteger(), existing_nullable=nullable)
    for column in columns:
        op.execute(f"UPDATE {table} SET {column} = {column} / 100.0 WHERE {column} IS NOT NULL")
