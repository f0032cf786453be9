"""Public-service rules: care and 托养, visits, rehabilitation and devices, education, accessibility renovation."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from hunan_shared.legal import Decision

from ._shares import percent, share_at_least
from .basis import design, plan
from .enums import SEVERE_GRADES, DisabilityCategory, DisabilityGrade, HouseholdStatus, is_hardship
from .errors import DuplicateRenovationDemand

R8 = plan("专栏3·资金类·3", "R8", "通过政府补贴等方式，对符合条件的残疾人适配辅助器具给予支持")
R23 = plan("专栏3·服务类·1", "R23", "定期走访困难残疾人，发现问题及时报告")
R24 = plan("专栏3·服务类·2", "R24", "低收入重度残疾人较多的乡镇（街道）可建立集中照护服务机构")
R25 = plan("专栏3·服务类·3", "R25", "为就业年龄段智力、精神和重度肢体残疾人等提供托养服务")
R26 = plan("专栏3·服务类·4", "R26", "喘息服务、心理疏导、康复和教育指导")
R32 = plan("三(一)2", "R32", "优先让无劳动力或弱劳动力残疾人家庭受益")
R49 = plan("三(四)1", "R49", "0—6岁儿童残疾筛查")
R50 = plan("专栏6·2", "R50", "有条件的地方可扩大残疾儿童康复救助年龄范围、放宽家庭经济条件")
R53 = plan("专栏6·3", "R53", "80%以上的县市区开展精神障碍社区康复服务")
R52 = plan("专栏6·5", "R52", "所有……康复专业技术人员全面接受规范化培训")
R62 = plan("专栏7·4", "R62", "同等条件下就近就便优先入学")
R63 = plan("三(四)5", "R63", "家庭经济困难的残疾学生从义务教育到高中阶段教育的12年免费教育")
R64 = plan("三(四)5", "R64", "残疾学生和家庭经济困难的残疾人家庭子女……学前到研究生教育资助")
R67 = plan("专栏10·2", "R67", "鼓励20万人口以上的县（市、区）办好一所特殊教育学校")
R70 = plan("三(五)2", "R70", "建立困难残疾人家庭无障碍改造需求库……支持6万户")
R71 = plan("专栏9·三·2", "R71", "困难高龄、失能、残疾老年人家庭适老化改造")
R76 = plan("专栏8·一·1", "R76", "重度残疾人'五个一'文化服务")
R78 = plan(
    "三(七)6",
    "R78",
    "倾斜革命老区、民族地区、脱贫地区；优先支持尚无设施的地方；改扩建优先建设年代久、服务功能严重不足的项目",
)
R80 = plan("三(六)2", "R80", "降低残疾人法律援助门槛，扩大法律援助覆盖面")

# [BG] 就业年龄段: 16 to the statutory retirement age (60 by default here; settings `working_age.*`).
WORKING_AGE_MIN, WORKING_AGE_MAX = 16, 60
CHILD_SCREENING_MAX_AGE = 6
SPECIAL_SCHOOL_POPULATION = 200_000
MENTAL_REHAB_COUNTY_PERCENT = 80
RENOVATION_TARGET_HOUSEHOLDS = 60_000  # 专栏1 #10, 专栏9·三·2


def assistive_device_support(certified: bool, device_need_assessed: bool) -> Decision[bool]:
    """专栏3·资金类·3 (R8): a certified person with an assessed device need → fitting supported by subsidy."""
    ok = certified and device_need_assessed
    return Decision[bool](value=ok, reason="assessed need" if ok else "no certificate or no assessed need", basis=(R8,))


# [DESIGN] `visits.regular_interval_days`: "经常性" has no number; monthly by default (R23).
REGULAR_VISIT_INTERVAL_DAYS = 30


def regular_visits_due(
    household_status: HouseholdStatus,
    grade: DisabilityGrade,
    anti_relapse_monitored: bool = False,
    severe_grades: frozenset[DisabilityGrade] = SEVERE_GRADES,
) -> Decision[int | None]:
    """专栏3·服务类·1 / 三(二)3 (R23): 困难残疾人 and low-income households with a 重度 member get regular visits.

    Returns the visit interval in days, or None when no regular visit programme applies.
    """
    hardship = is_hardship(household_status, anti_relapse_monitored)
    severe_low_income = (
        DisabilityGrade(grade) in severe_grades and HouseholdStatus(household_status) is not HouseholdStatus.NONE
    )
    if hardship or severe_low_income:
        return Decision[int | None](
            value=REGULAR_VISIT_INTERVAL_DAYS,
            reason="困难残疾人: regular visits",
            basis=(R23, design("R23", "monthly")),
        )
    return Decision[int | None](value=None, reason="not in the regular visit programme", basis=(R23,))


# [DESIGN] `care.township_centralized_threshold`: "较多" low-income severely disabled persons → 30.
CENTRALIZED_CARE_THRESHOLD = 30


def township_may_set_up_centralized_care(
    low_income_severely_disabled: int, threshold: int = CENTRALIZED_CARE_THRESHOLD
) -> Decision[bool]:
    """专栏3·服务类·2 (R24): a township with many low-income severely disabled persons may set up centralised care."""
    ok = low_income_severely_disabled >= threshold
    return Decision[bool](value=ok, reason=f"{low_income_severely_disabled} vs threshold {threshold}", basis=(R24,))


def tuoyang_target_group(
    category: DisabilityCategory,
    grade: DisabilityGrade,
    age: int,
    severe_grades: frozenset[DisabilityGrade] = SEVERE_GRADES,
) -> Decision[bool]:
    """专栏3·服务类·3 (R25): working-age persons with intellectual, mental or severe physical disability → 托养."""
    category = DisabilityCategory(category)
    working_age = WORKING_AGE_MIN <= age < WORKING_AGE_MAX
    group = category in (DisabilityCategory.INTELLECTUAL, DisabilityCategory.MENTAL) or (
        category is DisabilityCategory.PHYSICAL and DisabilityGrade(grade) in severe_grades
    )
    ok = working_age and group
    reason = f"age {age}, {category.name.lower()} grade {int(grade)}: " + ("target group" if ok else "not in the group")
    return Decision[bool](value=ok, reason=reason, basis=(R25,))


FAMILY_SUPPORT = (
    "respite_care",
    "psychological_counselling",
    "rehabilitation_guidance",
    "education_guidance",
)


def family_support_services(family_has_disabled_member: bool) -> Decision[tuple[str, ...]]:
    """专栏3·服务类·4 (R26): families of disabled persons get respite care (喘息服务), counselling and guidance."""
    value = FAMILY_SUPPORT if family_has_disabled_member else ()
    return Decision[tuple[str, ...]](value=value, reason="family of a disabled person" if value else "no", basis=(R26,))


class LabourCapacity(StrEnum):
    NONE = "none"
    WEAK = "weak"
    NORMAL = "normal"


def village_project_priority(labour_capacity: LabourCapacity) -> Decision[bool]:
    """三(一)2 (R32): households with no or weak labour capacity benefit first from village projects."""
    first = LabourCapacity(labour_capacity) is not LabourCapacity.NORMAL
    return Decision[bool](value=first, reason=f"labour capacity {LabourCapacity(labour_capacity).value}", basis=(R32,))


def child_screening_due(age: int) -> Decision[bool]:
    """三(四)1 (R49): every child aged 0–6 is screened; a 7-year-old is outside the programme."""
    ok = 0 <= age <= CHILD_SCREENING_MAX_AGE
    return Decision[bool](value=ok, reason=f"age {age}", basis=(R49,))


@dataclass(frozen=True)
class ChildRehabPolicy:
    """Per-division settings `child_rehab.*` ([BG] national base: 0–6 years with an income test)."""

    max_age: int = 6
    income_test_enabled: bool = True


def child_rehab_assistance(
    age: int, family_income_eligible: bool, policy: ChildRehabPolicy = ChildRehabPolicy()
) -> Decision[bool]:
    """专栏6·2 (R50): disabled children get surgery, device fitting and training; divisions may widen age and income."""
    if age > policy.max_age:
        return Decision[bool](value=False, reason=f"age {age} > {policy.max_age}", basis=(R50,))
    if policy.income_test_enabled and not family_income_eligible:
        return Decision[bool](value=False, reason="family income test not met", basis=(R50,))
    return Decision[bool](value=True, reason="eligible for child rehabilitation assistance", basis=(R50,))


def rehab_training_complete(trained: int, professionals: int) -> Decision[bool]:
    """专栏6·5 (R52): all rehab professionals at designated institutions complete standardised training (100 %)."""
    ok = share_at_least(trained, professionals, 100)
    return Decision[bool](value=ok, reason=f"{trained}/{professionals}", basis=(R52,))


def mental_rehab_county_share_met(counties_providing: int, counties_total: int) -> Decision[bool]:
    """专栏6·3 (R53): ≥ 80 % of counties (80%以上, inclusive) provide community rehabilitation for mental disorders."""
    ok = share_at_least(counties_providing, counties_total, MENTAL_REHAB_COUNTY_PERCENT)
    reason = f"{percent(counties_providing, counties_total)} % vs ≥ 80 %"
    return Decision[bool](value=ok, reason=reason, basis=(R53,))


# --- Education (R61–R67) ---------------------------------------------------------------------------------


class SchoolStage(StrEnum):
    PRESCHOOL = "preschool"
    COMPULSORY = "compulsory"  # 义务教育 (9 years)
    SENIOR_SECONDARY = "senior_secondary"  # 高中阶段 incl. secondary vocational [BG]
    HIGHER = "higher"  # 高等教育 and postgraduate


class PlacementType(StrEnum):
    """W12 / 专栏7·1 "一人一案" placement."""

    REGULAR_CLASS = "regular_class"  # 随班就读
    SPECIAL_CLASS = "special_class"  # 特教班
    SPECIAL_SCHOOL = "special_school"
    HOME_DELIVERED = "home_delivered"  # 送教上门


def free_education(student_disabled: bool, family_in_difficulty: bool, stage: SchoolStage) -> Decision[bool]:
    """三(四)5 (R63): 12-year free education for disabled students of families in difficulty (to senior secondary)."""
    stage = SchoolStage(stage)
    in_span = stage in (SchoolStage.COMPULSORY, SchoolStage.SENIOR_SECONDARY)
    ok = student_disabled and family_in_difficulty and in_span
    if ok:
        reason = "free (12-year)"
    elif not student_disabled:
        reason = "student is not disabled: see R64 aid"
    elif not family_in_difficulty:
        reason = "family not in economic difficulty"
    else:
        reason = f"{stage.value} is outside compulsory–senior secondary: see R64 aid"
    return Decision[bool](value=ok, reason=reason, basis=(R63,))


def student_aid(student_disabled: bool, child_of_disabled_family_in_difficulty: bool) -> Decision[bool]:
    """三(四)5 (R64): disabled students and children of disabled families in difficulty: aid preschool to PhD level."""
    ok = student_disabled or child_of_disabled_family_in_difficulty
    return Decision[bool](value=ok, reason="aid per the rules" if ok else "not covered", basis=(R64,))


def placement_priority_order(children: Iterable[tuple[str, bool, bool]]) -> list[str]:
    """专栏7·4 (R62): among equal applicants, disabled children able to follow regular classes go first.

    Input: (child_id, disabled, able_for_regular_class); stable order otherwise (同等条件下).
    """
    items = list(children)
    return [cid for cid, disabled, able in items if disabled and able] + [
        cid for cid, disabled, able in items if not (disabled and able)
    ]


def special_school_encouraged(county_population: int) -> Decision[bool]:
    """专栏10·2 (R67): a county with ≥ 200 000 people (20万人口以上, inclusive) is urged to run a special school."""
    ok = county_population >= SPECIAL_SCHOOL_POPULATION
    return Decision[bool](value=ok, reason=f"population {county_population}", basis=(R67,))


# --- Accessibility renovation (R70–R71, W7) --------------------------------------------------------------


class RenovationStatus(StrEnum):
    """W7 states of a home accessibility renovation demand."""

    REGISTERED = "registered"
    ASSESSED = "assessed"
    IN_POOL = "in_pool"
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ACCEPTED = "accepted"  # only this counts toward 专栏1 #10
    CLOSED = "closed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


_INACTIVE = frozenset({RenovationStatus.CLOSED, RenovationStatus.REJECTED, RenovationStatus.WITHDRAWN})


def check_new_renovation_demand(
    household_id: str, active_demand_households: Collection[str], hardship: bool
) -> Decision[bool]:
    """三(五)2 (R70, W7): a household in difficulty enters the demand pool once; a second active demand is rejected."""
    if not hardship:
        return Decision[bool](value=False, reason="household not in difficulty", basis=(R70,))
    if household_id in active_demand_households:
        raise DuplicateRenovationDemand(
            f"household {household_id} already has an active renovation demand", basis=(R70,)
        )
    return Decision[bool](value=True, reason="registered in the demand pool", basis=(R70,))


@dataclass(frozen=True)
class RenovationCandidate:
    demand_id: str
    severe_member: bool
    household_status: HouseholdStatus
    registered_order: int  # first come, first served among equals


_STATUS_RANK = {
    HouseholdStatus.TEKUN: 0,
    HouseholdStatus.DIBAO: 1,
    HouseholdStatus.DIBAO_MARGINAL: 2,
    HouseholdStatus.LOW_INCOME: 3,
    HouseholdStatus.NONE: 4,
}


def renovation_priority(candidates: Iterable[RenovationCandidate]) -> list[str]:
    """R70 [D] pool order: households with a 重度 member first, then by assistance tier, then registration order."""
    ordered = sorted(
        candidates, key=lambda c: (not c.severe_member, _STATUS_RANK[c.household_status], c.registered_order)
    )
    return [c.demand_id for c in ordered]


def renovations_toward_target(statuses: Iterable[RenovationStatus]) -> Decision[int]:
    """专栏1 #10 (R70): only ACCEPTED renovations count toward the 60 000-household target."""
    accepted = sum(1 for s in statuses if RenovationStatus(s) is RenovationStatus.ACCEPTED)
    return Decision[int](value=accepted, reason=f"{accepted} accepted of {RENOVATION_TARGET_HOUSEHOLDS}", basis=(R70,))


