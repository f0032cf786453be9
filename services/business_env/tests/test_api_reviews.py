"""The good/bad review 好差评 over HTTP (Art. 26, W10): investigated, rectified and answered before closing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import ServiceReview
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.events.catalogue import BadReviewReceived, ReviewOverdue
from hunan_shared.testing import EventDriver, run_job

WRITE, READ = "business_env:write", "business_env:read"
REVIEW = {
    "service_item": "建设工程施工许可证核发",
    "department": "某区住房和城乡建设局",
    "division_code": "430104",
    "channel": "WINDOW",
    "rating": 1,
    "comment": "窗口要求补充指南以外的材料，往返三次",
    "rated_on": "2024-09-27",
}


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings, review_handling_working_days=5)


def step(client, token, rid, action, **extra):
    body = {"action": action, "note": "处理情况说明", "on": "2024-10-09", **extra}
    return client.post(f"/v1/service-reviews/{rid}/steps", json=body, headers=token(WRITE))


def test_good_review_closes_at_once(client, token, memory_bus):
    r = client.post("/v1/service-reviews", json={**REVIEW, "rating": 4}, headers=token(WRITE)).json()
    assert (
        r["state"] == "CLOSED" and r["due"] is None and r["basis"][0]["article"] == "Art. 26 para 3 / 第二十六条第三款"
    )
    assert EventDriver(client, memory_bus).emitted(BadReviewReceived.TYPE, 0, timeout=0.5) == []


def test_bad_review_is_investigated_rectified_and_answered_before_closing(client, token, memory_bus):  # R50
    r = client.post("/v1/service-reviews", json=REVIEW, headers=token(WRITE))
    assert r.status_code == 201, r.text
    body = r.json()
    # Fri 27 Sep 2024 + 5 working days (Sun 29 Sep counts, 1–7 Oct do not) → Thu 10 Oct.
    assert body["state"] == "INVESTIGATING" and body["due"] == {"date": "2024-10-10", "provisional": False}
    [event] = EventDriver(client, memory_bus).emitted(BadReviewReceived.TYPE)
    assert event["review_id"] == body["id"] and event["rating"] == 1
    rid = body["id"]
    early = step(client, token, rid, "CLOSE")
    assert early.status_code == 409 and early.json()["basis"][0]["article"] == "Art. 26 para 3 / 第二十六条第三款"
    assert step(client, token, rid, "CONCLUDE_INVESTIGATION").status_code == 422  # substantiated or not?
    assert (
        step(client, token, rid, "CONCLUDE_INVESTIGATION", substantiated=True).json()["state"]
        == "RECTIFICATION_ORDERED"
    )
    assert step(client, token, rid, "FEEDBACK").status_code == 409  # rectification first
    assert step(client, token, rid, "CONFIRM_RECTIFICATION").json()["state"] == "RECTIFIED"
    assert step(client, token, rid, "FEEDBACK").json()["state"] == "FEEDBACK_SENT"
    closed = step(client, token, rid, "CLOSE").json()
    assert closed["state"] == "CLOSED" and closed["closed_on"] == "2024-10-09" and closed["overdue"] is False


def test_unsubstantiated_complaint_is_answered_with_the_finding(client, token):
    rid = client.post(
        "/v1/service-reviews", json={**REVIEW, "rating": 5, "complaint": True}, headers=token(WRITE)
    ).json()["id"]
    answered = step(
        client, token, rid, "CONCLUDE_INVESTIGATION", substantiated=False, note="经核查材料系法定要求"
    ).json()
    assert answered["state"] == "FEEDBACK_SENT" and answered["feedback"] == "经核查材料系法定要求"
    assert step(client, token, rid, "CLOSE").json()["state"] == "CLOSED"


def test_a_bad_review_past_its_deadline_is_announced_once(client, token, memory_bus):
    rid = client.post("/v1/service-reviews", json=REVIEW, headers=token(WRITE)).json()["id"]
    on_due = dt.datetime(2024, 10, 10, 21, 0, tzinfo=clock.SHANGHAI)
    assert run_job(client, "service-review-overdue", now=on_due).items == 0
    assert run_job(client, "service-review-overdue", now=on_due + dt.timedelta(days=1)).items == 1
    assert run_job(client, "service-review-overdue", now=on_due + dt.timedelta(days=2)).items == 0
    [event] = EventDriver(client, memory_bus).emitted(ReviewOverdue.TYPE)
    assert (event["review_id"], event["due"]) == (rid, "2024-10-10")


def test_invalid_review_is_422_and_writes_nothing(client, token):
    for bad in ({**REVIEW, "rating": 6}, {**REVIEW, "channel": "PIGEON"}, {**REVIEW, "rated_on": "2021-06-01"}):
        assert client.post("/v1/service-reviews", json=bad, headers=token(WRITE)).status_code == 422
    with client.app.state.platform.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ServiceReview.__table__)) == 0
