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
