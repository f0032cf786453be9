"""Government policy commitments and contracts (政策承诺、政府合同, Art. 19, W12): performance tracked in real time,
risks flagged, changes only for the national or public interest with compensation, never a default on payments."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from hunan_shared.legal import Decision, IllegalTransition, RuleRefusal

from .basis import art
from .checks import PROHIBITED_BREACH_GROUNDS, ChangeReason

ART19 = art("Art. 19 / 第十九条", "应当履行向市场主体依法作出的政策承诺以及依法订立的合同")
ART19_1 = art("Art. 19(1) / 第十九条第（一）项", "在法定权限内制定、实施招商引资优惠政策")
ART19_2 = art("Art. 19(2) / 第十九条第（二）项", "实时跟踪合同履行情况，及时采取措施预防和应对合同风险的发生")
ART19_3 = art(
    "Art. 19(3) / 第十九条第（三）项", "不得以行政区划调整、政府换届、机构或者职能调整以及相关责任人更替等为由违约毁约"
)
ART19_4 = art(
    "Art. 19(4) / 第十九条第（四）项",
    "因国家利益、公共利益需要改变的，应当依照法定权限和程序进行，对损失依法予以公平、合理、及时的补偿",
)
ART19_5 = art("Art. 19(5) / 第十九条第（五）项", "不得违约拖欠市场主体的货物、工程、服务款项")


class GovernmentCommitmentState(StrEnum):
    PERFORMING = "PERFORMING"  # 履行中, tracked in real time
    RISK_FLAGGED = "RISK_FLAGGED"  # 合同风险: measures to prevent and respond are due
    CHANGED = "CHANGED"  # changed for the national or public interest, loss compensated
    FULFILLED = "FULFILLED"


class GovernmentCommitmentAction(StrEnum):
    FLAG_RISK = "FLAG_RISK"
    RESOLVE_RISK = "RESOLVE_RISK"
    CHANGE = "CHANGE"
    FULFIL = "FULFIL"


class ChangeRefused(RuleRefusal):
    """A change the article does not allow (HTTP 422); prohibited grounds are refused as transitions (409)."""


_NEXT = {
    (
        GovernmentCommitmentState.PERFORMING,
        GovernmentCommitmentAction.FLAG_RISK,
    ): GovernmentCommitmentState.RISK_FLAGGED,
    (
        GovernmentCommitmentState.RISK_FLAGGED,
        GovernmentCommitmentAction.FLAG_RISK,
    ): GovernmentCommitmentState.RISK_FLAGGED,
    (
        GovernmentCommitmentState.RISK_FLAGGED,
        GovernmentCommitmentAction.RESOLVE_RISK,
    ): GovernmentCommitmentState.PERFORMING,
    (GovernmentCommitmentState.PERFORMING, GovernmentCommitmentAction.CHANGE): GovernmentCommitmentState.CHANGED,
    (GovernmentCommitmentState.RISK_FLAGGED, GovernmentCommitmentAction.CHANGE): GovernmentCommitmentState.CHANGED,
    (GovernmentCommitmentState.CHANGED, GovernmentCommitmentAction.CHANGE): GovernmentCommitmentState.CHANGED,
    (GovernmentCommitmentState.PERFORMING, GovernmentCommitmentAction.FULFIL): GovernmentCommitmentState.FULFILLED,
    (GovernmentCommitmentState.CHANGED, GovernmentCommitmentAction.FULFIL): GovernmentCommitmentState.FULFILLED,
}


def next_state(
    state: GovernmentCommitmentState, action: GovernmentCommitmentAction
) -> Decision[GovernmentCommitmentState]:
    """W12 (Art. 19 / 第十九条): a fulfilled commitment takes no more steps; an open risk must be resolved before
    the commitment counts as fulfilled."""
    following = _NEXT.get((state, action))
    if following is None:
        raise IllegalTransition(f"a commitment that is {state} cannot {action}", basis=(ART19, ART19_2))
    return Decision[GovernmentCommitmentState](value=following, reason=f"{state} → {following}", basis=(ART19,))


def change_allowed(reason: ChangeReason, procedure_ref: str | None, compensation_ref: str | None) -> Decision[bool]:
    """Art. 19(3)(4) / 第十九条第（三）（四）项 (R32, R33, B14): a change of division, government term, organisation
    or responsible official never justifies breaking a commitment (IllegalTransition, 409); a change for the
    national or public interest needs the statutory procedure and compensation of the loss (ChangeRefused, 422)."""
    if reason in PROHIBITED_BREACH_GROUNDS:
        raise IllegalTransition(
            f"{reason} is a prohibited ground: the commitment stands and must be performed", basis=(ART19_3,)
        )
    missing = [n for n, v in (("procedure_ref", procedure_ref), ("compensation_ref", compensation_ref)) if not v]
    if missing:
        raise ChangeRefused(
            f"a {reason} change needs the statutory procedure and the compensation: missing {', '.join(missing)}",
            basis=(ART19_4,),
        )
    return Decision[bool](value=True, reason=f"{reason} change by {procedure_ref}, compensated", basis=(ART19_4,))


def payment_overdue(due_on: dt.date, paid_on: dt.date | None, today: dt.date) -> Decision[bool]:
    """Art. 19(5) / 第十九条第（五）项 (R34, B15): a payment unpaid after its contractual due day is in default
    (违约拖欠) from the next day; one paid on or before the due day never is, one paid late was."""
    if paid_on is not None:
        late = paid_on > due_on
        return Decision[bool](
            value=False, reason=f"paid {paid_on}{' late' if late else ''}, due {due_on}", basis=(ART19_5,)
        )
    overdue = today > due_on
    return Decision[bool](
        value=overdue, reason=f"unpaid on {today}, due {due_on}" + (": in default" if overdue else ""), basis=(ART19_5,)
    )
