"""MONITOR rules over HTTP: a complaint names the practice it reports (a bank's disguised financing cost, a forced
association membership …); the ledger records its rule, article and routing, filters and counts by it."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import Complaint
from hunan_business_env.settings import BusinessEnvSettings

WRITE, READ = "business_env:write", "business_env:read"
BANK = {
    "source": "MARKET_ENTITY",
    "complainant": "株洲某机械有限公司",
    "respondent": "某商业银行株洲分行",
    "respondent_division_code": "430202",
    "allegation": "发放贷款时要求将部分贷款转为存款（以贷转存）",
    "received_on": "2024-09-27",
    "practice": "LOAN_TO_DEPOSIT",
}
ASSOCIATION = {
    **BANK,
    "respondent": "某市建筑业协会",
    "respondent_division_code": "430104",
    "allegation": "不入会就不予推荐参加评优，并强制收取会费",
    "practice": "FORCED_MEMBERSHIP",
}


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings)


def entry(client, token, complaint_id, **body):
    return client.post(f"/v1/complaints/{complaint_id}/entries", json={"note": "…", **body}, headers=token(WRITE))


def test_a_bank_complaint_is_recorded_under_r16_with_its_article_and_routing(client, token):
    r = client.post("/v1/complaints", json=BANK, headers=token(WRITE))
    assert r.status_code == 201, r.text
    body = r.json()
    conduct = body["conduct"]
    assert (conduct["practice"], conduct["rule"], conduct["respondent_type"]) == (
        "LOAN_TO_DEPOSIT",
        "R16",
        "FIN_INSTITUTION",
    )
    assert conduct["basis"][0]["article"] == "Art. 11 para 2 / 第十一条第二款"
    assert "金融监管" in conduct["routed_to"]
    assert "Art. 11 para 2 / 第十一条第二款" in {b["article"] for b in body["basis"]}
    assert "R16" in body["entries"][0]["note"]
    again = client.get(f"/v1/complaints/{body['id']}", headers=token(READ)).json()
    assert again["conduct"] == conduct


def test_a_complaint_without_a_practice_has_no_conduct(client, token):
    plain = {k: v for k, v in BANK.items() if k != "practice"}
    body = client.post("/v1/complaints", json=plain, headers=token(WRITE)).json()
    assert body["conduct"] is None


def test_counted_and_filtered_by_rule_and_practice(client, token):
    bank = client.post("/v1/complaints", json=BANK, headers=token(WRITE)).json()["id"]
    client.post("/v1/complaints", json=ASSOCIATION, headers=token(WRITE))
    client.post("/v1/complaints", json={**ASSOCIATION, "practice": "FORCED_PAID_ACTIVITY"}, headers=token(WRITE))
    client.post("/v1/complaints", json={k: v for k, v in BANK.items() if k != "practice"}, headers=token(WRITE))
    # The bank complaint runs to its close: counted, no longer open.
    entry(client, token, bank, kind="ACTION", method="SUMMONS_TALK")
    entry(client, token, bank, kind="RESOLVE", substantiated=True)
    entry(client, token, bank, kind="FEEDBACK")
    entry(client, token, bank, kind="EVALUATION", procedure_rating=5, result_rating=5)
    assert entry(client, token, bank, kind="CLOSE").json()["state"] == "CLOSED"

    counts = client.get("/v1/complaints/conduct-counts", headers=token(READ)).json()
    assert counts["total"] == 3
    assert [(c["rule"], c["practice"], c["complaints"], c["open"]) for c in counts["counts"]] == [
        ("R16", "LOAN_TO_DEPOSIT", 1, 0),
        ("R26", "FORCED_MEMBERSHIP", 1, 1),
        ("R26", "FORCED_PAID_ACTIVITY", 1, 1),
    ]
    assert counts["counts"][1]["article"] == "Art. 16 / 第十六条"
    local = client.get("/v1/complaints/conduct-counts?division=430200", headers=token(READ)).json()
    assert [(c["rule"], c["complaints"]) for c in local["counts"]] == [("R16", 1)]

    r26 = client.get("/v1/complaints?rule=R26", headers=token(READ)).json()
    assert {c["conduct"]["practice"] for c in r26["items"]} == {"FORCED_MEMBERSHIP", "FORCED_PAID_ACTIVITY"}
    one = client.get("/v1/complaints?practice=LOAN_TO_DEPOSIT", headers=token(READ)).json()
    assert [c["id"] for c in one["items"]] == [bank]


def test_unknown_practice_or_rule_is_422_and_writes_nothing(client, token):
    r = client.post("/v1/complaints", json={**BANK, "practice": "BRIBERY"}, headers=token(WRITE))
    assert r.status_code == 422
    with client.app.state.platform.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(Complaint)) == 0
    assert client.get("/v1/complaints?rule=R99", headers=token(READ)).status_code == 422
    assert client.get("/v1/complaints/conduct-counts").status_code in (401, 403)
