"""12345 enterprise-seat appeals over HTTP (Art. 35, W11): routed into the complaints ledger or dispatched."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import Complaint, HotlineAppeal
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.events.catalogue import HotlineAppealOverdue
from hunan_shared.testing import EventDriver, run_job

PROBLEM = "application/problem+json"
WRITE, READ = "business_env:write", "business_env:read"
APPEAL = {
    "ticket_no": "12345-430100-20240927-0001",
    "received_at": "2024-09-27T22:40:00+08:00",  # late evening: the seat is staffed round the clock
    "enterprise_credit_code": "91430104MA4L1234X5",
    "enterprise": "长沙某科技有限公司",
    "category": "COMPLAINT",
    "content": "区住建局办理施工许可时要求提供办事指南以外的材料",
    "respondent": "某区住房和城乡建设局",
    "respondent_division_code": "430104",
    "damages_business_environment": True,
}


def count(client, table) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


@pytest.fixture
def client(app_client):
    return app_client(
        create_app, BusinessEnvSettings, complaint_handling_working_days=5, hotline_handling_working_days=3
    )


def test_an_appeal_alleging_damage_opens_a_ledger_account_with_its_deadline(client, token):  # R74, R96
    r = client.post("/v1/hotline-appeals", json=APPEAL, headers=token(WRITE))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["enterprise_seat"] is True and body["route"] == "COMPLAINTS_LEDGER" and body["state"] == "IN_LEDGER"
    assert body["complaint_state"] == "ACCOUNT_OPENED"
    # Fri 27 Sep 2024 + 5 working days (the complaint SLA) → Thu 10 Oct.
    assert body["handling_due"] == {"date": "2024-10-10", "provisional": False}
    assert {b["article"] for b in body["basis"]} >= {"Art. 35 / 第三十五条", "Art. 50 / 第五十条"}
    complaint = client.get(f"/v1/complaints/{body['complaint_id']}", headers=token(READ)).json()
    assert complaint["source"] == "HOTLINE_12345" and complaint["allegation"].startswith(
        "[12345 12345-430100-20240927-0001]"
    )
    steps = client.post(
        f"/v1/hotline-appeals/{body['id']}/steps",
        json={"action": "HANDLE", "note": "已办", "on": "2024-10-08"},
        headers=token(WRITE),
    )
    assert steps.status_code == 409 and steps.json()["basis"][0]["article"] == "Art. 50 / 第五十条"
    # The appeal follows its complaint.
    client.post(
        f"/v1/complaints/{body['complaint_id']}/entries",
        json={"kind": "RESOLVE", "note": "已责令改正", "substantiated": True},
        headers=token(WRITE),
    )
    assert client.get(f"/v1/hotline-appeals/{body['id']}", headers=token(READ)).json()["complaint_state"] == "RESOLVED"


def test_the_hunan_working_day_decides_the_deadline(client, token):
    # 23:30 UTC on Sun 29 Sep is 07:30 Mon 30 Sep in Hunan.
    r = client.post(
        "/v1/hotline-appeals", json={**APPEAL, "received_at": "2024-09-29T23:30:00Z"}, headers=token(WRITE)
    ).json()
    complaint = client.get(f"/v1/complaints/{r['complaint_id']}", headers=token(READ)).json()
    assert complaint["received_on"] == "2024-09-30"


def test_a_dispatched_appeal_is_handled_rated_closed_and_announced_when_late(client, token, memory_bus):  # W11
    body = {
        **APPEAL,
        "damages_business_environment": False,
        "category": "REQUEST",
        "dispatched_to": "某区人力资源和社会保障局",
    }
    r = client.post("/v1/hotline-appeals", json=body, headers=token(WRITE)).json()
    # Fri 27 Sep + 3 working days: Sun 29, Mon 30 Sep, Tue 8 Oct.
    assert r["route"] == "DEPARTMENT" and r["state"] == "DISPATCHED" and r["handling_due"]["date"] == "2024-10-08"
    assert count(client, Complaint.__table__) == 0
    on_due = dt.datetime(2024, 10, 8, 20, 0, tzinfo=clock.SHANGHAI)
    assert run_job(client, "hotline-appeal-overdue", now=on_due).items == 0
    assert run_job(client, "hotline-appeal-overdue", now=on_due + dt.timedelta(days=1)).items == 1
    assert run_job(client, "hotline-appeal-overdue", now=on_due + dt.timedelta(days=2)).items == 0
    [event] = EventDriver(client, memory_bus).emitted(HotlineAppealOverdue.TYPE)
    assert (event["appeal_id"], event["dispatched_to"]) == (r["id"], "某区人力资源和社会保障局")

    def step(action, **extra):
        return client.post(
            f"/v1/hotline-appeals/{r['id']}/steps",
            json={"action": action, "note": "办理结果", "on": "2024-10-09", **extra},
            headers=token(WRITE),
        )

    assert step("CLOSE").status_code == 409  # handled first
    assert step("HANDLE").json()["state"] == "HANDLED"
    assert step("EVALUATE").status_code == 422  # the rating is required
    assert step("EVALUATE", rating=4).json()["rating"] == 4
    assert step("CLOSE").json()["state"] == "CLOSED"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({**APPEAL, "damages_business_environment": False}, id="dispatched-without-department"),
        pytest.param({**APPEAL, "received_at": "2024-09-27T22:40:00"}, id="naive-time"),
        pytest.param({**APPEAL, "received_at": "2021-12-31T10:00:00+08:00"}, id="before-in-force"),
        pytest.param({**APPEAL, "enterprise_credit_code": "X"}, id="bad-credit-code"),
        pytest.param({**APPEAL, "dispatched_to": "某局"}, id="ledger-case-with-department"),
    ],
)
def test_invalid_appeal_is_422_and_writes_nothing(client, token, body):
    r = client.post("/v1/hotline-appeals", json=body, headers=token(WRITE))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert count(client, HotlineAppeal.__table__) == 0 and count(client, Complaint.__table__) == 0


def test_a_work_order_is_taken_once(client, token):
    assert client.post("/v1/hotline-appeals", json=APPEAL, headers=token(WRITE)).status_code == 201
    assert client.post("/v1/hotline-appeals", json=APPEAL, headers=token(WRITE)).status_code == 409
    assert count(client, Complaint.__table__) == 1
