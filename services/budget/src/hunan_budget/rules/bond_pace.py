"""R41 / Opinion (十八), the third match: a special bond's issuance pace follows the project's implementation.
Measured on money: a new tranche for a project whose earlier bond money is not yet spent on its works is issued
ahead of the works (the money would sit idle)."""

from __future__ import annotations

from decimal import Decimal

from hunan_budget.rules.basis import BudgetRuleError, decide, design, non_negative, opinion
from hunan_shared.legal import Decision


def issuance_pace(earlier_issued: Decimal, earlier_spent: Decimal) -> Decision[list[str]]:
    """R41 / Opinion (十八): 发行节奏与项目实施进度相匹配 — warns when the project's earlier tranches are not fully
    spent on its works (spent equal to issued keeps pace); a first tranche (nothing issued before) keeps pace."""
    basis = (
        opinion("(十八)", "R41", "发行节奏与项目实施进度相匹配"),
        design("R41", "pace = earlier tranches fully spent before the next is issued; a warning, not a refusal"),
    )
    issued, spent = non_negative("earlier_issued", earlier_issued), non_negative("earlier_spent", earlier_spent)
    if spent > issued:
        raise BudgetRuleError(f"earlier tranches spent {spent} cannot exceed earlier tranches issued {issued}")
    if spent < issued:
        idle = issued - spent
        return decide(
            [f"earlier tranches {issued}, spent {spent}: {idle} unspent, issuance ahead of implementation"],
            f"{idle} of earlier bond money not yet spent on the project",
            *basis,
        )
    return decide([], "earlier tranches spent: issuance keeps pace with implementation", *basis)
