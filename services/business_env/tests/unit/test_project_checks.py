"""Pure CHECK rules R9, R56, R59, R63, R65: both directions and the boundaries."""

from __future__ import annotations

from hunan_business_env.rules.project_checks import (
    ForeignConditionFinding,
    Payer,
    SelectionChannel,
    SelectionFinding,
    SurveyKey,
    foreign_investment_condition_check,
    intermediary_selection_check,
    land_commitment_allowed,
    repeat_survey,
    technical_service_findings,
)


def test_foreign_investment_condition_needs_a_national_list_item_art7_3():
    assert foreign_investment_condition_check(False, None).value is ForeignConditionFinding.ALLOWED
    d = foreign_investment_condition_check(True, None)
    assert d.value is ForeignConditionFinding.EXTRA_CONDITION_ON_FOREIGN_INVESTMENT
    assert d.basis[0].article == "Art. 7 para 3 / 第七条第三款"
    assert (
        foreign_investment_condition_check(True, "   ").value
        is ForeignConditionFinding.EXTRA_CONDITION_ON_FOREIGN_INVESTMENT
    )
    assert (
        foreign_investment_condition_check(True, "外商投资准入特别管理措施第9项").value
        is ForeignConditionFinding.ALLOWED
    )


def test_land_commitment_names_every_unmet_condition_art28_3():
    assert land_commitment_allowed(True, True, True).value == []
    d = land_commitment_allowed(False, True, False)
    assert d.value == ["land not yet obtained", "item not on the notification-commitment list"]
    assert d.basis[0].article == "Art. 28 para 3 / 第二十八条第三款"
    assert land_commitment_allowed(True, False, True).value == ["no regional assessment covers the item"]


def test_repeat_survey_only_for_the_same_scope_and_type_art29_2():
    shared = frozenset({SurveyKey("430104-001", "竣工测量")})
    assert repeat_survey(SurveyKey(" 430104-001", "竣工测量 "), shared).value is True
    assert repeat_survey(SurveyKey("430104-001", "不动产测绘"), shared).value is False
    assert repeat_survey(SurveyKey("430104-002", "竣工测量"), shared).value is False


def test_technical_service_paid_by_agency_inside_approval_time_art31_2():
    assert technical_service_findings(Payer.AGENCY, False).value == []
    assert technical_service_findings(Payer.MARKET_ENTITY, False).value == ["COST_SHIFTED_TO_MARKET_ENTITY"]
    assert technical_service_findings(Payer.AGENCY, True).value == ["EXCLUDED_FROM_APPROVAL_TIME"]
    assert technical_service_findings(Payer.MARKET_ENTITY, True).basis[0].article == "Art. 31 para 2 / 第三十一条第二款"


def test_intermediary_selection_art31_3():
    ok = SelectionFinding.ALLOWED
    assert intermediary_selection_check(True, SelectionChannel.ONLINE_SUPERMARKET, None).value is ok
    assert intermediary_selection_check(False, SelectionChannel.DIRECT_DESIGNATION, None).value is ok
    assert (
        intermediary_selection_check(True, SelectionChannel.DIRECT_DESIGNATION, None).value
        is SelectionFinding.NOT_ON_ONLINE_SUPERMARKET
    )
    assert (
        intermediary_selection_check(True, SelectionChannel.PUBLIC_TENDER, None).value
        is SelectionFinding.TENDER_WITHOUT_LEGAL_REQUIREMENT
    )
    assert intermediary_selection_check(True, SelectionChannel.GOV_PROCUREMENT, "政府采购法第二条").value is ok
