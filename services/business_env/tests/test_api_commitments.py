"""Government commitments and contracts over HTTP (Art. 19, W12): tracking, lawful changes only, no default."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import CommitmentPayment, GovCommitment
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.events.catalogue import ContractPaymentOverdue
from hunan_shared.testing import EventDriver, run_job

PROBLEM = "application/problem+json"
WRITE, READ = "business_env:write", "business_env:read"
CONTRACT = {
    "kind": "CONTRACT",
    "government_body": "某县住房和城乡建设局",
    "division_code": "430121",
    "counterpart_credit_code": "91430104MA4L1234X5",
    "counterpart": "湖南某建设工程有限公司",
    "subject": "县城老旧小区改造工程施工合同",
    "authority_basis": "《政府采购法》；县人民政府常务会议纪要〔2024〕12号",
    "signed_on": "2024-06-01",
    "payments": [
        {"category": "WORKS", "amount": "1200000.00", "due_on": "2025-03-31"},
        {"category": "WORKS", "amount": "300000.00", "due_on": "2024-12-31"},
    ],
}


def count(client, table) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings)


def post(client, token, path, body):
    return client.post(f"/v1/government-commitments{path}", json=body, headers=token(WRITE))


def test_register_and_track_payments(client, token):
    r = post(client, token, "", CONTRACT)
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["state"] == "PERFORMING"
    assert [(p["seq"], p["due_on"]) for p in body["payments"]] == [(1, "2024-12-31"), (2, "2025-03-31")]
    assert body["in_default"] is True  # both long past and unpaid (Art. 19(5))
    assert "Art. 19(5) / 第十九条第（五）项" in {b["article"] for b in body["basis"]}
    cid = body["id"]
    paid = post(client, token, f"/{cid}/payments/1/payment", {"paid_on": "2024-12-30"}).json()
    assert paid["payments"][0]["overdue"] is False and paid["payments"][0]["paid_late"] is False
    assert post(client, token, f"/{cid}/payments/1/payment", {"paid_on": "2024-12-30"}).status_code == 409
    assert post(client, token, f"/{cid}/payments/9/payment", {"paid_on": "2024-12-30"}).status_code == 404
    refused = post(client, token, f"/{cid}/fulfilment", {"fulfilled_on": "2025-04-02"})
    assert refused.status_code == 409 and "[2]" in refused.json()["detail"]
    late = post(client, token, f"/{cid}/payments/2/payment", {"paid_on": "2025-04-02"}).json()
    assert late["payments"][1]["paid_late"] is True and late["in_default"] is False
    assert post(client, token, f"/{cid}/fulfilment", {"fulfilled_on": "2025-04-02"}).json()["state"] == "FULFILLED"
    assert post(client, token, f"/{cid}/risks", {"description": "工期延误", "measure": "约谈施工方"}).status_code == 409


@pytest.mark.parametrize(
    "reason", ["GOVERNMENT_TERM_CHANGE", "RESPONSIBLE_PERSON_CHANGE", "DIVISION_ADJUSTMENT", "INSTITUTIONAL_ADJUSTMENT"]
)
def test_no_change_on_a_prohibited_ground(client, token, reason):  # B14, Art. 19(3)
    cid = post(client, token, "", CONTRACT).json()["id"]
    before = client.get(f"/v1/government-commitments/{cid}", headers=token(READ)).json()
    r = post(
        client,
        token,
        f"/{cid}/changes",
        {"reason": reason, "description": "政府换届后新班子要求终止合同", "decided_on": "2025-01-10"},
    )
    assert r.status_code == 409 and r.headers["content-type"] == PROBLEM
    assert r.json()["basis"][0]["article"] == "Art. 19(3) / 第十九条第（三）项"
    assert client.get(f"/v1/government-commitments/{cid}", headers=token(READ)).json() == before  # nothing written


def test_public_interest_change_needs_procedure_and_compensation(client, token):  # Art. 19(4)
    cid = post(client, token, "", CONTRACT).json()["id"]
    change = {"reason": "PUBLIC_INTEREST", "description": "规划调整需变更施工范围", "decided_on": "2025-01-10"}
    missing = post(client, token, f"/{cid}/changes", change)
    assert missing.status_code == 422 and "compensation_ref" in missing.json()["detail"]
    done = post(
        client,
        token,
        f"/{cid}/changes",
        {**change, "procedure_ref": "县政府常务会议决定〔2025〕3号", "compensation_ref": "补偿协议〔2025〕1号"},
    )
    assert done.status_code == 200 and done.json()["state"] == "CHANGED" and len(done.json()["changes"]) == 1
    assert done.json()["basis"][0]["article"] == "Art. 19(4) / 第十九条第（四）项"


def test_risk_is_flagged_and_resolved(client, token):  # Art. 19(2)
    cid = post(client, token, "", CONTRACT).json()["id"]
    flagged = post(
        client, token, f"/{cid}/risks", {"description": "财政资金未到位", "measure": "申请调度预备费"}
    ).json()
    assert flagged["state"] == "RISK_FLAGGED"
    assert post(client, token, f"/{cid}/fulfilment", {"fulfilled_on": "2025-04-02"}).status_code == 409
    resolved = post(
        client, token, f"/{cid}/risks", {"description": "资金到位", "measure": "恢复支付", "resolved": True}
    ).json()
    assert resolved["state"] == "PERFORMING" and len(resolved["risks"]) == 2


def test_unpaid_after_the_due_day_is_announced_once(client, token, memory_bus):  # B15
    cid = post(
        client,
        token,
        "",
        {**CONTRACT, "payments": [{"category": "SERVICES", "amount": "5000.00", "due_on": "2025-03-31"}]},
    ).json()["id"]
    due_day = dt.datetime(2025, 3, 31, 22, 0, tzinfo=clock.SHANGHAI)
    assert run_job(client, "contract-payment-overdue", now=due_day).items == 0
    assert (
        run_job(client, "contract-payment-overdue", now=dt.datetime(2025, 4, 1, 8, 0, tzinfo=clock.SHANGHAI)).items == 1
    )
    assert (
        run_job(client, "contract-payment-overdue", now=dt.datetime(2025, 4, 9, 8, 0, tzinfo=clock.SHANGHAI)).items == 0
    )
    [event] = EventDriver(client, memory_bus).emitted(ContractPaymentOverdue.TYPE)
    assert (event["commitment_id"], event["payment_seq"], event["due_on"]) == (cid, 1, "2025-03-31")
    assert event["amount"] == {"amount": "5000.00", "currency": "CNY"}


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({**CONTRACT, "authority_basis": ""}, id="no-authority"),
        pytest.param({**CONTRACT, "counterpart_credit_code": "123"}, id="bad-credit-code"),
        pytest.param(
            {**CONTRACT, "payments": [{"category": "WORKS", "amount": "10", "due_on": "2024-01-01"}]},
            id="due-before-signing",
        ),
        pytest.param(
            {**CONTRACT, "payments": [{"category": "WORKS", "amount": "-1", "due_on": "2025-01-01"}]},
            id="negative-amount",
        ),
    ],
)
def test_invalid_commitment_is_422_and_writes_nothing(client, token, body):
    r = post(client, token, "", body)
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert count(client, GovCommitment.__table__) == 0 and count(client, CommitmentPayment.__table__) == 0
