"""Employment rules (三(三), 专栏4, 专栏5): quota, 2025 project for agencies, DPF cadres, posts, 低保 gradual exit."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from enum import StrEnum

from hunan_shared.legal import Decision

from ._shares import percent, share_at_least
from .basis import EMPLOYMENT_REGULATION, background, design, plan
from .enums import AdminLevel

R4 = plan("三(三)1", "R4", "扣减必要的就业成本，并在其家庭成员人均收入超过当地低保标准后给予一定时间的渐退期")
R31 = plan("专栏2·6", "R31", "公益性岗位不少于10%用于安排残疾人或残疾人家属就业")
R36 = plan(
    "专栏5·1",
    "R36",
    "编制50人以上（含50人）的省级、市州党政机关，编制67人以上（含67人）的事业单位（中小学、幼儿园除外）……至少安排1名残疾人",
)
R37 = plan("专栏5·1", "R37", "县级及以上残联机关干部队伍中要有15%以上（含15%）的残疾人")
R38 = plan("专栏4·奖励类·1", "R38", "超比例安排残疾人就业奖励")
R39 = plan("三(三)2", "R39", "残疾人福利性单位……预留份额、评审中价格扣除")
R40 = plan("三(四)5", "R40", "招用残疾学生就业和实习的企业……减征免征残疾人就业保障金")
R41 = plan("三(三)1", "R41", "不得以体检为由拒绝身体和心理条件能够胜任岗位的残疾人")
R42 = plan("专栏4·补贴类·1", "R42", "自主创业、灵活就业……六项补贴；应届高校残疾人毕业生求职创业补贴")
R43 = plan("专栏4·补贴类·2", "R43", "残疾学生见习补贴")
R44 = plan("专栏4·补贴类·3", "R44", "辅助性就业机构补贴")
R45 = plan("专栏4·补贴类·4", "R45", "安排残疾人在公益性岗位就业并缴纳社会保险的用人单位给予社会保险补贴")
R46 = plan("专栏4·奖励类·2", "R46", "对推荐残疾人稳定就业一年以上的单位，按就业人数给予奖励")
R47 = plan("三(三)4", "R47", "零就业残疾人家庭至少有一人就业")
BG_QUOTA = background(EMPLOYMENT_REGULATION, "第八条 / 第四条", "按比例安排；一、二级残疾人按2人计算")

# Thresholds fixed by the text (专栏5·1, 专栏2·6).
PARTY_GOV_MIN_HEADCOUNT = 50
PUBLIC_INSTITUTION_MIN_HEADCOUNT = 67
DPF_DISABLED_CADRE_PERCENT = 15
PUBLIC_WELFARE_POST_PERCENT = 10
STABLE_EMPLOYMENT_MONTHS = 12  # 一年以上 (inclusive)

# [BG] Quota ratio (settings `quota.ratio`): the national floor is 1.5 %; Hunan's figure to be confirmed.
DEFAULT_QUOTA_RATIO = Decimal("0.015")
# [DESIGN] `quota.project_deadline`: "2025年前" read as by the end of 2025.
R36_DEADLINE = dt.date(2025, 12, 31)


class UnitType(StrEnum):
    """用人单位 type (catalogue §2.4)."""

    PARTY_GOV_ORGAN = "party_gov_organ"  # 党政机关
    PUBLIC_INSTITUTION = "public_institution"  # 事业单位
    SOE = "soe"  # 国有企业
    DPF_ORGAN = "dpf_organ"  # 残联机关
    ENTERPRISE = "enterprise"
    OTHER = "other"


class InstitutionSubtype(StrEnum):
    PRIMARY_SECONDARY_SCHOOL = "primary_secondary_school"  # 中小学
    KINDERGARTEN = "kindergarten"  # 幼儿园
    OTHER = "other"


# --- Proportional quota, annual review (专栏10·6, R38) -----------------------------------------------------


@dataclass(frozen=True)
class QuotaReview:
    required: Decimal  # staff × ratio, in persons
    counted: int  # disabled employees counted, severe ones twice
    meets_ratio: bool
    over_quota: bool  # R38 reward candidate


def quota_review(
    in_post_staff: int,
    severe_disabled_employees: int,
    other_disabled_employees: int,
    ratio: Decimal = DEFAULT_QUOTA_RATIO,
    severe_count_double: bool = True,
) -> Decision[QuotaReview]:
    """按比例就业年审 (专栏10·6; R38 over-quota reward): counted disabled employees ≥ staff × ratio.

    [BG] a grade 1–2 employee counts as two; the ratio and counting rules are national/provincial settings.
    """
    if min(in_post_staff, severe_disabled_employees, other_disabled_employees) < 0:
        raise ValueError("counts cannot be negative")
    required = Decimal(in_post_staff) * ratio
    counted = severe_disabled_employees * (2 if severe_count_double else 1) + other_disabled_employees
    review = QuotaReview(
        required=required, counted=counted, meets_ratio=counted >= required, over_quota=counted > required
    )
    reason = f"counted {counted} vs required {required.normalize()}" + (" (over quota)" if review.over_quota else "")
    return Decision[QuotaReview](value=review, reason=reason, basis=(BG_QUOTA, R38))


def shortfall_persons(review: QuotaReview) -> int:
    """Whole persons still to employ to meet the ratio (rounded up)."""
    missing = review.required - review.counted
    return int(missing.to_integral_value(rounding=ROUND_CEILING)) if missing > 0 else 0


# --- 2025 project for agencies and public institutions (R36) -------------------------------------------


class ProjectStatus(StrEnum):
    OUT_OF_SCOPE = "out_of_scope"
    SATISFIED = "satisfied"  # ≥ 1 disabled employee, or already meets the ratio
    MUST_EMPLOY = "must_employ"  # at least one disabled person by the deadline


def agency_quota_project(
    unit_type: UnitType,
    admin_level: AdminLevel,
    authorized_headcount: int,
    institution_subtype: InstitutionSubtype,
    meets_ratio: bool,
    disabled_employees: int,
) -> Decision[ProjectStatus]:
    """专栏5·1 (R36): provincial/市州 党政机关 with 编制 ≥ 50, or 事业单位 with 编制 ≥ 67 (not 中小学/幼儿园),
    below the ratio, must employ at least one disabled person by 2025. The test uses 编制, not staff in post."""
    basis = (R36, design("R36", f"deadline {R36_DEADLINE}; 事业单位 at every level"))
    unit_type, admin_level = UnitType(unit_type), AdminLevel(admin_level)
    institution_subtype = InstitutionSubtype(institution_subtype)

    def status(value: ProjectStatus, reason: str) -> Decision[ProjectStatus]:
        return Decision[ProjectStatus](value=value, reason=reason, basis=basis)

    if unit_type is UnitType.PARTY_GOV_ORGAN:
        if admin_level not in (AdminLevel.PROVINCE, AdminLevel.PREFECTURE):
            return status(ProjectStatus.OUT_OF_SCOPE, "党政机关 below 市州 level")
        if authorized_headcount < PARTY_GOV_MIN_HEADCOUNT:
            return status(ProjectStatus.OUT_OF_SCOPE, f"编制 {authorized_headcount} < {PARTY_GOV_MIN_HEADCOUNT}")
    elif unit_type is UnitType.PUBLIC_INSTITUTION:
        if institution_subtype is not InstitutionSubtype.OTHER:
            return status(ProjectStatus.OUT_OF_SCOPE, "中小学、幼儿园除外")
        if authorized_headcount < PUBLIC_INSTITUTION_MIN_HEADCOUNT:
            return status(
                ProjectStatus.OUT_OF_SCOPE,
                f"编制 {authorized_headcount} < {PUBLIC_INSTITUTION_MIN_HEADCOUNT}",
            )
    else:
        return status(ProjectStatus.OUT_OF_SCOPE, f"{unit_type.value} is not covered by the project")
    if meets_ratio:
        return status(ProjectStatus.SATISFIED, "already meets the statutory ratio")
    if disabled_employees >= 1:
        return status(ProjectStatus.SATISFIED, f"{disabled_employees} disabled employee(s): 至少1名 met")
    return status(ProjectStatus.MUST_EMPLOY, f"must employ ≥ 1 disabled person by {R36_DEADLINE}")


def dpf_cadre_share_compliant(
    admin_level: AdminLevel, total_cadres: int, disabled_cadres: int
) -> Decision[bool | None]:
    """专栏5·1 (R37): 县级及以上残联机关 need ≥ 15 % (inclusive) disabled cadres; township bodies are out of scope."""
    if AdminLevel(admin_level) is AdminLevel.TOWNSHIP:
        return Decision[bool | None](value=None, reason="township 残联 not covered", basis=(R37,))
    ok = share_at_least(disabled_cadres, total_cadres, DPF_DISABLED_CADRE_PERCENT)
    reason = f"{disabled_cadres}/{total_cadres} = {percent(disabled_cadres, total_cadres)} % vs ≥ 15 %"
    return Decision[bool | None](value=ok, reason=reason, basis=(R37,))


# --- Public-welfare posts (R30–R31, R45) ------------------------------------------------------------------


def counts_toward_post_share(holder_is_disabled: bool, holder_is_family_of_disabled: bool) -> bool:
    """专栏2·6 (R31): a post counts when held by a disabled person or a disabled person's family member."""
    return holder_is_disabled or holder_is_family_of_disabled


