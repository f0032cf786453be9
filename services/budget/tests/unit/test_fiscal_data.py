"""The Fiscal Data Package engine: the descriptor validates with the frictionless tooling, and bad data does not."""

from __future__ import annotations

from decimal import Decimal as D

from frictionless import validate

from hunan_budget.engines.fiscal_data import LineRow, fiscal_data_package


def row(line_id="l1", executed="0.00"):
    return LineRow(
        line_id,
        2026,
        "430104",
        "岳麓区",
        "区自然资源局",
        "GENERAL_PUBLIC",
        "EXPENDITURE",
        "2200101",
        "30201",
        "地灾治理",
        D("800000.00"),
        D("800000.00"),
        D("900000.00"),
        D(executed),
    )


def test_package_validates_with_phases_in_cny():
    package = fiscal_data_package("hunan-budget-430104-2026", "岳麓区 2026", [row(), row("l2", "1.50")])
    assert validate(package).valid
    assert package["model"]["measures"]["executed"] == {
        "source": "executed",
        "currency": "CNY",
        "phase": "executed",
        "factor": 1,
    }


def test_invalid_rows_are_caught_by_the_validator():
    duplicate = fiscal_data_package("p", "t", [row(), row()])  # primary key repeated
    negative = fiscal_data_package("p", "t", [row(executed="-1.00")])
    assert not validate(duplicate).valid and not validate(negative).valid
