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
    WARNING = "WARNING"  # an aspirational target (争取) missed: reported, not a failure


class Comparison(StrEnum):
    STRICTLY_ABOVE = "超过"
    AT_LEAST = "不低于"


@dataclass(frozen=True)
class Target:
    code: str
    value: Decimal
    comparison: Comparison
    aspirational: bool
    basis: Basis


TARGETS: dict[str, Target] = {
    "S1": Target(
        "S1",
        Decimal(15),
        Comparison.STRICTLY_ABOVE,
        False,
        plan("一(二)", "R1", "到2025年公民具备科学素质的比例超过15%"),
    ),
    "S3": Target("S3", Decimal(1500), Comparison.AT_LEAST, True, plan("二(一)3", "R2", "争取每年国家级立项1500项")),
    "S4": Target("S4", Decimal(3000), Comparison.AT_LEAST, True, plan("二(一)3", "R2", "省级立项3000项")),
    "S5": Target("S5", Decimal(3000), Comparison.AT_LEAST, False, plan("二(一)7", "R3", "每年培训3000名科技辅导员")),
    "S6": Target("S6", Decimal(500000), Comparison.AT_LEAST, False, plan("二(二)2", "R5", "农民教育培训50万人次以上")),
    "S7": Target(
        "S7", Decimal(50000), Comparison.AT_LEAST, False, plan("二(二)2", "R5", "农村创业创新带头人5万名以上")
    ),
    "S18": Target(
        "S18", Decimal(550000), Comparison.AT_LEAST, False, plan("二(三)3", "R13", "每年培训技能人才55万人次以上")
    ),
    "S20": Target(
        "S20", Decimal(300), Comparison.AT_LEAST, False, plan("三(三)3", "R17", "5年内支持建设300个省级科普基地")
    ),
    "S22": Target("S22", Decimal(35), Comparison.AT_LEAST, False, plan("三(四)3", "R18", "健康促进县市区比例达到35%")),
    "S23": Target("S23", Decimal(25), Comparison.AT_LEAST, False, plan("三(四)3", "R18", "居民健康素养水平不低于25%")),
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
