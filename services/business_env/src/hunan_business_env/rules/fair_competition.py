"""Legality and fair-competition review of policy measures, and fair-competition reports (Art. 44, W9; Art. 9).

A measure is registered as a draft, reviewed, and issued only once every review the article requires has passed;
a report that a measure restricts competition is handled, and fed back when it was written with facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from hunan_shared.legal import Decision, IllegalTransition, RuleRefusal, cite

from .basis import ART44, DESIGN, art

ART9 = art("Art. 9 / 第九条", "不得另行制定市场准入性质的负面清单")
ART44_LEGALITY = art(
    "Art. 44 para 1 / 第四十四条第一款", "涉及市场主体权利义务的行政规范性文件、政策措施，应当进行合法性审核"
)
ART44_REVIEW = art(
    "Art. 44 para 2 / 第四十四条第二款",
    "市场准入和退出、产业发展、招商引资、招标投标、政府采购、经营行为规范、资质标准等……以及一事一议形式的具体政策措施，"
    "应当进行公平竞争审查",
)
ART44_REPORT = art(
    "Art. 44 para 3 / 第四十四条第三款",
    "可以向制定机关反映，也可以向其上级机关或者本级以上市场监督管理部门举报；书面并提供事实依据的，应当及时处理并反馈结果",
)
SLA_REPORT = cite(
    DESIGN, "fair-competition report SLA", "Art. 44 says 及时 without a number; working days are a setting"
)


class MeasureKind(StrEnum):
    RULE = "RULE"  # 规章
    NORMATIVE_DOCUMENT = "NORMATIVE_DOCUMENT"  # 行政规范性文件
    POLICY_DOCUMENT = "POLICY_DOCUMENT"  # 其他政策性文件、政策措施
    CASE_BY_CASE_MEASURE = "CASE_BY_CASE_MEASURE"  # 一事一议形式的具体政策措施


class EconomicTopic(StrEnum):
    """The economic activities of Art. 44 para 2 whose measures need a fair-competition review."""

    MARKET_ENTRY_EXIT = "MARKET_ENTRY_EXIT"  # 市场准入和退出
    INDUSTRIAL_DEVELOPMENT = "INDUSTRIAL_DEVELOPMENT"  # 产业发展
    INVESTMENT_ATTRACTION = "INVESTMENT_ATTRACTION"  # 招商引资
    BIDDING = "BIDDING"  # 招标投标
    GOV_PROCUREMENT = "GOV_PROCUREMENT"  # 政府采购
    BUSINESS_CONDUCT = "BUSINESS_CONDUCT"  # 经营行为规范
    QUALIFICATION_STANDARDS = "QUALIFICATION_STANDARDS"  # 资质标准
    OTHER_ECONOMIC_ACTIVITY = "OTHER_ECONOMIC_ACTIVITY"  # 等涉及市场主体经济活动的 (the list is open)


class ReviewKind(StrEnum):
    LEGALITY = "LEGALITY"  # 合法性审核
    FAIR_COMPETITION = "FAIR_COMPETITION"  # 公平竞争审查


class ReviewConclusion(StrEnum):
    PASSED = "PASSED"
    NOT_PASSED = "NOT_PASSED"  # unlawful / excludes or restricts competition: revise and review again


class MeasureState(StrEnum):
    DRAFT = "DRAFT"
    ISSUED = "ISSUED"


class MeasureRefused(RuleRefusal):
    """The measure may not be issued as it stands (HTTP 422)."""


def required_reviews(
    kind: MeasureKind, affects_rights_obligations: bool, topics: Iterable[EconomicTopic]
) -> Decision[list[ReviewKind]]:
    """Art. 44 / 第四十四条 (R87, R88): which reviews a measure needs before it is issued.

    Para 1: an administrative normative document or policy measure on market entities' rights and obligations needs a
    legality review. Para 2: a rule, normative document, other policy document or case-by-case measure on one of the
    listed economic activities needs a fair-competition review; a case-by-case measure is named in the article, so it
    always needs one when it touches an economic activity.
    """
    needed: list[ReviewKind] = []
    basis = []
    if affects_rights_obligations and kind is not MeasureKind.RULE:
        needed.append(ReviewKind.LEGALITY)
        basis.append(ART44_LEGALITY)
    topic_list = sorted(set(topics))
    if topic_list:
        needed.append(ReviewKind.FAIR_COMPETITION)
        basis.append(ART44_REVIEW)
    reason = "needs: " + ", ".join(needed) if needed else "no review required by Art. 44"
    if topic_list:
        reason += f" (economic activities: {', '.join(topic_list)})"
    return Decision[list[ReviewKind]](value=needed, reason=reason, basis=tuple(basis) or (ART44,))


def issuance_allowed(
    state: MeasureState,
    required: Iterable[ReviewKind],
    latest_conclusions: Mapping[ReviewKind, ReviewConclusion],
    market_access_negative_list: bool,
) -> Decision[bool]:
    """Art. 44 / 第四十四条 (R87, R88) and Art. 9 / 第九条 (R10): a draft is issued only when each required review's
    latest conclusion is PASSED; a local market-access negative list is never issued.

    Raises IllegalTransition (409) when the measure is not a draft or a review is missing or failed, MeasureRefused
    (422) for a local negative list.
    """
    if state is not MeasureState.DRAFT:
        raise IllegalTransition(f"a measure that is {state} cannot be issued again", basis=(ART44,))
    if market_access_negative_list:
        raise MeasureRefused(
            "only the national market-access negative list applies; a local one may not be issued", basis=(ART9,)
        )
    missing = [k.value for k in required if k not in latest_conclusions]
    failed = [k.value for k in required if latest_conclusions.get(k) is ReviewConclusion.NOT_PASSED]
    basis = tuple(
        b
        for k, b in ((ReviewKind.LEGALITY, ART44_LEGALITY), (ReviewKind.FAIR_COMPETITION, ART44_REVIEW))
        if k.value in missing + failed
    )
    if missing or failed:
        parts = []
        if missing:
            parts.append("review missing: " + ", ".join(missing))
        if failed:
            parts.append("review not passed (revise and review again): " + ", ".join(failed))
        raise IllegalTransition("issuance refused — " + "; ".join(parts), basis=basis)
    return Decision[bool](
        value=True,
        reason="every required review passed" if list(required) else "no review required",
        basis=(ART44_LEGALITY, ART44_REVIEW),
    )


# --- W9: fair-competition reports (R89) ------------------------------------------------------------------


class ReportRecipient(StrEnum):
    DRAFTING_AGENCY = "DRAFTING_AGENCY"  # 制定机关 (反映)
    SUPERIOR_AGENCY = "SUPERIOR_AGENCY"  # 制定机关的上级机关 (举报)
    MARKET_SUPERVISION = "MARKET_SUPERVISION"  # 本级以上人民政府市场监督管理部门 (举报)


class ReportState(StrEnum):
    ACCEPTED_MANDATORY = "ACCEPTED_MANDATORY"  # written with facts: must be handled and answered
    ACCEPTED_INFORMAL = "ACCEPTED_INFORMAL"  # accepted without the statutory duty to answer
    HANDLED = "HANDLED"
    FEEDBACK_SENT = "FEEDBACK_SENT"


class ReportAction(StrEnum):
    HANDLE = "HANDLE"
    FEEDBACK = "FEEDBACK"


def report_intake(written: bool, facts_provided: bool) -> Decision[ReportState]:
    """Art. 44 para 3 / 第四十四条第三款 (R89, B23): a written report with supporting facts must be handled promptly
    and answered; any other report is accepted without that duty."""
    mandatory = written and facts_provided
    state = ReportState.ACCEPTED_MANDATORY if mandatory else ReportState.ACCEPTED_INFORMAL
    why = (
        "written with supporting facts: handle promptly and feed back the result"
        if mandatory
        else "not written with supporting facts: accepted, feedback optional"
    )
    return Decision[ReportState](value=state, reason=why, basis=(ART44_REPORT,))


_REPORT_NEXT = {
    (ReportState.ACCEPTED_MANDATORY, ReportAction.HANDLE): ReportState.HANDLED,
    (ReportState.ACCEPTED_INFORMAL, ReportAction.HANDLE): ReportState.HANDLED,
    (ReportState.HANDLED, ReportAction.FEEDBACK): ReportState.FEEDBACK_SENT,
}


def next_report_state(state: ReportState, action: ReportAction) -> Decision[ReportState]:
    """W9 (Art. 44 para 3): accepted → handled → feedback sent (required for mandatory reports, optional else)."""
    following = _REPORT_NEXT.get((state, action))
    if following is None:
        raise IllegalTransition(f"a report that is {state} cannot {action}", basis=(ART44_REPORT,))
    return Decision[ReportState](value=following, reason=f"{state} → {following}", basis=(ART44_REPORT,))