def is_active_renovation(status: RenovationStatus) -> bool:
    return RenovationStatus(status) not in _INACTIVE


def aging_renovation_eligible(
    in_difficulty: bool, very_old: bool, self_care_loss: bool, disabled_elderly: bool
) -> Decision[bool]:
    """专栏9·三·2 (R71): households of 困难 elderly who are 高龄, 失能 or 残疾 → 适老化 renovation."""
    ok = in_difficulty and (very_old or self_care_loss or disabled_elderly)
    return Decision[bool](
        value=ok, reason="eligible" if ok else "not a 困难高龄/失能/残疾 elderly household", basis=(R71,)
    )


FIVE_ONES = ("read_a_book", "watch_a_film", "visit_a_park", "visit_an_exhibition", "join_a_cultural_activity")


def five_ones_outstanding(
    grade: DisabilityGrade,
    done_this_year: Collection[str],
    severe_grades: frozenset[DisabilityGrade] = SEVERE_GRADES,
) -> Decision[tuple[str, ...]]:
    """专栏8·一·1 (R76): a 重度 person is offered five cultural services a year; returns those not yet delivered."""
    if DisabilityGrade(grade) not in severe_grades:
        return Decision[tuple[str, ...]](value=(), reason="not 重度", basis=(R76,))
    left = tuple(item for item in FIVE_ONES if item not in done_this_year)
    return Decision[tuple[str, ...]](value=left, reason=f"{len(left)} of 5 outstanding", basis=(R76,))


