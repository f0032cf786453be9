"""Indicator targets and progress (§3 S1–S28): each check says met / not met / warning with the plan's wording
strength — "超过" is strict, "以上 / 不低于 / 达到" are inclusive, "争取 / 力争" are aspirations (warnings)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from hunan_science.rules.basis import ScienceRuleError, decide, design, plan
from hunan_shared.legal import Basis, Decision


class Outcome(StrEnum):
    MET = "MET"
    NOT_MET = "NOT_MET"
    WARNING = "WARNING"  # an aspirational target (争取 / 力争) missed: reported, not a failure
    NO_DATA = "NO_DATA"  # nothing recorded yet that the target can be measured on
    CONTRIBUTION = "CONTRIBUTION"  # a division's share of a provincial count: no verdict at division level
    PROVINCE_ONLY = "PROVINCE_ONLY"  # a provincial milestone or reference list: nothing to measure per division


class Comparison(StrEnum):
    STRICTLY_ABOVE = "超过"
    AT_LEAST = "不低于"


class Period(StrEnum):
    """How records are summed for a target."""

    ANNUAL = "ANNUAL"  # 每年: the records of the asked calendar year
    CUMULATIVE = "CUMULATIVE"  # 到2025年 / 5年内 / 十四五期间: 2021 up to the asked year (at most 2025)
    LATEST = "LATEST"  # a level (ratio, area, share): the latest value recorded up to the asked year
    EVENT = "EVENT"  # something that is done in a given year (四(四))


PLAN_START, PLAN_END = 2021, 2025


@dataclass(frozen=True)
class Target:
    code: str
    value: Decimal
    comparison: Comparison
    aspirational: bool
    basis: Basis
    name: str = ""
    unit: str = ""
    period: Period = Period.CUMULATIVE
    by_year: int | None = PLAN_END  # the year the plan names; None when it names none (every year / plan period)
    level: str = "province"
    source: str = ""  # the register the progress is computed from


def _t(
    code: str,
    value: int | str,
    section: str,
    rule: str,
    quote: str,
    name: str,
    unit: str,
    period: Period,
    source: str,
    *,
    strict: bool = False,
    aspirational: bool = False,
    by_year: int | None = PLAN_END,
) -> Target:
    return Target(
        code,
        Decimal(value),
        Comparison.STRICTLY_ABOVE if strict else Comparison.AT_LEAST,
        aspirational,
        plan(section, rule, quote),
        name=name,
        unit=unit,
        period=period,
        by_year=by_year,
        source=source,
    )


_A, _C, _L, _E = Period.ANNUAL, Period.CUMULATIVE, Period.LATEST, Period.EVENT

# Every quantified target of the plan (S1–S28 of the catalogue; S27 and S28 are counts of the plan's own structure
# and a per-semester routine) plus S29, the directed teacher-training quota of 二(一)7 (R4). Names, units and
# periods follow the plan's words; where it names no year the target holds each year (`by_year=None`).
TARGETS: dict[str, Target] = {
    t.code: t
    for t in (
        _t(
            "S1",
            15,
            "一(二)",
            "R1",
            "到2025年公民具备科学素质的比例超过15%",
            "Citizens with basic science literacy",
            "% of citizens",
            _L,
            "surveys: LITERACY (province)",
            strict=True,
        ),
        _t(
            "S2",
            0,
            "一(二)",
            "R1",
            "力争超过全国平均水平",
            "Literacy above the national average",
            "percentage points",
            _L,
            "surveys: LITERACY minus national_average",
            strict=True,
            aspirational=True,
        ),
        _t(
            "S3",
            1500,
            "二(一)3",
            "R2",
            "争取每年国家级立项1500项",
            "National university innovation projects",
            "projects",
            _A,
            "innovation projects approved at NATIONAL level",
            aspirational=True,
            by_year=None,
        ),
        _t(
            "S4",
            3000,
            "二(一)3",
            "R2",
            "省级立项3000项",
            "Provincial university innovation projects",
            "projects",
            _A,
            "innovation projects approved at PROVINCIAL level",
            aspirational=True,
            by_year=None,
        ),
        _t(
            "S5",
            3000,
            "二(一)7",
            "R3",
            "每年培训3000名科技辅导员",
            "Science counsellors trained",
            "distinct persons",
            _A,
            "trainings: SCI_COUNSELLOR (distinct person ids)",
            by_year=None,
        ),
        _t(
            "S6",
            500000,
            "二(二)2",
            "R5",
            "农民教育培训50万人次以上",
            "Farmer education and training",
            "人次",
            _C,
            "trainings: FARMER (person-times)",
        ),
        _t(
            "S7",
            50000,
            "二(二)2",
            "R5",
            "农村创业创新带头人5万名以上",
            "Rural entrepreneurship leaders trained",
            "distinct persons",
            _C,
            "trainings: RURAL_ENTREPRENEUR (distinct person ids)",
        ),
        _t(
            "S8",
            2000,
            "二(二)3",
            "R6",
            "5年内组织2000家以上商会、民营企业与村结对",
            "Chambers and enterprises paired with villages (万企兴万村)",
            "organisations",
            _C,
            "pairings (distinct organisations)",
        ),
        _t(
            "S9",
            1000,
            "二(二)3",
            "R7",
            "省派科技特派员1000名",
            "Province-dispatched S&T commissioners",
            "distinct persons",
            _C,
            "commissioners dispatched by the PROVINCE (distinct person ids)",
        ),
        _t(
            "S10",
            80,
            "二(二)3",
            "R8",
            "在全省80个县市区建立学会服务站和科普小镇",
            "Counties with both a society service station and a science town",
            "counties",
            _L,
            "venues: SOCIETY_SERVICE_STATION + SCI_TOWN",
            by_year=None,
        ),
        _t(
            "S11",
            100,
            "二(三)2",
            "R14",
            "建设100个“湖湘工匠”培育竞赛基地",
            "Craftsman training and competition bases",
            "bases",
            _C,
            "designations: CRAFTSMAN_BASE",
        ),
        _t(
            "S12",
            1000,
            "二(三)2",
            "R14",
            "1000个劳模和工匠人才创新工作室",
            "Model-worker and craftsman innovation studios",
            "studios",
            _C,
            "designations: INNOVATION_STUDIO",
        ),
        _t(
            "S13",
            10000,
            "二(三)2",
            "R14",
            "选树10000名高技能领军人才和劳模工匠师徒“结对子”",
            "High-skill leading talents and mentor pairs",
            "persons or pairs",
            _C,
            "designations: HIGH_SKILL_TALENT_OR_PAIR",
        ),
        _t(
            "S14",
            30,
            "二(三)3",
            "R14",
            "建设30所高水平高职学校",
            "High-level higher-vocational colleges",
            "schools",
            _C,
            "designations: HIGHER_VOCATIONAL_COLLEGE",
        ),
        _t(
            "S15",
            60,
            "二(三)3",
            "R14",
            "60所优质中等职业学校",
            "Quality secondary vocational schools",
            "schools",
            _C,
            "designations: SECONDARY_VOCATIONAL_SCHOOL",
        ),
        _t(
            "S16",
            150,
            "二(三)3",
            "R14",
            "150个高职高水平专业",
            "High-level higher-vocational majors",
            "majors",
            _C,
            "designations: HIGHER_VOCATIONAL_MAJOR",
        ),
        _t(
            "S17",
            200,
            "二(三)3",
            "R14",
            "200个中职优质专业",
            "Quality secondary vocational majors",
            "majors",
            _C,
            "designations: SECONDARY_VOCATIONAL_MAJOR",
        ),
        _t(
            "S18",
            550000,
            "二(三)3",
            "R13",
            "每年培训技能人才55万人次以上",
            "Skilled workers trained",
            "人次",
            _A,
            "trainings: SKILLS_WORKER (person-times)",
            by_year=None,
        ),
        _t(
            "S19",
            100,
            "三(三)2",
            "R16",
            "推动各市州建设科技馆",
            "市州 with a physical science museum",
            "% of 市州",
            _L,
            "venues: SCI_MUSEUM_PHYSICAL per 市州",
            by_year=None,
        ),
        _t(
            "S20",
            300,
            "三(三)3",
            "R17",
            "5年内支持建设300个省级科普基地",
            "Provincial science bases",
            "bases",
            _C,
            "venues: PROV_SCI_BASE",
        ),
        _t(
            "S21",
            160,
            "三(四)3",
            "R15",
            "每万人拥有科普展厅面积达到160平方米",
            "Science exhibition-hall area per 10,000 residents",
            "m² per 10,000 residents",
            _L,
            "venues open to the public ÷ surveys: RESIDENTS",
            by_year=None,
        ),
        _t(
            "S22",
            35,
            "三(四)3",
            "R18",
            "健康促进县市区比例达到35%",
            "Health-promotion counties",
            "% of counties",
            _L,
            "designations: HEALTH_PROMOTION_COUNTY ÷ county count",
        ),
        _t(
            "S23",
            25,
            "三(四)3",
            "R18",
            "居民健康素养水平不低于25%",
            "Resident health literacy",
            "% of residents",
            _L,
            "surveys: HEALTH_LITERACY (province)",
        ),
        _t(
            "S24",
            100,
            "三(二)4",
            "R19",
            "嵌入所有市州党群（政务）服务网络平台和县级融媒体中心",
            "Platforms embedding 科普中国 / 科普湖南",
            "% of 市州 platforms and county media centres",
            _L,
            "designations: CITY_PLATFORM_EMBEDDED + COUNTY_MEDIA_EMBEDDED",
            by_year=None,
        ),
        _t(
            "S25",
            2,
            "四(四)",
            "R38",
            "2023年开展全省公民科学素质调查和中期督查",
            "2023 survey and mid-term inspection",
            "milestones done",
            _E,
            "surveys: LITERACY 2023 + evaluations: MID_TERM_INSPECTION 2023",
            by_year=2023,
        ),
        _t(
            "S26",
            1,
            "四(四)",
            "R38",
            "2025年进行总结评估",
            "2025 summary and evaluation",
            "milestones done",
            _E,
            "evaluations: FINAL_EVALUATION 2025",
        ),
        _t(
            "S27",
            9,
            "二, 三",
            "S27",
            "实施五大提升行动和四项重点工程",
            "Improvement actions and key projects under way",
            "actions and projects",
            _L,
            "programmes (reference data)",
            by_year=None,
        ),
        _t(
            "S28",
            100,
            "二(一)5",
            "R11",
            "支持中小学校每学期到科技馆、博物馆、科普教育基地等开展科学教育",
            "Schools with a venue visit this semester",
            "% of schools",
            _L,
            "school visits per semester",
            by_year=None,
        ),
        _t(
            "S29",
            100,
            "二(一)7",
            "R4",
            "满足各县市区科学教育专业公费定向师范生培养需求",
            "County requests for directed science-teacher trainees met in full",
            "% of county requests",
            _A,
            "teacher quotas",
            by_year=None,
        ),
    )
}


def target_progress(code: str, value: Decimal) -> Decision[Outcome]:
    """S1–S23 / 一(二), 二, 三: compare a measured value with the plan's target in the plan's own wording."""
    try:
        target = TARGETS[code]
    except KeyError:
        raise ScienceRuleError(f"no computable target {code!r}") from None
    value = Decimal(value)
    met = value > target.value if target.comparison is Comparison.STRICTLY_ABOVE else value >= target.value
    outcome = Outcome.MET if met else (Outcome.WARNING if target.aspirational else Outcome.NOT_MET)
    basis = [target.basis] + (
        [design(target.basis.article, "争取: a miss is a warning")] if target.aspirational else []
    )
    return decide(outcome, f"{code}: {value} vs {target.comparison.value} {target.value}", *basis)


def share_percent(part: int, whole: int) -> Decimal:
    if whole <= 0 or part < 0 or part > whole:
        raise ScienceRuleError(f"cannot take {part} of {whole} as a share")
    return Decimal(part) * 100 / Decimal(whole)


def health_promotion_counties(certified: int, county_count: int = 122) -> Decision[Outcome]:
    """R18 / 三(四)3: health-promotion counties ≥ 35 % of all counties (122 county-level divisions by default,
    configurable). 42 of 122 = 34.4 % → not met; 43 = 35.2 % → met."""
    share = share_percent(certified, county_count)
    decision = target_progress("S22", share)
    return decide(
        decision.value,
        f"{certified}/{county_count} = {share:.1f} %: {decision.reason}",
        *decision.basis,
        design("R18", "county count is configuration (BG: 122)"),
    )


def trained_counsellors(person_ids: list[str]) -> Decision[Outcome]:
    """R3 / 二(一)7: at least 3,000 science counsellors trained a year — counted as distinct persons, not sessions."""
    unique = len(set(person_ids))
    decision = target_progress("S5", Decimal(unique))
    return decide(
        decision.value,
        f"{unique} distinct persons ({len(person_ids)} sessions): {decision.reason}",
        *decision.basis,
        design("R3", "count persons, not sessions"),
    )


def platforms_embedded(embedded: int, total: int) -> Decision[Outcome]:
    """R19 / 三(二)4: "科普中国" and "科普湖南" embedded in all (所有) 市州 platforms and county media centres."""
    share = share_percent(embedded, total)
    met = embedded == total
    return decide(
        Outcome.MET if met else Outcome.NOT_MET,
        f"{embedded}/{total} embedded ({share:.1f} %), all required",
        plan("三(二)4", "R19", "嵌入所有市州党群（政务）服务网络平台和县级融媒体中心"),
    )


class Milestone(StrEnum):
    LITERACY_SURVEY = "LITERACY_SURVEY"  # 全省公民科学素质调查
    MID_TERM_INSPECTION = "MID_TERM_INSPECTION"  # 中期督查
    FINAL_EVALUATION = "FINAL_EVALUATION"  # 总结评估


def milestones_due(year: int) -> Decision[list[Milestone]]:
    """R38 / 四(四): 2023 → provincial literacy survey and mid-term inspection; 2025 → summary and evaluation."""
    due = {2023: [Milestone.LITERACY_SURVEY, Milestone.MID_TERM_INSPECTION], 2025: [Milestone.FINAL_EVALUATION]}.get(
        year, []
    )
    return decide(
        due,
        f"{year}: " + (", ".join(m.value for m in due) or "no milestone"),
        plan("四(四)", "R38", "2023年开展全省公民科学素质调查和中期督查，2025年总结评估"),
    )


class Progress(StrEnum):
    IN_PROGRESS = "IN_PROGRESS"


def assess(code: str, value: Decimal | None, year: int) -> Decision[Outcome | Progress]:
    """The dashboard's verdict on one target in `year` (一(二), 二, 三, 四(四)): NO_DATA without records; MET in
    the plan's wording (`target_progress`); a missed aspiration (争取 / 力争) is a WARNING; a target whose year
    (by 2025, 2023 for S25) has not come is IN_PROGRESS, not failed; otherwise NOT_MET."""
    try:
        target = TARGETS[code]
    except KeyError:
        raise ScienceRuleError(f"no computable target {code!r}") from None
    if value is None:
        return decide(Outcome.NO_DATA, f"{code}: nothing recorded yet", target.basis)
    decision = target_progress(code, value)
    if decision.value is Outcome.NOT_MET and target.by_year is not None and year < target.by_year:
        return decide(
            Progress.IN_PROGRESS,
            f"{decision.reason}; due {target.by_year}",
            *decision.basis,
            design(target.basis.article, "before the target year a shortfall is progress, not failure"),
        )
    return decide(decision.value, decision.reason, *decision.basis)


# Targets stated as a rate or share (%, m² per 10,000 residents): the same bar applies to a 市州 or county's own
# figure. The others are provincial counts (S3–S18, S20) or provincial milestones (S25–S27).
RATE_TARGETS = frozenset({"S1", "S2", "S19", "S21", "S22", "S23", "S24", "S28", "S29"})
PROVINCE_ONLY_TARGETS = frozenset({"S25", "S26", "S27"})


def assess_division(code: str, value: Decimal | None, year: int) -> Decision[Outcome | Progress]:
    """Indicators by 市州 and county (四(一)1–2: cities and counties plan and are assessed on the plan's targets):
    a rate target is assessed on the division's own figure like the province's; a provincial count is shown as
    the division's contribution (the plan does not split it); a provincial milestone is PROVINCE_ONLY."""
    target = TARGETS[code]
    local = plan("四(一)2", "R37", "纳入目标管理考核，与经济社会发展其他指标同考核、同奖惩")
    if code in PROVINCE_ONLY_TARGETS:
        return decide(Outcome.PROVINCE_ONLY, f"{code}: a provincial milestone, not measured per division", target.basis)
    if code in RATE_TARGETS:
        decision = assess(code, value, year)
        return decide(decision.value, decision.reason, *decision.basis, local)
    if value is None:
        return decide(Outcome.NO_DATA, f"{code}: nothing recorded in the division", target.basis, local)
    return decide(
        Outcome.CONTRIBUTION,
        f"{code}: {value} {target.unit} toward the provincial {target.value} (not split by division in the plan)",
        target.basis,
        local,
    )


def progress_percent(code: str, value: Decimal | None) -> Decimal | None:
    """Measured value as a percentage of the target (None without a value, or for a difference target like S2)."""
    target = TARGETS[code]
    if value is None or target.value == 0:
        return None
    return (Decimal(value) * 100 / target.value).quantize(Decimal("0.1"))


def cumulative_years(year: int) -> tuple[int, int]:
    """The years a cumulative target sums in `year`: the plan's years up to it (2021–2025)."""
    return PLAN_START, min(max(year, PLAN_START), PLAN_END)