def public_welfare_post_share_compliant(total_posts: int, posts_for_disabled_or_family: int) -> Decision[bool]:
    """专栏2·6 (R31): ≥ 10 % (不少于, inclusive) of listed public-welfare posts go to disabled persons or family.

    Computed per county across all listed post types [D]; exactly 10 % complies.
    """
    ok = share_at_least(posts_for_disabled_or_family, total_posts, PUBLIC_WELFARE_POST_PERCENT)
    share = percent(posts_for_disabled_or_family, total_posts)
    reason = f"{posts_for_disabled_or_family}/{total_posts} = {share} % vs ≥ 10 %"
    return Decision[bool](value=ok, reason=reason, basis=(R31, design("R31", "per county, all listed types")))


def public_welfare_post_employer_subsidy(placed_disabled_in_post: bool, pays_social_insurance: bool) -> Decision[bool]:
    """专栏4·补贴类·4 (R45): the employer gets the social-insurance subsidy only if it also pays the insurance."""
    ok = placed_disabled_in_post and pays_social_insurance
    reason = "placed and insured" if ok else ("no social insurance paid" if placed_disabled_in_post else "no placement")
    return Decision[bool](value=ok, reason=reason, basis=(R45,))


# --- 低保 gradual exit for employed persons (R4) ----------------------------------------------------------


