"""Monitoring (R27–R29), social assistance (R1–R3, R9–R22), services (R8, R23–R26, R49–R80), 专栏1 indicators."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hunan_disability.rules import indicators as ind
from hunan_disability.rules import monitoring as mon
from hunan_disability.rules import services as svc
from hunan_disability.rules import social_assistance as sa
from hunan_disability.rules.enums import DisabilityCategory as C
from hunan_disability.rules.enums import DisabilityGrade as G
from hunan_disability.rules.enums import HouseholdStatus as H
from hunan_disability.rules.enums import UrbanRural
from hunan_shared import divisions

ALL_COUNTIES = [c.code for c in divisions.counties()]


@pytest.mark.parametrize(
    "extra, province_ok, missing",
    [(18, True, 0), (17, False, 0), (0, False, 0)],
    ids=["R28-140-all-counties", "R28-139", "R28-122"],
)
def test_R28_province_total(extra, province_ok, missing):
    villages = {code: 1 for code in ALL_COUNTIES}
    villages[ALL_COUNTIES[0]] += extra
    coverage = mon.monitored_village_coverage(villages).value
    assert (coverage.province_compliant, len(coverage.counties_without_village)) == (province_ok, missing)
    assert coverage.compliant is province_ok


def test_R28_unknown_county_code_is_refused():
    with pytest.raises(ValueError):
        mon.monitored_village_coverage({"999999": 1})


@pytest.mark.parametrize(
    "monitored, risks, expected",
    [
        (False, {"income_drop"}, mon.MonitoringStatus.MONITORED),
        (True, set(), mon.MonitoringStatus.RISK_ELIMINATED),
        (False, set(), mon.MonitoringStatus.NOT_MONITORED),
    ],
    ids=["R27-enrol", "R27-exit", "R27-none"],
)
def test_R27_monitoring_enrolment(monitored, risks, expected):
    assert mon.monitoring_enrolment(monitored, risks).value is expected


def test_R29_coverage_alerts_for_gaps_and_lapses():
    V = mon.Coverage
    previous = mon.CoverageSnapshot(eligible=frozenset({V.LIVING_SUBSIDY}), covered=frozenset({V.LIVING_SUBSIDY}))
    current = mon.CoverageSnapshot(
        eligible=frozenset({V.LIVING_SUBSIDY, V.MEDICAL_INSURANCE, V.PENSION_INSURANCE}),
        covered=frozenset({V.PENSION_INSURANCE, V.NURSING_SUBSIDY}),
    )
    alerts = mon.coverage_alerts(current, previous).value
    assert [(a.rule_code, a.severity) for a in alerts] == [
        ("GAP_LIVING_SUBSIDY", mon.AlertSeverity.HIGH),
        ("GAP_MEDICAL_INS", mon.AlertSeverity.MEDIUM),
    ]


def test_R29_no_alert_when_covered():
    snapshot = mon.CoverageSnapshot(frozenset(mon.Coverage), frozenset(mon.Coverage))
    assert mon.coverage_alerts(snapshot).value == []


@pytest.mark.parametrize(
    "meets, enrolled, gap",
    [(True, False, True), (True, True, False), (False, False, False)],
    ids=["R1-gap", "R1-enrolled", "R1-not-eligible"],
)
def test_R1_dibao_gap(meets, enrolled, gap):
    assert sa.dibao_enrolment_gap(meets, enrolled).value is gap


def test_R2_guardian_may_apply_for_a_person_lacking_capacity():
    decision = sa.single_person_dibao_route(
        G.ONE, H.DIBAO_MARGINAL, sa.Applicant.GUARDIAN_OR_AGENT, lacks_capacity=True
    )
    assert decision.value
    assert not sa.single_person_dibao_route(G.ONE, H.DIBAO_MARGINAL, sa.Applicant.GUARDIAN_OR_AGENT).value


def test_R2_household_below_the_line_uses_R1():
    assert not sa.single_person_dibao_route(G.ONE, H.DIBAO, sa.Applicant.PERSON).value


@pytest.mark.parametrize(
    "grade, other, expected",
    [
        (G.ONE, False, sa.PremiumPayment.FULL),
        (G.TWO, False, sa.PremiumPayment.FULL),
        (G.THREE, True, sa.PremiumPayment.PARTIAL),
        (G.THREE, False, sa.PremiumPayment.NONE),
    ],
    ids=["R19-grade1", "R19-grade2-full", "R19-grade3-partial", "R19-grade3-none"],
)
def test_R19_premiums(grade, other, expected):
    assert sa.premium_payment(grade, other).value is expected


@pytest.mark.parametrize(
    "low_income, grade, expected",
    [
        (True, None, sa.AssessmentSubsidy.UPFRONT),
        (False, G.TWO, sa.AssessmentSubsidy.REIMBURSE_AFTER),
        (False, G.THREE, sa.AssessmentSubsidy.NONE),
        (False, None, sa.AssessmentSubsidy.NONE),
    ],
    ids=["R22-low-income", "R22-severe-after", "R22-grade3", "R22-not-assessed"],
)
def test_R22_assessment_subsidy(low_income, grade, expected):
    assert sa.assessment_fee_subsidy(low_income, grade).value is expected


@pytest.mark.parametrize(
    "area, ok, expected",
    [
        (UrbanRural.RURAL, True, sa.HousingMeasure.DANGEROUS_HOUSE_RENOVATION),
        (UrbanRural.URBAN, True, sa.HousingMeasure.PUBLIC_RENTAL_PRIORITY),
        (UrbanRural.URBAN, False, sa.HousingMeasure.NONE),
    ],
    ids=["R18-rural", "R18-urban", "R18-not-eligible"],
)
def test_R18_housing(area, ok, expected):
    assert sa.housing_measure(area, ok).value is expected


def test_R9_to_R21_simple_entitlements():
    assert sa.utility_concessions(H.LOW_INCOME).value == sa.UTILITY_CONCESSIONS
    assert sa.utility_concessions(H.NONE).value == ()
    assert sa.transit_concession(True).value and not sa.transit_concession(False).value
    assert sa.wheelchair_fuel_subsidy(True, True).value and not sa.wheelchair_fuel_subsidy(True, False).value
    assert sa.map_veteran_assessment("六级", {"六级": (C.PHYSICAL, G.THREE)}).value == (C.PHYSICAL, G.THREE)
    assert sa.map_veteran_assessment("十级", {}).value is None
    assert sa.orphan_living_allowance(True).value
    assert sa.tekun_care_gap(sa.TekunSupportMode.DISPERSED, None).value
    assert not sa.tekun_care_gap(sa.TekunSupportMode.DISPERSED, "村委会张三").value
    assert sa.centralized_support_rate(3, 4).value == 0.75
    assert sa.homeless_response(True).value == sa.HOMELESS_RESPONSE
    assert sa.app_data_fee_waived("app-1", {"app-1"}).value and not sa.app_data_fee_waived("x", {"app-1"}).value
    assert (
        sa.supplementary_assistance_needed(True, True).value
        and not sa.supplementary_assistance_needed(False, True).value
    )


@pytest.mark.parametrize(
    "status, grade, monitored, interval",
    [
        (H.DIBAO, G.FOUR, False, 30),
        (H.NONE, G.ONE, False, None),
        (H.NONE, G.FOUR, True, 30),
        (H.NONE, G.FOUR, False, None),
    ],
    ids=["R23-hardship", "R23-severe-not-low-income", "R23-monitored", "R23-neither"],
)
def test_R23_regular_visits(status, grade, monitored, interval):
    assert svc.regular_visits_due(status, grade, monitored).value == interval


@pytest.mark.parametrize("count, ok", [(30, True), (29, False)], ids=["R24-30", "R24-29"])
def test_R24_centralized_care(count, ok):
    assert svc.township_may_set_up_centralized_care(count).value is ok


@pytest.mark.parametrize(
    "category, grade, age, ok",
    [
        (C.INTELLECTUAL, G.FOUR, 16, True),
        (C.INTELLECTUAL, G.FOUR, 15, False),
        (C.MENTAL, G.THREE, 59, True),
        (C.MENTAL, G.THREE, 60, False),
        (C.PHYSICAL, G.TWO, 30, True),
        (C.PHYSICAL, G.THREE, 30, False),
        (C.HEARING, G.ONE, 30, False),
    ],
    ids=[
        "R25-age16",
        "R25-age15",
        "R25-age59",
        "R25-age60",
        "R25-severe-physical",
        "R25-physical3",
        "R25-hearing",
    ],
)
def test_R25_tuoyang(category, grade, age, ok):
    assert svc.tuoyang_target_group(category, grade, age).value is ok


@pytest.mark.parametrize("age, ok", [(0, True), (6, True), (7, False)], ids=["R49-age0", "R49-age6", "R49-age7"])
def test_R49_screening(age, ok):
    assert svc.child_screening_due(age).value is ok


@pytest.mark.parametrize(
    "age, income_ok, policy, ok",
    [
        (6, True, svc.ChildRehabPolicy(), True),
        (7, True, svc.ChildRehabPolicy(), False),
        (7, False, svc.ChildRehabPolicy(max_age=14, income_test_enabled=False), True),
        (5, False, svc.ChildRehabPolicy(), False),
    ],
    ids=["R50-age6", "R50-age7", "R50-extended", "R50-income-test"],
)
def test_R50_child_rehab(age, income_ok, policy, ok):
    assert svc.child_rehab_assistance(age, income_ok, policy).value is ok


@pytest.mark.parametrize("providing, ok", [(98, True), (97, False)], ids=["R53-80.3pct", "R53-79.5pct"])
def test_R53_mental_rehab_share(providing, ok):
    assert svc.mental_rehab_county_share_met(providing, 122).value is ok


def test_R53_exactly_80_percent_meets():
    assert svc.mental_rehab_county_share_met(80, 100).value


@pytest.mark.parametrize("trained, ok", [(10, True), (9, False)], ids=["R52-all", "R52-one-missing"])
def test_R52_training(trained, ok):
    assert svc.rehab_training_complete(trained, 10).value is ok


def test_R62_disabled_children_first_among_equals():
    assert svc.placement_priority_order(
        [("a", False, True), ("b", True, True), ("c", True, False), ("d", True, True)]
    ) == ["b", "d", "a", "c"]


def test_R70_priority_and_R78_funding_order():
    pool = [
        svc.RenovationCandidate("d1", False, H.DIBAO, 1),
        svc.RenovationCandidate("d2", True, H.LOW_INCOME, 2),
        svc.RenovationCandidate("d3", True, H.TEKUN, 3),
        svc.RenovationCandidate("d4", False, H.DIBAO, 0),
    ]
    assert svc.renovation_priority(pool) == ["d3", "d2", "d4", "d1"]
    projects = [
        svc.FacilityProject("p1", False, False),
        svc.FacilityProject("p2", True, False),
        svc.FacilityProject("p3", False, True),
        svc.FacilityProject("p4", True, True),
    ]
    # R78: the text sets no order between a priority area and a place without a facility (issue 18 item 8):
    # both grounds first, then either one (by id), then none.
    assert svc.facility_funding_order(projects).value == ["p4", "p2", "p3", "p1"]


E = svc.FacilityProjectKind.EXPANSION


@pytest.mark.parametrize(
    "project, grounds",
    [
        (svc.FacilityProject("a", False, False, E, 2001, True), ("old_and_deficient",)),  # 20 years in 2021: old
        (svc.FacilityProject("b", False, False, E, 2002, True), ()),  # 19 years: not yet old
        (svc.FacilityProject("c", False, False, E, 1990, False), ()),  # old but not deficient
        (svc.FacilityProject("d", False, True, E, 1990, True), ("old_and_deficient",)),  # a gap counts for new only
        (svc.FacilityProject("e", True, True), ("priority_area", "fills_a_gap")),
    ],
    ids=["R78-old-boundary", "R78-not-old", "R78-not-deficient", "R78-expansion-no-gap", "R78-new-both"],
)
def test_R78_priority_grounds(project, grounds):
    assert svc.facility_priority_grounds(project, 2021) == grounds


def test_R78_expansions_of_old_deficient_facilities_rank_with_the_other_grounds():
    projects = [
        svc.FacilityProject("x1", False, False, E, 2015, True),  # recent: no ground
        svc.FacilityProject("x2", False, False, E, 1995, True),  # old and deficient
        svc.FacilityProject("x3", True, False, E, 1995, True),  # and in a priority area
    ]
    decision = svc.facility_funding_order(projects, 2024)
    assert decision.value == ["x3", "x2", "x1"] and decision.basis[0].article == "三(七)6 (R78)"


@pytest.mark.parametrize(
    "difficulty, old, loss, disabled, ok",
    [(True, True, False, False, True), (True, False, False, False, False), (False, True, True, True, False)],
    ids=["R71-old", "R71-none", "R71-not-in-difficulty"],
)
def test_R71_aging_renovation(difficulty, old, loss, disabled, ok):
    assert svc.aging_renovation_eligible(difficulty, old, loss, disabled).value is ok


def test_R76_five_ones():
    assert svc.five_ones_outstanding(G.ONE, {"read_a_book"}).value == svc.FIVE_ONES[1:]
    assert svc.five_ones_outstanding(G.THREE, set()).value == ()


@pytest.mark.parametrize("income, ok", [("1500", True), ("1500.01", False)], ids=["R80-at-line", "R80-above"])
def test_R80_legal_aid(income, ok):
    assert svc.legal_aid_income_eligible(Decimal(income), Decimal(1000)).value is ok


def test_R8_R26_R32_simple():
    assert svc.assistive_device_support(True, True).value and not svc.assistive_device_support(True, False).value
    assert svc.family_support_services(True).value == svc.FAMILY_SUPPORT
    assert svc.village_project_priority(svc.LabourCapacity.WEAK).value
    assert not svc.village_project_priority(svc.LabourCapacity.NORMAL).value


# --- 专栏1 ----------------------------------------------------------------------------------------------------


def test_column1_has_ten_indicators_with_the_published_natures():
    assert [i.number for i in ind.INDICATORS] == list(range(1, 11))
    binding = {i.number for i in ind.INDICATORS if i.nature is ind.Nature.BINDING}
    assert binding == {2, 3, 4, 8, 9, 10}


@pytest.mark.parametrize(
    "number, value, ok",
    [
        (5, "90.0", False),
        (5, "90.1", True),
        (3, "100", True),
        (3, "99.9", False),
        (8, "85", False),
        (8, "85.01", True),
        (10, "60000", True),
        (10, "59999", False),
        (1, "100000", True),
    ],
    ids=[
        "专栏1-5-equal-strict",
        "专栏1-5-above",
        "专栏1-3-100",
        "专栏1-3-below",
        "专栏1-8-equal-strict",
        "专栏1-8-above",
        "专栏1-10-target",
        "专栏1-10-below",
        "专栏1-1-target",
    ],
)
def test_column1_meets_target(number, value, ok):
    assert ind.meets_target(ind.indicator(number), Decimal(value)).value is ok


def test_column1_rate_and_progress():
    assert ind.rate_percent(95, 100) == Decimal(95)
    assert ind.progress(ind.indicator(10), Decimal(30_000)) == Decimal("0.5")
    with pytest.raises(ValueError):
        ind.rate_percent(1, 0)
    with pytest.raises(KeyError):
        ind.indicator(11)


@pytest.mark.parametrize(
    "number, value, year, verdict",
    [
        (10, "36000", 2023, ind.Verdict.ON_TRACK),
        (10, "35999", 2023, ind.Verdict.OFF_TRACK),
        (10, "60000", 2023, ind.Verdict.MET),
        (10, "59000", 2025, ind.Verdict.OFF_TRACK),
        (8, "83", 2023, ind.Verdict.ON_TRACK),
        (8, "82", 2023, ind.Verdict.OFF_TRACK),
    ],
    ids=[
        "专栏1-10-pace",
        "专栏1-10-behind",
        "专栏1-10-met-early",
        "专栏1-10-missed",
        "专栏1-8-pace",
        "专栏1-8-behind",
    ],
)
def test_column1_on_track(number, value, year, verdict):
    assert ind.on_track(ind.indicator(number), Decimal(value), year).value is verdict
