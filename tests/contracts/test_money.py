"""One representation of money across the suite (ADR 0016, issue #16): every model column holding an amount is
the shared `MoneyColumn` (whole fen in a BIGINT, Decimal yuan in code), and the revision moving a service onto
it converts stored NUMERIC yuan exactly, both ways.

A column holds money when its name says so (`amount`, `total`, `…_cost`, `…_fee`, `…_cny`, `…_fen`, …), or when
it is any NUMERIC at all: a NUMERIC that is not money (an area, an indicator value, a count of posts) is listed
in NOT_MONEY with its reason.
"""

from __future__ import annotations

import importlib
import re
from decimal import Decimal

from alembic import command
from sqlalchemy import Float, Numeric, bindparam, text

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
# money columns not yet on the shared type; a service converting one removes it here (the test fails until then
# if the list is stale, so it can only shrink)
PENDING = {
    # integer fen in INTEGER columns, and integer fen in emergency's code and API (`…_fen` fields)
    ("emergency", "disaster", "direct_loss_fen"),
    ("emergency", "supplyitem", "unit_value_fen"),
    ("emergency", "tipoff", "standard_reward_fen"),
    ("emergency", "tipoff", "reward_fen"),
    ("emergency", "dispatch", "transport_cost_fen"),
    ("emergency", "dispatch", "goods_value_fen"),
    ("emergency", "reliefcase", "relief_funds_fen"),
    ("emergency", "replenishmentrequest", "estimated_cost_fen"),
    ("emergency", "dispatchlegrecord", "cost_fen"),
}


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