class DibaoStatus(StrEnum):
    """W3 states of a 低保 household."""

    ENROLLED = "enrolled"
    GRADUAL_EXIT = "gradual_exit"  # 渐退期
    EXITED = "exited"


@dataclass(frozen=True)
class DibaoReview:
    status: DibaoStatus
    exit_on: dt.date | None  # end of the gradual-exit period


# [DESIGN] `dibao.gradual_exit_months`: the plan says only "一定时间"; 6 months is the common local practice.
DEFAULT_GRADUAL_EXIT_MONTHS = 6


def per_capita_income_after_employment_costs(
    household_income: Decimal, deductible_employment_costs: Decimal, members: int
) -> Decimal:
    """三(三)1 (R4): household per-capita income with necessary employment costs deducted (never below zero)."""
    if members <= 0:
        raise ValueError("a household has at least one member")
    net = max(Decimal(household_income) - Decimal(deductible_employment_costs), Decimal(0))
    return net / members


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def dibao_review_after_employment(
    status: DibaoStatus,
    per_capita_income: Decimal,
    dibao_standard: Decimal,
    reviewed_on: dt.date,
    current_exit_on: dt.date | None = None,
    gradual_exit_months: int = DEFAULT_GRADUAL_EXIT_MONTHS,
) -> Decision[DibaoReview]:
    """三(三)1 (R4): income above the 低保 standard → gradual exit (渐退期), not immediate termination.

    Equal to the standard does not exceed it. Income back at or below the standard during the period →
    enrolled again [D]. The period's end reached with income still above → exited.
    """
    status = DibaoStatus(status)
    basis = (
        R4,
        design("R4", f"gradual exit {gradual_exit_months} months; return to enrolled if income falls"),
    )
    above = Decimal(per_capita_income) > Decimal(dibao_standard)

    def review(new: DibaoStatus, exit_on: dt.date | None, reason: str) -> Decision[DibaoReview]:
        return Decision[DibaoReview](value=DibaoReview(new, exit_on), reason=reason, basis=basis)

    if status is DibaoStatus.EXITED:
        return review(DibaoStatus.EXITED, None, "already exited: a new application is needed")
    if not above:
        return review(DibaoStatus.ENROLLED, None, "income does not exceed the standard: stays enrolled")
    if status is DibaoStatus.ENROLLED:
        exit_on = _add_months(reviewed_on, gradual_exit_months)
        return review(DibaoStatus.GRADUAL_EXIT, exit_on, f"income above the standard: gradual exit until {exit_on}")
    if current_exit_on is not None and reviewed_on >= current_exit_on:
        return review(DibaoStatus.EXITED, None, "gradual-exit period ended with income above the standard")
    return review(DibaoStatus.GRADUAL_EXIT, current_exit_on, "still in the gradual-exit period")


# --- Other employment rules (R38–R47) --------------------------------------------------------------------


def welfare_unit_procurement_preference(certified_welfare_unit: bool) -> Decision[tuple[str, ...]]:
    """三(三)2 (R39): a certified 残疾人福利性单位 gets a reserved share and a price deduction (rates [BG])."""
    value = ("reserved_share", "price_deduction", "platform_column") if certified_welfare_unit else ()
    return Decision[tuple[str, ...]](
        value=value,
        reason="certified welfare unit" if certified_welfare_unit else "not certified",
        basis=(R39,),
    )


