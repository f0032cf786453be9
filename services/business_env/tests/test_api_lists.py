"""Port fee catalogue (R72), approval delegations (R48) and supervisors (R94) over HTTP."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import ApprovalDelegation, Complaint, PortFee
from hunan_business_env.settings import BusinessEnvSettings

WRITE, READ = "business_env:write", "business_env:read"


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings)


def count(client, model) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(model.__table__))


FEE = {
    "charging_entity": "岳阳城陵矶港务有限公司",
    "fee_item": "港口作业包干费",
    "scope": "集装箱装卸、堆存",
    "standard": "20英尺箱 450元/箱",
    "pricing_method": "按箱计费",
    "category": "PORT",
    "published_on": "2024-01-01",
}


def test_port_fee_disclosure_and_unlisted_charges(client, token):
    r = client.post("/v1/port-fees", json={**FEE, "pricing_method": " ", "scope": None}, headers=token(WRITE))
    assert r.status_code == 422
    assert r.json()["missing"] == ["scope", "pricing_method"]
    assert r.json()["basis"][0]["article"] == "Art. 33 para 2 / 第三十三条第二款"
    assert count(client, PortFee) == 0
    assert client.post("/v1/port-fees", json=FEE, headers=token(WRITE)).status_code == 201
    assert client.post("/v1/port-fees", json=FEE, headers=token(WRITE)).status_code == 409
    tally = {**FEE, "charging_entity": "湖南外轮理货有限公司", "fee_item": "理货费", "category": "TALLYING"}
    assert client.post("/v1/port-fees", json=tally, headers=token(WRITE)).status_code == 201
    found = client.get("/v1/port-fees?q=包干", headers=token(READ)).json()["items"]
    assert [f["fee_item"] for f in found] == ["港口作业包干费"]
    by_entity = client.get("/v1/port-fees", params={"entity": "湖南外轮理货有限公司"}, headers=token(READ)).json()
    assert [f["fee_item"] for f in by_entity["items"]] == ["理货费"]

    def charge(entity, item):
        body = {"charging_entity": entity, "fee_item": item}
        return client.post("/v1/checks/port-charges", json=body, headers=token(READ)).json()

    assert charge(FEE["charging_entity"], "港口作业包干费")["outcome"] == "OK"
    unlisted = charge(FEE["charging_entity"], "理货费")  # listed, but for another entity
    assert unlisted["outcome"] == "UNLISTED_ITEM"
    assert unlisted["basis"][0]["article"] == "Art. 33 para 2 / 第三十三条第二款"


DELEGATION = {
    "matter": "企业投资项目备案",
    "original_agency": "长沙市发展和改革委员会",
    "receiving_agency": "长沙经济技术开发区管委会",
    "legal_basis": "长政发〔2023〕X号",
    "support": ["TECHNICAL_SUPPORT", "GUIDANCE", "SUPERVISION"],
    "effective_from": "2024-03-01",
}


def test_delegation_needs_support_and_routes_the_matter(client, token):
    r = client.post("/v1/delegations", json={**DELEGATION, "support": ["GUIDANCE"]}, headers=token(WRITE))
    assert r.status_code == 422
    assert r.json()["missing"] == ["TECHNICAL_SUPPORT", "SUPERVISION"]
    assert r.json()["basis"][0]["article"] == "Art. 26 para 1 / 第二十六条第一款"
    assert count(client, ApprovalDelegation) == 0
    r = client.post("/v1/delegations", json=DELEGATION, headers=token(WRITE))
    assert r.status_code == 201, r.text
    did = r.json()["id"]

    def handler(on):
        params = {"matter": DELEGATION["matter"], "original_agency": DELEGATION["original_agency"], "on": on}
        r = client.get("/v1/delegations/handler", params=params, headers=token(READ))
        assert r.status_code == 200, r.text
        return r.json()["handling_agency"]

    assert handler("2024-02-29") == "长沙市发展和改革委员会"
    assert handler("2024-03-01") == "长沙经济技术开发区管委会"
    r = client.post(f"/v1/delegations/{did}/revocation", json={"revoked_on": "2025-01-01"}, headers=token(WRITE))
    assert r.status_code == 200
    assert handler("2024-12-31") == "长沙经济技术开发区管委会"
    assert handler("2025-01-01") == "长沙市发展和改革委员会"
    again = client.post(f"/v1/delegations/{did}/revocation", json={"revoked_on": "2025-02-01"}, headers=token(WRITE))
    assert again.status_code == 409
    same = {**DELEGATION, "receiving_agency": DELEGATION["original_agency"]}
    assert client.post("/v1/delegations", json=same, headers=token(WRITE)).status_code == 422


def test_supervisor_reports_enter_the_complaints_ledger(client, token):
    body = {
        "kind": "OFFICER",
        "appointee_kind": "ENTREPRENEUR",
        "appointee": "张某（某民营企业董事长）",
        "appointing_department": "株洲市发展和改革委员会",
        "division_code": "430200",
        "appointed_on": "2024-01-01",
        "term_ends": "2025-12-31",
    }
    r = client.post("/v1/supervisors", json=body, headers=token(WRITE))
    assert r.status_code == 201, r.text
    sid = r.json()["id"]
    report = {
        "respondent": "某区市场监督管理局",
        "respondent_division_code": "430202",
        "allegation": "企业开办环节要求提供办事指南以外的材料",
        "received_on": "2024-06-03",
    }
    r = client.post(f"/v1/supervisors/{sid}/reports", json=report, headers=token(WRITE))
    assert r.status_code == 201, r.text
    assert r.json()["source"] == "SUPERVISOR" and r.json()["complainant"] == body["appointee"]
    # After the term ends (boundary: the last day still counts) reports are refused with Art. 48.
    last = client.post(
        f"/v1/supervisors/{sid}/reports", json={**report, "received_on": "2025-12-31"}, headers=token(WRITE)
    )
    assert last.status_code == 201
    late = client.post(
        f"/v1/supervisors/{sid}/reports", json={**report, "received_on": "2026-01-05"}, headers=token(WRITE)
    )
    assert late.status_code == 422 and late.json()["basis"][0]["article"] == "Art. 48 / 第四十八条"
    r = client.post(f"/v1/supervisors/{sid}/dismissal", json={"revoked_on": "2025-03-01"}, headers=token(WRITE))
    assert r.status_code == 200
    gone = client.post(
        f"/v1/supervisors/{sid}/reports", json={**report, "received_on": "2025-03-01"}, headers=token(WRITE)
    )
    assert gone.status_code == 422
    assert count(client, Complaint) == 2
