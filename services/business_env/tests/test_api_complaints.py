"""Complaints ledger over HTTP on SQLite and PostgreSQL: 建账 / 记账 / 销账, deadlines, validation, auth."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import Complaint, LedgerEntry
from hunan_business_env.settings import BusinessEnvSettings

PROBLEM = "application/problem+json"
WRITE, READ = "business_env:write", "business_env:read"
COMPLAINT = {
    "source": "MARKET_ENTITY",
    "complainant": "长沙某科技有限公司",
    "respondent": "某区住房和城乡建设局",
    "respondent_division_code": "430104",
    "allegation": "施工许可办理中要求提供办事指南以外的材料",
    "received_on": "2024-09-27",
}


def count(client, table) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings, complaint_handling_working_days=5)


def entry(client, token, complaint_id, **body):
    return client.post(f"/v1/complaints/{complaint_id}/entries", json={"note": "…", **body}, headers=token(WRITE))


def test_open_account_with_working_day_deadline(client, token):
    r = client.post("/v1/complaints", json=COMPLAINT, headers=token(WRITE))
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["state"] == "ACCOUNT_OPENED"
    # Fri 27 Sep 2024 + 5 working days: Sun 29 Sep counts, 1–7 Oct do not (Art. 50 SLA setting).
    assert body["handling_due"] == {"date": "2024-10-10", "provisional": False}
    assert body["overdue"] is True  # long past, no result recorded
    assert [e["kind"] for e in body["entries"]] == ["OPEN"]
    assert body["basis"][0]["article"] == "Art. 50 / 第五十条"
    assert client.get(f"/v1/complaints/{body['id']}", headers=token(READ)).json()["entries"] == body["entries"]


def test_full_ledger_to_closing(client, token):
    cid = client.post("/v1/complaints", json=COMPLAINT, headers=token(WRITE)).json()["id"]
    assert entry(client, token, cid, kind="ACTION", method="SUMMONS_TALK").json()["state"] == "IN_PROGRESS"
    resolved = entry(client, token, cid, kind="RESOLVE", substantiated=True, note="已责令改正").json()
    assert resolved["state"] == "RESOLVED" and resolved["result"] == "已责令改正" and resolved["feedback_due"]["date"]

    early = entry(client, token, cid, kind="CLOSE")  # B21: not before feedback
    assert early.status_code == 409 and early.headers["content-type"] == PROBLEM
    assert early.json()["basis"][0]["article"] == "Art. 50 / 第五十条"

    assert entry(client, token, cid, kind="FEEDBACK").json()["state"] == "FEEDBACK_SENT"
    evaluated = entry(client, token, cid, kind="EVALUATION", procedure_rating=5, result_rating=4).json()
    assert (evaluated["procedure_rating"], evaluated["result_rating"]) == (5, 4)
    closed = entry(client, token, cid, kind="CLOSE").json()
    assert closed["state"] == "CLOSED" and closed["closed_at"] and closed["overdue"] is False
    assert [e["seq"] for e in closed["entries"]] == [1, 2, 3, 4, 5, 6]
    assert entry(client, token, cid, kind="ACTION", method="OPEN_VISIT").status_code == 409


def test_misconduct_must_be_transferred_before_closing(client, token, memory_bus):  # B22, Art. 51
    from hunan_shared.events.catalogue import ComplaintClosed, LeadTransferred
    from hunan_shared.testing import EventDriver

    cid = client.post("/v1/complaints", json=COMPLAINT, headers=token(WRITE)).json()["id"]
    entry(client, token, cid, kind="ACTION", method="INQUIRY_EVIDENCE", misconduct_found=True)
    entry(client, token, cid, kind="RESOLVE", substantiated=True)
    entry(client, token, cid, kind="FEEDBACK")
    entry(client, token, cid, kind="EVALUATION", procedure_rating=2, result_rating=3)  # 3: not unsatisfied
    refused = entry(client, token, cid, kind="CLOSE")
    assert refused.status_code == 409 and refused.json()["basis"][0]["article"] == "Art. 51 / 第五十一条"
    assert entry(client, token, cid, kind="TRANSFER", note="移送").status_code == 422  # names the organ
    moved = entry(client, token, cid, kind="TRANSFER", note="移送线索", transferred_to="某区纪委监委").json()
    assert moved["transferred"] is True and moved["transferred_to"] == "某区纪委监委"
    assert entry(client, token, cid, kind="CLOSE").json()["state"] == "CLOSED"
    driver = EventDriver(client, memory_bus)
    [lead] = driver.emitted(LeadTransferred.TYPE)
    assert (lead["complaint_id"], lead["transferred_to"]) == (cid, "某区纪委监委")
    [closed] = driver.emitted(ComplaintClosed.TYPE)
    assert closed["transferred_to_discipline"] is True and closed["result_rating"] == 3


def test_transfer_needs_a_finding_of_misconduct(client, token):  # Art. 51: 经初步调查，涉及…违纪违法
    cid = client.post("/v1/complaints", json=COMPLAINT, headers=token(WRITE)).json()["id"]
    refused = entry(client, token, cid, kind="TRANSFER", transferred_to="某区纪委监委")
    assert refused.status_code == 409 and refused.json()["basis"][0]["article"] == "Art. 51 / 第五十一条"


def test_closing_waits_for_the_rating_or_the_end_of_its_window(client, token, monkeypatch):  # Art. 50 接受评价
    import datetime as dt

    from hunan_shared import clock

    cid = client.post("/v1/complaints", json=COMPLAINT, headers=token(WRITE)).json()["id"]
    entry(client, token, cid, kind="RESOLVE", substantiated=False, note="经核查不属实")
    fed = entry(client, token, cid, kind="FEEDBACK").json()
    window = fed["evaluation_window_ends"]
    assert window and window["date"] > str(clock.now().date())
    early = entry(client, token, cid, kind="CLOSE")
    assert early.status_code == 409 and "rat" in early.json()["detail"]
    later = dt.datetime.combine(
        dt.date.fromisoformat(window["date"]) + dt.timedelta(days=1), dt.time(9), clock.SHANGHAI
    )
    monkeypatch.setattr(clock, "now", lambda: later)
    closed = entry(client, token, cid, kind="CLOSE")
    assert closed.status_code == 200 and closed.json()["state"] == "CLOSED"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({**COMPLAINT, "respondent_division_code": "439999"}, id="unknown-division"),
        pytest.param({**COMPLAINT, "received_on": "2099-01-01"}, id="future-receipt"),
        pytest.param({**COMPLAINT, "received_on": "2021-12-31"}, id="Art53-before-in-force"),
        pytest.param({**COMPLAINT, "source": "RUMOUR"}, id="unknown-source"),
        pytest.param({k: v for k, v in COMPLAINT.items() if k != "respondent"}, id="missing-respondent"),
    ],
)
def test_invalid_complaint_is_422_and_writes_nothing(client, token, body):
    r = client.post("/v1/complaints", json=body, headers=token(WRITE))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM and r.json()["errors"]
    assert count(client, Complaint.__table__) == 0 and count(client, LedgerEntry.__table__) == 0


def test_invalid_entry_is_422_and_adds_nothing(client, token):
    cid = client.post("/v1/complaints", json=COMPLAINT, headers=token(WRITE)).json()["id"]
    assert entry(client, token, cid, kind="ACTION").status_code == 422  # no Art. 49 method
    assert entry(client, token, cid, kind="RESOLVE").status_code == 422  # substantiated missing
    assert entry(client, token, "nope", kind="FEEDBACK").status_code == 404
    assert count(client, LedgerEntry.__table__) == 1


def test_auth_and_division_filter(client, token):
    assert client.post("/v1/complaints", json=COMPLAINT).status_code == 401
    assert client.post("/v1/complaints", json=COMPLAINT, headers=token(READ)).status_code == 403
    assert count(client, Complaint.__table__) == 0
    client.post("/v1/complaints", json=COMPLAINT, headers=token(WRITE))
    client.post("/v1/complaints", json={**COMPLAINT, "respondent_division_code": "430602"}, headers=token(WRITE))
    in_changsha = client.get("/v1/complaints", params={"division": "430100"}, headers=token(READ)).json()["items"]
    assert [c["respondent_division_code"] for c in in_changsha] == ["430104"]
    opened = client.get("/v1/complaints", params={"state": "ACCOUNT_OPENED"}, headers=token(READ)).json()["items"]
    assert len(opened) == 2
    assert client.get("/v1/complaints", headers=token(WRITE)).status_code == 403


def test_health_and_openapi(client):
    assert client.get("/livez").status_code == 200 and client.get("/readyz").status_code == 200
    assert client.get("/metrics").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/complaints", "/v1/complaints/{complaint_id}/entries", "/v1/engineering-projects"} <= set(paths)


def test_a_complaint_past_its_deadline_is_announced_once_per_deadline(client, token, memory_bus):
    import datetime as dt

    from hunan_shared import clock
    from hunan_shared.events.catalogue import ComplaintOverdue
    from hunan_shared.testing import EventDriver, run_job

    cid = client.post("/v1/complaints", json=COMPLAINT, headers=token(WRITE)).json()["id"]
    # Fri 27 Sep 2024 + 5 working days → due Thu 10 Oct (1–7 Oct are holidays).
    on_due_day = dt.datetime(2024, 10, 10, 20, 0, tzinfo=clock.SHANGHAI)
    assert run_job(client, "complaint-overdue", now=on_due_day).items == 0
    day_after = dt.datetime(2024, 10, 11, 9, 0, tzinfo=clock.SHANGHAI)
    assert run_job(client, "complaint-overdue", now=day_after).items == 1
    assert run_job(client, "complaint-overdue", now=day_after + dt.timedelta(days=3)).items == 0  # once
    [event] = EventDriver(client, memory_bus).emitted(ComplaintOverdue.TYPE)
    assert (event["complaint_id"], event["deadline"], event["due"]) == (cid, "HANDLING", "2024-10-10")


def test_an_unsatisfied_result_reopens_the_account_once_with_a_new_limit_that_lapses_by_itself(
    app_client, token, memory_bus, monkeypatch
):  # Art. 50 接受评价 (W1 reopening; threshold and limit are settings)
    import datetime as dt

    from hunan_shared import clock
    from hunan_shared.events.catalogue import ComplaintOverdue
    from hunan_shared.testing import EventDriver, run_job

    client = app_client(
        create_app,
        BusinessEnvSettings,
        complaint_unsatisfied_max_rating=2,
        complaint_reopened_working_days=5,
        complaint_evaluation_working_days=3,
    )
    rated_on = dt.datetime(2024, 9, 2, 9, 0, tzinfo=clock.SHANGHAI)  # Mon
    monkeypatch.setattr(clock, "now", lambda: rated_on)

    def to_rating(result_rating: int) -> dict:
        cid = client.post("/v1/complaints", json={**COMPLAINT, "received_on": "2024-08-26"}, headers=token(WRITE))
        cid = cid.json()["id"]
        entry(client, token, cid, kind="RESOLVE", substantiated=True, note="已责令改正")
        entry(client, token, cid, kind="FEEDBACK")
        r = entry(client, token, cid, kind="EVALUATION", procedure_rating=4, result_rating=result_rating)
        assert r.status_code == 200, r.text
        return r.json()

    satisfied = to_rating(3)  # just above the threshold: stays EVALUATED
    assert satisfied["state"] == "EVALUATED"
    assert entry(client, token, satisfied["id"], kind="CLOSE").json()["state"] == "CLOSED"

    reopened = to_rating(2)  # the threshold itself: reopened
    cid = reopened["id"]
    assert reopened["state"] == "IN_PROGRESS" and reopened["result_rating"] == 2
    assert [e["kind"] for e in reopened["entries"]][-2:] == ["EVALUATION", "REOPEN"]
    assert (
        reopened["entries"][-2]["state_after"] == "EVALUATED"
        and reopened["entries"][-1]["state_after"] == "IN_PROGRESS"
    )
    # Mon 2 Sep + 5 working days → Mon 9 Sep; the first round's feedback and rating windows are cleared.
    assert reopened["handling_due"] == {"date": "2024-09-09", "provisional": False}
    assert reopened["feedback_due"] is None and reopened["evaluation_window_ends"] is None
    assert "complaint reopening" in {b["article"] for b in reopened["basis"]}
    assert entry(client, token, cid, kind="CLOSE").status_code == 409  # back in process accounting

    # The new limit lapses by itself: the overdue job announces it once, the day after.
    assert run_job(client, "complaint-overdue", now=dt.datetime(2024, 9, 9, 22, 0, tzinfo=clock.SHANGHAI)).items == 0
    assert run_job(client, "complaint-overdue", now=dt.datetime(2024, 9, 10, 9, 0, tzinfo=clock.SHANGHAI)).items == 1
    assert run_job(client, "complaint-overdue", now=dt.datetime(2024, 9, 12, 9, 0, tzinfo=clock.SHANGHAI)).items == 0
    lapses = [e for e in EventDriver(client, memory_bus).emitted(ComplaintOverdue.TYPE) if e["complaint_id"] == cid]
    assert [(e["deadline"], e["due"]) for e in lapses] == [("HANDLING", "2024-09-09")]

    # Second round: unsatisfied again → recorded, not reopened; the account may close after it.
    entry(client, token, cid, kind="RESOLVE", substantiated=True, note="复查维持原处理")
    entry(client, token, cid, kind="FEEDBACK")
    again = entry(client, token, cid, kind="EVALUATION", procedure_rating=1, result_rating=1).json()
    assert again["state"] == "EVALUATED" and [e["kind"] for e in again["entries"]].count("REOPEN") == 1
    assert entry(client, token, cid, kind="CLOSE").json()["state"] == "CLOSED"


def test_a_bad_rating_writes_nothing(client, token):
    cid = client.post("/v1/complaints", json=COMPLAINT, headers=token(WRITE)).json()["id"]
    entry(client, token, cid, kind="RESOLVE", substantiated=True)
    entry(client, token, cid, kind="FEEDBACK")
    before = count(client, LedgerEntry)
    for ratings in ({"procedure_rating": 3, "result_rating": 0}, {"procedure_rating": 3}):
        assert entry(client, token, cid, kind="EVALUATION", **ratings).status_code == 422
    assert count(client, LedgerEntry) == before
    assert client.get(f"/v1/complaints/{cid}", headers=token(READ)).json()["state"] == "FEEDBACK_SENT"
