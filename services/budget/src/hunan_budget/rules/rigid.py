"""R14 / Opinion (七): each level's budget guarantees "三保" and government debt service before anything else.
The amount to reach is declared on the budget (`rigid_required`: the 三保 and debt principal-and-interest the
unit must carry that year); RIGID lines count towards it."""

from __future__ import annotations

from decimal import Decimal

from hunan_budget.rules.basis import decide, design, non_negative, opinion
from hunan_budget.rules.budgets import LineCategory
from hunan_shared.legal import Decision

TEXT = "各级预算安排要优先保障“三保”和政府债务还本付息等刚性支出"


def rigid_guaranteed(required: Decimal | None, funded: Decimal) -> Decision[bool]:
    """R14 / Opinion (七): the RIGID lines reach the declared requirement (equal is enough). A budget with no
    declared requirement has nothing to reach (the unit carries no 三保 or debt service of its own)."""
    basis = opinion("(七)", "R14", TEXT)
    if required is None:
        return decide(True, "no 三保 / debt-service requirement declared on this budget", basis)
    required, funded = non_negative("rigid_required", required), non_negative("rigid funded", funded)
    ok = funded >= required
    return decide(
        ok,
        f"rigid lines (三保, debt service) {funded} {'≥' if ok else '<'} required {required}",
        basis,
    )


def rigid_first(category: LineCategory, required: Decimal | None, funded: Decimal) -> Decision[bool]:
    """R14 / Opinion (七) as an ordering of compilation: while the RIGID lines fall short of the requirement,
    no other line (priority, basic or development) is arranged; RIGID lines themselves always may be."""
    if LineCategory(category) is LineCategory.RIGID:
        return decide(True, "a rigid line is what R14 guarantees first", opinion("(七)", "R14", TEXT))
    guaranteed = rigid_guaranteed(required, funded)
    if guaranteed.value:
        return guaranteed
    return decide(
        False,
        f"{category} line refused: {guaranteed.reason}",
        *guaranteed.basis,
        design("R14", "优先保障 read as an ordering: every non-rigid line waits until the rigid lines are funded"),
    )
