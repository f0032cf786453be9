"""Pure lifecycle rules: report types, overdue, damage claims, execution per plan, aftercare checks, Art. 33 orders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hunan_trees.rules.habitat import ProhibitedAct
from hunan_trees.rules.lifecycle import (
    ACT_TEXT,
    AbnormalityType,
    Order,
    ReportKind,
    acted_on_time,
    aftercare_check_dates,
    aftercare_check_in_window,
    damage_claim_valid,
    execution_follows_plan,
    fine_for_reference_tree,
    orders_valid,
    overdue,
    reduction_margin_valid,
    report_type_valid,
)

D = dt.date


@pytest.mark.parametrize(
    "kind,kind_type,ok",
    [
        (ReportKind.ABNORMALITY, AbnormalityType.PEST_INFESTATION, True),
        (ReportKind.ABNORMALITY, None, False),
        (ReportKind.SUSPECTED_DEATH, None, True),
        (ReportKind.SUSPECTED_DEATH, AbnormalityType.NATURAL_DAMAGE, False),
    ],
)
def test_report_type(kind, kind_type, ok):
    decision = report_type_valid(kind, kind_type)
    assert decision.value is ok
    assert decision.basis[0].article in {"Art. 18 / 第十八条", "Art. 29 / 第二十九条"}


def test_overdue():
    due = D(2024, 10, 10)  # TC10
    assert overdue(due, D(2024, 10, 10), acted=False).value is False  # the due day is still in time
    assert overdue(due, D(2024, 10, 11), acted=False).value is True
    assert overdue(due, D(2024, 10, 11), acted=True).value is False
    assert acted_on_time(due, D(2024, 10, 10), ReportKind.ABNORMALITY).value is True
    assert acted_on_time(due, D(2024, 10, 11), ReportKind.SUSPECTED_DEATH).basis[0].article == "Art. 29 / 第二十九条"


@pytest.mark.parametrize("margin,ok", [(5.0, False), (4.99, True), (0.0, True), (-0.1, False)])
def test_reduction_margin(margin, ok):
    assert reduction_margin_valid(margin, 5.0).value is ok


@pytest.mark.parametrize(
    "rejuvenation,maintenance,ok", [("0", "0", False), ("0", "0.01", True), ("100", "0", True), ("-1", "5", False)]
)
def test_damage_claim(rejuvenation, maintenance, ok):
    decision = damage_claim_valid(Decimal(rejuvenation), Decimal(maintenance))
    assert decision.value is ok and decision.basis[0].article == "Art. 25 / 第二十五条"


@pytest.mark.parametrize("distance,ok", [(0.0, True), (30.0, True), (30.01, False)])
def test_execution_follows_plan(distance, ok):
    assert execution_follows_plan(distance, 30.0).value is ok


def test_aftercare_checks():
    dates = aftercare_check_dates(D(2024, 2, 29)).value  # TC20
    assert dates == (D(2025, 2, 28), D(2026, 2, 28), D(2027, 2, 28), D(2028, 2, 29), D(2029, 2, 28))
    assert aftercare_check_in_window(D(2024, 2, 29), 1, D(2024, 2, 29)).value is False  # the execution day itself
    assert aftercare_check_in_window(D(2024, 2, 29), 1, D(2025, 2, 28)).value is True
    assert aftercare_check_in_window(D(2024, 2, 29), 2, D(2025, 2, 28)).value is False
    assert aftercare_check_in_window(D(2024, 2, 29), 5, D(2029, 2, 28)).value is True
    assert aftercare_check_in_window(D(2024, 2, 29), 6, D(2029, 6, 1)).value is False


@pytest.mark.parametrize(
    "orders,restore_by,ok",
    [
        ({Order.STOP, Order.RESTORE_BY_DEADLINE}, D(2025, 6, 1), True),
        ({Order.STOP, Order.REMEDIAL_MEASURES}, None, True),
        ({Order.STOP}, None, False),
        ({Order.RESTORE_BY_DEADLINE}, D(2025, 6, 1), False),
        ({Order.STOP, Order.RESTORE_BY_DEADLINE}, None, False),
        ({Order.STOP, Order.RESTORE_BY_DEADLINE}, D(2025, 1, 1), False),  # the limit must follow the decision
    ],
)
def test_orders_valid(orders, restore_by, ok):
    decision = orders_valid(orders, restore_by, D(2025, 1, 1))
    assert decision.value is ok and decision.basis[0].article == "Art. 33 / 第三十三条"


def test_reference_trees_are_not_fined():
    assert fine_for_reference_tree(True, Decimal(500)).value is False
    assert fine_for_reference_tree(True, None).value is True
    assert fine_for_reference_tree(False, Decimal(500)).value is True


def test_every_prohibited_act_has_its_text():
    assert set(ACT_TEXT) == set(ProhibitedAct) and len(ACT_TEXT) == 23