def levy_reduction_eligible(takes_disabled_students_for_jobs_or_internships: bool) -> Decision[bool]:
    """三(四)5 (R40): an enterprise taking disabled students for jobs or internships → levy reduced or waived."""
    ok = takes_disabled_students_for_jobs_or_internships
    return Decision[bool](value=ok, reason="takes disabled students" if ok else "does not", basis=(R40,))


def medical_exam_may_exclude(able_to_perform_duties: bool) -> Decision[bool]:
    """三(三)1 (R41): a candidate able to do the job must not be excluded by an entry medical examination."""
    return Decision[bool](
        value=not able_to_perform_duties,
        reason="able to perform: exclusion not allowed" if able_to_perform_duties else "unable to perform the duties",
        basis=(R41,),
    )


SELF_EMPLOYMENT_SUBSIDIES = (
    "premises_rent",  # 经营场所租赁补贴
    "social_insurance",  # 社会保险补贴
    "training",  # 职业培训和创业培训补贴
    "equipment",  # 设施设备购置补贴
    "network_fees",  # 网络资费补助
    "one_off_startup",  # 一次性创业补贴
)


class EmploymentForm(StrEnum):
    SELF_EMPLOYED = "self_employed"  # 自主创业
    FLEXIBLE = "flexible"  # 灵活就业
    EMPLOYEE = "employee"
    UNEMPLOYED = "unemployed"


def self_employment_subsidies(form: EmploymentForm) -> Decision[tuple[str, ...]]:
    """专栏4·补贴类·1 (R42): self-employed or flexibly employed disabled persons may claim six subsidies."""
    eligible = EmploymentForm(form) in (EmploymentForm.SELF_EMPLOYED, EmploymentForm.FLEXIBLE)
    value = SELF_EMPLOYMENT_SUBSIDIES if eligible else ()
    return Decision[tuple[str, ...]](value=value, reason=f"form {EmploymentForm(form).value}", basis=(R42,))


def graduate_jobseeking_subsidy(
    graduation_year: int, application_year: int, disabled_university_graduate: bool
) -> Decision[bool]:
    """专栏4·补贴类·1 (R42): only current-year (应届) disabled university graduates get the job-seeking subsidy."""
    ok = disabled_university_graduate and graduation_year == application_year
    return Decision[bool](value=ok, reason="应届" if ok else "not a current-year disabled graduate", basis=(R42,))


def internship_subsidy(disabled_student: bool, in_internship: bool) -> Decision[bool]:
    """专栏4·补贴类·2 (R43): an eligible disabled student during 见习 gets the internship subsidy."""
    ok = disabled_student and in_internship
    return Decision[bool](value=ok, reason="disabled student in internship" if ok else "no", basis=(R43,))


AUXILIARY_ORG_SUBSIDIES = (
    "one_off_construction",
    "site_rent",
    "operations",
    "accessibility_renovation",
    "equipment",
)


def auxiliary_employment_org_subsidies(is_auxiliary_employment_org: bool) -> Decision[tuple[str, ...]]:
    """专栏4·补贴类·3 (R44): 辅助性就业机构 may claim five subsidy types."""
    value = AUXILIARY_ORG_SUBSIDIES if is_auxiliary_employment_org else ()
    return Decision[tuple[str, ...]](
        value=value, reason="auxiliary employment institution" if value else "no", basis=(R44,)
    )


def placement_reward_persons(continuous_employment_months: Iterable[int]) -> Decision[int]:
    """专栏4·奖励类·2 (R46): reward per person in stable employment for one year or more (≥ 12 months)."""
    months = list(continuous_employment_months)
    stable = sum(1 for m in months if m >= STABLE_EMPLOYMENT_MONTHS)
    return Decision[int](value=stable, reason=f"{stable} of {len(months)} placed ≥ 12 months", basis=(R46,))


@dataclass(frozen=True)
class HouseholdMember:
    working_age: bool
    able_and_willing_to_work: bool
    employed: bool


def zero_employment_household(members: Sequence[HouseholdMember]) -> Decision[bool]:
    """三(三)4 (R47): a household with someone able and willing to work but nobody employed → open a case."""
    can_work = any(m.working_age and m.able_and_willing_to_work for m in members)
    nobody_employed = not any(m.employed for m in members)
    zero = can_work and nobody_employed
    reason = "zero-employment: open employment assistance" if zero else "someone employed or nobody able to work"
    return Decision[bool](value=zero, reason=reason, basis=(R47, design("R47", "zero-employment definition")))
