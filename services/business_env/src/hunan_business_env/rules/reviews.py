"""The "good/bad review" of government services 好差评 (Art. 26 para 3, W10): a bad review or a complaint is
investigated, rectification is urged and the rater gets feedback before the review closes."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hunan_shared.legal import Decision, IllegalTransition, cite

from .basis import DESIGN, art

ART26 = art(
    "Art. 26 para 3 / 第二十六条第三款",
    "健全政务服务绩效由企业和群众评判的“好差评”制度，建立差评和投诉问题调查核实、督促整改和反馈机制",
)
SLA_REVIEW = cite(DESIGN, "bad-review SLA", "Art. 26 sets no number of days; the working days are a setting")

BAD_AT_OR_BELOW = 2  # five levels 非常满意 5 … 非常不满意 1; 不满意 (2) and 非常不满意 (1) are 差评


class ReviewState(StrEnum):
    CLOSED = "CLOSED"
    INVESTIGATING = "INVESTIGATING"  # 调查核实
    RECTIFICATION_ORDERED = "RECTIFICATION_ORDERED"  # 督促整改
    RECTIFIED = "RECTIFIED"
    FEEDBACK_SENT = "FEEDBACK_SENT"  # 反馈


class ReviewAction(StrEnum):
    CONCLUDE_INVESTIGATION = "CONCLUDE_INVESTIGATION"
    CONFIRM_RECTIFICATION = "CONFIRM_RECTIFICATION"
    FEEDBACK = "FEEDBACK"
    CLOSE = "CLOSE"


def intake(rating: int, complaint: bool) -> Decision[ReviewState]:
    """Art. 26 / 第二十六条 (R50): a good review closes at once; a bad one (≤ 2) or a complaint is investigated."""
    if rating <= BAD_AT_OR_BELOW or complaint:
        why = "complaint" if complaint else f"bad review ({rating} ≤ {BAD_AT_OR_BELOW})"
        return Decision[ReviewState](value=ReviewState.INVESTIGATING, reason=f"{why}: investigate", basis=(ART26,))
    return Decision[ReviewState](value=ReviewState.CLOSED, reason=f"good review ({rating})", basis=(ART26,))


@dataclass(frozen=True)
class Finding:
    substantiated: bool  # the investigation found the service at fault


def next_state(state: ReviewState, action: ReviewAction, finding: Finding | None = None) -> Decision[ReviewState]:
    """W10 (Art. 26 / 第二十六条, R50): investigating → (substantiated) rectification ordered → rectified → feedback
    → closed; an unsubstantiated finding goes straight to feedback. A bad review never closes without an
    investigation result and feedback to the rater."""
    S, A = ReviewState, ReviewAction
    following: ReviewState | None = None
    if state is S.INVESTIGATING and action is A.CONCLUDE_INVESTIGATION and finding is not None:
        following = S.RECTIFICATION_ORDERED if finding.substantiated else S.FEEDBACK_SENT
        if not finding.substantiated:
            # An unsubstantiated review is answered with the finding itself.
            return Decision[ReviewState](
                value=following, reason="not substantiated: the finding is fed back to the rater", basis=(ART26,)
            )
    elif (state, action) == (S.RECTIFICATION_ORDERED, A.CONFIRM_RECTIFICATION):
        following = S.RECTIFIED
    elif (state, action) == (S.RECTIFIED, A.FEEDBACK):
        following = S.FEEDBACK_SENT
    elif (state, action) == (S.FEEDBACK_SENT, A.CLOSE):
        following = S.CLOSED
    if following is None:
        why = (
            "a bad review closes only after investigation, rectification where due, and feedback to the rater"
            if action is A.CLOSE
            else f"a review that is {state} cannot {action}"
        )
        raise IllegalTransition(why, basis=(ART26,))
    return Decision[ReviewState](value=following, reason=f"{state} → {following}", basis=(ART26,))
