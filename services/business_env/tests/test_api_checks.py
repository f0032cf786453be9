"""The checkers over HTTP (SQLite and PostgreSQL: they store nothing, so the database only proves that)."""

from __future__ import annotations

import pytest

from hunan_business_env.app import create_app
from hunan_business_env.settings import BusinessEnvSettings

READ = "business_env:read"


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings)


def test_tender_document_names_each_offending_clause_and_article(client, token):
    body = {
        "must_tender_by_law": True,
        "clauses": [
            {"number": "3.1", "text": "投标人须具有建筑工程施工总承包一级资质"},
            {"number": "3.2", "text": "投标人须在本地注册设立分公司"},
            {"number": "5.4", "text": "近三年在长沙市内完成类似项目业绩的，每项加2分"},
        ],
    }
    r = client.post("/v1/checks/tender-documents", json=body, headers=token(READ))
    assert r.status_code == 200, r.text
    verdict = r.json()
    assert verdict["compliant"] is False
    assert [(c["number"], c["finding"]) for c in verdict["clauses"]] == [
        ("3.2", "LOCAL_PRESENCE"),
        ("5.4", "REGIONAL_OR_INDUSTRY_RECORD"),
    ]
    assert {c["basis"][0]["article"] for c in verdict["clauses"]} == {"Art. 18 / 第十八条"}
    # Not a must-tender project: the regional record is flagged for review under item (4), not banned.
    body["must_tender_by_law"] = False
    body["clauses"] = body["clauses"][2:]
    verdict = client.post("/v1/checks/tender-documents", json=body, headers=token(READ)).json()
    assert verdict["compliant"] is True and verdict["clauses"][0]["finding"] == "REVIEW_UNDER_ITEM_4"


def test_service_guide_flags_catch_alls_not_named_documents(client, token):
    body = {
        "conditions": "1.依法设立的企业 2.法律法规规定的其他条件",
        "materials": "1.营业执照副本 2.由有关部门出具的消防验收意见书 3.其他相关材料",
    }
    verdict = client.post("/v1/checks/service-guides", json=body, headers=token(READ)).json()
    assert verdict["compliant"] is False
    assert verdict["catch_all_items"] == [
        {"section": "conditions", "item": "法律法规规定的其他条件"},
        {"section": "materials", "item": "其他相关材料"},
    ]
    assert verdict["basis"][0]["article"] == "Art. 22 / 第二十二条"
    clean = {"materials": "1.营业执照副本 2.由有关部门出具的消防验收意见书"}
    assert client.post("/v1/checks/service-guides", json=clean, headers=token(READ)).json()["compliant"] is True


def test_material_requests(client, token):
    body = {
        "guide_materials": ["营业执照", "法定代表人身份证明", "施工许可证"],
        "requested": [
            {"name": "营业执照", "paper_licence_required": True, "licence_in_library": True},
            {"name": "房产证"},
            {"name": "法定代表人身份证明", "verifiable_online": True},
            {"name": "施工许可证"},
        ],
    }
    verdict = client.post("/v1/checks/material-requests", json=body, headers=token(READ)).json()
    assert verdict["compliant"] is False
    assert [(m["name"], m["finding"]) for m in verdict["materials"]] == [
        ("营业执照", "PAPER_LICENCE_REQUIRED"),
        ("房产证", "EXTRA_MATERIAL"),
        ("法定代表人身份证明", "VERIFIABLE_ONLINE"),
        ("施工许可证", "ALLOWED"),
    ]
    assert verdict["materials"][0]["basis"][0]["article"] == "Art. 27 / 第二十七条"


def test_checkers_need_a_token_and_valid_input(client, token):
    assert client.post("/v1/checks/service-guides", json={}).status_code == 401
    assert client.post("/v1/checks/tender-documents", json={"clauses": []}, headers=token(READ)).status_code == 422
