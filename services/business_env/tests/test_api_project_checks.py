"""The checkers for foreign-investment conditions, park land, surveys and intermediaries over HTTP (R9, R56, R59,
R63, R65): each verdict names the offending item and its article; nothing is stored."""

from __future__ import annotations

import pytest

from hunan_business_env.app import create_app
from hunan_business_env.settings import BusinessEnvSettings

READ = "business_env:read"


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings)


def test_foreign_investment_conditions_r9(client, token):
    body = {
        "conditions": [
            {"number": "1", "text": "依法设立的企业", "applies_only_to_foreign_invested": False},
            {"number": "2", "text": "外资企业须另行提供母公司担保函", "applies_only_to_foreign_invested": True},
            {
                "number": "3",
                "text": "外方持股比例不超过50%",
                "applies_only_to_foreign_invested": True,
                "national_negative_list_item": "外商投资准入特别管理措施（负面清单）第12项",
            },
        ]
    }
    r = client.post("/v1/checks/foreign-investment-conditions", json=body, headers=token(READ))
    assert r.status_code == 200, r.text
    v = r.json()
    assert v["compliant"] is False
    assert [(c["number"], c["finding"]) for c in v["conditions"]] == [("2", "EXTRA_CONDITION_ON_FOREIGN_INVESTMENT")]
    assert v["conditions"][0]["basis"][0]["article"] == "Art. 7 para 3 / 第七条第三款"
    body["conditions"] = [body["conditions"][0], body["conditions"][2]]
    v = client.post("/v1/checks/foreign-investment-conditions", json=body, headers=token(READ)).json()
    assert v == {"compliant": True, "conditions": []}


def test_land_commitment_r56(client, token):
    body = {
        "item": "环境影响评价",
        "land_obtained": False,
        "regional_assessment_done": True,
        "item_in_commitment_list": True,
    }
    v = client.post("/v1/checks/land-commitments", json=body, headers=token(READ)).json()
    assert v["allowed"] is False and v["unmet"] == ["land not yet obtained"]
    assert v["basis"][0]["article"] == "Art. 28 para 3 / 第二十八条第三款"
    body["land_obtained"] = True
    v = client.post("/v1/checks/land-commitments", json=body, headers=token(READ)).json()
    assert v["allowed"] is True and v["unmet"] == []


def test_survey_demands_r59(client, token):
    body = {
        "shared_results": [{"scope": "430104-001", "survey_type": "竣工测量"}],
        "demanded": [
            {"stage": "不动产登记", "scope": "430104-001", "survey_type": "竣工测量"},
            {"stage": "不动产登记", "scope": "430104-001", "survey_type": "房产面积测绘"},
        ],
    }
    v = client.post("/v1/checks/survey-demands", json=body, headers=token(READ)).json()
    assert v["compliant"] is False
    assert [(s["stage"], s["survey_type"], s["finding"]) for s in v["repeat_surveys"]] == [
        ("不动产登记", "竣工测量", "REPEAT_SURVEY")
    ]
    assert v["repeat_surveys"][0]["basis"][0]["article"] == "Art. 29 para 2 / 第二十九条第二款"
    body["demanded"] = body["demanded"][1:]
    assert client.post("/v1/checks/survey-demands", json=body, headers=token(READ)).json()["compliant"] is True


def test_technical_services_r63(client, token):
    body = {
        "services": [
            {"name": "施工图技术审查", "paid_by": "AGENCY", "approval_clock_paused": False},
            {"name": "地质灾害危险性评估", "paid_by": "MARKET_ENTITY", "approval_clock_paused": True},
        ]
    }
    v = client.post("/v1/checks/technical-services", json=body, headers=token(READ)).json()
    assert v["compliant"] is False
    assert v["services"] == [
        {
            "name": "地质灾害危险性评估",
            "findings": ["COST_SHIFTED_TO_MARKET_ENTITY", "EXCLUDED_FROM_APPROVAL_TIME"],
            "reason": "COST_SHIFTED_TO_MARKET_ENTITY, EXCLUDED_FROM_APPROVAL_TIME",
            "basis": v["services"][0]["basis"],
        }
    ]
    assert v["services"][0]["basis"][0]["article"] == "Art. 31 para 2 / 第三十一条第二款"
    body["services"] = body["services"][:1]
    assert client.post("/v1/checks/technical-services", json=body, headers=token(READ)).json()["compliant"] is True


def test_intermediary_selection_r65(client, token):
    body = {"service": "项目可行性研究报告编制", "uses_fiscal_funds": True, "channel": "DIRECT_DESIGNATION"}
    v = client.post("/v1/checks/intermediary-selections", json=body, headers=token(READ)).json()
    assert (v["compliant"], v["finding"]) == (False, "NOT_ON_ONLINE_SUPERMARKET")
    assert v["basis"][0]["article"] == "Art. 31 para 3 / 第三十一条第三款"
    body["channel"] = "PUBLIC_TENDER"
    v = client.post("/v1/checks/intermediary-selections", json=body, headers=token(READ)).json()
    assert v["finding"] == "TENDER_WITHOUT_LEGAL_REQUIREMENT"
    body["legal_requirement_ref"] = "中华人民共和国招标投标法第三条"
    assert client.post("/v1/checks/intermediary-selections", json=body, headers=token(READ)).json()["compliant"] is True
    body["channel"] = "ONLINE_SUPERMARKET"
    assert client.post("/v1/checks/intermediary-selections", json=body, headers=token(READ)).json()["compliant"] is True


def test_bad_input_is_a_422_and_a_missing_token_a_401(client, token):
    r = client.post("/v1/checks/intermediary-selections", json={"service": "x", "channel": "NOPE"}, headers=token(READ))
    assert r.status_code == 422
    assert client.post("/v1/checks/land-commitments", json={}).status_code in (401, 403)