class FacilityProjectKind(StrEnum):
    NEW = "new"  # a new facility
    EXPANSION = "expansion"  # 改扩建 of an existing one


# [DESIGN] "建设年代久" has no number in the plan: a facility built this many years ago or more is old.
OLD_FACILITY_YEARS = 20


@dataclass(frozen=True)
class FacilityProject:
    project_id: str
    priority_area: bool  # 革命老区、民族地区、脱贫地区
    area_has_no_facility: bool
    kind: FacilityProjectKind = FacilityProjectKind.NEW
    built_year: int | None = None  # of the facility an expansion works on
    seriously_deficient: bool = False  # 服务功能严重不足 (assessed)


def facility_priority_grounds(
    project: FacilityProject, year: int, old_after_years: int = OLD_FACILITY_YEARS
) -> tuple[str, ...]:
    """三(七)6 (R78): the grounds on which the plan prefers a service-facility project —
    (1) 兜底线工程…优先向革命老区、民族地区、脱贫地区倾斜; (2) 优先支持尚无残疾人服务设施地方的项目 (a new
    facility where there is none); (3) 改扩建项目优先支持建设年代久、服务功能严重不足的项目 (an expansion of an old
    and seriously deficient facility: both attributes, joined by "、" in one description)."""
    grounds = []
    if project.priority_area:
        grounds.append("priority_area")
    if project.kind is FacilityProjectKind.NEW and project.area_has_no_facility:
        grounds.append("fills_a_gap")
    if (
        project.kind is FacilityProjectKind.EXPANSION
        and project.built_year is not None
        and year - project.built_year >= old_after_years
        and project.seriously_deficient
    ):
        grounds.append("old_and_deficient")
    return tuple(grounds)


