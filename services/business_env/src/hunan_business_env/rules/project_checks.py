"""CHECK rules other agencies call about foreign-investment conditions, land and surveys in engineering projects,
and intermediary services (R9, R56, R59, R63, R65). Pure: each function returns a Decision citing its article."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hunan_shared.legal import Decision

from .basis import art

# Art. 7 para 3 / 第七条第三款
ART7_3 = art("Art. 7 para 3 / 第七条第三款", "外商投资实行准入前国民待遇加负面清单管理制度")
# Art. 28 para 3 / 第二十八条第三款
ART28_3 = art(
    "Art. 28 para 3 / 第二十八条第三款",
    "企业取得用地后，已经完成区域评估且符合条件的审批事项，可以实行告知承诺制",
)
# Art. 29 para 2 / 第二十九条第二款
ART29_2 = art("Art. 29 para 2 / 第二十九条第二款", "测绘成果在各阶段及不动产登记共享互认，避免重复测绘")
# Art. 31 para 2 / 第三十一条第二款
ART31_2 = art(
    "Art. 31 para 2 / 第三十一条第二款",
    "审批部门委托开展的技术性服务纳入行政审批程序及审批计时，由审批部门委托并承担费用，不得转嫁给市场主体",
)
# Art. 31 para 3 / 第三十一条第三款
ART31_3 = art(
    "Art. 31 para 3 / 第三十一条第三款",
    "使用财政资金购买的中介服务，通过网上中介服务超市选取，法律、法规、规章规定须公开招标或政府采购的除外",
)


class ForeignConditionFinding(StrEnum):
    ALLOWED = "ALLOWED"
    EXTRA_CONDITION_ON_FOREIGN_INVESTMENT = "EXTRA_CONDITION_ON_FOREIGN_INVESTMENT"


def foreign_investment_condition_check(
    applies_only_to_foreign_invested: bool, national_negative_list_item: str | None
) -> Decision[ForeignConditionFinding]:
    """Art. 7 para 3 / 第七条第三款 (R9): outside the national negative list a foreign-invested entity meets the
    domestic conditions, so a condition keyed on foreign investment needs an item of that list."""
    if not applies_only_to_foreign_invested:
        return Decision[ForeignConditionFinding](
            value=ForeignConditionFinding.ALLOWED,
            reason="applies to domestic and foreign entities alike",
            basis=(ART7_3,),
        )
    if national_negative_list_item and national_negative_list_item.strip():
        return Decision[ForeignConditionFinding](
            value=ForeignConditionFinding.ALLOWED,
            reason=f"required by the national negative list ({national_negative_list_item.strip()})",
            basis=(ART7_3,),
        )
    return Decision[ForeignConditionFinding](
        value=ForeignConditionFinding.EXTRA_CONDITION_ON_FOREIGN_INVESTMENT,
        reason="a condition only for foreign-invested entities without a national negative-list item",
        basis=(ART7_3,),
    )


def land_commitment_allowed(
    land_obtained: bool, regional_assessment_done: bool, item_in_commitment_list: bool
) -> Decision[list[str]]:
    """Art. 28 para 3 / 第二十八条第三款 (R56): notification-commitment for an approval item on park land only when the
    enterprise has obtained the land, a regional assessment covers the item and the item is on the list. The value is
    the list of unmet conditions (empty: allowed)."""
    missing = [
        label
        for label, met in (
            ("land not yet obtained", land_obtained),
            ("no regional assessment covers the item", regional_assessment_done),
            ("item not on the notification-commitment list", item_in_commitment_list),
        )
        if not met
    ]
    reason = "; ".join(missing) if missing else "land obtained, item assessed and listed"
    return Decision[list[str]](value=missing, reason=reason, basis=(ART28_3,))


@dataclass(frozen=True)
class SurveyKey:
    scope: str  # the parcel or project the survey covers, e.g. a parcel code
    survey_type: str  # e.g. 地形测量, 竣工测量, 不动产测绘


def repeat_survey(demanded: SurveyKey, shared: frozenset[SurveyKey]) -> Decision[bool]:
    """Art. 29 para 2 / 第二十九条第二款 (R59): a survey demanded for a scope and type a shared result already covers is
    a repeat survey (True)."""
    key = SurveyKey(demanded.scope.strip(), demanded.survey_type.strip())
    if key in shared:
        return Decision[bool](
            value=True, reason=f"a shared {key.survey_type} result already covers {key.scope}", basis=(ART29_2,)
        )
    return Decision[bool](value=False, reason="no shared result covers this scope and type", basis=(ART29_2,))


class Payer(StrEnum):
    AGENCY = "AGENCY"
    MARKET_ENTITY = "MARKET_ENTITY"


def technical_service_findings(paid_by: Payer, approval_clock_paused: bool) -> Decision[list[str]]:
    """Art. 31 para 2 / 第三十一条第二款 (R63): a technical service the approving agency must commission is paid by
    the agency and runs inside the approval time. The value lists the violations (empty: compliant)."""
    found = []
    if paid_by is Payer.MARKET_ENTITY:
        found.append("COST_SHIFTED_TO_MARKET_ENTITY")
    if approval_clock_paused:
        found.append("EXCLUDED_FROM_APPROVAL_TIME")
    reason = ", ".join(found) if found else "commissioned and paid by the agency, counted in the approval time"
    return Decision[list[str]](value=found, reason=reason, basis=(ART31_2,))


class SelectionChannel(StrEnum):
    ONLINE_SUPERMARKET = "ONLINE_SUPERMARKET"  # 网上中介服务超市
    PUBLIC_TENDER = "PUBLIC_TENDER"
    GOV_PROCUREMENT = "GOV_PROCUREMENT"
    DIRECT_DESIGNATION = "DIRECT_DESIGNATION"
    OTHER = "OTHER"


class SelectionFinding(StrEnum):
    ALLOWED = "ALLOWED"
    NOT_ON_ONLINE_SUPERMARKET = "NOT_ON_ONLINE_SUPERMARKET"
    TENDER_WITHOUT_LEGAL_REQUIREMENT = "TENDER_WITHOUT_LEGAL_REQUIREMENT"


def intermediary_selection_check(
    uses_fiscal_funds: bool, channel: SelectionChannel, legal_requirement_ref: str | None
) -> Decision[SelectionFinding]:
    """Art. 31 para 3 / 第三十一条第三款 (R65): an intermediary paid from fiscal funds is chosen on the online
    intermediary supermarket, unless a law, regulation or rule requires public tendering or government procurement
    (the reference must be given)."""
    if not uses_fiscal_funds or channel is SelectionChannel.ONLINE_SUPERMARKET:
        reason = "not paid from fiscal funds" if not uses_fiscal_funds else "selected on the online supermarket"
        return Decision[SelectionFinding](value=SelectionFinding.ALLOWED, reason=reason, basis=(ART31_3,))
    if channel in (SelectionChannel.PUBLIC_TENDER, SelectionChannel.GOV_PROCUREMENT):
        if legal_requirement_ref and legal_requirement_ref.strip():
            return Decision[SelectionFinding](
                value=SelectionFinding.ALLOWED,
                reason=f"{channel} required by {legal_requirement_ref.strip()}",
                basis=(ART31_3,),
            )
        return Decision[SelectionFinding](
            value=SelectionFinding.TENDER_WITHOUT_LEGAL_REQUIREMENT,
            reason=f"{channel} without the law, regulation or rule that requires it",
            basis=(ART31_3,),
        )
    return Decision[SelectionFinding](
        value=SelectionFinding.NOT_ON_ONLINE_SUPERMARKET,
        reason=f"fiscal-funded intermediary selected by {channel}",
        basis=(ART31_3,),
    )
