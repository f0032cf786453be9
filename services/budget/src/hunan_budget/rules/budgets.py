"""Annual budgets (W2) and their changes (W3): compilation, the review chain, approval, adjustments and
reallocations, spending against the approved lines, expenditure standards and the fee-fund catalogue.

Opinion (一) priority list first, (二) no pegging, (三) fee-fund catalogue, (四) no revenue outside the budget,
(七) austerity, (八) everything a project, (十一) expenditure standards, (十三) budget before spending and
adjustments only by procedure, (十四) no payment to unbudgeted projects, (二十二) review chain.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from hunan_budget.rules.basis import BudgetRuleError, decide, design, non_negative, opinion
from hunan_shared.legal import Basis, Decision, IllegalTransition


class BudgetKind(StrEnum):
    """四本预算 (Opinion (二十三))."""

    GENERAL_PUBLIC = "GENERAL_PUBLIC"  # 一般公共预算
    GOVERNMENT_FUND = "GOVERNMENT_FUND"  # 政府性基金预算
    STATE_CAPITAL_OPERATION = "STATE_CAPITAL_OPERATION"  # 国有资本经营预算
    SOCIAL_INSURANCE_FUND = "SOCIAL_INSURANCE_FUND"  # 社会保险基金预算


class Direction(StrEnum):
    REVENUE = "REVENUE"
    EXPENDITURE = "EXPENDITURE"


class LineCategory(StrEnum):
    """What an expenditure line is for, in the order the Opinion funds them."""

    PRIORITY = "PRIORITY"  # an item of the 大事要事保障清单 (Opinion (一))
    RIGID = "RIGID"  # "三保" and debt service (Opinion (七))
    BASIC = "BASIC"  # 基本支出: personnel and running costs (Opinion (十一) basic standards)
    DEVELOPMENT = "DEVELOPMENT"  # 其他事业发展支出


class RevenueSource(StrEnum):
    TAX = "TAX"  # 税收收入
    FEE_OR_FUND = "FEE_OR_FUND"  # 行政事业性收费 / 政府性基金: only from the catalogue (Opinion (三))
    NON_TAX_OTHER = "NON_TAX_OTHER"  # 罚没、国有资源（资产）有偿使用等
    UNIT_INCOME = "UNIT_INCOME"  # 事业收入、经营收入、其他单位资金 (Opinion (四))
    TRANSFER_IN = "TRANSFER_IN"  # 上级转移支付


class AdminExpense(StrEnum):
    """行政经费 categories capped in under-covered regions (Opinion (七))."""

    THREE_PUBLIC = "THREE_PUBLIC"  # "三公"经费
    OFFICE = "OFFICE"  # 办公经费
    MEETING = "MEETING"  # 会议费
    TRAINING = "TRAINING"  # 培训费


# --- W2: the review chain and approval (Opinion (二十二), (十三)) ---------------------------------------------


class BudgetState(StrEnum):
    DRAFT = "DRAFT"  # compiled by the unit; lines may be added
    DEPARTMENT_REVIEWED = "DEPARTMENT_REVIEWED"  # 部门党组（党委）审议
    GOVERNMENT_REVIEWED = "GOVERNMENT_REVIEWED"  # 本级党委和政府审议
    APPROVED = "APPROVED"  # 人大批准, then 批复 to the unit


class BudgetAction(StrEnum):
    DEPARTMENT_REVIEW = "department_review"
    GOVERNMENT_REVIEW = "government_review"
    APPROVE = "approve"


_W2: dict[tuple[BudgetState, BudgetAction], BudgetState] = {
    (BudgetState.DRAFT, BudgetAction.DEPARTMENT_REVIEW): BudgetState.DEPARTMENT_REVIEWED,
    (BudgetState.DEPARTMENT_REVIEWED, BudgetAction.GOVERNMENT_REVIEW): BudgetState.GOVERNMENT_REVIEWED,
    (BudgetState.GOVERNMENT_REVIEWED, BudgetAction.APPROVE): BudgetState.APPROVED,
}


class IllegalBudgetStep(IllegalTransition, BudgetRuleError):
    """A budget, adjustment or reallocation step the workflow does not allow from its current state (409)."""


def next_budget_state(state: BudgetState, action: BudgetAction) -> Decision[BudgetState]:
    """R48 / Opinion (二十二): a department budget goes to the department party group, then the same-level party
    committee and government, before the people's congress approves it; no step may be skipped."""
    basis = opinion("(二十二)", "R48", "预决算草案提交人大前报本级党委和政府审议；部门预算草案报部门党组审议")
    new = _W2.get((BudgetState(state), BudgetAction(action)))
    if new is None:
        raise IllegalBudgetStep(f"budget (W2): cannot {action} a budget that is {state}", basis=(basis,))
    return decide(new, f"{state} --{action}--> {new}", basis)


