"""The complaints ledger 建账 / 记账 / 销账 (W1, Arts. 49–51): which ledger entry may follow which state."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hunan_shared.legal import Decision

from .basis import ART50, ART51, REOPEN_ON_UNSATISFIED


class ComplaintState(StrEnum):
    ACCOUNT_OPENED = "ACCOUNT_OPENED"  # 问题建账
    IN_PROGRESS = "IN_PROGRESS"  # 过程记账
    RESOLVED = "RESOLVED"
    FEEDBACK_SENT = "FEEDBACK_SENT"  # 反馈结果
    EVALUATED = "EVALUATED"  # 投诉人评价
    CLOSED = "CLOSED"  # 办结销账


class EntryKind(StrEnum):
    ACTION = "ACTION"  # an Art. 49 supervision step recorded in the ledger
    TRANSFER = "TRANSFER"  # lead transferred to discipline inspection (Art. 51)
    RESOLVE = "RESOLVE"
    FEEDBACK = "FEEDBACK"
    EVALUATION = "EVALUATION"
    CLOSE = "CLOSE"


class SupervisionMethod(StrEnum):
    """Art. 49 / 第四十九条 methods (R95)."""

    PLANNED_INSPECTION = "PLANNED_INSPECTION"  # 督查检查
    OPEN_VISIT = "OPEN_VISIT"  # 明察
    UNDERCOVER_VISIT = "UNDERCOVER_VISIT"  # 暗访
    INQUIRY_EVIDENCE = "INQUIRY_EVIDENCE"  # 了解情况，收集、调取证据
    SUMMONS_TALK = "SUMMONS_TALK"  # 约谈
    HANDLING_PROPOSAL = "HANDLING_PROPOSAL"  # 向有权机关提出处理建议
    OTHER_LAWFUL = "OTHER_LAWFUL"


@dataclass(frozen=True)
class LedgerFacts:
    """What the close guard needs to know about the complaint so far."""

    has_result: bool = False
    feedback_sent: bool = False
    misconduct_found: bool = False  # preliminary investigation found official misconduct
    transferred: bool = False
    evaluated: bool = False  # the complainant rated procedure and result
    evaluation_window_over: bool = True  # the working days to rate have passed since the feedback


S = ComplaintState
_ALLOWED: dict[EntryKind, tuple[frozenset[ComplaintState], ComplaintState | None]] = {
    # kind: (states it may follow, resulting state; None keeps the state)
    EntryKind.ACTION: (frozenset({S.ACCOUNT_OPENED, S.IN_PROGRESS}), S.IN_PROGRESS),
    EntryKind.TRANSFER: (frozenset({S.ACCOUNT_OPENED, S.IN_PROGRESS, S.RESOLVED, S.FEEDBACK_SENT, S.EVALUATED}), None),
    EntryKind.RESOLVE: (frozenset({S.ACCOUNT_OPENED, S.IN_PROGRESS}), S.RESOLVED),
    EntryKind.FEEDBACK: (frozenset({S.RESOLVED}), S.FEEDBACK_SENT),
    EntryKind.EVALUATION: (frozenset({S.FEEDBACK_SENT}), S.EVALUATED),
    EntryKind.CLOSE: (frozenset({S.FEEDBACK_SENT, S.EVALUATED}), S.CLOSED),
}


def next_state(state: ComplaintState, kind: EntryKind, facts: LedgerFacts) -> Decision[ComplaintState | None]:
    """Art. 50 / 第五十条 (R96) and Art. 51 / 第五十一条 (R97): the state after a ledger entry, or None if refused.

    Closing (销账) needs a result and feedback to the complainant (B21), and the complainant's rating of procedure
    and result — or the lapse of the window to give it, since a rating cannot be forced; when official misconduct
    was found the lead must first go to discipline inspection (应当移送, B22). Entries are append-only: a closed account
    takes no more entries.
    """
    sources, target = _ALLOWED[kind]
    if state not in sources:
        return Decision[ComplaintState | None](
            value=None, reason=f"a {kind} entry cannot follow {state}", basis=(ART50,)
        )
    if kind is EntryKind.TRANSFER and not facts.misconduct_found:
        return Decision[ComplaintState | None](
            value=None,
            reason="transfer to discipline inspection needs a finding of official misconduct",
            basis=(ART51,),
        )
    if kind is EntryKind.CLOSE:
        if not (facts.has_result and facts.feedback_sent):
            return Decision[ComplaintState | None](
                value=None, reason="closing needs a result fed back to the complainant", basis=(ART50,)
            )
        if not (facts.evaluated or facts.evaluation_window_over):
            return Decision[ComplaintState | None](
                value=None,
                reason="the complainant may still rate procedure and result (接受评价): close after the rating "
                "or once the rating window has passed",
                basis=(ART50,),
            )
        if facts.misconduct_found and not facts.transferred:
            return Decision[ComplaintState | None](
                value=None,
                reason="official misconduct found: transfer the lead to discipline inspection before closing",
                basis=(ART51,),
            )
    result = target or state
    return Decision[ComplaintState | None](
        value=result,
        reason=f"{kind}: {state} → {result}",
        basis=(ART50, ART51) if kind is EntryKind.TRANSFER else (ART50,),
    )


def reopens_on_rating(result_rating: int, unsatisfied_at_most: int, reopened_before: bool) -> Decision[bool]:
    """Art. 50 / 第五十条 (R96): the department accepts the complainant's rating of procedure and result (接受…评价)
    before closing (办结销账). A result rated `unsatisfied_at_most` or lower (1–5 scale) is not 办结: the account
    returns to process accounting (IN_PROGRESS) with a new handling limit — once, so that a second unsatisfied rating
    is recorded and the account may then be closed rather than reopened without end. The procedure rating is
    recorded but reopens nothing: a handled procedure cannot be redone."""
    if result_rating > unsatisfied_at_most:
        return Decision[bool](
            value=False, reason=f"result rated {result_rating}: satisfied", basis=(ART50, REOPEN_ON_UNSATISFIED)
        )
    if reopened_before:
        return Decision[bool](
            value=False,
            reason=f"result rated {result_rating} again after a reopening: recorded, the account may close",
            basis=(ART50, REOPEN_ON_UNSATISFIED),
        )
    return Decision[bool](
        value=True,
        reason=f"result rated {result_rating} (at most {unsatisfied_at_most}): the account is reopened",
        basis=(ART50, REOPEN_ON_UNSATISFIED),
    )
