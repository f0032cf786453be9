"""Minimum living allowance (低保), 特困 support, concessions, insurance premiums and other assistance (三(二))."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from decimal import Decimal
from enum import StrEnum

from hunan_shared.legal import Decision

from .basis import design, plan
from .enums import (
    SEVERE_GRADES,
    DisabilityCategory,
    DisabilityGrade,
    HouseholdStatus,
    TekunSupportMode,
    UrbanRural,
)
from .errors import DibaoApplicationDecided

R1 = plan("专栏3·资金类·1", "R1", "将符合条件的残疾人家庭全部纳入最低生活保障范围")
R2 = plan("专栏3·资金类·1", "R2", "低保边缘家庭的重度残疾人经本人申请参照单人户纳入低保范围")
R3 = plan("专栏3·资金类·1", "R3", "对纳入低保范围后生活仍有困难的……采取必要措施给予生活保障")
R9 = plan("三(二)1", "R9", "低收入残疾人家庭生活用水、电、气、有线电视和宽带网络优惠政策")
R10 = plan("三(二)1", "R10", "残疾人乘坐市内公共汽车、城市轨道交通工具优惠与便利")
R11 = plan("三(二)1", "R11", "落实残疾人机动轮椅车燃油补贴政策")
R12 = plan("三(二)1", "R12", "残疾军人、伤残民警残疾评定标准与国家残疾人残疾分类和分级标准的合理衔接")
R13 = plan("三(二)1", "R13", "落实残疾孤儿、事实无人抚养残疾儿童等基本生活费政策")
R14 = plan("三(二)2", "R14", "提高失能、半失能残疾特困人员的集中供养率，落实分散供养残疾特困人员的照料服务责任")
R15 = plan("三(二)2", "R15", "加强对生活无着流浪乞讨残疾人的救助安置和寻亲服务")
R18 = plan("三(二)2", "R18", "支持符合条件的农村残疾人家庭实施危房改造，对符合条件的城镇残疾人家庭优先配租公租房")
R19 = plan("三(二)4", "R19", "重度残疾人……全额代缴，其他符合条件的残疾人……部分代缴")
R21 = plan("专栏3·资金类·4", "R21", "减免残疾人使用助残公益类移动互联网应用程序（APP）流量资费")
R22 = plan("专栏3·资金类·5", "R22", "为符合条件的低收入和重度残疾人残疾评定提供补贴和便利服务")


def dibao_enrolment_gap(meets_local_dibao_criteria: bool, enrolled: bool) -> Decision[bool]:
    """专栏3·资金类·1 (R1): an eligible disabled household not in 低保 is a gap (target 100 %, 专栏1 #2)."""
    gap = meets_local_dibao_criteria and not enrolled
    reason = "eligible but not enrolled: enrol" if gap else "no gap"
    return Decision[bool](value=gap, reason=reason, basis=(R1,))


class Applicant(StrEnum):
    """Who filed a 低保 application."""

    PERSON = "person"  # 本人申请
    GUARDIAN_OR_AGENT = "guardian_or_agent"  # for a person lacking capacity (civil law [BG])
    OTHERS = "others"  # e.g. proposed by the village


def single_person_dibao_route(
    grade: DisabilityGrade,
    household_status: HouseholdStatus,
    applicant: Applicant,
    lacks_capacity: bool = False,
    severe_grades: frozenset[DisabilityGrade] = SEVERE_GRADES,
) -> Decision[bool]:
    """专栏3·资金类·1 (R2): a severe (一、二级) person in a 低保边缘 household, on their own application,
    is assessed for 低保 as a single-person household (参照单人户)."""
    basis = (R2,)
    if DisabilityGrade(grade) not in severe_grades:
        return Decision[bool](value=False, reason="not 重度: use the normal household test (R1)", basis=basis)
    if HouseholdStatus(household_status) is not HouseholdStatus.DIBAO_MARGINAL:
        return Decision[bool](value=False, reason="household is not 低保边缘: use R1", basis=basis)
    applicant = Applicant(applicant)
    if applicant is Applicant.GUARDIAN_OR_AGENT and lacks_capacity:
        return Decision[bool](value=True, reason="guardian applied for a person lacking capacity", basis=basis)
    if applicant is not Applicant.PERSON:
        return Decision[bool](value=False, reason="本人申请 required: the person must apply", basis=basis)
    return Decision[bool](value=True, reason="assess as a single-person 低保 household", basis=basis)


class DibaoApplicationStatus(StrEnum):
    """A single-person 低保 application: submitted, then approved or refused once."""

    SUBMITTED = "submitted"
    APPROVED = "approved"
    REFUSED = "refused"


def single_person_dibao_decision(
    status: DibaoApplicationStatus, monthly_income: Decimal, dibao_standard: Decimal
) -> Decision[DibaoApplicationStatus]:
    """专栏3·资金类·1 (R2) 「参照单人户纳入低保范围」: the applicant is assessed alone — their own monthly income
    against the local 低保 standard for one person; below it, 低保 is granted. A decided application is final
    (a new application starts again)."""
    basis = (R2,)
    if DibaoApplicationStatus(status) is not DibaoApplicationStatus.SUBMITTED:
        raise DibaoApplicationDecided(f"the application was already {status}", basis=basis)
    income, standard = Decimal(monthly_income), Decimal(dibao_standard)
    if income < standard:
        return Decision[DibaoApplicationStatus](
            value=DibaoApplicationStatus.APPROVED,
            reason=f"own income {income} below the 低保 standard {standard}: enrolled as a single-person household",
            basis=basis,
        )
    return Decision[DibaoApplicationStatus](
        value=DibaoApplicationStatus.REFUSED,
        reason=f"own income {income} not below the 低保 standard {standard}",
        basis=basis,
    )


def supplementary_assistance_needed(in_dibao: bool, still_in_difficulty: bool) -> Decision[bool]:
    """专栏3·资金类·1 (R3): still in difficulty after 低保 → open a supplementary assistance case (measures manual)."""
    needed = in_dibao and still_in_difficulty
    return Decision[bool](value=needed, reason="open supplementary case" if needed else "not needed", basis=(R3,))


UTILITY_CONCESSIONS = ("water", "electricity", "gas", "cable_tv", "broadband")


def utility_concessions(household_status: HouseholdStatus) -> Decision[tuple[str, ...]]:
    """三(二)1 (R9): low-income disabled households get water, power, gas, cable TV and broadband concessions."""
    eligible = HouseholdStatus(household_status) is not HouseholdStatus.NONE
    value = UTILITY_CONCESSIONS if eligible else ()
    return Decision[tuple[str, ...]](
        value=value, reason="low-income household" if eligible else "not low-income", basis=(R9,)
    )


def transit_concession(holds_valid_certificate: bool) -> Decision[bool]:
    """三(二)1 (R10): certified disabled persons ride city buses and urban rail with concessions."""
    reason = "valid certificate" if holds_valid_certificate else "no valid certificate"
    return Decision[bool](value=holds_valid_certificate, reason=reason, basis=(R10,))


def wheelchair_fuel_subsidy(holds_valid_certificate: bool, uses_motorised_wheelchair: bool) -> Decision[bool]:
    """三(二)1 (R11): a certified user of a 机动轮椅车 gets the fuel subsidy."""
    eligible = holds_valid_certificate and uses_motorised_wheelchair
    return Decision[bool](
        value=eligible, reason="certified motorised-wheelchair user" if eligible else "no", basis=(R11,)
    )


def map_veteran_assessment(
    veteran_grade: str, mapping: Mapping[str, tuple[DisabilityCategory, DisabilityGrade]]
) -> Decision[tuple[DisabilityCategory, DisabilityGrade] | None]:
    """三(二)1 (R12): map a 残疾军人/伤残民警 grade to the national category and grade via a configured table."""
    mapped = mapping.get(veteran_grade)
    reason = f"{veteran_grade} → {mapped}" if mapped else f"{veteran_grade} not in the mapping table"
    return Decision[tuple[DisabilityCategory, DisabilityGrade] | None](value=mapped, reason=reason, basis=(R12,))


def orphan_living_allowance(orphan_or_unsupported_child: bool) -> Decision[bool]:
    """三(二)1 (R13): disabled orphans and 事实无人抚养 disabled children get the basic living allowance + priority."""
    return Decision[bool](
        value=orphan_or_unsupported_child,
        reason="eligible with priority services" if orphan_or_unsupported_child else "not an orphan/unsupported child",
        basis=(R13,),
    )


def tekun_care_gap(support_mode: TekunSupportMode, named_care_provider: str | None) -> Decision[bool]:
    """三(二)2 (R14): every dispersed-support 特困 disabled person must have a named care provider."""
    gap = TekunSupportMode(support_mode) is TekunSupportMode.DISPERSED and not named_care_provider
    return Decision[bool](value=gap, reason="dispersed without care provider" if gap else "no gap", basis=(R14,))


def centralized_support_rate(centralized: int, disabled_tekun_with_self_care_loss: int) -> Decision[float]:
    """三(二)2 (R14) KPI: share of 失能/半失能 disabled 特困 persons in centralised support (tracked, no target)."""
    if disabled_tekun_with_self_care_loss < 0 or not 0 <= centralized <= max(disabled_tekun_with_self_care_loss, 0):
        raise ValueError("0 ≤ centralized ≤ total required")
    rate = centralized / disabled_tekun_with_self_care_loss if disabled_tekun_with_self_care_loss else 0.0
    return Decision[float](value=rate, reason=f"{centralized}/{disabled_tekun_with_self_care_loss}", basis=(R14,))


HOMELESS_RESPONSE = ("rescue", "placement", "family_tracing")


def homeless_response(found_homeless: bool) -> Decision[tuple[str, ...]]:
    """三(二)2 (R15): a homeless or begging disabled person → rescue, placement and family tracing (寻亲)."""
    value = HOMELESS_RESPONSE if found_homeless else ()
    return Decision[tuple[str, ...]](value=value, reason="homeless" if found_homeless else "not homeless", basis=(R15,))


class HousingMeasure(StrEnum):
    DANGEROUS_HOUSE_RENOVATION = "dangerous_house_renovation"  # 农村危房改造
    PUBLIC_RENTAL_PRIORITY = "public_rental_priority"  # 公租房优先配租
    NONE = "none"


def housing_measure(urban_rural: UrbanRural, meets_housing_conditions: bool) -> Decision[HousingMeasure]:
    """三(二)2 (R18): eligible rural households → 危房改造; eligible urban households → priority 公租房."""
    if not meets_housing_conditions:
        return Decision[HousingMeasure](value=HousingMeasure.NONE, reason="conditions not met", basis=(R18,))
    if UrbanRural(urban_rural) is UrbanRural.RURAL:
        return Decision[HousingMeasure](value=HousingMeasure.DANGEROUS_HOUSE_RENOVATION, reason="rural", basis=(R18,))
    return Decision[HousingMeasure](value=HousingMeasure.PUBLIC_RENTAL_PRIORITY, reason="urban", basis=(R18,))


class PremiumPayment(StrEnum):
    FULL = "full"  # 全额代缴
    PARTIAL = "partial"  # 部分代缴
    NONE = "none"


def premium_payment(
    grade: DisabilityGrade,
    other_conditions_met: bool,
    severe_grades: frozenset[DisabilityGrade] = SEVERE_GRADES,
) -> Decision[PremiumPayment]:
    """三(二)4 (R19): residents' pension and medical premiums paid in full for 重度, partly for others who qualify."""
    if DisabilityGrade(grade) in severe_grades:
        return Decision[PremiumPayment](value=PremiumPayment.FULL, reason="重度: full payment", basis=(R19,))
    if other_conditions_met:
        return Decision[PremiumPayment](value=PremiumPayment.PARTIAL, reason="符合条件: partial", basis=(R19,))
    return Decision[PremiumPayment](value=PremiumPayment.NONE, reason="not severe, conditions not met", basis=(R19,))


def app_data_fee_waived(app_id: str, whitelist: Collection[str]) -> Decision[bool]:
    """专栏3·资金类·4 (R21): data fees are reduced or waived for 助残公益类 apps on the maintained whitelist."""
    listed = app_id in whitelist
    return Decision[bool](value=listed, reason="whitelisted" if listed else "not on the whitelist", basis=(R21,))


class AssessmentSubsidy(StrEnum):
    UPFRONT = "upfront"  # low income: subsidised when assessed
    REIMBURSE_AFTER = "reimburse_after"  # severity known only after assessment
    NONE = "none"


def assessment_fee_subsidy(
    low_income: bool,
    assessed_grade: DisabilityGrade | None,
    severe_grades: frozenset[DisabilityGrade] = SEVERE_GRADES,
) -> Decision[AssessmentSubsidy]:
    """专栏3·资金类·5 (R22): low-income or severely disabled applicants get the assessment fee subsidised.

    Severity is only known after assessment, so a non-low-income applicant is reimbursed afterwards [D].
    """
    basis = (R22, design("R22", "reimburse after assessment when the result is severe"))
    if low_income:
        return Decision[AssessmentSubsidy](value=AssessmentSubsidy.UPFRONT, reason="low income", basis=basis)
    if assessed_grade is not None and DisabilityGrade(assessed_grade) in severe_grades:
        return Decision[AssessmentSubsidy](
            value=AssessmentSubsidy.REIMBURSE_AFTER, reason="assessed as 重度", basis=basis
        )
    return Decision[AssessmentSubsidy](value=AssessmentSubsidy.NONE, reason="neither low income nor 重度", basis=basis)