def lines_editable(state: BudgetState) -> Decision[bool]:
    """R13 / Opinion (七) and R30 / Opinion (十三): lines are compiled while the budget is a draft; once it is
    under review or approved it changes only through an adjustment or a reallocation (W3)."""
    ok = BudgetState(state) is BudgetState.DRAFT
    return decide(
        ok,
        "draft: lines may be compiled" if ok else f"budget is {state}: change it through an adjustment or reallocation",
        opinion("(七)", "R13", "严禁违反规定乱开口子、随意追加预算"),
        opinion("(十三)", "R30", "预算调整须依法定程序"),
    )


# --- R1 priority guarantee list first ----------------------------------------------------------------------


@dataclass(frozen=True)
class PriorityFunding:
    item_id: str
    task: str
    required: Decimal
    funded: Decimal

    @property
    def fully_guaranteed(self) -> bool:
        return self.funded >= self.required


def priority_list_funded(items: list[PriorityFunding]) -> Decision[list[str]]:
    """R1 / Opinion (一): the items of the level's 大事要事保障清单 that are not yet fully funded (empty = all
    guaranteed). An item is guaranteed when its lines reach its required amount (equal is enough)."""
    short = [f"{i.task} ({i.funded} of {i.required})" for i in items if not i.fully_guaranteed]
    return decide(
        [i.item_id for i in items if not i.fully_guaranteed],
        "all priority items funded" if not short else "priority items not funded: " + "; ".join(short),
        opinion("(一)", "R1", "优先保障清单事项，未按规定保障到位的，原则上不得安排其他事业发展支出"),
    )


def development_allowed(category: LineCategory, unfunded_priority_items: list[str]) -> Decision[bool]:
    """R1 / Opinion (一) with R14 / Opinion (七): while an item of the priority list is unfunded, no other
    development expenditure is arranged. Priority, rigid (三保, debt service) and basic lines are never blocked
    by this rule [DESIGN reading: "原则上" is applied as a refusal; the list items come first]."""
    basis = (
        opinion("(一)", "R1", "未按规定保障到位的，原则上不得安排其他事业发展支出"),
        opinion("(七)", "R14", "优先保障“三保”和政府债务还本付息支出"),
    )
    if LineCategory(category) is not LineCategory.DEVELOPMENT:
        return decide(True, f"{category} lines are not blocked by the priority list", *basis)
    if unfunded_priority_items:
        return decide(
            False,
            f"{len(unfunded_priority_items)} priority-list item(s) not fully funded: no other development spending",
            *basis,
            design("R1", "原则上 read as a refusal"),
        )
    return decide(True, "priority list fully funded", *basis)


