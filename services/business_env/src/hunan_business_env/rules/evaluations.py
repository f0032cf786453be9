"""Business-environment evaluations 营商环境评价 (Art. 6, W3): only the province organises them, through a third
party; the problem list goes back to the evaluated regions only after the provincial government agrees, and each
problem is tracked until the region has rectified it."""

from __future__ import annotations

from enum import StrEnum

from hunan_shared.legal import Decision, IllegalTransition, RuleRefusal

from .basis import ART6, art
from .checks import evaluation_permitted

ART6_FEEDBACK = art("Art. 6 / 第六条", "委托第三方机构评价，提出问题清单和改进建议，报省人民政府同意后反馈参评地区")
ART6_RECTIFY = art("Art. 6 / 第六条", "参评地区要结合评价发现的问题，及时调整完善优化营商环境的政策措施")


class EvaluationState(StrEnum):
    INDICATORS_ADOPTED = "INDICATORS_ADOPTED"  # provincial indicators, with reference to the national system
    COMMISSIONED = "COMMISSIONED"  # 委托第三方机构
    IN_FIELDWORK = "IN_FIELDWORK"
    REPORT_SUBMITTED = "REPORT_SUBMITTED"  # 问题清单和改进建议
    PROVINCE_APPROVED = "PROVINCE_APPROVED"  # 报省人民政府同意
    RECTIFYING = "RECTIFYING"  # 反馈参评地区; regions adjust their measures
    CLOSED = "CLOSED"


class EvaluationAction(StrEnum):
    COMMISSION = "COMMISSION"
    START_FIELDWORK = "START_FIELDWORK"
    SUBMIT_REPORT = "SUBMIT_REPORT"
    APPROVE = "APPROVE"
    FEED_BACK = "FEED_BACK"
    CLOSE = "CLOSE"


class EvaluatorKind(StrEnum):
    THIRD_PARTY = "THIRD_PARTY"  # 第三方机构
    GOVERNMENT_BODY = "GOVERNMENT_BODY"


class EvaluationRefused(RuleRefusal):
    """Art. 6 refuses the evaluation or the evaluator (HTTP 422)."""


S, A = EvaluationState, EvaluationAction
_NEXT = {
    (S.INDICATORS_ADOPTED, A.COMMISSION): S.COMMISSIONED,
    (S.COMMISSIONED, A.START_FIELDWORK): S.IN_FIELDWORK,
    (S.IN_FIELDWORK, A.SUBMIT_REPORT): S.REPORT_SUBMITTED,
    (S.REPORT_SUBMITTED, A.APPROVE): S.PROVINCE_APPROVED,
    (S.PROVINCE_APPROVED, A.FEED_BACK): S.RECTIFYING,
    (S.RECTIFYING, A.CLOSE): S.CLOSED,
}


def may_organise(organiser_level: str) -> Decision[bool]:
    """Art. 6 / 第六条 (R5, B1a): city and county governments may not organise an evaluation
    (`evaluation-not-permitted`); the library check `checks.evaluation_permitted` decides."""
    decision = evaluation_permitted(organiser_level)
    if not decision.value:
        raise EvaluationRefused(
            f"evaluation-not-permitted: {organiser_level} — 市州、县市区人民政府不得组织开展营商环境评价", basis=(ART6,)
        )
    return decision


def evaluator_allowed(kind: EvaluatorKind) -> Decision[bool]:
    """Art. 6 / 第六条 (R5): the province commissions a third-party institution, not a government body."""
    if kind is not EvaluatorKind.THIRD_PARTY:
        raise EvaluationRefused("the evaluation is commissioned to a third-party institution", basis=(ART6_FEEDBACK,))
    return Decision[bool](value=True, reason="third-party evaluator", basis=(ART6_FEEDBACK,))


def next_state(state: EvaluationState, action: EvaluationAction, open_problems: int = 0) -> Decision[EvaluationState]:
    """W3 (Art. 6 / 第六条, R5, R6, B1b): the steps follow in order — in particular the problem list is fed back only
    after the provincial government approved it; an evaluation closes only when every problem is rectified."""
    following = _NEXT.get((state, action))
    if following is None:
        basis = (ART6_FEEDBACK,) if action is A.FEED_BACK else (ART6,)
        why = (
            "the problem list is fed back only after the provincial government approves it"
            if action is A.FEED_BACK and state is not S.RECTIFYING
            else f"an evaluation that is {state} cannot {action}"
        )
        raise IllegalTransition(why, basis=basis)
    if action is A.CLOSE and open_problems:
        raise IllegalTransition(f"{open_problems} problem(s) of the list are not rectified yet", basis=(ART6_RECTIFY,))
    basis = (ART6_RECTIFY,) if action in (A.FEED_BACK, A.CLOSE) else (ART6_FEEDBACK,)
    return Decision[EvaluationState](value=following, reason=f"{state} → {following}", basis=basis)
