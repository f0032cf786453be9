"""R10 feedback channel (Art. 9): a barrier report is recorded with its response limit and gets one recorded
response; bad input writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import BarrierReport
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.events.catalogue import BarrierReportOverdue
from hunan_shared.testing import EventDriver, run_job

WRITE, READ = "business_env:write", "business_env:read"
REPORT = {
    "reporter_credit_code": "91430104MA4L1234X5",
    "division_code": "430100",
    "recipient_body": "长沙市发展和改革委员会",
    "kind": "HIDDEN",
    "barrier": "外地企业办理燃气经营许可须先在本市设立分支机构",
    "received_on": "2024-09-27",
}


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings, barrier_response_working_days=5)


def test_report_gets_a_due_date_and_one_recorded_response(client, token):
    r = client.post("/v1/barrier-reports", json=REPORT, headers=token(WRITE))
    assert r.status_code == 201, r.text
    report = r.json()
    # 2024-09-27 (Fri) + 5 working days over the National Day holiday and its make-up days.
    assert report["state"] == "RECEIVED" and report["due"]["date"] > "2024-10-04"
    assert report["overdue"] is True  # the limit passed long ago without a response
    assert report["basis"][0]["article"] == "Art. 9 / 第九条"

    early = {"response": "已核查", "barrier_removed": False, "responded_on": "2024-09-20"}
    assert (
        client.post(f"/v1/barrier-reports/{report['id']}/response", json=early, headers=token(WRITE)).status_code == 422
    )

    answer = {"response": "已清理该前置条件", "barrier_removed": True, "responded_on": "2024-10-10"}
    done = client.post(f"/v1/barrier-reports/{report['id']}/response", json=answer, headers=token(WRITE))
    assert done.status_code == 200, done.text
    assert (done.json()["state"], done.json()["barrier_removed"], done.json()["overdue"]) == ("RESPONDED", True, False)
    again = client.post(f"/v1/barrier-reports/{report['id']}/response", json=answer, headers=token(WRITE))
    assert again.status_code == 409

    listed = client.get("/v1/barrier-reports?division=430000&state=RESPONDED", headers=token(READ)).json()
    assert [i["id"] for i in listed["items"]] == [report["id"]]
    assert client.get("/v1/barrier-reports?state=RECEIVED", headers=token(READ)).json()["items"] == []


def test_bad_report_is_422_and_writes_nothing(client, token):
    for bad in ({**REPORT, "kind": "VISIBLE"}, {**REPORT, "division_code": "110000"}, {**REPORT, "barrier": ""}):
        assert client.post("/v1/barrier-reports", json=bad, headers=token(WRITE)).status_code == 422
    assert client.post("/v1/barrier-reports", json=REPORT, headers=token(READ)).status_code == 403
    with client.app.state.platform.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(BarrierReport)) == 0


def test_an_unanswered_report_is_announced_once_after_its_due_day(client, token, memory_bus):  # Art. 9 clock
    report = client.post("/v1/barrier-reports", json=REPORT, headers=token(WRITE)).json()
    answered = client.post("/v1/barrier-reports", json={**REPORT, "barrier": "另一项壁垒"}, headers=token(WRITE)).json()
    answer = {"response": "已清理", "barrier_removed": True, "responded_on": "2024-10-08"}
    client.post(f"/v1/barrier-reports/{answered['id']}/response", json=answer, headers=token(WRITE))
    due = dt.date.fromisoformat(report["due"]["date"])
    end_of_due_day = dt.datetime.combine(due, dt.time(23, 59), tzinfo=clock.SHANGHAI)
    assert run_job(client, "barrier-report-overdue", now=end_of_due_day).items == 0
    assert run_job(client, "barrier-report-overdue", now=end_of_due_day + dt.timedelta(minutes=2)).items == 1
    assert run_job(client, "barrier-report-overdue", now=end_of_due_day + dt.timedelta(days=3)).items == 0
    [event] = EventDriver(client, memory_bus).emitted(BarrierReportOverdue.TYPE)
    assert (event["report_id"], event["due"], event["division_code"]) == (report["id"], due.isoformat(), "430100")
    assert "reporter_credit_code" not in event