def austerity_line_allowed(
    category: LineCategory,
    admin_expense: AdminExpense | None,
    amount: Decimal,
    prior_year_amount: Decimal | None,
    rigid_under_covered: bool,
) -> Decision[bool]:
    """R15 / Opinion (七): in a region whose rigid spending is under-covered, 三公, office, meeting and training
    expenses are cut a further 20 % or more (≤ 80 % of the prior year's, exactly 80 % complies) and no
    non-urgent, non-rigid development line is arranged ("一律不得安排")."""
    basis = opinion("(七)", "R15", "刚性支出保障能力不足的地区，“三公”经费、办公、会议、培训等经费再压减20%以上")
    if not rigid_under_covered:
        return decide(True, "region not flagged 刚性支出保障能力不足", basis)
    if LineCategory(category) is LineCategory.DEVELOPMENT:
        return decide(False, "under-covered region: no non-key, non-rigid development line", basis)
    if admin_expense is None:
        return decide(True, f"{category} line is not an administrative expense", basis)
    if prior_year_amount is None:
        raise BudgetRuleError(
            f"{admin_expense} line in an under-covered region needs prior_year_amount (the base of the 20 % cut)",
            basis=(basis,),
        )
    cap = Decimal("0.80") * non_negative("prior_year_amount", prior_year_amount)
    ok = non_negative("amount", amount) <= cap
    return decide(
        ok,
        f"{admin_expense} {amount} {'≤' if ok else '>'} 80 % of prior year {prior_year_amount} = {cap}",
        basis,
        design("R15", "base = the prior year's budget"),
    )


def fee_in_catalogue(source: RevenueSource, fee_code: str | None, catalogue: frozenset[str]) -> Decision[bool]:
    """R5 / Opinion (三): a fee or government fund may be collected only if it is in the fee-fund catalogue
    (清单外不得擅自设立收费项目); catalogue items are budgeted. Other revenue sources need no catalogue entry."""
    basis = opinion("(三)", "R5", "实行收费基金目录清单管理，清单外不得擅自设立收费项目")
    if RevenueSource(source) is not RevenueSource.FEE_OR_FUND:
        return decide(True, f"{source} revenue is not a catalogued fee", basis)
    if not fee_code:
        return decide(False, "a fee or fund revenue line needs its catalogue code", basis)
    ok = fee_code in catalogue
    return decide(ok, f"fee {fee_code} {'in' if ok else 'not in'} the catalogue", basis)


def project_line_allowed(
    project_state: str | None, same_division: bool, funded_states: frozenset[str]
) -> Decision[bool]:
    """R16, R18 / Opinion (八): every expenditure line is a project of the budget project library, and only a
    complete project admitted to it (IN_BUDGET_LIBRARY or later) may receive budget."""
    basis = (
        opinion("(八)", "R16", "预算支出全部以项目形式纳入项目库"),
        opinion("(八)", "R18", "未完成前期工作的项目，不得安排预算"),
    )
    if project_state is None:
        return decide(False, "an expenditure line needs a project of the project library", *basis)
    if not same_division:
        return decide(False, "the project belongs to another government's budget", *basis)
    ok = project_state in funded_states
    return decide(ok, f"project is {project_state}" + ("" if ok else ": not in the budget project library"), *basis)


# --- W3: adjustments and reallocations (Opinion (十三)) -----------------------------------------------------


class AdjustmentState(StrEnum):
    PROPOSED = "PROPOSED"
    GOVERNMENT_REVIEWED = "GOVERNMENT_REVIEWED"
    SUBMITTED_TO_NPC_SC = "SUBMITTED_TO_NPC_SC"  # 提请人大常委会审批
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    APPLIED = "APPLIED"


class AdjustmentAction(StrEnum):
    GOVERNMENT_REVIEW = "government_review"
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    APPLY = "apply"


_ADJ = AdjustmentState
_W3_ADJUSTMENT: dict[tuple[AdjustmentState, AdjustmentAction], AdjustmentState] = {
    (_ADJ.PROPOSED, AdjustmentAction.GOVERNMENT_REVIEW): _ADJ.GOVERNMENT_REVIEWED,
    (_ADJ.GOVERNMENT_REVIEWED, AdjustmentAction.SUBMIT): _ADJ.SUBMITTED_TO_NPC_SC,
    (_ADJ.SUBMITTED_TO_NPC_SC, AdjustmentAction.APPROVE): _ADJ.APPROVED,
    (_ADJ.SUBMITTED_TO_NPC_SC, AdjustmentAction.REJECT): _ADJ.REJECTED,
    (_ADJ.APPROVED, AdjustmentAction.APPLY): _ADJ.APPLIED,
}