def facility_funding_order(projects: Iterable[FacilityProject], year: int = 2021) -> Decision[list[str]]:
    """三(七)6 (R78): projects with more of the plan's priority grounds first. The text sets no order among the
    grounds (a priority area does not outrank filling a gap, nor the reverse), so each counts once [D]; ties keep
    the project id order."""
    ranked = sorted(projects, key=lambda p: (-len(facility_priority_grounds(p, year)), p.project_id))
    return Decision[list[str]](
        value=[p.project_id for p in ranked],
        reason="ranked by the number of R78 priority grounds met",
        basis=(R78, design("R78", "grounds weigh equally; old = 20 years")),
    )


# [DESIGN] `legal_aid.income_threshold_multiplier`: relaxed to 1.5 × the general legal-aid income line.
LEGAL_AID_THRESHOLD_MULTIPLIER = Decimal("1.5")


def legal_aid_income_eligible(
    monthly_income: Decimal,
    general_income_line: Decimal,
    multiplier: Decimal = LEGAL_AID_THRESHOLD_MULTIPLIER,
) -> Decision[bool]:
    """三(六)2 (R80): disabled applicants face a lower legal-aid threshold (a relaxed income line)."""
    ok = Decimal(monthly_income) <= Decimal(general_income_line) * Decimal(multiplier)
    return Decision[bool](
        value=ok,
        reason=f"income {monthly_income} vs {general_income_line} × {multiplier}",
        basis=(R80, design("R80", "multiplier")),
    )


