"""Conformance cases T-1 … T-25 of the disability catalogue (§7), one test each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from hunan_disability.rules import emergency_assistance as ea
from hunan_disability.rules import employment as emp
from hunan_disability.rules import indicators as ind
from hunan_disability.rules import monitoring as mon
from hunan_disability.rules import services as svc
from hunan_disability.rules import social_assistance as sa
from hunan_disability.rules import subsidies as sub
from hunan_disability.rules.enums import AdminLevel, GuardianStatus
from hunan_disability.rules.enums import DisabilityCategory as C
from hunan_disability.rules.enums import DisabilityGrade as G
from hunan_disability.rules.enums import HouseholdStatus as H
from hunan_disability.rules.errors import DuplicateRenovationDemand, IllegalCaseTransition
from hunan_disability.rules.models import PersonFacts
from hunan_shared import divisions

STANDARD = Decimal(600)


def test_conformance_T1():
    assert sa.single_person_dibao_route(G.TWO, H.DIBAO_MARGINAL, sa.Applicant.PERSON).value is True


def test_conformance_T2():
    decision = sa.single_person_dibao_route(G.THREE, H.DIBAO_MARGINAL, sa.Applicant.PERSON)
    assert decision.value is False and "R1" in decision.reason


def test_conformance_T3():
    decision = sa.single_person_dibao_route(G.TWO, H.DIBAO_MARGINAL, sa.Applicant.OTHERS)
    assert decision.value is False and "本人申请 required" in decision.reason


def test_conformance_T4():
    review = emp.dibao_review_after_employment(
        emp.DibaoStatus.ENROLLED, STANDARD * Decimal("1.10"), STANDARD, dt.date(2024, 1, 10)
    ).value
    assert review.status is emp.DibaoStatus.GRADUAL_EXIT
    assert review.exit_on == dt.date(2024, 1 + emp.DEFAULT_GRADUAL_EXIT_MONTHS, 10)


def test_conformance_T5():
    review = emp.dibao_review_after_employment(
        emp.DibaoStatus.ENROLLED, STANDARD * Decimal("1.00"), STANDARD, dt.date(2024, 1, 10)
    ).value
    assert review.status is emp.DibaoStatus.ENROLLED


@pytest.mark.parametrize("flag, eligible", [(False, False), (True, True)], ids=["R6-flag-off", "R6-flag-on"])
def test_conformance_T6(flag, eligible):
    policy = sub.NursingSubsidyPolicy(extend_to_nonsevere_intellectual_mental=flag)
    assert sub.nursing_subsidy_eligibility(C.INTELLECTUAL, G.THREE, False, True, True, policy).value is eligible


def test_conformance_T7():
    assert sub.living_subsidy_eligibility(H.DIBAO, True, True).value is True
    assert sub.nursing_subsidy_eligibility(C.HEARING, G.FOUR, False, True, True).value is False


def test_conformance_T8():
    decision = emp.agency_quota_project(
        emp.UnitType.PARTY_GOV_ORGAN,
        AdminLevel.PROVINCE,
        50,
        emp.InstitutionSubtype.OTHER,
        meets_ratio=False,
        disabled_employees=0,
    )
    assert decision.value is emp.ProjectStatus.MUST_EMPLOY and "≥ 1" in decision.reason


def test_conformance_T9():
    decision = emp.agency_quota_project(
        emp.UnitType.PARTY_GOV_ORGAN,
        AdminLevel.PROVINCE,
        49,
        emp.InstitutionSubtype.OTHER,
        meets_ratio=False,
        disabled_employees=0,
    )
    assert decision.value is emp.ProjectStatus.OUT_OF_SCOPE


def test_conformance_T10():
    decision = emp.agency_quota_project(
        emp.UnitType.PUBLIC_INSTITUTION,
        AdminLevel.PROVINCE,
        67,
        emp.InstitutionSubtype.OTHER,
        meets_ratio=False,
        disabled_employees=1,
    )
    assert decision.value is emp.ProjectStatus.SATISFIED


def test_conformance_T11():
    decision = emp.agency_quota_project(
        emp.UnitType.PUBLIC_INSTITUTION,
        AdminLevel.PREFECTURE,
        300,
        emp.InstitutionSubtype.PRIMARY_SECONDARY_SCHOOL,
        meets_ratio=False,
        disabled_employees=0,
    )
    assert decision.value is emp.ProjectStatus.OUT_OF_SCOPE and "中小学" in decision.reason


@pytest.mark.parametrize("disabled, compliant", [(3, True), (2, False)], ids=["R37-3of20", "R37-2of20"])
def test_conformance_T12(disabled, compliant):
    assert emp.dpf_cadre_share_compliant(AdminLevel.COUNTY, 20, disabled).value is compliant


@pytest.mark.parametrize("held, compliant", [(19, False), (20, True)], ids=["R31-19of200", "R31-20of200"])
def test_conformance_T13(held, compliant):
    assert emp.public_welfare_post_share_compliant(200, held).value is compliant


def test_conformance_T14():
    senior_high = svc.free_education(True, True, svc.SchoolStage.SENIOR_SECONDARY)
    university = svc.free_education(True, True, svc.SchoolStage.HIGHER)
    child_of_poor_parent = svc.free_education(False, True, svc.SchoolStage.SENIOR_SECONDARY)
    assert senior_high.value is True
    assert university.value is False and svc.student_aid(True, True).value is True
    assert child_of_poor_parent.value is False and svc.student_aid(False, True).value is True


@pytest.mark.parametrize("months, rewarded", [(11, 0), (12, 1)], ids=["R46-11", "R46-12"])
def test_conformance_T15(months, rewarded):
    assert emp.placement_reward_persons([months]).value == rewarded


COUNTY_A, COUNTY_B = "430102", "430103"
P1 = PersonFacts("P1", C.PHYSICAL, G.ONE, COUNTY_A)
P2 = PersonFacts("P2", C.PHYSICAL, G.FOUR, COUNTY_A)
P2_HEARING = PersonFacts("P2h", C.HEARING, G.FOUR, COUNTY_A)
P3 = PersonFacts("P3", C.PHYSICAL, G.ONE, COUNTY_B)


def test_conformance_T16():
    selection = ea.select_for_disaster([P1, P2, P2_HEARING, P3], [COUNTY_A])
    assert selection.open_case == ("P1",)
    assert selection.notify_only == ("P2h",)


def test_conformance_T17():
    first = ea.select_for_disaster([P1, P2, P3], [COUNTY_A])
    redelivered = ea.select_for_disaster([P1, P2, P3], [COUNTY_A], already_opened_person_ids=first.open_case)
    assert first.open_case == ("P1",) and redelivered.open_case == ()


def test_conformance_T18():
    ward = PersonFacts(
        "W",
        C.INTELLECTUAL,
        G.THREE,
        residence_division_code="430102",
        guardian=GuardianStatus.GUARDIAN_UNABLE,
    )
    decision = ea.needs_temporary_care(ward.guardian, ward.other_carer_present, ward.residence_division_code)
    assert decision.value is not None
    assert decision.value.division_code == "430102" and "住所地" in decision.value.responsible
    assert ea.emergency_selection(ward).value is ea.EmergencySelection.OPEN_CASE


def test_conformance_T19():
    isolated = PersonFacts("I", C.PHYSICAL, G.FOUR, "430102", home_isolated=True)
    decision = ea.emergency_selection(isolated)
    assert decision.value is ea.EmergencySelection.OPEN_CASE and "(f) home isolated" in decision.reason
    assert ea.assign_liaisons(["case-I"], {"liaison-1": 0}) == {"case-I": "liaison-1"}


def test_conformance_T20():
    assert ea.should_close_case(True, True, 0, ea.CaseStatus.SUPPLIED).value is False
    with pytest.raises(IllegalCaseTransition):
        ea.transition_case(ea.CaseStatus.SUPPLIED, ea.CaseAction.CLOSE, active_temporary_care=True)
    assert ea.should_close_case(True, False, 0, ea.CaseStatus.SUPPLIED).value is True
    assert ea.transition_case(ea.CaseStatus.SUPPLIED, ea.CaseAction.CLOSE).after is ea.CaseStatus.CLOSED


def test_conformance_T21():
    villages = {code.code: 0 for code in divisions.counties()}
    counties = list(villages)
    for code in counties[1:]:
        villages[code] = 1
    villages[counties[1]] += 141 - (len(counties) - 1)
    coverage = mon.monitored_village_coverage(villages).value
    assert coverage.province_total == 141 and coverage.province_compliant
    assert coverage.counties_without_village == (counties[0],) and not coverage.compliant


def test_conformance_T22():
    members = [emp.HouseholdMember(True, True, False), emp.HouseholdMember(True, True, False)]
    assert emp.zero_employment_household(members).value is True


@pytest.mark.parametrize("population, flagged", [(200_000, True), (199_999, False)], ids=["R67-200000", "R67-199999"])
def test_conformance_T23(population, flagged):
    assert svc.special_school_encouraged(population).value is flagged


def test_conformance_T24():
    assert ind.meets_target(ind.indicator(5), Decimal("90.0")).value is False


def test_conformance_T25():
    assert svc.check_new_renovation_demand("H1", set(), hardship=True).value is True
    with pytest.raises(DuplicateRenovationDemand):
        svc.check_new_renovation_demand("H1", {"H1"}, hardship=True)
    statuses = [svc.RenovationStatus.ACCEPTED, svc.RenovationStatus.COMPLETED, svc.RenovationStatus.REJECTED]
    assert svc.renovations_toward_target(statuses).value == 1
