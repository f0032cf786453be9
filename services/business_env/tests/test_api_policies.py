"""Pro-enterprise policies over HTTP on SQLite and PostgreSQL (W7; Art. 14): ten elements, matching at publication
and at registration, 免申即享 with its event, pushes, explanations."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import Entitlement, Policy
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.events.catalogue import BenefitGranted, PolicyPublished
from hunan_shared.testing import EventDriver

WRITE, READ = "business_env:write", "business_env:read"
POLICY = {
    "title": "小微企业首次贷款贴息",
    "division_code": "430100",
    "implementing_department": "长沙市工业和信息化局",
    "policy_basis": "长政办发〔2024〕5号",
    "policy_period": "2025年1月1日至2025年12月31日",
    "application_conditions": "在长沙注册的小微企业，成立满1年",
    "materials": "无需提交材料（免予申报）",
    "procedure": "系统比对后直接兑现",
    "completion_time_limit": "每季度末兑现",
    "consultation_channel": "0731-12345",
    "redemption_form": "贴息资金直接拨付企业账户",
    "supervision_channel": "12345政务服务便民热线",
    "mode": "NO_APPLICATION",
    "valid_from": "2025-01-01",
    "valid_to": "2025-12-31",
    "criteria": [
        {"attribute": "size", "op": "in", "value": ["MICRO", "SMALL"]},
        {"attribute": "years_established", "op": "gte", "value": 1},
    ],
}


@pytest.fixture
def client(app_client, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2025, 6, 2, 9, tzinfo=clock.SHANGHAI))
    return app_client(create_app, BusinessEnvSettings)


def enterprise(client, token, n, division="430104", size="SMALL", established="2020-01-01"):
    body = {
        "credit_code": f"91430104MA4P{n:05d}B",
        "name": f"企业{n}",
        "division_code": division,
        "credit_class": "NORMAL",
        "risk_level": "LOW",
        "industry": "C",
        "size": size,
        "established_on": established,
        "employees": 30,
        "private": n % 2 == 0,
    }
    r = client.post("/v1/enterprises", json=body, headers=token(WRITE))
    assert r.status_code == 201, r.text
    return r.json()


def count(client, table) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


def test_policy_missing_an_element_is_refused_naming_it_and_nothing_is_written(client, token):
    body = {**POLICY, "supervision_channel": "", "redemption_form": " "}
    r = client.post("/v1/policies", json=body, headers=token(WRITE))
    assert r.status_code == 422 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["detail"] == "policy-incomplete, missing: redemption_form, supervision_channel"
    assert r.json()["basis"][0]["article"] == "Art. 14 / 第十四条"
    assert count(client, Policy) == 0


def test_a_criterion_on_ownership_is_refused_art7(client, token):
    body = {**POLICY, "criteria": [{"attribute": "private", "op": "eq", "value": False}]}
    r = client.post("/v1/policies", json=body, headers=token(WRITE))
    assert r.status_code == 422 and r.json()["basis"][0]["article"] == "Art. 7 / 第七条"
    assert count(client, Policy) == 0


def test_no_application_policy_is_granted_to_the_eligible_with_explanations(client, token, memory_bus):
    small = enterprise(client, token, 1)
    medium = enterprise(client, token, 2, size="MEDIUM")
    young = enterprise(client, token, 3, established="2025-01-10")
    elsewhere = enterprise(client, token, 4, division="430202")  # 株洲: outside the policy's division
    r = client.post("/v1/policies", json=POLICY, headers=token(WRITE))
    assert r.status_code == 201, r.text
    policy = r.json()
    assert (policy["granted"], policy["pushed"]) == (1, 0)
    events = EventDriver(client, memory_bus)
    [published] = events.emitted(PolicyPublished.TYPE)
    assert published["granted"] == 1
    [granted] = events.emitted(BenefitGranted.TYPE)
    assert granted["enterprise_credit_code"] == small["credit_code"]

    page = client.get(f"/v1/policies/{policy['id']}/entitlements", headers=token(READ)).json()
    [entitled] = page["items"]
    assert entitled["status"] == "GRANTED" and all(c["met"] for c in entitled["explanation"])

    def why(e):
        return client.get(f"/v1/policies/{policy['id']}/eligibility/{e['id']}", headers=token(READ)).json()

    assert why(small)["outcome"] == "GRANTED"
    no = why(medium)
    assert no["eligible"] is False and no["criteria"][0] == {
        "attribute": "size",
        "met": False,
        "explanation": "size is 'MEDIUM'; required in ['MICRO', 'SMALL']: not met",
    }
    assert [c["met"] for c in why(young)["criteria"]] == [True, False]
    assert why(elsewhere)["reason"] == "430202 lies outside 430100"


def test_an_application_policy_is_pushed_and_a_new_enterprise_is_matched_on_registration(client, token, memory_bus):
    r = client.post("/v1/policies", json={**POLICY, "mode": "APPLICATION"}, headers=token(WRITE))
    policy = r.json()
    assert (policy["granted"], policy["pushed"]) == (0, 0)  # nobody registered yet
    enterprise(client, token, 5)  # registered later: pushed at once
    enterprise(client, token, 6, size="LARGE")
    assert client.get(f"/v1/policies/{policy['id']}", headers=token(READ)).json()["pushed"] == 1
    assert count(client, Entitlement) == 1
    assert EventDriver(client, memory_bus).emitted(BenefitGranted.TYPE, timeout=0.2) == []


def test_an_expired_policy_grants_nothing(client, token):
    enterprise(client, token, 7)
    body = {**POLICY, "valid_from": "2024-01-01", "valid_to": "2024-12-31"}
    assert client.post("/v1/policies", json=body, headers=token(WRITE)).json()["granted"] == 0
    bad = {**POLICY, "valid_from": "2025-12-31", "valid_to": "2025-01-01"}
    assert client.post("/v1/policies", json=bad, headers=token(WRITE)).status_code == 422
