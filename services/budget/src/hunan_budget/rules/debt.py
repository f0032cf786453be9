"""Risk controls of Opinion 五 and the investment funds of Opinion (十): borrowing only by bonds within the limit
(R40), no government guarantees (R44), no project without a funding source (R43), the affordability gate for
major projects and policies (R46), and the government-investment-fund life cycle (W7: R22–R26)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from hunan_budget.rules.basis import BudgetRuleError, decide, design, non_negative, opinion
from hunan_shared.legal import Decision, IllegalTransition


class DebtKind(StrEnum):
    GENERAL_BOND = "GENERAL_BOND"  # 一般债券
    SPECIAL_BOND = "SPECIAL_BOND"  # 专项债券
    BANK_LOAN = "BANK_LOAN"  # 银行贷款
    PLATFORM_FINANCING = "PLATFORM_FINANCING"  # 融资平台公司举借
    GUARANTEE = "GUARANTEE"  # 担保函
    COMFORT_LETTER = "COMFORT_LETTER"  # 承诺函、安慰函等变相担保
    OTHER = "OTHER"


BONDS = frozenset({DebtKind.GENERAL_BOND, DebtKind.SPECIAL_BOND})
GUARANTEES = frozenset({DebtKind.GUARANTEE, DebtKind.COMFORT_LETTER})


def borrowing_allowed(kind: DebtKind, outstanding: Decimal, amount: Decimal, limit: Decimal | None) -> Decision[bool]:
    """R40 / Opinion (十八): apart from lawful local-government bonds, a local government and its departments do not
    borrow in any form, and bonds stay within the debt limit (outstanding + new ≤ limit, equal is within).
    R44 / Opinion (十九): no guarantee or guarantee-like letter of any government body."""
    kind = DebtKind(kind)
    if kind in GUARANTEES:
        return decide(
            False,
            f"{kind}: governments and their departments give no guarantees or guarantee-like commitments",
            opinion("(十九)", "R44", "金融机构不得要求或接受党委、人大、政府及其部门出具担保性质文件"),
        )
    bonds_only = opinion("(十八)", "R40", "除依法发行地方政府债券外，不得以任何方式举借债务")
    if kind not in BONDS:
        return decide(False, f"{kind}: only local-government bonds may be issued", bonds_only)
    if limit is None:
        return decide(False, "no debt limit set for this level and year", bonds_only)
    total = non_negative("outstanding", outstanding) + non_negative("amount", amount)
    ok = total <= limit
    return decide(ok, f"outstanding {outstanding} + {amount} = {total} {'≤' if ok else '>'} limit {limit}", bonds_only)


def funding_source_identified(government_investment: bool, funding_source: str | None) -> Decision[bool]:
    """R43 / Opinion (十九): a government investment project without an identified funding source is not approved
    (资金来源不明确的项目一律不得立项); one without budget does not start (enforced by W1: start needs FUNDED)."""
    basis = opinion("(十九)", "R43", "没有资金来源的项目一律不得立项，没有预算的项目一律不得开工")
    if not government_investment:
        return decide(True, "not a government investment project", basis)
    ok = bool((funding_source or "").strip())
    return decide(ok, f"funding source: {funding_source}" if ok else "no funding source identified", basis)


class AffordabilityResult(StrEnum):
    WITHIN_CAPACITY = "WITHIN_CAPACITY"
    NOT_FEASIBLE = "NOT_FEASIBLE"  # 不具备实施条件
    RISK = "RISK"  # 存在风险隐患
    EXCEEDS_CAPACITY = "EXCEEDS_CAPACITY"  # 超出财政承受能力


def affordability_passed(major: bool, latest: AffordabilityResult | None) -> Decision[bool]:
    """R46 / Opinion (二十一): a major policy or major government investment project that raises spending passes a
    fiscal-affordability assessment before it is decided and funded; NOT_FEASIBLE or RISK → not implemented,
    EXCEEDS_CAPACITY → cancelled. The latest assessment decides."""
    basis = opinion("(二十一)", "R46", "重大政策和项目出台前开展财政承受能力评估")
    if not major:
        return decide(True, "not a major project or policy", basis)
    if latest is None:
        return decide(False, "major project without an affordability assessment", basis)
    ok = AffordabilityResult(latest) is AffordabilityResult.WITHIN_CAPACITY
    return decide(ok, f"affordability assessment: {latest}", basis)


# --- W7 government investment funds -------------------------------------------------------------------------


class FundState(StrEnum):
    PROPOSED = "PROPOSED"
    ESTABLISHED = "ESTABLISHED"
    INVESTING = "INVESTING"
    EXITING = "EXITING"
    EXITED = "EXITED"
    MERGED = "MERGED"


class FundAction(StrEnum):
    ESTABLISH = "establish"
    INVEST = "invest"
    TRIGGER_EXIT = "trigger_exit"
    EXIT = "exit"
    MERGE = "merge"


_W7: dict[tuple[FundState, FundAction], FundState] = {
    (FundState.PROPOSED, FundAction.ESTABLISH): FundState.ESTABLISHED,
    (FundState.ESTABLISHED, FundAction.INVEST): FundState.INVESTING,
    (FundState.ESTABLISHED, FundAction.TRIGGER_EXIT): FundState.EXITING,
    (FundState.INVESTING, FundAction.TRIGGER_EXIT): FundState.EXITING,
    (FundState.EXITING, FundAction.EXIT): FundState.EXITED,
    (FundState.ESTABLISHED, FundAction.MERGE): FundState.MERGED,
    (FundState.INVESTING, FundAction.MERGE): FundState.MERGED,
}


class IllegalFundStep(IllegalTransition, BudgetRuleError):
    """A fund step the W7 life cycle does not allow (409)."""


def next_fund_state(state: FundState, action: FundAction) -> Decision[FundState]:
    """W7 / Opinion (十): proposed → established → investing → (exit triggered) exiting → exited; similar funds in
    one sector are merged (整合)."""
    basis = opinion("(十)", "W7", "政府投资基金设立、运作、退出全过程管理")
    new = _W7.get((FundState(state), FundAction(action)))
    if new is None:
        raise IllegalFundStep(f"fund (W7): cannot {action} a fund that is {state}", basis=(basis,))
    return decide(new, f"{state} --{action}--> {new}", basis)


def fund_budgeted(fiscal_contribution: Decimal, budget_line_amount: Decimal | None) -> Decision[bool]:
    """R22 / Opinion (十): the government's contribution to a fund is fully in the budget (足额纳入预算): the budget
    line named for it carries at least the contribution (equal is enough)."""
    basis = opinion("(十)", "R22", "政府出资足额纳入预算")
    if budget_line_amount is None:
        return decide(False, "no budget line carries the contribution", basis)
    ok = Decimal(budget_line_amount) >= non_negative("fiscal_contribution", fiscal_contribution)
    return decide(ok, f"line {budget_line_amount} vs contribution {fiscal_contribution}", basis)


def new_fund_allowed(rigid_under_covered: bool) -> Decision[bool]:
    """R24 / Opinion (十): a region that has not covered the three guarantees and debt service sets up no new fund."""
    return decide(
        not rigid_under_covered,
        "region under-covers 三保 and debt service: no new fund" if rigid_under_covered else "region covers 三保",
        opinion("(十)", "R24", "“三保”和债务还本付息保障不到位的地区不得新设政府投资基金"),
        design("R24", "the region's flag is the budget's rigid_under_covered"),
    )


def special_bond_matching(
    financing: Decimal,
    project_revenue: Decimal,
    debt_service: Decimal,
    bond_term_years: int,
    project_term_years: int,
) -> Decision[list[str]]:
    """R41 / Opinion (十八) / 实施意见（十八）: 融资规模与项目收益相平衡，债券期限与项目期限相匹配 — a special bond's
    project covers its debt service from its own revenue (revenue ≥ debt service; equal balances) and the bond
    runs no longer than the project (equal matches). Mismatches are warnings, not refusals: the text asks for
    balance, the thresholds are [DESIGN]."""
    basis = opinion("(十八)", "R41", "融资规模与项目收益相平衡，债券期限与项目期限相匹配")
    non_negative("financing", financing)
    revenue, service = non_negative("project_revenue", project_revenue), non_negative("debt_service", debt_service)
    if bond_term_years <= 0 or project_term_years <= 0:
        raise BudgetRuleError("bond and project terms are at least one year")
    warnings = []
    if revenue < service:
        warnings.append(f"project revenue {revenue} < debt service {service}: financing not balanced with revenue")
    if bond_term_years > project_term_years:
        warnings.append(f"bond term {bond_term_years} y > project term {project_term_years} y")
    reason = "; ".join(warnings) or "revenue covers debt service and the bond term fits the project"
    return decide(warnings, reason, basis, design("R41", "revenue ≥ debt service and bond term ≤ project term"))


class RiskRating(StrEnum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"  # 债务风险高的地区


def new_debt_allocation_allowed(
    rating: RiskRating | None, new_allocation: Decimal | None, prior_allocation: Decimal | None
) -> Decision[bool]:
    """R42 / Opinion (十八) / 实施意见（十八）: 对债务风险高的地区，采取调减新增债务限额分配等约束性措施 — a level rated
    HIGH gets a smaller new-debt allocation than the year before (equal is not a reduction). The rating itself
    comes from the debt-risk assessment (the text sets no debt-ratio thresholds); without a prior allocation there
    is nothing to reduce from, and the allocation is refused until that year's is recorded [DESIGN]."""
    basis = opinion("(十八)", "R42", "对债务风险高的地区，采取调减新增债务限额分配等约束性措施")
    if rating is None or RiskRating(rating) is not RiskRating.HIGH or new_allocation is None:
        return decide(True, f"risk rating {rating or 'not assessed'}: no reduction required", basis)
    new = non_negative("new_allocation", new_allocation)
    if prior_allocation is None:
        return decide(
            False,
            "HIGH-risk level: the prior year's new-debt allocation is needed to show the reduction",
            basis,
            design("R42", "a reduction is measured against the prior year's allocation"),
        )
    ok = new < prior_allocation
    return decide(ok, f"HIGH-risk level: new allocation {new} {'<' if ok else '≥'} prior {prior_allocation}", basis)


def life_cycle_in_plan(
    long_lived: bool, life_cycle_cost: Decimal | None, medium_term_plan_ref: str | None
) -> Decision[bool]:
    """R45 / Opinion (二十) / 实施意见（二十）: PPP, major infrastructure and other cross-year projects carry the fiscal
    impact of their whole life cycle into the medium-term fiscal plan — a cross-year or PPP project is funded only
    with its life-cycle cost stated and the plan that takes it in named."""
    basis = opinion("(二十)", "R45", "将全生命周期内对财政支出的影响纳入中期财政规划")
    if not long_lived:
        return decide(True, "a single-year project", basis)
    if life_cycle_cost is None:
        return decide(False, "a cross-year project without its life-cycle fiscal cost", basis)
    non_negative("life_cycle_cost", life_cycle_cost)
    if not (medium_term_plan_ref or "").strip():
        return decide(False, "the life-cycle cost is not in a medium-term fiscal plan", basis)
    return decide(True, f"life-cycle cost {life_cycle_cost} in {medium_term_plan_ref}", basis)
