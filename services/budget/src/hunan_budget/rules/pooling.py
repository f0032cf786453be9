"""Pooling, austerity, funds and supervision rules of the Opinion that compute a number or a yes/no:
carry-over sweeps (R8–R10), extra cuts (R15), no pegging (R4), investment funds (R23, R25, R26),
purchase-of-services negative list (R39), matching funds (R47), inflated revenue (R50), disclosure (R51)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from hunan_budget.rules.basis import decide, design, non_negative, opinion
from hunan_shared.legal import Decision

GOV_FUND_CARRYOVER_KEEP = Decimal("0.20")  # Opinion (五): 超过该项基金当年收入的20%部分
STATE_CAPITAL_SWEEP = Decimal("0.50")  # Opinion (五): 国有资本经营预算结转资金的50%
EXTRA_CUT_CAP = Decimal("0.80")  # Opinion (七): 再压减20%以上 → at most 80 % of the base
INFLATED_REVENUE_DEDUCTION = Decimal("0.50")  # Opinion (二十三): 按虚增额的50%扣减转移支付
DISCLOSURE_DAYS = 20  # Opinion (二十四): 批复后20日内


def government_fund_sweep(carryover: Decimal, current_year_revenue: Decimal) -> Decision[Decimal]:
    """R8 / Opinion (五): the part of a government fund's carry-over above 20 % of its revenue of the year goes
    to the general public budget. Exactly 20 % → nothing swept; zero revenue → everything swept."""
    carryover = non_negative("carryover", carryover)
    keep = GOV_FUND_CARRYOVER_KEEP * non_negative("current_year_revenue", current_year_revenue)
    swept = max(Decimal(0), carryover - keep)
    return decide(
        swept,
        f"carry-over {carryover} − 20 % of revenue ({keep}) → swept {swept}",
        opinion("(五)", "R8", "政府性基金预算结转资金超过该项基金当年收入的20%部分调入一般公共预算"),
    )


def state_capital_sweep(carryover: Decimal) -> Decision[Decimal]:
    """R9 / Opinion (五): 50 % of the state-capital operating budget carry-over goes to the general budget."""
    swept = STATE_CAPITAL_SWEEP * non_negative("carryover", carryover)
    return decide(swept, f"50 % of {carryover}", opinion("(五)", "R9", "国有资本经营预算结转资金的50%调入一般公共预算"))


def project_carryover_recovered(
    age_months: int, reserved_research_funds: bool, threshold_months: int = 12
) -> Decision[bool]:
    """R10 / Opinion (五): project appropriations carried over more than one year (一年以上, read as ≥ 12 months,
    configurable) are recovered, except fiscal research funds retained under the rules."""
    basis = opinion("(五)", "R10", "结转一年以上的项目支出收回（按规定保留的财政科研经费除外）")
    if reserved_research_funds:
        return decide(False, "retained fiscal research funds are exempt", basis)
    recovered = age_months >= threshold_months
    return decide(
        recovered,
        f"carried over {age_months} months vs ≥ {threshold_months}",
        basis,
        design("R10", "一年以上 read as ≥ 12 months"),
    )


def austerity_cap_respected(new_budget: Decimal, base: Decimal, rigid_under_covered: bool) -> Decision[bool]:
    """R15 / Opinion (七): where rigid expenditure is under-covered, 三公/office/meeting/training budgets are cut a
    further 20 % or more: new ≤ 80 % of base (exactly 80 % complies). Other regions are not capped by this rule."""
    basis = opinion("(七)", "R15", "刚性支出保障能力不足的地区，“三公”经费、办公、会议、培训等经费再压减20%以上")
    new_budget, base = non_negative("new_budget", new_budget), non_negative("base", base)
    if not rigid_under_covered:
        return decide(True, "region not flagged 刚性支出保障能力不足", basis)
    cap = EXTRA_CUT_CAP * base
    ok = new_budget <= cap
    return decide(ok, f"new {new_budget} {'≤' if ok else '>'} 80 % of base {base} = {cap}", basis)


class LinkTarget(StrEnum):
    """What an expenditure line may be pegged to (挂钩), all forbidden without a legal basis (R4)."""

    FISCAL_GROWTH = "FISCAL_GROWTH"  # 财政收支增幅
    GDP = "GDP"  # 生产总值
    EARMARKED_REVENUE = "EARMARKED_REVENUE"  # 专项收入
    FINES_CONFISCATIONS = "FINES_CONFISCATIONS"  # 罚没收入
    STATE_RESOURCE_PAID_USE = "STATE_RESOURCE_PAID_USE"  # 国有资源（资产）有偿使用收入


def pegging_allowed(linked_to: LinkTarget | None, legal_basis_for_link: str | None) -> Decision[bool]:
    """R4 / Opinion (二): 除法律有明确规定外，支出安排不与财政收支增幅、生产总值或非税收入挂钩."""
    basis = opinion("(二)", "R4", "除法律有明确规定外，支出安排不与财政收支增幅或生产总值挂钩")
    if linked_to is None:
        return decide(True, "not pegged", basis)
    if (legal_basis_for_link or "").strip():
        return decide(True, f"pegged to {linked_to} under {legal_basis_for_link}", basis)
    return decide(False, f"pegged to {linked_to} without a legal basis", basis)


def fund_contribution_allowed(from_local_government_bond: bool, guaranteed_return_clause: bool) -> Decision[bool]:
    """R23, R25 / Opinion (十): no bond money into government investment funds; no principal-protection or
    guaranteed-return clause in fund agreements."""
    problems = []
    basis = []
    if from_local_government_bond:
        problems.append("funded from local government bonds")
        basis.append(opinion("(十)", "R23", "不得将地方政府债券资金用于基金注资"))
    if guaranteed_return_clause:
        problems.append("guaranteed-return clause")
        basis.append(opinion("(十)", "R25", "不得约定本金不受损失或保底收益等条款"))
    if not problems:
        return decide(True, "no bond money, no guaranteed return", opinion("(十)", "R23"), opinion("(十)", "R25"))
    return decide(False, "; ".join(problems), *basis)


def fund_exit_triggered(
    raised_social_capital: Decimal, agreed_floor: Decimal, performance_below_expectation: bool, idle_long_term: bool
) -> Decision[bool]:
    """R26 / Opinion (十): the fiscal contribution may exit when performance misses expectations, money is idle
    for long, or raised social capital is below the agreed floor (equal to the floor → no trigger)."""
    triggers = []
    if performance_below_expectation:
        triggers.append("performance below expectation")
    if idle_long_term:
        triggers.append("idle long-term")
    if non_negative("raised_social_capital", raised_social_capital) < non_negative("agreed_floor", agreed_floor):
        triggers.append(f"social capital {raised_social_capital} < floor {agreed_floor}")
    return decide(
        bool(triggers),
        "; ".join(triggers) or "no exit trigger",
        opinion("(十)", "R26", "未达预期、长期闲置或社会资本募集未达约定下限的，财政出资可按规定退出"),
    )


class ServiceItem(StrEnum):
    PERSONNEL_RECRUITMENT = "PERSONNEL_RECRUITMENT"  # 人员招（聘）用
    LABOR_DISPATCH = "LABOR_DISPATCH"  # 劳务派遣方式用工
    PUBLIC_WELFARE_POST = "PUBLIC_WELFARE_POST"  # 设置公益性岗位
    OTHER = "OTHER"


NEGATIVE_LIST = frozenset(
    {ServiceItem.PERSONNEL_RECRUITMENT, ServiceItem.LABOR_DISPATCH, ServiceItem.PUBLIC_WELFARE_POST}
)


def service_purchase_allowed(item: ServiceItem) -> Decision[bool]:
    """R39 / Opinion (十七): items on the government-purchase-of-services negative list must not be bought."""
    allowed = ServiceItem(item) not in NEGATIVE_LIST
    return decide(
        allowed,
        f"{item} {'not ' if allowed else ''}on the negative list",
        opinion("(十七)", "R39", "政府购买服务负面清单"),
    )


class MatchingBasis(StrEnum):
    CENTRAL_UNIFIED = "CENTRAL_UNIFIED"  # 党中央、国务院统一要求
    SHARED_RESPONSIBILITY_LOCAL_SHARE = "SHARED_RESPONSIBILITY_LOCAL_SHARE"  # 共同财政事权地方应负担部分
    OTHER = "OTHER"


def matching_requirement_allowed(basis_kind: MatchingBasis) -> Decision[bool]:
    """R47 / Opinion (二十一): lower levels may be required to provide matching funds only for unified central
    requirements or their share of a shared responsibility; disguised matching (达标评比, 考核评价) is forbidden."""
    allowed = MatchingBasis(basis_kind) is not MatchingBasis.OTHER
    return decide(allowed, f"matching basis {basis_kind}", opinion("(二十一)", "R47", "不得要求下级配套或变相配套"))


def inflated_revenue_deduction(inflated_amount: Decimal) -> Decision[Decimal]:
    """R50 / Opinion (二十三): transfers are cut by 50 % of the inflated revenue found ("一律"); 0 → 0."""
    deduction = INFLATED_REVENUE_DEDUCTION * non_negative("inflated_amount", inflated_amount)
    return decide(deduction, f"50 % of {inflated_amount}", opinion("(二十三)", "R50", "一律按虚增额的50%扣减转移支付"))


def disclosure_on_time(approved_on: dt.date, published_on: dt.date) -> Decision[bool]:
    """R51 / Opinion (二十四): units disclose budgets and final accounts within 20 days of approval (calendar days;
    the text says "20日", not working days). Day 20 is on time, day 21 overdue."""
    due = approved_on + dt.timedelta(days=DISCLOSURE_DAYS)
    on_time = published_on <= due
    return decide(
        on_time,
        f"published {published_on.isoformat()}, due {due.isoformat()}",
        opinion("(二十四)", "R51", "批复后20日内向社会公开"),
        design("R51", "20日 read as calendar days"),
    )
