"""CHECK rules other agencies call over HTTP: tender clauses (Art. 18), catch-all items in service guides
(Art. 22), and what a window may ask for (Arts. 22, 27) — each tested in both directions."""

from __future__ import annotations

import pytest

from hunan_business_env.rules.checks import (
    MaterialFinding,
    MaterialRequest,
    TenderCondition,
    classify_tender_clause,
    guide_catch_all_terms,
    guide_items,
    material_request_check,
)


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("投标人须在本地注册设立分公司", TenderCondition.LOCAL_BRANCH),
        ("中标后须在项目所在地设立服务机构", TenderCondition.LOCAL_BRANCH),
        ("投标人须在项目所在地拥有不少于200平方米的办公场所", TenderCondition.LOCAL_OFFICE_AREA),
        ("项目负责人须在本市缴纳社会保险满6个月", TenderCondition.LOCAL_SOCIAL_INSURANCE),
        ("近三年在长沙市内完成类似项目业绩不少于2项", TenderCondition.REGIONAL_OR_INDUSTRY_RECORD),
        ("获得湖南省芙蓉奖的加5分", TenderCondition.REGIONAL_OR_INDUSTRY_RECORD),
        ("具有湘西州内同类工程业绩", TenderCondition.REGIONAL_OR_INDUSTRY_RECORD),
        # Not a listed condition: a qualification, a record anywhere, a "city" in a project type, credit.
        ("投标人须具有建筑工程施工总承包一级资质", TenderCondition.OTHER),
        ("近三年完成类似城市道路项目业绩不少于2项", TenderCondition.OTHER),
        ("投标人在本地有良好的信用记录", TenderCondition.OTHER),
        ("投标人须提供近三年经审计的财务报表", TenderCondition.OTHER),
    ],
)
def test_tender_clause_classification_art18(text, condition):
    assert classify_tender_clause(text) is condition


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("营业执照；其他相关材料", ["其他相关材料"]),
        ("1.营业执照副本 2.法定代表人身份证明 3.有关部门要求的其他材料", ["有关部门要求的其他材料"]),
        ("营业执照等材料", ["营业执照等材料"]),
        ("法律法规规定的其他条件", ["法律法规规定的其他条件"]),
        ("有关证明文件、相关证明", ["有关证明文件", "相关证明"]),
        # Legitimate wording that names one document (the review's false positive) and other specific items.
        ("由有关部门出具的营业执照副本", []),
        ("无其他违法记录的承诺书", []),
        ("公司章程、股东会决议；法定代表人身份证明", []),
        ("", []),
    ],
)
def test_catch_all_items_in_both_directions_art22(text, hits):
    assert guide_catch_all_terms(text).value == hits


def test_guide_items_split_at_numbers_and_list_punctuation():
    assert guide_items("（1）营业执照；（2）章程、决议\n3. 承诺书") == ["营业执照", "章程", "决议", "承诺书"]


def test_reviewer_terms_extend_the_catch_all_list():
    assert guide_catch_all_terms("营业执照；补充资料若干", ["若干"]).value == ["补充资料若干"]


@pytest.mark.parametrize(
    ("request_", "finding"),
    [
        (MaterialRequest("房产证", in_guide=False), MaterialFinding.EXTRA_MATERIAL),  # R41
        (MaterialRequest("身份证明", in_guide=True, verifiable_online=True), MaterialFinding.VERIFIABLE_ONLINE),  # R42
        (
            MaterialRequest("无犯罪记录证明", in_guide=True, verifiable_online=True, legal_exception="某法第十条"),
            MaterialFinding.ALLOWED,
        ),
        (
            MaterialRequest("营业执照", in_guide=True, paper_licence_required=True, licence_in_library=True),
            MaterialFinding.PAPER_LICENCE_REQUIRED,  # R53
        ),
        (
            MaterialRequest(
                "采矿许可证",
                in_guide=True,
                paper_licence_required=True,
                licence_in_library=True,
                original_recovery_required=True,  # 依法需要收回证照原件
            ),
            MaterialFinding.ALLOWED,
        ),
        (
            MaterialRequest("营业执照", in_guide=True, paper_licence_required=True, licence_in_library=False),
            MaterialFinding.ALLOWED,
        ),
    ],
)
def test_what_a_window_may_ask_for_arts_22_27(request_, finding):
    decision = material_request_check(request_)
    assert decision.value is finding and decision.basis


@pytest.mark.parametrize(
    ("designed", "built", "accepted", "missing"),
    [
        (True, True, True, []),
        (True, True, False, ["accepted"]),
        (True, False, True, ["built"]),
        (False, True, True, ["designed"]),
        (False, False, False, ["designed", "built", "accepted"]),
    ],
)
def test_accessible_facilities_in_step_with_the_main_works_r68(designed, built, accepted, missing):
    from hunan_business_env.rules.engineering import accessibility_in_step

    decision = accessibility_in_step(designed, built, accepted)
    assert decision.value == missing and decision.basis[0].article == "三(五)1 (R68)"
