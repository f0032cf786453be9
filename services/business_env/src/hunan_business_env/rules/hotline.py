"""12345 hotline appeals at the enterprise seat (Art. 35, W11): every enterprise appeal goes to the dedicated seat;
one alleging damage to the business environment opens an account in the complaints ledger (Art. 50), any other is
dispatched to the department with a time limit, handled, rated and closed."""

from __future__ import annotations

from enum import StrEnum

from hunan_shared.legal import Decision, IllegalTransition, RuleRefusal, cite

from .basis import ART50, DESIGN, art

ART35 = art(
    "Art. 35 / 第三十五条",
    "12345热线全天候人工服务，分类处置、限时办结、评价考核；设置服务企业、优化营商环境的专席，集中受理、分办企业相关诉求",
)
SLA_HOTLINE = cite(
    DESIGN, "12345 time limit", "Art. 35 requires 限时办结 without a number; the working days are a setting"
)


class AppealState(StrEnum):
    IN_LEDGER = "IN_LEDGER"  # routed into the complaints ledger (the complaint's own states and deadlines apply)
    DISPATCHED = "DISPATCHED"  # 分办 to the competent department
    HANDLED = "HANDLED"  # 办结
    EVALUATED = "EVALUATED"  # 评价
    CLOSED = "CLOSED"


class AppealAction(StrEnum):
    HANDLE = "HANDLE"
    EVALUATE = "EVALUATE"
    CLOSE = "CLOSE"


class Route(StrEnum):
    COMPLAINTS_LEDGER = "COMPLAINTS_LEDGER"
    DEPARTMENT = "DEPARTMENT"


def route(damages_business_environment: bool, dispatched_to: str | None) -> Decision[Route]:
    """Art. 35 / 第三十五条 (R74) and Art. 50 / 第五十条 (R96): the enterprise seat accepts every enterprise appeal;
    an appeal alleging damage to the business environment becomes a ledger account of the competent department
    (source HOTLINE_12345), any other is dispatched to the department named (required)."""
    if damages_business_environment:
        return Decision[Route](
            value=Route.COMPLAINTS_LEDGER,
            reason="alleges damage to the business environment: opened in the complaints ledger",
            basis=(ART35, ART50),
        )
    if not dispatched_to:
        raise RuleRefusal("an appeal dispatched to a department names the department (分办)", basis=(ART35,))
    return Decision[Route](value=Route.DEPARTMENT, reason=f"dispatched to {dispatched_to}", basis=(ART35, SLA_HOTLINE))


_NEXT = {
    (AppealState.DISPATCHED, AppealAction.HANDLE): AppealState.HANDLED,
    (AppealState.HANDLED, AppealAction.EVALUATE): AppealState.EVALUATED,
    (AppealState.HANDLED, AppealAction.CLOSE): AppealState.CLOSED,
    (AppealState.EVALUATED, AppealAction.CLOSE): AppealState.CLOSED,
}


def next_state(state: AppealState, action: AppealAction) -> Decision[AppealState]:
    """W11 (Art. 35 / 第三十五条): dispatched → handled (限时办结) → evaluated (评价考核) → closed. An appeal in the
    complaints ledger takes its steps there (W1), not here."""
    if state is AppealState.IN_LEDGER:
        raise IllegalTransition(
            "this appeal is handled in the complaints ledger: record its steps on the complaint", basis=(ART50,)
        )
    following = _NEXT.get((state, action))
    if following is None:
        raise IllegalTransition(f"an appeal that is {state} cannot {action}", basis=(ART35,))
    return Decision[AppealState](value=following, reason=f"{state} → {following}", basis=(ART35,))
