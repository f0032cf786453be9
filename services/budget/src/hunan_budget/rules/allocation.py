"""Allocation rules of the Opinion's pooling and allocation parts that gate a record: policy first, no block
allocation (R3), the unit's own funds before an appropriation (R7), the stock-asset ladder (R11), no strings on
special funds beyond central and provincial rules (R12), and competitive-review subsidies (R21)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from hunan_budget.rules.basis import decide, design, non_negative, opinion
from hunan_shared.legal import Decision


def policy_first(block_allocation: bool, policy_basis: str | None) -> Decision[bool]:
    """R3 / Opinion (二) / 实施意见（二）: 先定政策，后定资金，原则上不再采取切块方式新增预算 — a new expenditure line
    names the policy it serves and is not a lump-sum block (切块) to be divided later. "原则上" is read as a
    refusal, like R1 [DESIGN]."""
    basis = opinion("(二)", "R3", "先定政策，后定资金，原则上不再采取切块方式新增预算")
    if block_allocation:
        return decide(False, "new budget by lump-sum block allocation (切块) is refused", basis)
    if not (policy_basis or "").strip():
        return decide(False, "no policy basis: the policy is set before the money", basis)
    return decide(True, f"policy basis: {policy_basis}", basis)


def own_funds_first(need: Decimal, own_funds_available: Decimal | None) -> Decision[bool]:
    """R7 / Opinion (四) / 实施意见（四）: 在非财政拨款资金可以满足支出需要时，原则上不得新增申请财政拨款 — an
    appropriation is refused when the unit's available non-appropriation funds cover the need (equal covers it).
    Unknown own funds (not stated) are not assumed to cover anything."""
    basis = opinion("(四)", "R7", "非财政拨款资金可以满足支出需要时，原则上不得新增申请财政拨款")
    need = non_negative("need", need)
    if own_funds_available is None:
        return decide(True, "no non-appropriation funds stated", basis)
    own = non_negative("own_funds_available", own_funds_available)
    if own >= need:
        return decide(
            False, f"own funds {own} cover the need {need}: use them before asking for an appropriation", basis
        )
    return decide(True, f"own funds {own} < need {need}", basis)


class AssetStatus(StrEnum):
    """行政事业单位存量资产 as the Opinion (五) sorts them."""

    INEFFICIENT = "INEFFICIENT"  # 低效运转
    IDLE = "IDLE"  # 闲置
    OVER_STANDARD = "OVER_STANDARD"  # 超标准配置
    TEMPORARY = "TEMPORARY"  # 临时配置
    OPERATING = "OPERATING"  # 短期内难以市场化方式出售变现的经营性资产
    HAS_OPERATING_CAPACITY = "HAS_OPERATING_CAPACITY"  # 有经营能力的资产


class Disposition(StrEnum):
    REALLOCATE = "REALLOCATE"  # 调剂使用
    DISPOSE = "DISPOSE"  # 处置
    ENTRUSTED_MANAGEMENT = "ENTRUSTED_MANAGEMENT"  # 委托管理
    PUBLIC_LEASE = "PUBLIC_LEASE"  # 公开招租
    CAPITAL_INJECTION_TO_SOE = "CAPITAL_INJECTION_TO_SOE"  # 资本注入划入国有企业
    PUBLIC_WAREHOUSE = "PUBLIC_WAREHOUSE"  # 公物仓


IDLE_KINDS = frozenset({AssetStatus.INEFFICIENT, AssetStatus.IDLE, AssetStatus.OVER_STANDARD, AssetStatus.TEMPORARY})
LADDER: dict[AssetStatus, frozenset[Disposition]] = {
    **{s: frozenset({Disposition.REALLOCATE, Disposition.DISPOSE, Disposition.PUBLIC_WAREHOUSE}) for s in IDLE_KINDS},
    AssetStatus.OPERATING: frozenset({Disposition.ENTRUSTED_MANAGEMENT, Disposition.PUBLIC_LEASE}),
    AssetStatus.HAS_OPERATING_CAPACITY: frozenset({Disposition.CAPITAL_INJECTION_TO_SOE}),
}


def asset_disposition_allowed(
    status: AssetStatus, disposition: Disposition, reallocation_possible: bool, meets_disposal_standard: bool
) -> Decision[bool]:
    """R11 / Opinion (五) / 实施意见（五）: inefficient, idle, over-standard and temporary assets are reallocated
    (调剂) first and disposed of only when reallocation is impossible *and* they meet the disposal standard;
    operating assets hard to sell go to entrusted management or public lease; assets with operating capacity are
    injected into a state-owned enterprise; a public warehouse (公物仓) may hold idle assets where set up."""
    status, disposition = AssetStatus(status), Disposition(disposition)
    basis = opinion(
        "(五)", "R11", "加大低效运转、闲置、超标准配置以及临时配置资产调剂使用力度，难以调剂且达到处置标准的予以处置"
    )
    if disposition not in LADDER[status]:
        allowed = ", ".join(sorted(LADDER[status]))
        return decide(False, f"a {status} asset goes to {allowed}, not {disposition}", basis)
    if disposition is Disposition.DISPOSE:
        if reallocation_possible:
            return decide(False, "the asset can still be reallocated: reallocation comes before disposal", basis)
        if not meets_disposal_standard:
            return decide(False, "the asset does not meet the disposal standard (未达到处置标准)", basis)
        return decide(True, "reallocation impossible and disposal standard met", basis)
    return decide(True, f"{status} → {disposition}", basis)


class ConstraintSource(StrEnum):
    CENTRAL = "CENTRAL"  # 中央规定
    PROVINCIAL = "PROVINCIAL"  # 省规定
    DEPARTMENT = "DEPARTMENT"  # set by the line department itself


@dataclass(frozen=True)
class LocalConstraint:
    """A binding fund-use task or restriction a special fund imposes on the city or county receiving it."""

    task: str
    source: ConstraintSource
    source_ref: str | None = None


def special_fund_constraints_allowed(constraints: list[LocalConstraint]) -> Decision[bool]:
    """R12 / Opinion (六) / 实施意见（六）: 不得在中央和省规定外下达市县资金使用约束性任务，不得设置“玻璃门”固化资金
    用途 — every binding task attached to a special fund sent to a city or county traces to a named central or
    provincial rule; one the department set itself (or without a reference) is refused. No constraint → allowed."""
    basis = opinion("(六)", "R12", "不得在中央和省规定外下达市县资金使用约束性任务，不得设置“玻璃门”")
    for c in constraints:
        source = ConstraintSource(c.source)
        if source is ConstraintSource.DEPARTMENT:
            return decide(
                False, f"'{c.task}' is the department's own constraint, beyond central/provincial rules", basis
            )
        if not (c.source_ref or "").strip():
            return decide(False, f"'{c.task}' names no {source.value.lower()} rule it comes from", basis)
    return decide(True, f"{len(constraints)} constraint(s), each traced to a central or provincial rule", basis)


class SupportMode(StrEnum):
    """竞争性领域财政支持方式 (Opinion (九))."""

    DIRECT_SUBSIDY_COMPETITIVE_REVIEW = "DIRECT_SUBSIDY_COMPETITIVE_REVIEW"  # 以竞争性评审方式直接补助
    POST_SUBSIDY = "POST_SUBSIDY"  # 后补助
    INTEREST_SUBSIDY = "INTEREST_SUBSIDY"  # 贷款（债券）贴息
    GUARANTEE_PREMIUM_SUBSIDY = "GUARANTEE_PREMIUM_SUBSIDY"  # 担保费（保费）补贴
    RISK_COMPENSATION = "RISK_COMPENSATION"  # 风险补偿


def competitive_support_allowed(
    mode: SupportMode,
    criteria_published_on: dt.date | None,
    review_on: dt.date | None,
    procedure_ref: str | None,
    collective_decision_ref: str | None,
    result_targets: str | None,
) -> Decision[bool]:
    """R21 / Opinion (九) / 实施意见（九）: a direct subsidy to market entities by competitive review needs review
    criteria published *before* the review (the same day is not before), a regulated procedure and a collective
    decision; a post-subsidy (后补助) is tied to preset results (progress, economic contribution, R&D output).
    Indirect modes (interest, premium subsidies, risk compensation) are what the text encourages."""
    mode = SupportMode(mode)
    if mode is SupportMode.DIRECT_SUBSIDY_COMPETITIVE_REVIEW:
        basis = opinion(
            "(九)", "R21", "确需采用竞争性评审方式直接补助的，应事先公布评审条件，规范评审程序，开展集体决策"
        )
        if criteria_published_on is None or review_on is None or criteria_published_on >= review_on:
            return decide(False, "review criteria were not published before the review", basis)
        if not (procedure_ref or "").strip():
            return decide(False, "no regulated review procedure named", basis)
        if not (collective_decision_ref or "").strip():
            return decide(False, "no collective decision recorded", basis)
        return decide(
            True, f"criteria published {criteria_published_on}, reviewed {review_on}, decided collectively", basis
        )
    if mode is SupportMode.POST_SUBSIDY:
        basis = opinion("(九)", "R21", "以结果为导向，根据项目进度、经济贡献、研发成果等给予后补助")
        ok = bool((result_targets or "").strip())
        return decide(ok, "tied to preset results" if ok else "a post-subsidy needs preset result targets", basis)
    return decide(
        True,
        f"{mode}: an indirect mode",
        opinion("(九)", "R21", "积极运用贷款（债券）贴息、担保费（保费）补贴、风险补偿等间接支持方式"),
        design("R21", "indirect modes carry no extra condition in the text"),
    )
