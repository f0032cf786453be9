"""Business-environment evaluations over HTTP (Art. 6, W3): province only, third party, approval before feedback."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import Evaluation
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.events.catalogue import EvaluationFedBack, EvaluationRectificationOverdue
from hunan_shared.testing import EventDriver, run_job

PROBLEM = "application/problem+json"
WRITE, READ = "business_env:write", "business_env:read"
EVALUATION = {
    "year": 2024,
    "organiser": "湖南省发展和改革委员会",
    "organiser_level": "PROVINCE",
    "indicator_set": "湖南省营商环境评价指标体系（2024年版）",
    "regions": ["430100", "430200"],
}
PROBLEMS = [
    {"region": "430100", "problem": "工程建设项目审批材料多", "suggestion": "推行告知承诺"},
    {"region": "430200", "problem": "涉企保证金清退慢", "suggestion": "建立清退台账"},
]


def count(client, table) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings, evaluation_rectification_working_days=20)


def step(client, token, eid, action, **extra):
    return client.post(
        f"/v1/evaluations/{eid}/steps", json={"action": action, "on": "2024-10-08", **extra}, headers=token(WRITE)
    )


@pytest.mark.parametrize("level", ["CITY", "COUNTY"])
def test_a_city_or_county_may_not_organise_an_evaluation(client, token, level):  # B1(a)
    r = client.post(
        "/v1/evaluations",
        json={**EVALUATION, "organiser_level": level, "organiser": "某市人民政府"},
        headers=token(WRITE),
    )
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert "evaluation-not-permitted" in r.json()["detail"] and r.json()["basis"][0]["article"] == "Art. 6 / 第六条"
    assert count(client, Evaluation.__table__) == 0


def test_evaluation_runs_in_order_and_feeds_back_only_after_approval(client, token, memory_bus):  # B1(b), R5, R6
    created = client.post("/v1/evaluations", json=EVALUATION, headers=token(WRITE))
    assert created.status_code == 201 and created.json()["state"] == "INDICATORS_ADOPTED"
    eid = created.json()["id"]
    gov = step(client, token, eid, "COMMISSION", evaluator="省政府办公厅", evaluator_kind="GOVERNMENT_BODY")
    assert gov.status_code == 422  # a third party evaluates
    assert (
        step(client, token, eid, "COMMISSION", evaluator="某评估咨询有限公司", evaluator_kind="THIRD_PARTY").json()[
            "state"
        ]
        == "COMMISSIONED"
    )
    assert step(client, token, eid, "START_FIELDWORK").json()["state"] == "IN_FIELDWORK"
    stranger = step(client, token, eid, "SUBMIT_REPORT", problems=[{**PROBLEMS[0], "region": "430300"}])
    assert stranger.status_code == 422
    assert step(client, token, eid, "SUBMIT_REPORT", problems=PROBLEMS).json()["state"] == "REPORT_SUBMITTED"

    early = step(client, token, eid, "FEED_BACK")
    assert early.status_code == 409 and "approv" in early.json()["detail"]
    assert early.json()["basis"][0]["article"] == "Art. 6 / 第六条"
    assert step(client, token, eid, "APPROVE").status_code == 422  # the consent is cited
    assert (
        step(client, token, eid, "APPROVE", approval_ref="省人民政府同意（湘政函〔2024〕88号）").json()["state"]
        == "PROVINCE_APPROVED"
    )
    fed = step(client, token, eid, "FEED_BACK").json()
    # Tue 8 Oct 2024 + 20 working days (Sat 12 Oct counts) → Mon 4 Nov.
    assert fed["state"] == "RECTIFYING" and fed["rectification_due"] == "2024-11-04"
    [event] = EventDriver(client, memory_bus).emitted(EvaluationFedBack.TYPE)
    assert event["division_codes"] == ["430100", "430200"] and event["problems"] == 2

    refused = step(client, token, eid, "CLOSE")
    assert refused.status_code == 409 and "2 problem" in refused.json()["detail"]
    for seq in (1, 2):
        r = client.post(
            f"/v1/evaluations/{eid}/problems/{seq}/rectification",
            json={"measure": "出台整改措施", "rectified_on": "2024-10-20"},
            headers=token(WRITE),
        )
        assert r.status_code == 200
    assert step(client, token, eid, "CLOSE").json()["state"] == "CLOSED"
    assert (
        client.get(f"/v1/evaluations/{eid}", headers=token(READ)).json()["problems"][0]["rectified_on"] == "2024-10-20"
    )


def test_unrectified_problems_are_announced_once_after_the_due_day(client, token, memory_bus):  # Art. 6 clock
    eid = client.post("/v1/evaluations", json=EVALUATION, headers=token(WRITE)).json()["id"]
    step(client, token, eid, "COMMISSION", evaluator="某评估咨询有限公司", evaluator_kind="THIRD_PARTY")
    step(client, token, eid, "START_FIELDWORK")
    step(client, token, eid, "SUBMIT_REPORT", problems=PROBLEMS)
    step(client, token, eid, "APPROVE", approval_ref="省人民政府同意（湘政函〔2024〕88号）")
    assert step(client, token, eid, "FEED_BACK").json()["rectification_due"] == "2024-11-04"
    fixed = {"measure": "出台整改措施", "rectified_on": "2024-10-20"}
    client.post(f"/v1/evaluations/{eid}/problems/1/rectification", json=fixed, headers=token(WRITE))

    end_of_due_day = dt.datetime(2024, 11, 4, 23, 59, tzinfo=clock.SHANGHAI)
    assert run_job(client, "evaluation-rectification-overdue", now=end_of_due_day).items == 0
    assert run_job(client, "evaluation-rectification-overdue", now=end_of_due_day + dt.timedelta(minutes=2)).items == 1
    assert run_job(client, "evaluation-rectification-overdue", now=end_of_due_day + dt.timedelta(days=5)).items == 0
    [event] = EventDriver(client, memory_bus).emitted(EvaluationRectificationOverdue.TYPE)
    assert (event["evaluation_id"], event["division_codes"], event["open_problems"]) == (eid, ["430200"], 1)
    assert event["rectification_due"] == "2024-11-04"


def test_an_evaluation_rectified_in_time_is_not_announced(client, token):
    eid = client.post("/v1/evaluations", json=EVALUATION, headers=token(WRITE)).json()["id"]
    step(client, token, eid, "COMMISSION", evaluator="某评估咨询有限公司", evaluator_kind="THIRD_PARTY")
    step(client, token, eid, "START_FIELDWORK")
    step(client, token, eid, "SUBMIT_REPORT", problems=PROBLEMS)
    step(client, token, eid, "APPROVE", approval_ref="省人民政府同意（湘政函〔2024〕88号）")
    step(client, token, eid, "FEED_BACK")
    for seq in (1, 2):
        fixed = {"measure": "出台整改措施", "rectified_on": "2024-10-20"}
        client.post(f"/v1/evaluations/{eid}/problems/{seq}/rectification", json=fixed, headers=token(WRITE))
    assert (
        run_job(client, "evaluation-rectification-overdue", now=dt.datetime(2024, 12, 1, tzinfo=clock.SHANGHAI)).items
        == 0
    )