# W7 lifecycle: forward one step at a time; an active demand may also be closed, rejected or withdrawn.
_RENOVATION_PATH = (
    RenovationStatus.REGISTERED,
    RenovationStatus.ASSESSED,
    RenovationStatus.IN_POOL,
    RenovationStatus.APPROVED,
    RenovationStatus.IN_PROGRESS,
    RenovationStatus.COMPLETED,
    RenovationStatus.ACCEPTED,
)


def renovation_transition_allowed(current: RenovationStatus, target: RenovationStatus) -> Decision[bool]:
    """三(五)2 (R70, W7): a demand moves to the next step of its lifecycle, or ends (closed, rejected, withdrawn)
    while active; an accepted or ended demand does not move again."""
    current, target = RenovationStatus(current), RenovationStatus(target)
    basis = (R70, design("W7", "one step forward at a time"))
    if not is_active_renovation(current) or current is RenovationStatus.ACCEPTED:
        return Decision[bool](value=False, reason=f"{current.value} is final", basis=basis)
    if target in _INACTIVE:
        return Decision[bool](value=True, reason=f"{current.value} → {target.value}", basis=basis)
    index = _RENOVATION_PATH.index(current)
    ok = index + 1 < len(_RENOVATION_PATH) and _RENOVATION_PATH[index + 1] is target
    reason = f"{current.value} → {target.value}" + ("" if ok else f": next step is {_RENOVATION_PATH[index + 1].value}")
    return Decision[bool](value=ok, reason=reason, basis=basis)