def next_adjustment_state(state: AdjustmentState, action: AdjustmentAction) -> Decision[AdjustmentState]:
    """R30 / Opinion (十三): an adjustment of the approved budget is reviewed by the government, approved by the
    people's congress standing committee, and only then applied to the lines."""
    basis = opinion("(十三)", "R30", "预算调整须编制预算调整方案，报人大常委会审查批准")
    new = _W3_ADJUSTMENT.get((AdjustmentState(state), AdjustmentAction(action)))
    if new is None:
        raise IllegalBudgetStep(f"adjustment (W3): cannot {action} an adjustment that is {state}", basis=(basis,))
    return decide(new, f"{state} --{action}--> {new}", basis)


class ReallocationState(StrEnum):
    REQUESTED = "REQUESTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    APPLIED = "APPLIED"


class ReallocationAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    APPLY = "apply"


_W3_REALLOCATION: dict[tuple[ReallocationState, ReallocationAction], ReallocationState] = {
    (ReallocationState.REQUESTED, ReallocationAction.APPROVE): ReallocationState.APPROVED,
    (ReallocationState.REQUESTED, ReallocationAction.REJECT): ReallocationState.REJECTED,
    (ReallocationState.APPROVED, ReallocationAction.APPLY): ReallocationState.APPLIED,
}


def next_reallocation_state(state: ReallocationState, action: ReallocationAction) -> Decision[ReallocationState]:
    """R30 / Opinion (十三): a reallocation (预算调剂) between lines needs approval by procedure before it moves
    money (确有需要的，严格按程序报批)."""
    basis = opinion("(十三)", "R30", "预算调剂确有需要的，严格按程序报批")
    new = _W3_REALLOCATION.get((ReallocationState(state), ReallocationAction(action)))
    if new is None:
        raise IllegalBudgetStep(f"reallocation (W3): cannot {action} a reallocation that is {state}", basis=(basis,))
    return decide(new, f"{state} --{action}--> {new}", basis)


def not_retroactive(policy_effective_from: dt.date | None, proposed_on: dt.date, increases: bool) -> Decision[bool]:
    """R30 / Opinion (十三): no retroactive spending-increase policy (不得出台溯及以前年度的增支政策): an increase
    whose policy takes effect in a year before the year the adjustment is proposed is refused."""
    basis = opinion("(十三)", "R30", "不得出台溯及以前年度的增支政策")
    if not increases or policy_effective_from is None:
        return decide(True, "no spending-increase policy dated", basis)
    ok = policy_effective_from.year >= proposed_on.year
    return decide(
        ok,
        f"policy effective {policy_effective_from.isoformat()}, proposed {proposed_on.isoformat()}"
        + ("" if ok else ": reaches back into an earlier year"),
        basis,
    )


def line_change_allowed(current: Decimal, spent: Decimal, delta: Decimal) -> Decision[Decimal]:
    """R29 / Opinion (十三): a change never takes a line below what has already been spent from it (spending
    beyond the budget would follow). Returns the new amount."""
    new = Decimal(current) + Decimal(delta)
    basis = opinion("(十三)", "R29", "严禁超预算安排支出")
    if new < Decimal(spent):
        raise BudgetRuleError(f"line would fall to {new}, below the {spent} already spent", basis=(basis,))
    return decide(new, f"{current} {'+' if delta >= 0 else '−'} {abs(delta)} → {new}", basis)


# --- spending (Opinion (十三), (十四)) --------------------------------------------------------------------------


class PaymentKind(StrEnum):
    BUDGETED = "BUDGETED"  # against an approved line
    SUSPENSE = "SUSPENSE"  # 暂付性款项: outside the budget, under a procedure-approved matter (R35, counted by R36)


