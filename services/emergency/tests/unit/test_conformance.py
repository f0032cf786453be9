"""Conformance cases E1–E25 of the emergency catalogue (§7), at the level of the pure rules."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from hunan_emergency.engines.planner import Demand, Depot, Travel, plan_dispatch
from hunan_emergency.rules.basis import AdminLevel, NotAuthorised
from hunan_emergency.rules.classification import (
    AccidentSeverity,
    HazardCategory,
    InvalidHazard,
    NaturalHazardType,
    ResponseLevel,
    classify_hazard,
    counts_as_extraordinary_or_major_accident,
    validate_declaration_divisions,
)
from hunan_emergency.rules.enterprise import (
    DualReportStatus,
    ResponsiblePersons,
    dual_report_status,
    first_responsible_persons_missing,
)
from hunan_emergency.rules.hidden_dangers import (
    hidden_danger_overdue,
    overdue_notification_due,
    require_identification_authority,
)
from hunan_emergency.rules.indicators import CoreIndicator, core_indicator_met
from hunan_emergency.rules.plans import DrillMode, comprehensive_drill_due, effective_drill_mode
from hunan_emergency.rules.relief import ReporterType, tipoff_reward
from hunan_emergency.rules.reserves import level_one_reserve_shortfalls
from hunan_emergency.rules.sectors import (
    CappedRegistry,
    CapStatus,
    MineKind,
    is_overhead_tailings_pond,
    new_registration_check,
    non_coal_mine_in_campaign,
    registry_cap_status,
    tailings_pond_must_close,
)
from hunan_emergency.rules.teams import ComprehensiveTeamLevel, TeamSizeStatus, team_size_status
from hunan_emergency.rules.time_targets import TargetOutcome, basic_living_relief_met, urban_rail_response_met
from hunan_emergency.rules.warnings import warning_coverage_met
from hunan_emergency.rules.workflows import (
    DisasterAction,
    DisasterState,
    DispatchAction,
    DispatchState,
    HiddenDangerAction,
    HiddenDangerState,
    IllegalTransition,
    next_disaster_state,
    next_dispatch_state,
    next_hidden_danger_state,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
T0 = datetime(2026, 7, 1, 6, 0, tzinfo=SHANGHAI)
TOWNSHIP = "430121001"  # a township of 长沙县 (statistical code)


def test_conformance_E1() -> None:
    """Declare FOREST_FIRE, Level I, one county → accepted, W1 moves to DECLARED."""
    hazard = classify_hazard(HazardCategory.NATURAL_DISASTER, "FOREST_FIRE")
    divisions = validate_declaration_divisions(["430121"], "430100")
    state = next_disaster_state(DisasterState.REPORTED, DisasterAction.DECLARE)
    assert hazard.value.natural_type is NaturalHazardType.FOREST_FIRE
    assert divisions.value == ("430121",)
    assert ResponseLevel("I") is ResponseLevel.I
    assert state.value is DisasterState.DECLARED


def test_conformance_E2() -> None:
    assert classify_hazard("NATURAL_DISASTER", "低温雨雪冰冻").value.natural_type is NaturalHazardType.METEOROLOGICAL


def test_conformance_E3() -> None:
    with pytest.raises(InvalidHazard, match="five major disasters"):
        classify_hazard(HazardCategory.NATURAL_DISASTER, "epidemic")


def test_conformance_E4() -> None:
    with pytest.raises(InvalidHazard, match="sector"):
        classify_hazard(HazardCategory.PRODUCTION_SAFETY_ACCIDENT)


def test_conformance_E5() -> None:
    assert level_one_reserve_shortfalls({"tent": 950}, {"tent": 1000}).value == {"tent": 50}


def _tiered_depots(township: int, county: int, city: int, province: int) -> list[Depot]:
    # The province sits nearest on purpose: the sourcing order must still win over distance.
    return [
        Depot("T", AdminLevel.TOWNSHIP, TOWNSHIP, 0, 0, {"tent": township}),
        Depot("C", AdminLevel.COUNTY, "430121", 0, 0, {"tent": county}),
        Depot("M", AdminLevel.CITY, "430100", 0, 0, {"tent": city}),
        Depot("P", AdminLevel.PROVINCE, "430000", 0, 0, {"tent": province}),
    ]


def _province_is_nearest(depot: Depot, demand: Demand, item: str) -> Travel:
    return Travel(minutes={"T": 90, "C": 60, "M": 45, "P": 5}[depot.depot_id], cost_per_unit=Decimal(1))


def test_conformance_E6() -> None:
    plan = plan_dispatch(
        _tiered_depots(200, 500, 1000, 5000),
        [Demand("R1", TOWNSHIP, 0, 0, {"tent": 1000})],
        travel=_province_is_nearest,
    )
    assert {leg.depot_id: leg.quantity for leg in plan.legs} == {"T": 200, "C": 500, "M": 300}
    assert plan.fully_planned
    assert next_dispatch_state(DispatchState.PLANNING, DispatchAction.PLAN_IN_FULL).value is DispatchState.PLANNED


def test_conformance_E7() -> None:
    plan = plan_dispatch(
        _tiered_depots(10, 20, 30, 40),
        [Demand("R1", TOWNSHIP, 0, 0, {"tent": 1000})],
        travel=_province_is_nearest,
    )
    assert sum(leg.quantity for leg in plan.legs) == 100
    assert [(s.item, s.missing) for s in plan.shortfalls] == [("tent", 900)]
    state = next_dispatch_state(DispatchState.PLANNING, DispatchAction.PLAN_WITH_SHORTFALL)
    assert state.value is DispatchState.PARTIALLY_PLANNED


def test_conformance_E8() -> None:
    """Rule-level part of idempotency: a request already in planning cannot be planned again. (Event
    de-duplication itself is the inbox's job in the service layer.)"""
    state = next_dispatch_state(DispatchState.RECEIVED, DispatchAction.START_PLANNING).value
    with pytest.raises(IllegalTransition):
        next_dispatch_state(state, DispatchAction.START_PLANNING)


@pytest.mark.parametrize(
    ("aid_after", "expected"),
    [(timedelta(hours=10), TargetOutcome.MET), (timedelta(hours=10, minutes=1), TargetOutcome.BREACHED)],
    ids=["Plan 2(三)2 10h00 met", "Plan 2(三)2 10h01 breach"],
)
def test_conformance_E9(aid_after: timedelta, expected: TargetOutcome) -> None:
    assert basic_living_relief_met(T0, T0 + aid_after).value.outcome is expected


@pytest.mark.parametrize(
    ("response_after", "expected"),
    [(timedelta(minutes=30), TargetOutcome.MET), (timedelta(minutes=31), TargetOutcome.BREACHED)],
    ids=["Plan 2(三)2 30min met", "Plan 2(三)2 31min breach"],
)
def test_conformance_E10(response_after: timedelta, expected: TargetOutcome) -> None:
    assert urban_rail_response_met(T0, T0 + response_after).value.outcome is expected


@pytest.mark.parametrize(("reached", "met"), [(9000, True), (8999, False)], ids=["90% met", "89.99% not met"])
def test_conformance_E11(reached: int, met: bool) -> None:
    assert warning_coverage_met(reached, 10000).value.met is met


@pytest.mark.parametrize(
    ("today", "overdue"),
    [(date(2024, 3, 1), False), (date(2024, 3, 2), True)],
    ids=["anniversary", "day after"],
)
def test_conformance_E12(today: date, overdue: bool) -> None:
    assert comprehensive_drill_due(date(2022, 3, 1), today).value.overdue is overdue


def test_conformance_E13() -> None:
    mode = effective_drill_mode(DrillMode.DOUBLE_BLIND, time_withheld=True, place_withheld=False, content_withheld=True)
    assert mode.value is DrillMode.ANNOUNCED


def test_conformance_E14() -> None:
    with pytest.raises(NotAuthorised):
        require_identification_authority(AdminLevel.TOWNSHIP, has_safety_supervision_duty=True)


def test_conformance_E15() -> None:
    today = date(2026, 5, 20)
    deadline = today - timedelta(days=1)
    assert hidden_danger_overdue(deadline, today).value is True
    assert overdue_notification_due(deadline, today, delisted=False, deadlines_already_notified=()).value is True
    notified = next_hidden_danger_state(HiddenDangerState.IN_REMEDIATION, HiddenDangerAction.NOTIFY_OVERDUE)
    assert notified.value is HiddenDangerState.NOTIFIED
    with pytest.raises(IllegalTransition):
        next_hidden_danger_state(notified.value, HiddenDangerAction.VERIFY_ELIMINATED)


@pytest.mark.parametrize(
    ("level", "size", "expected"),
    [
        (ComprehensiveTeamLevel.TOWNSHIP, 14, TeamSizeStatus.NON_COMPLIANT),
        (ComprehensiveTeamLevel.TOWNSHIP, 15, TeamSizeStatus.COMPLIANT),
        (ComprehensiveTeamLevel.COUNTY, 29, TeamSizeStatus.NON_COMPLIANT),
        (ComprehensiveTeamLevel.COUNTY, 30, TeamSizeStatus.COMPLIANT),
        (ComprehensiveTeamLevel.COUNTY, 50, TeamSizeStatus.COMPLIANT),
        (ComprehensiveTeamLevel.COUNTY, 51, TeamSizeStatus.OUTSIDE_STANDARD),
    ],
    ids=[
        "专栏7 township 14",
        "专栏7 township 15",
        "专栏2 county 29",
        "专栏2 county 30",
        "专栏2 county 50",
        "专栏2 county 51",
    ],
)
def test_conformance_E16(level: ComprehensiveTeamLevel, size: int, expected: TeamSizeStatus) -> None:
    assert team_size_status(level, size).value is expected


@pytest.mark.parametrize(
    ("km", "overhead"), [(Decimal("1.0"), True), (Decimal("1.01"), False)], ids=["1.0 km", "1.01 km"]
)
def test_conformance_E17(km: Decimal, overhead: bool) -> None:
    assert is_overhead_tailings_pond(km).value is overhead


@pytest.mark.parametrize(
    ("as_of", "must_close"),
    [(date(2024, 6, 1), False), (date(2024, 6, 2), True)],
    ids=["3y exactly", "3y+1d"],
)
def test_conformance_E18(as_of: date, must_close: bool) -> None:
    decision = tailings_pond_must_close(
        reached_final_design_elevation=False,
        permanently_stopped_discharging=False,
        idle_since=date(2021, 6, 1),
        has_operator=True,
        as_of=as_of,
    )
    assert decision.value is must_close


@pytest.mark.parametrize(
    ("persons", "depth", "targeted"),
    [(30, 800, False), (31, 800, True), (30, 801, True)],
    ids=["30p 800m", "31p", "801m"],
)
def test_conformance_E19(persons: int, depth: int, targeted: bool) -> None:
    decision = non_coal_mine_in_campaign(
        MineKind.UNDERGROUND_METAL_NONMETAL, persons_underground=persons, depth_m=Decimal(depth)
    )
    assert decision.value is targeted


def test_conformance_E20() -> None:
    assert registry_cap_status(CappedRegistry.COAL_MINES, 81, date(2025, 12, 31)).value is CapStatus.BREACHED


def test_conformance_E21() -> None:
    persons = ResponsiblePersons("张三", "李四", "张三", frozenset({"张三"}))
    assert first_responsible_persons_missing(persons).value == ("actual_controller",)


def test_conformance_E22() -> None:
    assert dual_report_status(True, False).value is DualReportStatus.INCOMPLETE


def test_conformance_E23() -> None:
    reward = tipoff_reward(
        Decimal(1000),
        ReporterType.INSIDER,
        verified_true=True,
        directly_avoided_casualties_or_major_loss=True,
        insider_uplift=Decimal("0.20"),
    ).value
    assert reward.amount == Decimal("1200.00")
    assert reward.special_reward is True


def test_conformance_E24() -> None:
    check = new_registration_check(CappedRegistry.FIREWORKS_PRODUCERS, 600, date(2025, 6, 1)).value
    assert check.flagged is True


def test_conformance_E25() -> None:
    counts = counts_as_extraordinary_or_major_accident(
        HazardCategory.PRODUCTION_SAFETY_ACCIDENT, AccidentSeverity.MAJOR
    )
    assert counts.value is True
    assert core_indicator_met(CoreIndicator.MAJOR_ACCIDENTS, Decimal(1)).value is False
