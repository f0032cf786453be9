"""R34–R58: sector rules, caps, plans and drills, relief, rewards, credit, governance and indicators."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest

from hunan_emergency.rules.basis import AdminLevel, InvalidInput
from hunan_emergency.rules.classification import NaturalHazardType
from hunan_emergency.rules.governance import (
    TownshipCapability,
    double_random_selection,
    enforcement_transparency_gaps,
    funding_in_budget,
    plan_evaluations_overdue,
    township_capability_gaps,
    village_station_gaps,
)
from hunan_emergency.rules.indicators import (
    CoreIndicator,
    GoalIndicator,
    YearInputs,
    core_indicator_met,
    core_indicator_values,
    goal_indicator_met,
)
from hunan_emergency.rules.plans import (
    DrillMode,
    DrillRecord,
    PlanTier,
    comprehensive_drill_due,
    drill_programme_gaps,
    effective_drill_mode,
    plan_system_problems,
)
from hunan_emergency.rules.relief import (
    ReliefType,
    ReporterType,
    donation_transparency_gaps,
    joint_punishment_applies,
    relief_type_allowed,
    tipoff_reward,
)
from hunan_emergency.rules.sectors import (
    PLAN_BASELINE,
    CappedRegistry,
    CapStatus,
    CoalClosureGround,
    Hydrogeology,
    MineKind,
    ProjectVerdict,
    VehicleClass,
    cap_trajectory,
    coal_mine_in_root_cause_campaign,
    fire_death_rate_met,
    four_closures_one_in_place,
    hazchem_project_controls,
    key_hazchem_equipment_gaps,
    major_project_safety_verdict,
    net_change,
    new_registration_check,
    non_coal_mine_in_campaign,
    registry_cap_status,
    risk_assessment_due,
    special_equipment_death_rate_met,
    tailings_pond_must_close,
    two_coach_one_danger_one_school,
)


@pytest.mark.parametrize(
    ("last", "today", "due", "overdue"),
    [
        (date(2022, 5, 10), date(2025, 5, 10), date(2025, 5, 10), False),
        (date(2022, 5, 10), date(2025, 5, 11), date(2025, 5, 10), True),
        (date(2024, 2, 29), date(2027, 3, 1), date(2027, 2, 28), True),
    ],
    ids=["Plan 6(一) anniversary", "day after", "29 Feb"],
)
def test_r34_risk_assessment(last, today, due, overdue) -> None:
    check = risk_assessment_due(last, today).value
    assert (check.due, check.overdue) == (due, overdue)


@pytest.mark.parametrize(
    ("assessed", "major", "verdict"),
    [
        (False, False, ProjectVerdict.ASSESSMENT_REQUIRED),
        (True, True, ProjectVerdict.VETOED),
        (True, False, ProjectVerdict.MAY_PROCEED),
    ],
    ids=["Plan 6(一) unassessed", "一票否决", "clear"],
)
def test_r35_veto(assessed, major, verdict) -> None:
    assert major_project_safety_verdict(assessed, major).value is verdict


@pytest.mark.parametrize(
    ("capacity", "hydro", "targeted"),
    [
        (300_000, Hydrogeology.SIMPLE, True),
        (300_001, Hydrogeology.SIMPLE, False),
        (900_000, Hydrogeology.VERY_COMPLEX, True),
    ],
    ids=["Plan 6(三) 煤矿 30万吨 inclusive", "just above", "very complex hydrogeology"],
)
def test_r36_coal_campaign(capacity, hydro, targeted) -> None:
    decision = coal_mine_in_root_cause_campaign(
        rock_burst=False, coal_gas_outburst=False, hydrogeology=hydro, capacity_tpa=capacity
    )
    assert decision.value is targeted


@pytest.mark.parametrize(
    ("subcontracting", "rectified", "must_close", "grounds"),
    [
        (True, True, False, ()),
        (True, False, True, (CoalClosureGround.ILLEGAL_SUBCONTRACTING_NOT_RECTIFIED,)),
    ],
    ids=["名词解释15 subcontracting rectified", "not rectified closes"],
)
def test_r37_four_closures(subcontracting, rectified, must_close, grounds) -> None:
    result = four_closures_one_in_place(
        due_to_exit=False,
        beyond_depth_or_boundary=False,
        producing_under_upgrade_cover=False,
        illegal_subcontracting=subcontracting,
        subcontracting_rectified=rectified,
        major_hidden_dangers_open=2,
    ).value
    assert (result.must_close, result.closure_grounds, result.hidden_dangers_not_rectified) == (
        must_close,
        grounds,
        2,
    )


def test_r37_beyond_boundary_closes() -> None:
    result = four_closures_one_in_place(
        due_to_exit=False,
        beyond_depth_or_boundary=True,
        producing_under_upgrade_cover=False,
        illegal_subcontracting=False,
        subcontracting_rectified=False,
        major_hidden_dangers_open=0,
    ).value
    assert result.must_close and result.closure_grounds == (CoalClosureGround.BEYOND_DEPTH_OR_BOUNDARY,)


@pytest.mark.parametrize(
    ("slope", "targeted"),
    [(Decimal(200), False), (Decimal("200.1"), True)],
    ids=["Plan 6(三) 非煤 200 m", "200.1 m"],
)
def test_r38_open_pit(slope, targeted) -> None:
    assert non_coal_mine_in_campaign(MineKind.OPEN_PIT_METAL_NONMETAL, slope_height_m=slope).value is targeted


@pytest.mark.parametrize(
    ("final", "stopped", "operator", "must_close"),
    [
        (True, False, True, True),
        (False, True, True, True),
        (False, False, False, True),
        (False, False, True, False),
    ],
    ids=["Plan 6(三) final elevation", "stopped discharging", "no operator", "operating pond"],
)
def test_r40_tailings_closure_grounds(final, stopped, operator, must_close) -> None:
    decision = tailings_pond_must_close(
        reached_final_design_elevation=final,
        permanently_stopped_discharging=stopped,
        idle_since=None,
        has_operator=operator,
        as_of=date(2021, 6, 1),
    )
    assert decision.value is must_close


@pytest.mark.parametrize(
    ("registry", "count", "as_of", "status"),
    [
        (CappedRegistry.COAL_MINES, 80, date(2025, 12, 31), CapStatus.WITHIN),
        (CappedRegistry.COAL_MINES, 81, date(2025, 12, 30), CapStatus.ABOVE_TARGET),
        (CappedRegistry.FIREWORKS_PRODUCERS, 600, date(2026, 1, 1), CapStatus.WITHIN),
        (CappedRegistry.FIREWORKS_PRODUCERS, 601, date(2026, 1, 1), CapStatus.BREACHED),
        (CappedRegistry.TAILINGS_PONDS, 300, date(2025, 12, 31), CapStatus.WITHIN),
        (CappedRegistry.TAILINGS_PONDS, 301, date(2025, 12, 31), CapStatus.BREACHED),
    ],
    ids=[
        "Plan 6(三) coal 80",
        "coal 81 before deadline",
        "fireworks 600",
        "fireworks 601",
        "tailings 300",
        "tailings 301",
    ],
)
def test_r41_r42_caps(registry, count, as_of, status) -> None:
    assert registry_cap_status(registry, count, as_of).value is status


@pytest.mark.parametrize(
    ("registry", "before", "flagged", "justification"),
    [
        (CappedRegistry.COAL_MINES, 79, False, False),
        (CappedRegistry.COAL_MINES, 80, True, False),  # flagged, recorded: the cap is a target (issue 18 item 1)
        (CappedRegistry.TAILINGS_PONDS, 100, False, True),
    ],
    ids=["Plan 6(三) coal to 80", "coal to 81 flagged, no justification", "tailings 只减不增"],
)
def test_r41_r42_new_registrations(registry, before, flagged, justification) -> None:
    check = new_registration_check(registry, before, date(2024, 1, 1)).value
    assert (check.flagged, check.needs_justification) == (flagged, justification)


@pytest.mark.parametrize(
    ("registry", "before", "new_site", "low_water", "expected"),
    [
        (CappedRegistry.TAILINGS_PONDS, 528, False, None, (True, False, False)),  # existing pond recorded
        (CappedRegistry.TAILINGS_PONDS, 299, True, 299, (False, True, True)),  # new pond: +1 over the lowest
        (CappedRegistry.TAILINGS_PONDS, 298, True, 299, (False, True, False)),  # back to the lowest: no increase
        (CappedRegistry.COAL_MINES, 80, True, 80, (True, False, True)),  # the 81st mine
        (CappedRegistry.FIREWORKS_PRODUCERS, 599, False, 599, (False, False, False)),
    ],
    ids=[
        "第六章（三） existing tailings pond",
        "new pond net increase",
        "new pond after closure",
        "81st coal mine",
        "existing 600th producer",
    ],
)
def test_r41_r42_registration_flags(registry, before, new_site, low_water, expected) -> None:
    check = new_registration_check(registry, before, date(2026, 3, 1), new_site=new_site, low_water=low_water).value
    assert (check.flagged, check.needs_justification, check.net_increase) == expected


@pytest.mark.parametrize(
    ("registry", "count", "as_of", "statuses"),
    [
        (CappedRegistry.COAL_MINES, 100, date(2021, 12, 31), [CapStatus.WITHIN, CapStatus.ABOVE_TARGET]),
        (CappedRegistry.COAL_MINES, 101, date(2021, 12, 30), [CapStatus.ABOVE_TARGET, CapStatus.ABOVE_TARGET]),
        (CappedRegistry.COAL_MINES, 101, date(2021, 12, 31), [CapStatus.STRIVE_MISSED, CapStatus.ABOVE_TARGET]),
        (CappedRegistry.COAL_MINES, 119, date(2026, 1, 1), [CapStatus.STRIVE_MISSED, CapStatus.BREACHED]),
        (CappedRegistry.COAL_MINES, 80, date(2026, 1, 1), [CapStatus.WITHIN, CapStatus.WITHIN]),
        (CappedRegistry.FIREWORKS_PRODUCERS, 930, date(2025, 12, 31), [CapStatus.BREACHED]),
        (CappedRegistry.TAILINGS_PONDS, 529, date(2025, 12, 30), [CapStatus.ABOVE_TARGET]),
        (CappedRegistry.TAILINGS_PONDS, 300, date(2030, 1, 1), [CapStatus.WITHIN]),
    ],
    ids=[
        "第六章（三） coal 100 on 2021-12-31",
        "coal 101 before 2021 deadline",
        "coal 101 strive missed",
        "coal 119 in 2026",
        "coal 80 in 2026",
        "fireworks 930 on deadline",
        "tailings 529 day before",
        "tailings 300",
    ],
)
def test_r41_r42_trajectory(registry, count, as_of, statuses) -> None:
    decision = cap_trajectory(registry, count, as_of)
    assert [v.status for v in decision.value] == statuses
    assert [v.excess for v in decision.value] == [max(0, count - v.milestone.limit) for v in decision.value]
    assert all("第六章（三）" in b.article for b in decision.basis)


def test_plan_baseline_counts_are_the_gazette_figures() -> None:
    assert PLAN_BASELINE == {
        CappedRegistry.COAL_MINES: 119,
        CappedRegistry.FIREWORKS_PRODUCERS: 930,
        CappedRegistry.TAILINGS_PONDS: 529,
    }


@pytest.mark.parametrize(
    ("baseline", "steps", "low", "increase"),
    [
        (529, [], 529, 0),
        (529, [-1, -1, 1], 527, 1),  # two closed, one new: 只减不增 breached by one
        (529, [1], 529, 1),  # a new pond on top of the baseline
        (10, [-1, 1, -1], 9, 0),
        (0, [1, 1], 0, 2),
    ],
    ids=["第六章（三） baseline only", "closures then a new pond", "new pond", "replaced then closed", "empty start"],
)
def test_r41_net_change_only_decrease(baseline, steps, low, increase) -> None:
    change = net_change(CappedRegistry.TAILINGS_PONDS, baseline, steps)
    assert (change.value.low_water, change.value.increase) == (low, increase)
    assert change.basis[0].note and "只减不增" in change.basis[0].note


@pytest.mark.parametrize(("baseline", "steps"), [(-1, []), (1, [2]), (1, [-1, -1])])
def test_r41_net_change_refuses_bad_input(baseline, steps) -> None:
    with pytest.raises(InvalidInput):
        net_change(CappedRegistry.COAL_MINES, baseline, steps)


@pytest.mark.parametrize(
    ("two_key", "three_key", "level", "expected"),
    [
        (True, False, AdminLevel.CITY, (True, False, True)),
        (True, True, AdminLevel.COUNTY, (True, True, False)),
        (False, False, AdminLevel.COUNTY, (False, False, True)),
    ],
    ids=["名词解释17 city level", "county too low", "ordinary project"],
)
def test_r43_hazchem(two_key, three_key, level, expected) -> None:
    c = hazchem_project_controls(
        involves_two_key_one_major=two_key, involves_three_key_one_high=three_key, controlling_level=level
    ).value
    assert (c.joint_risk_control_required, c.strict_licensing, c.approving_level_sufficient) == expected
    assert key_hazchem_equipment_gaps(gas_alarm=True, emergency_shutoff=False, automation=True).value == (
        "emergency_shutoff",
    )


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"scheduled_coach_class": 3}, VehicleClass.SCHEDULED_COACH_CLASS3_PLUS),
        ({"scheduled_coach_class": 4}, None),
        ({"carries_hazchem_fireworks_or_explosives": True}, VehicleClass.DANGEROUS_GOODS),
        ({"school_vehicle": True}, VehicleClass.SCHOOL),
    ],
    ids=["名词解释12 class 3", "class 4", "dangerous goods", "school"],
)
def test_r44_vehicle_classes(kwargs, expected) -> None:
    assert two_coach_one_danger_one_school(**kwargs).value is expected


@pytest.mark.parametrize(("deaths", "met"), [(13, True), (14, False)], ids=["Plan 6(三) 消防 1.3", "1.4"])
def test_r45_fire_rate(deaths, met) -> None:
    assert fire_death_rate_met(deaths, 10_000_000).value.met is met


@pytest.mark.parametrize(("deaths", "met"), [(5, True), (6, False)], ids=["Plan 6(三) 特种设备 0.25", "0.30"])
def test_r45_special_equipment_rate(deaths, met) -> None:
    assert special_equipment_death_rate_met(deaths, 200_000).value.met is met


@pytest.mark.parametrize(
    ("tiers", "problems"),
    [
        ([PlanTier.OVERALL, PlanTier.SPECIAL, PlanTier.DEPARTMENTAL], ()),
        ([PlanTier.SPECIAL], ("no overall plan",)),
        ([PlanTier.OVERALL, PlanTier.OVERALL], ("2 overall plans (exactly 1 allowed)",)),
    ],
    ids=["名词解释9 1+1+1", "no overall", "two overall"],
)
def test_r46_plan_system(tiers, problems) -> None:
    assert plan_system_problems(tiers).value == problems


def test_r47_leap_day_drill() -> None:
    assert comprehensive_drill_due(date(2024, 2, 29), date(2026, 2, 28)).value.overdue is False
    assert comprehensive_drill_due(date(2024, 2, 29), date(2026, 3, 1)).value.overdue is True


def test_r48_drill_programme() -> None:
    gaps = drill_programme_gaps(False, [DrillRecord("D1", True, False), DrillRecord("D2", True, True)]).value
    assert gaps == ("annual drill plan", "D1: report")


def test_r49_double_blind_kept_when_all_withheld() -> None:
    mode = effective_drill_mode(DrillMode.DOUBLE_BLIND, time_withheld=True, place_withheld=True, content_withheld=True)
    assert mode.value is DrillMode.DOUBLE_BLIND


@pytest.mark.parametrize(
    ("relief", "hazard", "drought", "forest", "month", "allowed"),
    [
        (ReliefType.DROUGHT_TEMPORARY_HARDSHIP, NaturalHazardType.FLOOD_DROUGHT, True, False, 8, True),
        (ReliefType.DROUGHT_TEMPORARY_HARDSHIP, NaturalHazardType.FLOOD_DROUGHT, False, False, 8, False),
        (ReliefType.WINTER_SPRING_HARDSHIP, None, False, False, 12, True),
        (ReliefType.WINTER_SPRING_HARDSHIP, None, False, False, 7, False),
        (ReliefType.FOREST_ECO_RESTORATION, NaturalHazardType.FOREST_FIRE, False, True, 3, True),
        (ReliefType.FOREST_ECO_RESTORATION, NaturalHazardType.EARTHQUAKE, False, False, 3, False),
        (ReliefType.EMERGENCY_RELIEF, NaturalHazardType.EARTHQUAKE, False, False, 3, True),
    ],
    ids=[
        "Plan 7(四) drought",
        "flood not drought",
        "winter",
        "summer",
        "forest damaged",
        "no forest damage",
        "emergency relief",
    ],
)
def test_r50_relief_types(relief, hazard, drought, forest, month, allowed) -> None:
    assert (
        relief_type_allowed(relief, hazard=hazard, is_drought=drought, forest_damaged=forest, month=month).value
        is allowed
    )


def test_r51_donations() -> None:
    assert donation_transparency_gaps(use_published=True, use_evaluated=False, open_to_supervision=True).value == (
        "evaluated",
    )


@pytest.mark.parametrize(
    ("reporter", "verified", "amount", "special"),
    [
        (ReporterType.PUBLIC, True, Decimal("1000.00"), False),
        (ReporterType.INSIDER, True, Decimal("1200.00"), False),
        (ReporterType.INSIDER, False, Decimal("0.00"), False),
    ],
    ids=["Plan 10(六) public", "insider +20%", "untrue tip"],
)
def test_r52_rewards(reporter, verified, amount, special) -> None:
    reward = tipoff_reward(
        Decimal(1000), reporter, verified_true=verified, directly_avoided_casualties_or_major_loss=False
    ).value
    assert (reward.amount, reward.special_reward) == (amount, special)


@pytest.mark.parametrize(
    ("listed", "repaired", "applies"),
    [(True, False, True), (True, True, False), (False, False, False)],
    ids=["Plan 10(六) listed", "repaired", "not listed"],
)
def test_r53_credit(listed, repaired, applies) -> None:
    assert joint_punishment_applies(on_serious_dishonesty_list=listed, credit_repaired=repaired).value is applies


def test_r54_enforcement_transparency_and_double_random() -> None:
    assert enforcement_transparency_gaps(
        publicised=True, fully_recorded=True, is_major_decision=True, legally_reviewed=False
    ).value == ("legal_review",)
    first = double_random_selection(
        list("ABCDEFGH"), ["i1", "i2", "i3"], target_count=3, inspector_count=2, rng=random.Random(7)
    ).value
    again = double_random_selection(
        list("ABCDEFGH"), ["i1", "i2", "i3"], target_count=3, inspector_count=2, rng=random.Random(7)
    ).value
    assert first == again and len(first.targets) == 3 and len(set(first.inspectors)) == 2


def test_r55_township_and_village() -> None:
    township = TownshipCapability(
        True, frozenset({"安全生产（消防安全）", "防汛抗旱", "地质灾害"}), True, True, 14, True, True
    )
    assert township_capability_gaps(township).value == ("team", "specialist_group:森林消防")
    assert village_station_gaps(site_and_facilities=True, equipment_and_supplies=True, work_rules=True).value == ()


def test_r56_funding() -> None:
    assert funding_in_budget([]).value is True
    assert funding_in_budget(["off-budget rescue fund"]).value is False


INPUTS = YearInputs(
    accident_deaths=850,
    major_accidents=0,
    gdp_100m_yuan=Decimal(50000),
    industry_mining_commerce_workers=10_000_000,
    industry_mining_commerce_deaths=150,
    natural_disaster_deaths=60,
    population=66_000_000,
    affected_person_times=9_900_000,
    natural_disaster_direct_loss_100m_yuan=Decimal(400),
)


def test_r57_indicator_values() -> None:
    values = core_indicator_values(INPUTS).value
    assert values[CoreIndicator.DEATHS_PER_100M_GDP] == Decimal("0.017000")
    assert values[CoreIndicator.DEATHS_PER_100K_WORKERS] == Decimal("1.500000")
    assert values[CoreIndicator.NATURAL_DEATHS_PER_MILLION] == Decimal("0.909091")
    assert values[CoreIndicator.AFFECTED_PER_100K] == Decimal("15000.000000")
    assert values[CoreIndicator.LOSS_SHARE_OF_GDP] == Decimal("0.008000")


@pytest.mark.parametrize(
    ("indicator", "actual", "base", "met"),
    [
        (CoreIndicator.ACCIDENT_DEATHS, Decimal(850), Decimal(1000), True),
        (CoreIndicator.ACCIDENT_DEATHS, Decimal(851), Decimal(1000), False),
        (CoreIndicator.DEATHS_PER_100M_GDP, Decimal("0.067"), Decimal("0.1"), True),
        (CoreIndicator.DEATHS_PER_100K_WORKERS, Decimal("1.61"), Decimal(2), False),
        (CoreIndicator.MAJOR_ACCIDENTS, Decimal(0), None, True),
        (CoreIndicator.NATURAL_DEATHS_PER_MILLION, Decimal(1), None, False),
        (CoreIndicator.NATURAL_DEATHS_PER_MILLION, Decimal("0.99"), None, True),
        (CoreIndicator.AFFECTED_PER_100K, Decimal(18000), None, False),
        (CoreIndicator.LOSS_SHARE_OF_GDP, Decimal("0.0099"), None, True),
    ],
    ids=[
        "核心指标表 #1 −15% exactly",
        "#1 −14.9%",
        "#3 −33%",
        "#4 −19.5%",
        "#2 zero",
        "#5 exactly 1",
        "#5 0.99",
        "#6 exactly 18000",
        "#7 0.99%",
    ],
)
def test_r57_core_indicators(indicator, actual, base, met) -> None:
    assert core_indicator_met(indicator, actual, base).value is met


@pytest.mark.parametrize(
    ("goal", "num", "den", "met"),
    [
        (GoalIndicator.EQUIPMENT_COMPLIANCE, 80, 100, True),
        (GoalIndicator.PROFESSIONAL_STAFF_SHARE, 60, 100, False),
        (GoalIndicator.PROFESSIONAL_STAFF_SHARE, 61, 100, True),
        (GoalIndicator.NEW_EMPLOYEE_TRAINING, 99, 100, False),
    ],
    ids=["Plan 2(三)2 G1 80%", "G7 exactly 60% (超过)", "G7 61%", "G8 99%"],
)
def test_r57_goal_indicators(goal, num, den, met) -> None:
    assert goal_indicator_met(goal, num, den).value is met


@pytest.mark.parametrize(
    ("today", "midterm", "final", "overdue"),
    [
        (date(2023, 12, 31), False, False, ()),
        (date(2024, 1, 1), False, False, ("midterm",)),
        (date(2026, 1, 1), True, False, ("final",)),
    ],
    ids=["Plan 12(四) midterm due day", "midterm late", "final late"],
)
def test_r58_plan_evaluation(today, midterm, final, overdue) -> None:
    assert plan_evaluations_overdue(today, midterm_done=midterm, final_done=final).value == overdue
