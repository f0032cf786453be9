"""One representation of money across the suite (ADR 0016, issue #16): every model column holding an amount is
the shared `MoneyColumn` (whole fen in a BIGINT, Decimal yuan in code), and the revision moving a service onto
it converts stored NUMERIC yuan exactly, both ways.

A column holds money when its name says so (`amount`, `total`, `…_cost`, `…_fee`, `…_cny`, `…_fen`, …), or when
it is any NUMERIC at all: a NUMERIC that is not money (an area, an indicator value, a count of posts) is listed
in NOT_MONEY with its reason.
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from decimal import Decimal

from alembic import command
from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Connection,
    DateTime,
    Float,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    bindparam,
    inspect,
    text,
)
from sqlmodel import Session

from hunan_shared import migrations
from hunan_shared.db import make_engine
from hunan_shared.money import MoneyColumn

SERVICES = ["trees", "business_env", "disability", "budget", "emergency", "science"]
MONEY_NAME = re.compile(r"(^|_)(amount|total|cost|price|premium|fine|fee|fen|cny|yuan|income|salary|wage)$")

# NUMERIC columns that are not money, each with the reason
NOT_MONEY = {
    ("disability", "quotareview", "required"): "posts required (1.5 % of staff), a count with three places",
    ("science", "venue", "exhibition_hall_area_m2"): "an area in m²",
    ("science", "survey", "value"): "a survey indicator value (a share or a count)",
    ("science", "survey", "national_average"): "the national average of that indicator",
}
# money columns not yet on the shared type: none since emergency, the last service, moved (its revision
# b6d3f1a8c924). It stays empty: a new money column uses `money_column()`, and a stale entry fails the test.
PENDING: set[tuple[str, str, str]] = set()


def _candidates() -> dict[tuple[str, str, str], object]:
    found = {}
    for service in SERVICES:
        models = importlib.import_module(f"hunan_{service}.models")
        for table in models.metadata.sorted_tables:
            for column in table.columns:
                numeric = isinstance(column.type, Numeric) and not isinstance(column.type, Float)
                if MONEY_NAME.search(column.name) or numeric:
                    found[(service, table.name, column.name)] = column.type
    return found


def test_every_money_column_is_the_shared_type() -> None:
    candidates = _candidates()
    wrong = {
        key: str(type_)
        for key, type_ in candidates.items()
        if not isinstance(type_, MoneyColumn) and key not in NOT_MONEY
    }
    assert set(wrong) - PENDING == set(), f"money not stored as hunan_shared.money.money_column(): {wrong}"
    assert PENDING - set(wrong) == set(), "PENDING lists columns already converted (or gone): remove them"
    assert set(NOT_MONEY) <= set(candidates), "NOT_MONEY lists columns that no longer exist or are not NUMERIC"


def test_the_money_name_convention_recognises_the_budget_amounts() -> None:
    # the convention must see the suite's existing money columns, or the test above would prove nothing
    budget = {key for key, type_ in _candidates().items() if key[0] == "budget" and isinstance(type_, MoneyColumn)}
    assert ("budget", "budgetline", "amount") in budget
    assert not MONEY_NAME.search("total_posts") and not MONEY_NAME.search("fee_item_id")


def test_science_revision_converts_stored_yuan_to_fen_exactly_and_back(database_url: str) -> None:
    script = "hunan_science:migrations"
    engine = make_engine(database_url)
    amounts = [Decimal("0.05"), Decimal("4.35"), Decimal("1234567.89"), Decimal("99999999999.99")]
    insert = text(
        "INSERT INTO contentgrant (id, category, recipient, project_title, funder, amount, year, division_code,"
        " recorded_at) VALUES (:id, 'CREATION', 'r', 't', 'f', :amount, 2026, '430000', '2026-01-01T00:00:00+00:00')"
    ).bindparams(bindparam("amount", type_=Numeric(14, 2)))
    try:
        migrations.upgrade(engine, script, "42a247b14b3f")  # the head before the money revision
        with engine.begin() as connection:
            for i, amount in enumerate(amounts):
                connection.execute(insert, {"id": f"g{i}", "amount": amount})
        migrations.upgrade(engine, script)
        with engine.connect() as connection:
            stored = connection.execute(text("SELECT amount FROM contentgrant ORDER BY id")).scalars().all()
        assert stored == [5, 435, 123456789, 9999999999999]
        assert all(isinstance(fen, int) for fen in stored)

        config = migrations.alembic_config(script, engine.url.render_as_string(hide_password=False))
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "42a247b14b3f")
            if connection.in_transaction():
                connection.commit()
        with engine.connect() as connection:
            back = connection.execute(text("SELECT amount FROM contentgrant ORDER BY id")).scalars().all()
        assert [Decimal(str(value)).quantize(Decimal("0.01")) for value in back] == amounts
    finally:
        engine.dispose()


# emergency's revision b6d3f1a8c924: {table: {INTEGER fen column before: money column after}}
EMERGENCY_MONEY = {
    "disaster": {"direct_loss_fen": "direct_loss"},
    "supplyitem": {"unit_value_fen": "unit_value"},
    "tipoff": {"standard_reward_fen": "standard_reward", "reward_fen": "reward"},
    "dispatch": {"transport_cost_fen": "transport_cost", "goods_value_fen": "goods_value"},
    "reliefcase": {"relief_funds_fen": "relief_funds"},
    "replenishmentrequest": {"estimated_cost_fen": "estimated_cost"},
    "dispatchlegrecord": {"cost_fen": "cost"},
}
# the parents those rows need, and `stock`, a child of `supplyitem` (a rebuilt parent keeps its children)
EMERGENCY_ROWS = set(EMERGENCY_MONEY) | {"depot", "supplyrequest", "stock"}


def _filler_row(table: Table, i: int, fen: int | None) -> dict[str, object]:
    """A row of `table` as it stood before the revision: the money columns hold `fen`, keys point to row i."""
    row: dict[str, object] = {}
    for column in table.columns:
        type_ = column.type
        if column.name in EMERGENCY_MONEY.get(table.name, {}):
            row[column.name] = fen if fen is not None or column.nullable else 0
        elif isinstance(type_, Integer) and column.primary_key:
            row[column.name] = i + 1
        elif column.primary_key or column.foreign_keys:
            row[column.name] = f"g{i}"
        elif isinstance(type_, Boolean):
            row[column.name] = False
        elif isinstance(type_, DateTime):
            row[column.name] = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
        elif isinstance(type_, JSON):
            row[column.name] = []
        elif isinstance(type_, Integer | Float | Numeric):
            row[column.name] = 0
        elif isinstance(type_, String):
            row[column.name] = "x"
        else:
            raise AssertionError(f"{table.name}.{column.name}: no filler for {type_!r}")
    return row


STORED_FEN = [None, 5, 435, 2_147_483_647]  # None: a nullable reward not yet assessed (0 where NOT NULL)


def _ours(connection: Connection, table: Table, column: str) -> list[int | None]:
    """The values of `column` in the filler rows (not the rows the migrations seeded), in row order."""
    key = next(iter(table.primary_key.columns)).name
    rows = dict(connection.execute(text(f"SELECT {key}, {column} FROM {table.name}")).all())
    return [rows[i + 1 if isinstance(table.columns[key].type, Integer) else f"g{i}"] for i in range(len(STORED_FEN))]


def _want(table: Table, fen_column: str) -> list[int | None]:
    nullable = table.columns[fen_column].nullable
    return [0 if fen is None and not nullable else fen for fen in STORED_FEN]


def test_emergency_revision_moves_integer_fen_to_the_shared_column_exactly_and_back(database_url: str) -> None:
    """The values were whole fen already: they are kept exactly, in BIGINT columns named like the yuan field, read
    as Decimal yuan; a value beyond INTEGER fits afterwards; the downgrade restores the INTEGER `…_fen` columns."""
    from hunan_emergency import models

    script, before = "hunan_emergency:migrations", "4b8e1f0c2d57"  # the head before the money revision
    engine = make_engine(database_url)
    stored = STORED_FEN
    try:
        migrations.upgrade(engine, script, before)
        old = MetaData()
        old.reflect(engine, only=sorted(EMERGENCY_ROWS))
        with engine.begin() as connection:
            for table in old.sorted_tables:
                for i, fen in enumerate(stored):
                    connection.execute(table.insert().values(_filler_row(table, i, fen)))

        migrations.upgrade(engine, script)
        columns = {
            table: {c["name"]: c["type"] for c in inspect(engine).get_columns(table)} for table in EMERGENCY_MONEY
        }
        with engine.connect() as connection:
            for table, renames in EMERGENCY_MONEY.items():
                for fen_column, money_column in renames.items():
                    assert fen_column not in columns[table]
                    assert isinstance(columns[table][money_column], BigInteger), (table, money_column)
                    assert _ours(connection, old.tables[table], money_column) == _want(old.tables[table], fen_column)
            connection.execute(text("UPDATE disaster SET direct_loss = 9999999999999 WHERE id = 'g0'"))
            connection.commit()
        with Session(engine) as session:
            assert session.get(models.SupplyItem, "tent").unit_value == Decimal("1500.00")  # the seeded catalogue
            assert session.get(models.Disaster, "g3").direct_loss == Decimal("21474836.47")
            assert session.get(models.Disaster, "g0").direct_loss == Decimal("99999999999.99")  # beyond INTEGER
            assert session.get(models.DispatchLegRecord, 3).cost == Decimal("4.35")
            assert session.get(models.TipOff, "g0").reward is None
            assert session.get(models.SupplyItem, "g1").unit_value == Decimal("0.05")
        with engine.begin() as connection:
            connection.execute(text("UPDATE disaster SET direct_loss = 0 WHERE id = 'g0'"))

        config = migrations.alembic_config(script, engine.url.render_as_string(hide_password=False))
        with engine.connect() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, before)
            if connection.in_transaction():
                connection.commit()
        with engine.connect() as connection:
            for table, renames in EMERGENCY_MONEY.items():
                for fen_column in renames:
                    assert _ours(connection, old.tables[table], fen_column) == _want(old.tables[table], fen_column)
    finally:
        engine.dispose()
