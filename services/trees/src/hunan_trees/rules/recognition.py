"""Recognition workflow W1 (Arts. 11–15): census cycle, appraisal, public notice, objections, re-appraisal and
recognition by the government of Art. 13, as pure functions and one transition table.

Each step returns a Decision carrying the new state, or raises `IllegalRecognitionStep` (an IllegalTransition,
HTTP 409) naming the state and the step; a guard that the text sets (notice still running, an objection
undecided, the wrong government deciding) is refused the same way, with its article.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from hunan_shared.legal import Decision, IllegalTransition

from .basis import ART2, ART11, ART13, art
from .classification import GovernmentLevel, Grade, recognising_authority
from .deadlines import census_next_due

ART12_1 = art("Art. 12 para 1 / 第十二条第一款", "县级主管部门按照国家古树名木鉴定规范组织鉴定，并将鉴定结果予以公示")
ART12_2 = art("Art. 12 para 2 / 第十二条第二款", "对鉴定结果有异议的可以提出；主管部门根据具体情况可以重新组织鉴定")
ART14 = art("Art. 14 / 第十四条", "按照“一树一档”要求建立并动态更新古树名木图文信息档案")
ART15 = art("Art. 15 / 第十五条", "鼓励报告未经认定和公布的古树名木资源信息，县级主管部门接到报告后应当及时组织鉴定")
ART22 = art("Art. 22 / 第二十二条", "省绿化委员会统一规范保护牌样式、内容和编号；县级人民政府设置保护牌和必要保护设施")
NOTICE_DESIGN = art(
    "[DESIGN] public-notice period (RULES.md, TREES_PUBLIC_NOTICE_DAYS)",
    "第十二条未规定公示期限；期限为配置项，自公示之日起算（当日不计入）",
)


class RecognitionState(StrEnum):
    """States of a candidate tree 候选古树名木 on its way to recognition (W1)."""

    CANDIDATE = "CANDIDATE"
    UNDER_APPRAISAL = "UNDER_APPRAISAL"
    APPRAISED = "APPRAISED"  # qualifying result recorded, notice not yet published
    IN_PUBLIC_NOTICE = "IN_PUBLIC_NOTICE"
    UNDER_REAPPRAISAL = "UNDER_REAPPRAISAL"
    PENDING_RECOGNITION = "PENDING_RECOGNITION"
    RECOGNISED = "RECOGNISED"
    NOT_QUALIFIED = "NOT_QUALIFIED"


class RecognitionStep(StrEnum):
    START_APPRAISAL = "start_appraisal"
    RECORD_QUALIFYING_RESULT = "record_qualifying_result"
    RECORD_NON_QUALIFYING_RESULT = "record_non_qualifying_result"
    PUBLISH_NOTICE = "publish_notice"
    FILE_OBJECTION = "file_objection"
    DISMISS_OBJECTION = "dismiss_objection"
    ORDER_REAPPRAISAL = "order_reappraisal"
    SUBMIT_FOR_RECOGNITION = "submit_for_recognition"
    FORWARD = "forward"
    RECOGNISE = "recognise"
    REFUSE = "refuse"


class CandidateSource(StrEnum):
    """How a candidate came to the department."""

    CENSUS = "CENSUS"  # census finding (Art. 11)
    PUBLIC_REPORT = "PUBLIC_REPORT"  # report of an unrecognised tree (Art. 15)
    DEPARTMENT = "DEPARTMENT"  # department's own initiative (Art. 12)


class ObjectionOutcome(StrEnum):
    DISMISSED = "DISMISSED"
    REAPPRAISAL_ORDERED = "REAPPRAISAL_ORDERED"


class IllegalRecognitionStep(IllegalTransition):
    """A W1 step the workflow does not allow now (HTTP 409)."""


S, A = RecognitionState, RecognitionStep
_TABLE: dict[tuple[RecognitionState, RecognitionStep], RecognitionState] = {
    (S.CANDIDATE, A.START_APPRAISAL): S.UNDER_APPRAISAL,
    (S.UNDER_APPRAISAL, A.RECORD_QUALIFYING_RESULT): S.APPRAISED,
    (S.UNDER_APPRAISAL, A.RECORD_NON_QUALIFYING_RESULT): S.NOT_QUALIFIED,
    (S.UNDER_REAPPRAISAL, A.RECORD_QUALIFYING_RESULT): S.APPRAISED,
    (S.UNDER_REAPPRAISAL, A.RECORD_NON_QUALIFYING_RESULT): S.NOT_QUALIFIED,
    (S.APPRAISED, A.PUBLISH_NOTICE): S.IN_PUBLIC_NOTICE,
    (S.IN_PUBLIC_NOTICE, A.FILE_OBJECTION): S.IN_PUBLIC_NOTICE,
    (S.IN_PUBLIC_NOTICE, A.DISMISS_OBJECTION): S.IN_PUBLIC_NOTICE,
    (S.IN_PUBLIC_NOTICE, A.ORDER_REAPPRAISAL): S.UNDER_REAPPRAISAL,
    (S.IN_PUBLIC_NOTICE, A.SUBMIT_FOR_RECOGNITION): S.PENDING_RECOGNITION,
    (S.PENDING_RECOGNITION, A.FORWARD): S.PENDING_RECOGNITION,
    (S.PENDING_RECOGNITION, A.RECOGNISE): S.RECOGNISED,
    (S.PENDING_RECOGNITION, A.REFUSE): S.NOT_QUALIFIED,
}
_STEP_BASIS = {
    A.START_APPRAISAL: (ART12_1,),
    A.RECORD_QUALIFYING_RESULT: (ART12_1,),
    A.RECORD_NON_QUALIFYING_RESULT: (ART12_1,),
    A.PUBLISH_NOTICE: (ART12_1,),
    A.FILE_OBJECTION: (ART12_2,),
    A.DISMISS_OBJECTION: (ART12_2,),
    A.ORDER_REAPPRAISAL: (ART12_2,),
    A.SUBMIT_FOR_RECOGNITION: (ART12_1, ART13),
    A.FORWARD: (ART13,),
    A.RECOGNISE: (ART13,),
    A.REFUSE: (ART13,),
}


def next_state(current: RecognitionState, step: RecognitionStep) -> Decision[RecognitionState]:
    """Arts. 12–13 / 第十二、十三条 (R8–R10): appraisal → public notice → objections / re-appraisal → submission →
    (层报) → recognition and publication; anything else is refused."""
    basis = _STEP_BASIS[step]
    try:
        new = _TABLE[(current, step)]
    except KeyError:
        raise IllegalRecognitionStep(f"recognition: cannot {step.value} when {current.value}", basis=basis) from None
    return Decision[RecognitionState](value=new, reason=f"{current.value} --{step.value}--> {new.value}", basis=basis)


def candidate_admissible(in_primeval_forest: bool) -> Decision[bool]:
    """Art. 2 / 第二条 (R1, TC9): no recognition workflow opens for a tree in primeval forest."""
    if in_primeval_forest:
        return Decision[bool](
            value=False, reason="a tree in primeval forest is outside these Measures: no recognition", basis=(ART2,)
        )
    return Decision[bool](value=True, reason="outside primeval forest", basis=(ART2,))


def appraisal_qualifies(grade: Grade | None, is_famous: bool) -> Decision[bool]:
    """Arts. 3, 10, 12 / 第三、十、十二条: an appraisal qualifies when the tree is ancient (graded) or famous."""
    ok = grade is not None or is_famous
    reason = f"graded {grade}" if grade else ("famous" if is_famous else "neither ancient (≥ 100 years) nor famous")
    return Decision[bool](value=ok, reason=reason, basis=(ART12_1,))


def public_notice_ends_on(published_on: dt.date, days: int) -> Decision[dt.date]:
    """Art. 12 para 1 / 第十二条第一款 (R8) with a configured period [DESIGN]: the notice runs `days` calendar days
    after the day of publication (the publication day is day 0, §0 counting); its last day is the result."""
    if days < 1:
        raise ValueError("a public notice runs at least one day")
    ends = published_on + dt.timedelta(days=days)
    return Decision[dt.date](
        value=ends, reason=f"published {published_on}; {days} days → last day {ends}", basis=(ART12_1, NOTICE_DESIGN)
    )


def notice_running(ends_on: dt.date, today: dt.date) -> Decision[bool]:
    """Art. 12 / 第十二条: the notice is running through its last day; objections are received while it runs."""
    running = today <= ends_on
    reason = f"today {today} {'≤' if running else '>'} last day {ends_on}"
    return Decision[bool](value=running, reason=reason, basis=(ART12_1, ART12_2, NOTICE_DESIGN))


def submission_allowed(notice_ends_on: dt.date, today: dt.date, undecided_objections: int) -> Decision[bool]:
    """Arts. 12–13 / 第十二、十三条 (R8, R9): a result goes to recognition only after its public notice has ended and
    no objection is undecided."""
    if today <= notice_ends_on:
        return Decision[bool](
            value=False,
            reason=f"the public notice runs until {notice_ends_on}; submission from the next day",
            basis=(ART12_1, NOTICE_DESIGN),
        )
    if undecided_objections:
        return Decision[bool](
            value=False, reason=f"{undecided_objections} objection(s) not yet decided", basis=(ART12_2,)
        )
    return Decision[bool](value=True, reason="notice ended with no undecided objection", basis=(ART12_1, ART12_2))


_UP = {GovernmentLevel.COUNTY: GovernmentLevel.CITY, GovernmentLevel.CITY: GovernmentLevel.PROVINCE}
_RANK = {GovernmentLevel.COUNTY: 0, GovernmentLevel.CITY: 1, GovernmentLevel.PROVINCE: 2}


def forward_to(at_level: GovernmentLevel, grade: Grade | None, is_famous: bool) -> Decision[GovernmentLevel]:
    """Art. 13 / 第十三条 (R10): the county reports upward level by level (层报) until the recognising government;
    a file already at that government goes no further."""
    required = recognising_authority(grade, is_famous).value
    if required is None or _RANK[at_level] >= _RANK[required]:
        raise IllegalRecognitionStep(
            f"the file is at the {at_level} government, which is the recognising level ({required}); "
            "it is not forwarded further",
            basis=(ART13,),
        )
    nxt = _UP[at_level]
    return Decision[GovernmentLevel](
        value=nxt, reason=f"层报 {at_level} → {nxt} (recognised by {required})", basis=(ART13,)
    )


def recognition_allowed(
    deciding_level: GovernmentLevel, at_level: GovernmentLevel, grade: Grade | None, is_famous: bool
) -> Decision[bool]:
    """Art. 13 / 第十三条 (R10): only the government of the grade's level recognises and publishes, once the file
    has reached it (一级古树和名木 province, 二级 city/prefecture, 三级 county)."""
    required = recognising_authority(grade, is_famous)
    if deciding_level is not required.value:
        return Decision[bool](
            value=False,
            reason=f"{required.reason}: the {required.value} government decides, not the {deciding_level} government",
            basis=required.basis,
        )
    if at_level is not required.value:
        return Decision[bool](
            value=False,
            reason=f"the file is still at the {at_level} government; forward it to the {required.value} government",
            basis=required.basis,
        )
    return Decision[bool](value=True, reason=required.reason, basis=required.basis)


class CensusStatus(StrEnum):
    NEVER_HELD = "NEVER_HELD"
    IN_PROGRESS = "IN_PROGRESS"
    SCHEDULED = "SCHEDULED"
    OVERDUE = "OVERDUE"


def census_status(last_started_on: dt.date | None, in_progress: bool, today: dt.date) -> Decision[CensusStatus]:
    """Art. 11 / 第十一条 (R7): a county is overdue when ten years from its last census start have passed
    without a new one; the due day itself is still in time."""
    if in_progress:
        return Decision[CensusStatus](value=CensusStatus.IN_PROGRESS, reason="a census is under way", basis=(ART11,))
    if last_started_on is None:
        return Decision[CensusStatus](
            value=CensusStatus.NEVER_HELD, reason="no census recorded for this county", basis=(ART11,)
        )
    due = census_next_due(last_started_on)
    overdue = today > due.value
    return Decision[CensusStatus](
        value=CensusStatus.OVERDUE if overdue else CensusStatus.SCHEDULED,
        reason=f"{due.reason} = {due.value}; today {today}",
        basis=due.basis,
    )
