"""One money representation (ADR 0016): Decimal yuan in code, whole fen in a BIGINT column."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import Column, MetaData, Table, create_engine, func, insert, select

from hunan_shared.money import FractionOfFen, MoneyColumn, exact_fen, round_fen, to_fen


@pytest.mark.parametrize(
    ("amount", "fen"),
    [("0", 0), ("0.01", 1), ("1", 100), ("123456789012.34", 12345678901234), ("5.10", 510), ("-3.25", -325)],
)
def test_exact_amounts_are_whole_fen(amount, fen):
    assert to_fen(Decimal(amount)) == fen
    assert exact_fen(amount) == Decimal(amount)
    assert exact_fen(amount).as_tuple().exponent == -2  # always two places, as the API and events show it


@pytest.mark.parametrize(("amount", "shown"), [("100.5", "100.50"), ("1", "1.00"), ("1E+3", "1000.00")])
def test_an_exact_amount_has_two_places(amount, shown):
    assert str(exact_fen(amount)) == shown


@pytest.mark.parametrize("amount", ["0.001", "5000.005", "0.019"])
def test_a_fraction_of_a_fen_is_refused_not_rounded(amount):
    with pytest.raises(FractionOfFen):
        to_fen(Decimal(amount))


@pytest.mark.parametrize(("amount", "rounded"), [("5000.005", "5000.01"), ("0.004", "0.00"), ("2.5", "2.50")])
def test_computed_amounts_round_half_up_once(amount, rounded):
    assert round_fen(Decimal(amount)) == Decimal(rounded)


def test_column_round_trips_and_sums_exactly_on_sqlite():
    engine = create_engine("sqlite://")
    table = Table("t", MetaData(), Column("amount", MoneyColumn()))
    table.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(table), [{"amount": Decimal("0.10")}] * 10 + [{"amount": Decimal("0.20")}])
        total = conn.scalar(select(func.sum(table.c.amount)))
        assert [r.amount for r in conn.execute(select(table)).all()][-1] == Decimal("0.20")
    assert total == Decimal("1.20")  # summed as whole fen: no float drift (10 × 0.10 + 0.20)
