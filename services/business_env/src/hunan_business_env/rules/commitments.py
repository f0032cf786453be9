"""The notification-commitment procedure (告知承诺制, W4; Art. 32): which matters allow it, who is excluded until
credit repair, verification after the grant (事中事后) and the consequences of a false commitment."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from hunan_shared.legal import Decision, IllegalTransition, RuleRefusal, cite
from hunan_shared.workdays import Deadline, add_working_days

from .basis import DESIGN, art

ART32_CERTIFICATION = art(
    "Art. 32 para 1 / 第三十二条第一款",
    "推行证明事项告知承诺制，但风险较大、纠错成本较高、损害难以挽回的证明事项不适用",
)
ART32_PERMIT = art(
    "Art. 32 para 2 / 第三十二条第二款", "通过事中事后监管能够纠正不符合许可条件行为、有效防范风险的涉企经营许可事项"
)
ART32_FALSE = art(
    "Art. 32 para 3 / 第三十二条第三款",
    "承诺不实的，依法终止办理、责令限期整改、撤销行政决定或者依法予以行政处罚，并纳入信用记录",
)
VERIFICATION_SLA = cite(
    DESIGN, "commitment verification period", "Art. 32 requires verification after the grant without a number of days"
)


class MatterKind(StrEnum):
    CERTIFICATION = "CERTIFICATION"  # 证明事项
    BUSINESS_PERMIT = "BUSINESS_PERMIT"  # 涉企经营许可事项


class CommitmentState(StrEnum):
    STANDARD_PROCEDURE = "STANDARD_PROCEDURE"  # the matter or the applicant is excluded
    GRANTED = "GRANTED"  # decided on the commitment; verification pending
    VERIFIED = "VERIFIED"  # the commitment proved true
    FALSE_COMMITMENT = "FALSE_COMMITMENT"  # sanctioned and entered in the credit record


class Sanction(StrEnum):
    TERMINATE = "TERMINATE"  # 终止办理
    RECTIFY = "RECTIFY"  # 责令限期整改
    REVOKE = "REVOKE"  # 撤销行政决定
    PENALTY = "PENALTY"  # 依法予以行政处罚


def matter_allows_commitment(kind: MatterKind, high_risk: bool, correctable_afterwards: bool) -> Decision[bool]:
    """Art. 32 paras 1–2 / 第三十二条第一款、第二款 (R67, R68): a certification matter unless high risk, costly to
    correct or irreparable; a business permit when supervision during and after can correct non-compliance."""
    if kind is MatterKind.CERTIFICATION:
        if high_risk:
            return Decision[bool](
                value=False, reason="high-risk certification matter: standard procedure", basis=(ART32_CERTIFICATION,)
            )
        return Decision[bool](value=True, reason="certification matter", basis=(ART32_CERTIFICATION,))
    if not correctable_afterwards:
        return Decision[bool](
            value=False,
            reason="later supervision cannot correct non-compliance: standard procedure",
            basis=(ART32_PERMIT,),
        )
    return Decision[bool](value=True, reason="permit correctable by later supervision", basis=(ART32_PERMIT,))


def verification_due(granted_on: dt.date, working_days: int) -> Decision[Deadline]:
    """Art. 32 / 第三十二条 (R70): the commitment is verified after the grant (事中事后监管) within a set period."""
    due = add_working_days(granted_on, working_days)
    return Decision[Deadline](
        value=due,
        reason=f"granted {granted_on}; {working_days} working days → {due.date}",
        basis=(ART32_PERMIT, VERIFICATION_SLA),
    )


def verification_outcome(
    state: CommitmentState,
    truthful: bool,
    sanctions: list[Sanction],
    found_on: dt.date,
    rectify_by: dt.date | None,
) -> Decision[CommitmentState]:
    """Art. 32 para 3 / 第三十二条第三款 (R70): a verified commitment closes; an untrue one needs at least one
    sanction (a rectification with its deadline) and enters the credit record (B18)."""
    if state is not CommitmentState.GRANTED:
        raise IllegalTransition(f"a commitment that is {state} cannot be verified", basis=(ART32_FALSE,))
    if truthful:
        if sanctions:
            raise RuleRefusal("a truthful commitment carries no sanction", basis=(ART32_FALSE,))
        return Decision[CommitmentState](
            value=CommitmentState.VERIFIED, reason="commitment verified as true", basis=(ART32_FALSE,)
        )
    if not sanctions:
        raise RuleRefusal(
            "an untrue commitment needs at least one of TERMINATE, RECTIFY, REVOKE, PENALTY", basis=(ART32_FALSE,)
        )
    if Sanction.RECTIFY in sanctions and (rectify_by is None or rectify_by <= found_on):
        raise RuleRefusal("RECTIFY needs a deadline (限期整改) after the finding", basis=(ART32_FALSE,))
    return Decision[CommitmentState](
        value=CommitmentState.FALSE_COMMITMENT,
        reason="untrue commitment: " + ", ".join(sanctions) + "; entered in the credit record",
        basis=(ART32_FALSE,),
    )
