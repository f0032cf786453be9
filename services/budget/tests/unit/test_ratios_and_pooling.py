"""Fiscal ratio checks (W5: R31, R36) and the Opinion's computed amounts (R4, R8–R10, R15, R23–R26, R39, R47,
R50, R51), boundaries on each side, the catalogue's conformance case in the id where there is one."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from hunan_budget.rules import pooling as p
from hunan_budget.rules.basis import BudgetRuleError
from hunan_budget.rules.ratios import CheckOutcome, Transfer, TransferKind, advance_transfer_ratio, suspense_ceiling

G, S = TransferKind.GENERAL, TransferKind.SPECIAL


@pytest.mark.parametrize(
    "transfers, kind, outcome",
    [
        ([Transfer(G, D(900), D(805)), Transfer(G, D(100), D(0), settled_on_actuals=True)], G, CheckOutcome.BREACH),
        ([Transfer(G, D(1000), D(900))], G, CheckOutcome.COMPLIANT),
        ([Transfer(G, D(1000), D("899.99"))], G, CheckOutcome.BREACH),
        ([Transfer(S, D(500), D(350))], S, CheckOutcome.COMPLIANT),
        ([Transfer(S, D(500), D("349.99"))], S, CheckOutcome.BREACH),
        ([Transfer(S, D(500), D(100)), Transfer(G, D(100), D(100))], G, CheckOutcome.COMPLIANT),
        ([], S, CheckOutcome.COMPLIANT),
    ],
    ids=[
        "Opinion(十三)-T4-805/900",
        "Opinion(十三)-90%-exact",
        "Opinion(十三)-below-90%",
        "Opinion(十三)-T5-70%-exact",
        "Opinion(十三)-below-70%",
        "Opinion(十三)-kinds-separate",
        "Opinion(十三)-nothing-to-notify",
    ],
)
def test_R31_advance_transfer_ratio(transfers, kind, outcome):
    decision = advance_transfer_ratio(transfers, kind)
    assert decision.value.outcome is outcome
    assert "R31" in decision.basis[0].article


@pytest.mark.parametrize(
    "on, suspense, outcome",
    [
        (dt.date(2023, 12, 31), D(50), CheckOutcome.COMPLIANT),
        (dt.date(2023, 12, 31), D("50.01"), CheckOutcome.BREACH),
        (dt.date(2024, 6, 30), D(49), CheckOutcome.COMPLIANT),
        (dt.date(2023, 6, 30), D(80), CheckOutcome.WARNING),
        (dt.date(2023, 12, 30), D("50.01"), CheckOutcome.WARNING),
    ],
    ids=[
        "Opinion(十四)-T6-5%-exact",
        "Opinion(十四)-T6-above-5%",
        "Opinion(十四)-after-limit-date",
        "Opinion(十四)-T7-before-limit-date",
        "Opinion(十四)-day-before-limit",
    ],
)
def test_R36_suspense_ceiling(on, suspense, outcome):
    decision = suspense_ceiling(on, suspense, D(800), D(200))
    assert decision.value.outcome is outcome and "R36" in decision.basis[0].article


def test_R36_without_expenditure_any_suspense_is_above_the_ceiling():
    assert suspense_ceiling(dt.date(2024, 1, 1), D(0), D(0), D(0)).value.outcome is CheckOutcome.COMPLIANT
    check = suspense_ceiling(dt.date(2024, 1, 1), D("0.01"), D(0), D(0))
    assert (check.value.outcome, check.value.ratio) == (CheckOutcome.BREACH, None) and "no ratio" in check.reason
    assert suspense_ceiling(dt.date(2023, 12, 30), D(1), D(0), D(0)).value.outcome is CheckOutcome.WARNING
    with pytest.raises(BudgetRuleError):
        suspense_ceiling(dt.date(2024, 1, 1), D(-1), D(10), D(0))


@pytest.mark.parametrize(
    "carryover, revenue, swept",
    [
        (D(300), D(1000), D(100)),
        (D(200), D(1000), D(0)),
        (D("200.01"), D(1000), D("0.01")),
        (D(50), D(0), D(50)),
    ],
    ids=["Opinion(五)-T1", "Opinion(五)-T2-exactly-20%", "Opinion(五)-just-above-20%", "Opinion(五)-no-revenue"],
)
def test_R8_government_fund_sweep(carryover, revenue, swept):
    assert p.government_fund_sweep(carryover, revenue).value == swept


@pytest.mark.parametrize("carryover, swept", [(D(80), D(40)), (D(0), D(0))], ids=["Opinion(五)-T3", "Opinion(五)-zero"])
def test_R9_state_capital_sweep(carryover, swept):
    assert p.state_capital_sweep(carryover).value == swept


@pytest.mark.parametrize(
    "months, research, recovered",
    [(11, False, False), (12, False, True), (30, True, False)],
    ids=["Opinion(五)-11-months", "Opinion(五)-12-months", "Opinion(五)-research-exempt"],
)
def test_R10_project_carryover(months, research, recovered):
    assert p.project_carryover_recovered(months, research).value is recovered


@pytest.mark.parametrize(
    "new, flagged, ok",
    [(D(81), True, False), (D(80), True, True), (D(99), False, True)],
    ids=["Opinion(七)-T9-81", "Opinion(七)-T9-80", "Opinion(七)-not-flagged"],
)
def test_R15_austerity_cap(new, flagged, ok):
    assert p.austerity_cap_respected(new, D(100), flagged).value is ok


@pytest.mark.parametrize(
    "link, legal, ok",
    [
        (p.LinkTarget.FINES_CONFISCATIONS, None, False),
        (p.LinkTarget.FINES_CONFISCATIONS, "某法第X条", True),
        (None, None, True),
        (p.LinkTarget.GDP, "  ", False),
    ],
    ids=["Opinion(二)-T17-no-basis", "Opinion(二)-T17-with-basis", "Opinion(二)-not-pegged", "Opinion(二)-blank-basis"],
)
def test_R4_pegging(link, legal, ok):
    assert p.pegging_allowed(link, legal).value is ok


@pytest.mark.parametrize(
    "bond, guaranteed, ok, rule",
    [
        (True, False, False, "R23"),
        (False, True, False, "R25"),
        (False, False, True, "R23"),
    ],
    ids=["Opinion(十)-T14-bond-money", "Opinion(十)-T15-guaranteed-return", "Opinion(十)-clean"],
)
def test_R23_R25_fund_contribution(bond, guaranteed, ok, rule):
    decision = p.fund_contribution_allowed(bond, guaranteed)
    assert decision.value is ok and rule in decision.basis[0].article


@pytest.mark.parametrize(
    "raised, triggered", [(D(299), True), (D(300), False)], ids=["Opinion(十)-T16-299", "Opinion(十)-T16-300"]
)
def test_R26_fund_exit(raised, triggered):
    assert p.fund_exit_triggered(raised, D(300), False, False).value is triggered


@pytest.mark.parametrize(
    "item, ok",
    [(p.ServiceItem.LABOR_DISPATCH, False), (p.ServiceItem.OTHER, True)],
    ids=["Opinion(十七)-T18-labour-dispatch", "Opinion(十七)-other"],
)
def test_R39_negative_list(item, ok):
    assert p.service_purchase_allowed(item).value is ok


@pytest.mark.parametrize(
    "kind, ok",
    [
        (p.MatchingBasis.OTHER, False),
        (p.MatchingBasis.SHARED_RESPONSIBILITY_LOCAL_SHARE, True),
        (p.MatchingBasis.CENTRAL_UNIFIED, True),
    ],
    ids=["Opinion(二十一)-T20-forced", "Opinion(二十一)-T20-shared-share", "Opinion(二十一)-central"],
)
def test_R47_matching(kind, ok):
    assert p.matching_requirement_allowed(kind).value is ok


@pytest.mark.parametrize(
    "inflated, deduction",
    [(D(10_000_000), D(5_000_000)), (D(0), D(0))],
    ids=["Opinion(二十三)-T8", "Opinion(二十三)-zero"],
)
def test_R50_inflated_revenue(inflated, deduction):
    assert p.inflated_revenue_deduction(inflated).value == deduction


@pytest.mark.parametrize(
    "published, on_time",
    [(dt.date(2022, 3, 21), True), (dt.date(2022, 3, 22), False)],
    ids=["Opinion(二十四)-T13-day-20", "Opinion(二十四)-T13-day-21"],
)
def test_R51_disclosure(published, on_time):
    assert p.disclosure_on_time(dt.date(2022, 3, 1), published).value is on_time
