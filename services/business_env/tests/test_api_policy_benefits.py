"""Financing instruments (Art. 11) and labour and talent services (Art. 12) as policy benefits, over HTTP on SQLite
and PostgreSQL: classified, validated, and found by kind."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import Policy
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock

WRITE, READ = "business_env:write", "business_env:read"
POLICY = {
    "title": "知识产权质押融资风险补偿",
    "division_code": "430100",
    "implementing_department": "长沙市财政局",
    "policy_basis": "长财金〔2024〕8号",
    "policy_period": "2025年1月1日至2025年12月31日",
    "application_conditions": "在长沙注册的中小企业",
    "materials": "贷款合同、质押登记证明",
    "procedure": "银行报送、财政审核、拨付",
    "completion_time_limit": "受理后20个工作日",
    "consultation_channel": "0731-12345",
    "redemption_form": "补偿资金拨付合作银行",
    "supervision_channel": "12345政务服务便民热线",
    "mode": "APPLICATION",
    "valid_from": "2025-01-01",
    "valid_to": "2025-12-31",
}


@pytest.fixture
def client(app_client, monkeypatch):
    monkeypatch.setattr(clock, "now", lambda: dt.datetime(2025, 6, 2, 9, tzinfo=clock.SHANGHAI))
    return app_client(create_app, BusinessEnvSettings)


def count(client) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(Policy.__table__))


def publish(client, token, **changes):
    return client.post("/v1/policies", json={**POLICY, **changes}, headers=token(WRITE))


@pytest.mark.parametrize(
    ("changes", "article"),
    [
        ({"benefit": "SECURED_FINANCING"}, "Art. 11 / 第十一条"),  # names no collateral
        ({"benefit": "RISK_COMPENSATION", "collateral": ["VEHICLES"]}, "Art. 11 / 第十一条"),
        ({"benefit": "TALENT_HOUSING", "collateral": ["SHIPS"]}, "Art. 12 / 第十二条"),
    ],
)
def test_ill_formed_benefit_is_refused_citing_the_article_and_nothing_is_written(client, token, changes, article):
    r = publish(client, token, **changes)
    assert r.status_code == 422 and r.json()["basis"][0]["article"] == article
    assert count(client) == 0


def test_benefits_are_listed_by_kind(client, token):  # R14, R17
    secured = publish(client, token, benefit="SECURED_FINANCING", collateral=["INTELLECTUAL_PROPERTY", "SHIPS"])
    assert secured.status_code == 201, secured.text
    assert secured.json()["collateral"] == ["INTELLECTUAL_PROPERTY", "SHIPS"]
    assert publish(client, token, title="人才租房补贴", benefit="TALENT_HOUSING").status_code == 201
    assert publish(client, token, title="未分类政策").status_code == 201
    assert publish(client, token, benefit="PAWN_LOAN").status_code == 422
    found = client.get("/v1/policies", params={"benefit": "TALENT_HOUSING"}, headers=token(READ)).json()["items"]
    assert [p["title"] for p in found] == ["人才租房补贴"]
    found = client.get("/v1/policies", params={"benefit": "SECURED_FINANCING"}, headers=token(READ)).json()["items"]
    assert [p["benefit"] for p in found] == ["SECURED_FINANCING"]
    assert len(client.get("/v1/policies", headers=token(READ)).json()["items"]) == 3