def payment_allowed(
    budget_state: BudgetState | None, line_amount: Decimal, line_spent: Decimal, amount: Decimal, approved_matter: str
) -> Decision[PaymentKind]:
    """R29 / Opinion (十三) and R35 / Opinion (十四): money is paid only from an approved budget line with room for
    it (spent + amount ≤ line, equal is within); without a line, or beyond it, only a matter approved by the
    prescribed procedure allows an advance, which is a suspense payment (R36). Otherwise refused."""
    amount = non_negative("amount", amount)
    if amount == 0:
        raise BudgetRuleError("a payment needs a positive amount")
    no_budget: tuple[Basis, ...] = (
        opinion("(十三)", "R29", "严禁超预算、无预算安排支出或开展政府采购"),
        opinion("(十四)", "R35", "除按规定程序批准的事项外，不得对未列入预算的项目安排支出"),
    )
    if budget_state is not None and BudgetState(budget_state) is BudgetState.APPROVED:
        room = Decimal(line_amount) - Decimal(line_spent)
        if amount <= room:
            return decide(PaymentKind.BUDGETED, f"{amount} within the line's remaining {room}", no_budget[0])
        reason = f"{amount} exceeds the line's remaining {room}"
    elif budget_state is None:
        reason = "no budget line"
    else:
        reason = f"the budget is {budget_state}, not approved"
    if approved_matter.strip():
        return decide(
            PaymentKind.SUSPENSE,
            f"{reason}: advanced under approved matter {approved_matter} as a suspense payment",
            *no_budget,
            opinion("(十四)", "R36", "暂付性款项计入5%上限"),
        )
    raise BudgetRuleError(f"{reason}: refused", basis=no_budget)


def receipt_allowed(line_direction: Direction | None, budget_state: BudgetState | None) -> Decision[bool]:
    """R6 / Opinion (四): all income is in the budget and income outside it cannot fund spending — a receipt is
    booked only against a revenue line of an approved budget."""
    basis = opinion("(四)", "R6", "未列入预算的收入不得安排支出")
    if line_direction is None or Direction(line_direction) is not Direction.REVENUE:
        raise BudgetRuleError("income is booked only against a budgeted revenue line", basis=(basis,))
    if budget_state is None or BudgetState(budget_state) is not BudgetState.APPROVED:
        raise BudgetRuleError(f"the revenue line's budget is {budget_state}, not approved", basis=(basis,))
    return decide(True, "budgeted revenue line", basis)


# --- R27 expenditure standards --------------------------------------------------------------------------------


def standard_allowed(amount: Decimal, upper_amount: Decimal | None, filed_with_upper: bool) -> Decision[bool]:
    """R27 / Opinion (十一): a lower level's basic public-service standard is filed with the upper level before use
    and is not below the upper level's base standard (equal complies). Without an upper standard there is no
    floor to compare with."""
    basis = opinion("(十一)", "R27", "下级基本公共服务保障标准报上级备案后执行，不得低于上级基础标准")
    non_negative("amount", amount)
    if upper_amount is None:
        return decide(True, "no upper-level standard for this item: nothing to compare", basis)
    if not filed_with_upper:
        return decide(False, "not filed with the upper level (报上级备案)", basis)
    ok = Decimal(amount) >= Decimal(upper_amount)
    return decide(ok, f"{amount} {'≥' if ok else '<'} upper-level base {upper_amount}", basis)


def mirror_allowed(item_division_is_province: bool, mirrored_division_is_province: bool | None) -> Decision[bool]:
    """R2 / Opinion (一): city and county lists are compiled against the provincial list (对照省级清单): a local item
    may name the provincial item it mirrors, which must be a provincial item; the province mirrors nothing."""
    basis = opinion("(一)", "R2", "市县财政部门对照省级清单，编制本级大事要事保障清单")
    if mirrored_division_is_province is None:
        return decide(True, "mirrors no provincial item", basis)
    if item_division_is_province:
        return decide(False, "a provincial item cannot mirror another item", basis)
    ok = mirrored_division_is_province
    return decide(ok, "mirrors a provincial item" if ok else "the mirrored item is not provincial", basis)
