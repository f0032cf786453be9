"""Reviews before issue (Art. 44 paras 1–2, Art. 9) and fair-competition reports (Art. 44 para 3, W9) over HTTP."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import FairCompetitionReport, PolicyMeasure
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.events.catalogue import FairCompetitionFeedbackSent, FairCompetitionReportOverdue
from hunan_shared.testing import EventDriver, run_job

PROBLEM = "application/problem+json"
WRITE, READ = "business_env:write", "business_env:read"
MEASURE = {
    "title": "某县招商引资优惠办法",
    "drafting_agency": "某县人民政府办公室",
    "division_code": "430121",
    "kind": "NORMATIVE_DOCUMENT",
    "affects_rights_obligations": True,
    "economic_topics": ["INVESTMENT_ATTRACTION"],
}
REPORT = {
    "measure_title": "某县招商引资优惠办法",
    "recipient": "MARKET_SUPERVISION",
    "recipient_body": "长沙市市场监督管理局",
    "division_code": "430100",
    "reporter_credit_code": "91430104MA4L1234X5",
    "allegation": "办法第五条规定仅本地注册企业可享受奖励，排除外地企业",
    "written": True,
    "facts_provided": True,
    "received_on": "2024-09-20",
}


def count(client, table) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings, fair_competition_report_working_days=15)


def review(client, token, mid, kind, conclusion="PASSED"):
    body = {
        "kind": kind,
        "conclusion": conclusion,
        "reviewer": "县司法局",
        "note": "…",
        "reviewed_on": str(clock.now().date()),
    }
    return client.post(f"/v1/policy-measures/{mid}/reviews", json=body, headers=token(WRITE))


def issue(client, token, mid):
    return client.post(
        f"/v1/policy-measures/{mid}/issuance", json={"issued_on": str(clock.now().date())}, headers=token(WRITE)
    )


def test_issuance_is_refused_without_the_reviews_and_names_them(client, token):  # R87, R88
    created = client.post("/v1/policy-measures", json=MEASURE, headers=token(WRITE))
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["state"] == "DRAFT" and body["required_reviews"] == ["LEGALITY", "FAIR_COMPETITION"]
    assert {b["article"] for b in body["basis"]} == {
        "Art. 44 para 1 / 第四十四条第一款",
        "Art. 44 para 2 / 第四十四条第二款",
    }
    mid = body["id"]

    refused = issue(client, token, mid)
    assert refused.status_code == 409 and refused.headers["content-type"] == PROBLEM
    assert "LEGALITY" in refused.json()["detail"] and "FAIR_COMPETITION" in refused.json()["detail"]

    review(client, token, mid, "LEGALITY")
    review(client, token, mid, "FAIR_COMPETITION", "NOT_PASSED")  # restricts competition: revise
    still = issue(client, token, mid)
    assert still.status_code == 409 and "not passed" in still.json()["detail"]
    assert still.json()["basis"][0]["article"] == "Art. 44 para 2 / 第四十四条第二款"
    assert client.get(f"/v1/policy-measures/{mid}", headers=token(READ)).json()["state"] == "DRAFT"

    review(client, token, mid, "FAIR_COMPETITION")  # revised and reviewed again
    issued = issue(client, token, mid)
    assert issued.status_code == 200 and issued.json()["state"] == "ISSUED" and issued.json()["issued_on"]
    assert issue(client, token, mid).status_code == 409  # once
    assert review(client, token, mid, "LEGALITY").status_code == 422  # reviews come before issue


def test_case_by_case_measure_needs_a_fair_competition_review_and_a_local_negative_list_is_never_issued(client, token):
    case = {
        **MEASURE,
        "kind": "CASE_BY_CASE_MEASURE",
        "affects_rights_obligations": False,
        "economic_topics": ["INDUSTRIAL_DEVELOPMENT"],
    }
    body = client.post("/v1/policy-measures", json=case, headers=token(WRITE)).json()
    assert body["required_reviews"] == ["FAIR_COMPETITION"]
    plain = {**MEASURE, "affects_rights_obligations": False, "economic_topics": []}
    none = client.post("/v1/policy-measures", json=plain, headers=token(WRITE)).json()
    assert none["required_reviews"] == [] and issue(client, token, none["id"]).json()["state"] == "ISSUED"

    negative = {**MEASURE, "market_access_negative_list": True, "economic_topics": ["MARKET_ENTRY_EXIT"]}
    nid = client.post("/v1/policy-measures", json=negative, headers=token(WRITE)).json()["id"]
    review(client, token, nid, "LEGALITY")
    review(client, token, nid, "FAIR_COMPETITION")
    refused = issue(client, token, nid)
    assert refused.status_code == 422 and refused.json()["basis"][0]["article"] == "Art. 9 / 第九条"


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({**MEASURE, "kind": "DECREE"}, id="unknown-kind"),
        pytest.param({**MEASURE, "economic_topics": ["SPORTS"]}, id="unknown-topic"),
        pytest.param({**MEASURE, "division_code": "439999"}, id="unknown-division"),
    ],
)
def test_invalid_measure_is_422_and_writes_nothing(client, token, body):
    r = client.post("/v1/policy-measures", json=body, headers=token(WRITE))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert count(client, PolicyMeasure.__table__) == 0


def test_written_report_with_facts_is_handled_and_answered_and_marks_the_measure(client, token, memory_bus):  # B23
    mid = client.post("/v1/policy-measures", json=MEASURE, headers=token(WRITE)).json()["id"]
    r = client.post("/v1/fair-competition-reports", json={**REPORT, "measure_id": mid}, headers=token(WRITE))
    assert r.status_code == 201, r.text
    body = r.json()
    # Fri 20 Sep 2024 + 15 working days: Sun 29 Sep counts, 1–7 Oct do not, Sat 12 Oct does → Wed 16 Oct.
    assert body["mandatory"] is True and body["state"] == "ACCEPTED_MANDATORY"
    assert body["due"] == {"date": "2024-10-16", "provisional": False}
    assert body["basis"][0]["article"] == "Art. 44 para 3 / 第四十四条第三款"
    rid = body["id"]

    early = client.post(
        f"/v1/fair-competition-reports/{rid}/feedback", json={"feedback_on": "2024-10-01"}, headers=token(WRITE)
    )
    assert early.status_code == 409  # feedback follows the handling
    handled = client.post(
        f"/v1/fair-competition-reports/{rid}/handling",
        json={"result": "责令制定机关修改第五条", "substantiated": True, "handled_on": "2024-10-10"},
        headers=token(WRITE),
    ).json()
    assert handled["state"] == "HANDLED"
    assert client.get(f"/v1/policy-measures/{mid}", headers=token(READ)).json()["reported_by"] == [rid]
    answered = client.post(
        f"/v1/fair-competition-reports/{rid}/feedback", json={"feedback_on": "2024-10-11"}, headers=token(WRITE)
    )
    assert answered.json()["state"] == "FEEDBACK_SENT" and answered.json()["overdue"] is False
    [event] = EventDriver(client, memory_bus).emitted(FairCompetitionFeedbackSent.TYPE)
    assert event["on_time"] is True and event["substantiated"] is True and event["measure_id"] == mid


def test_informal_report_has_no_deadline_and_an_unanswered_mandatory_one_is_announced_once(client, token, memory_bus):
    informal = client.post(
        "/v1/fair-competition-reports", json={**REPORT, "written": False}, headers=token(WRITE)
    ).json()
    assert informal["mandatory"] is False and informal["due"] is None and informal["state"] == "ACCEPTED_INFORMAL"
    mandatory = client.post("/v1/fair-competition-reports", json=REPORT, headers=token(WRITE)).json()
    on_due = dt.datetime(2024, 10, 16, 20, 0, tzinfo=clock.SHANGHAI)
    assert run_job(client, "fair-competition-report-overdue", now=on_due).items == 0
    assert run_job(client, "fair-competition-report-overdue", now=on_due + dt.timedelta(days=1)).items == 1
    assert run_job(client, "fair-competition-report-overdue", now=on_due + dt.timedelta(days=5)).items == 0
    [event] = EventDriver(client, memory_bus).emitted(FairCompetitionReportOverdue.TYPE)
    assert (event["report_id"], event["due"]) == (mandatory["id"], "2024-10-16")


def test_report_on_an_unknown_measure_is_422_and_writes_nothing(client, token):
    r = client.post("/v1/fair-competition-reports", json={**REPORT, "measure_id": "nope"}, headers=token(WRITE))
    assert r.status_code == 422 and count(client, FairCompetitionReport.__table__) == 0
    assert client.post("/v1/fair-competition-reports", json=REPORT, headers=token(READ)).status_code == 403
