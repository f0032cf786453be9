"""Emergency spending (W8, a design flow built on Opinion (十三)(十四)): one emergency budget line per
disaster, and whether a shipped dispatch can be charged to it or must wait for an approved matter."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from hunan_budget.rules.basis import EMERGENCY_PLAN, TREES_ORDER, BudgetRuleError, decide, design, non_negative, opinion
from hunan_shared.legal import Decision, IllegalTransition, cite

RESPONSE_LEVELS = ("I", "II", "III", "IV")


class ExpenditureStatus(StrEnum):
    RECORDED = "RECORDED"  # charged to a budget line with room for it
    AWAITING_APPROVAL = "AWAITING_APPROVAL"  # no line or not enough: needs a procedure-approved matter (R35)
    COMMITTED = "COMMITTED"  # a future obligation registered (tree aftercare borne by the cost bearer)


class LineState(StrEnum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"


_FULLY_BUDGETED = cite(EMERGENCY_PLAN, "第十二章（二）", "安全生产、防灾减灾救灾和应急救援资金全部纳入财政预算")


def emergency_allocation(response_level: str, allocations: dict[str, Decimal]) -> Decision[Decimal]:
    """W8 [DESIGN]: the amount a disaster's emergency line opens with, by response level I–IV (settings:
    BUDGET_EMERGENCY_ALLOCATION_BY_LEVEL). The emergency plan requires the money to be in the budget; the
    amounts are not in any text."""
    if response_level not in RESPONSE_LEVELS:
        raise BudgetRuleError(f"unknown response level {response_level!r}")
    amount = non_negative("allocation", Decimal(allocations[response_level]))
    return decide(
        amount,
        f"level {response_level} line opens with {amount}",
        _FULLY_BUDGETED,
        design("W8", "allocation per response level is configuration"),
    )


def reallocated_line(current_allocation: Decimal, spent: Decimal, new_level_allocation: Decimal) -> Decision[Decimal]:
    """W8 [DESIGN]: a level change moves the line to the new level's allocation, never below what is already
    spent (money spent stays charged; lowering frees only the unspent part)."""
    spent = non_negative("spent", spent)
    new = max(non_negative("new_level_allocation", new_level_allocation), spent)
    return decide(
        new,
        f"allocation {current_allocation} → {new} (spent {spent})",
        _FULLY_BUDGETED,
        opinion("(十三)", "R30", "预算调整须依法定程序"),
        design("W8", "level change re-sizes the line"),
    )


def charge_status(
    line_state: LineState | None, allocated: Decimal, spent: Decimal, amount: Decimal
) -> Decision[ExpenditureStatus]:
    """W8 on R29 / Opinion (十三) and R35 / Opinion (十四): spending is recorded against the disaster's open
    emergency line when the line has room (spent + amount ≤ allocated); otherwise it waits for a
    procedure-approved matter — never paid without a budget (严禁无预算、超预算安排支出)."""
    amount = non_negative("amount", amount)
    no_budget = [
        opinion("(十三)", "R29", "严禁超预算、无预算安排支出"),
        opinion("(十四)", "R35", "除按规定程序批准的事项外，不得对未列入预算的项目安排支出"),
    ]
    if line_state is None:
        return decide(ExpenditureStatus.AWAITING_APPROVAL, "no emergency budget line for this disaster", *no_budget)
    if LineState(line_state) is LineState.CLOSED:
        return decide(ExpenditureStatus.AWAITING_APPROVAL, "the disaster's emergency line is closed", *no_budget)
    room = non_negative("allocated", allocated) - non_negative("spent", spent)
    if amount <= room:
        return decide(
            ExpenditureStatus.RECORDED, f"{amount} within the line's remaining {room}", _FULLY_BUDGETED, no_budget[0]
        )
    return decide(ExpenditureStatus.AWAITING_APPROVAL, f"{amount} exceeds the line's remaining {room}", *no_budget)


def approval_recordable(status: ExpenditureStatus, approved_matter_ref: str) -> Decision[bool]:
    """R35 / Opinion (十四): a waiting expenditure may be recorded once a matter approved by the prescribed
    procedure (按规定程序批准的事项) is referenced; the advance then counts as a suspense payment (R36)."""
    if ExpenditureStatus(status) is not ExpenditureStatus.AWAITING_APPROVAL:
        return decide(
            False,
            f"only AWAITING_APPROVAL expenditures can be approved, this one is {status}",
            opinion("(十四)", "R35"),
        )
    ok = bool(approved_matter_ref.strip())
    return decide(
        ok,
        "approved matter " + (approved_matter_ref if ok else "missing"),
        opinion("(十四)", "R35", "按规定程序批准的事项"),
        opinion("(十四)", "R36", "暂付性款项计入5%上限"),
    )


class IllegalExpenditureTransition(IllegalTransition, BudgetRuleError):
    """Only a waiting expenditure can be approved (HTTP 409)."""


def approval_required(status: ExpenditureStatus, approved_matter_ref: str) -> Decision[bool]:
    """R35 / Opinion (十四) as a guard: `approval_recordable`, refusing with its basis — an expenditure that is not
    waiting is an illegal step (409), a missing matter reference a refusal (422)."""
    decision = approval_recordable(status, approved_matter_ref)
    if not decision.value:
        if ExpenditureStatus(status) is not ExpenditureStatus.AWAITING_APPROVAL:
            raise IllegalExpenditureTransition(decision.reason, basis=decision.basis)
        raise BudgetRuleError(decision.reason, basis=decision.basis)
    return decision


AFTERCARE_YEARS = 5  # 古树名木保护办法 第二十八条: 移植后五年内的复壮、养护费用


def aftercare_commitment_years(years_in_event: int) -> Decision[int]:
    """Art. 28 / 第二十八条 (trees order): the transplant cost bearer pays the transplant and five years of
    rejuvenation and care afterwards. A shorter term in the event is raised to the five years the order fixes."""
    years = max(AFTERCARE_YEARS, int(years_in_event))
    return decide(
        years,
        f"aftercare {years} years (order fixes {AFTERCARE_YEARS})",
        cite(TREES_ORDER, "Art. 28 / 第二十八条", "承担移植费用以及移植后五年内的复壮、养护费用"),
    )
