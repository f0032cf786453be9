"""Electronic efficiency supervision over HTTP (Art. 26 para 2, R49) on SQLite and PostgreSQL: applications measured
against their catalogue item's promised limit, real-time status, warnings and lapses announced once, evaluation."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import ServiceApplication
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.events.catalogue import ServiceApplicationDueSoon, ServiceApplicationOverdue
from hunan_shared.testing import EventDriver, run_job

WRITE, READ = "business_env:write", "business_env:read"
ITEM = {
    "code": "HN-XK-0001",
    "title": "食品经营许可",
    "level": "PROVINCE",
    "division": "430000",
    "department": "湖南省市场监督管理局",
    "conditions": ["有与经营的食品品种相适应的经营场所"],
    "steps": 3,
    "materials": ["食品经营许可申请书", "营业执照"],
    "time_limit_working_days": 3,
    "fee": "0",
    "handling": "LOCAL",
    "hall_included": True,
}
APPLICATION = {
    "item_code": "HN-XK-0001",
    "item_division": "430000",
    "handling_division_code": "430104",
    "applicant": "长沙某食品贸易有限公司",
    "accepted_on": "2024-09-02",
}


def at(monkeypatch, day: str) -> None:
    moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(9), clock.SHANGHAI)
    monkeypatch.setattr(clock, "now", lambda: moment)


@pytest.fixture
def client(app_client, token):
    client = app_client(create_app, BusinessEnvSettings, efficiency_warning_working_days=2)
    assert client.post("/v1/service-items", json=ITEM, headers=token(WRITE)).status_code == 201
    return client


def accept(client, token, **overrides):
    r = client.post("/v1/service-applications", json={**APPLICATION, **overrides}, headers=token(WRITE))
    assert r.status_code == 201, r.text
    return r.json()


def statuses(client, token, **query):
    r = client.get("/v1/service-applications", params=query, headers=token(READ))
    assert r.status_code == 200, r.text
    return {a["id"]: a["status"] for a in r.json()["items"]}


def test_status_follows_the_promised_limit_in_real_time(client, token, monkeypatch):
    at(monkeypatch, "2024-09-02")
    created = accept(client, token)  # Mon, 3 working days → due Thu 09-05
    assert created["due"] == {"date": "2024-09-05", "provisional": False} and created["status"] == "ON_TIME"
    assert created["department"] == "湖南省市场监督管理局" and created["time_limit_working_days"] == 3
    assert created["basis"][0]["article"] == "Art. 26 para 2 / 第二十六条第二款"
    path = f"/v1/service-applications/{created['id']}"
    for day, status in [("2024-09-03", "DUE_SOON"), ("2024-09-05", "DUE_SOON"), ("2024-09-06", "OVERDUE")]:
        at(monkeypatch, day)
        assert client.get(path, headers=token(READ)).json()["status"] == status, day
    assert statuses(client, token, status="OVERDUE") == {created["id"]: "OVERDUE"}
    assert statuses(client, token, status="DUE_SOON") == {}
    decided = client.post(f"{path}/decision", json={"decided_on": "2024-09-06"}, headers=token(WRITE))
    assert decided.status_code == 200 and decided.json()["status"] == "DONE_LATE"
    again = client.post(f"{path}/decision", json={"decided_on": "2024-09-06"}, headers=token(WRITE))
    assert again.status_code == 409


def test_filters_and_the_efficiency_evaluation(client, token, monkeypatch):
    at(monkeypatch, "2024-09-02")
    on_time, late, waiting = (accept(client, token) for _ in range(3))
    other = accept(client, token, handling_division_code="430300", applicant="湘潭某餐饮有限公司")
    at(monkeypatch, "2024-09-10")
    for application, day in [(on_time, "2024-09-05"), (late, "2024-09-09")]:
        r = client.post(
            f"/v1/service-applications/{application['id']}/decision", json={"decided_on": day}, headers=token(WRITE)
        )
        assert r.status_code == 200, r.text
    assert statuses(client, token, division="430100") == {
        on_time["id"]: "DONE_ON_TIME",
        late["id"]: "DONE_LATE",
        waiting["id"]: "OVERDUE",
    }
    assert set(statuses(client, token, status="OVERDUE")) == {waiting["id"], other["id"]}
    assert statuses(client, token, status="DONE_ON_TIME") == {on_time["id"]: "DONE_ON_TIME"}
    r = client.get("/v1/service-applications/efficiency", params={"division": "430100"}, headers=token(READ))
    evaluation = r.json()
    assert r.status_code == 200 and evaluation["decided"] == 2 and evaluation["on_time_rate"] == 0.5
    assert evaluation["counts"]["OVERDUE"] == 1 and evaluation["warning_working_days"] == 2
    assert evaluation["basis"][0]["article"] == "Art. 26 para 2 / 第二十六条第二款"


def test_bad_input_is_422_or_409_and_writes_nothing(client, token, monkeypatch):
    at(monkeypatch, "2024-09-02")
    for bad in (
        {**APPLICATION, "item_code": "HN-XK-9999"},  # not in the catalogue
        {**APPLICATION, "item_division": "430100"},  # no local variant for Changsha
        {**APPLICATION, "handling_division_code": "110000"},
        {**APPLICATION, "accepted_on": "2024-09-03"},  # in the future
        {**APPLICATION, "applicant": ""},
    ):
        r = client.post("/v1/service-applications", json=bad, headers=token(WRITE))
        assert r.status_code == 422, (bad, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
    assert client.post("/v1/service-applications", json=APPLICATION, headers=token(READ)).status_code == 403
    with client.app.state.platform.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(ServiceApplication)) == 0
    created = accept(client, token)
    path = f"/v1/service-applications/{created['id']}/decision"
    for day in ("2024-09-01", "2024-09-03"):  # before acceptance, in the future
        assert client.post(path, json={"decided_on": day}, headers=token(WRITE)).status_code == 422
    assert client.get(f"/v1/service-applications/{created['id']}", headers=token(READ)).json()["state"] == "ACCEPTED"


def test_the_warning_and_the_lapse_are_each_announced_once(client, token, monkeypatch, memory_bus):
    at(monkeypatch, "2024-09-02")
    watched = accept(client, token)  # due 09-05
    decided = accept(client, token)
    client.post(
        f"/v1/service-applications/{decided['id']}/decision", json={"decided_on": "2024-09-02"}, headers=token(WRITE)
    )

    def run(day: str, hour: int = 9) -> int:
        moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), clock.SHANGHAI)
        return run_job(client, "service-application-efficiency", now=moment).items

    assert run("2024-09-02") == 0  # three working days left
    assert run("2024-09-03") == 1  # enters the two-day window
    assert run("2024-09-04") == 0 and run("2024-09-05", 23) == 0  # warned once; the due day is not late
    assert run("2024-09-06") == 1 and run("2024-09-09") == 0  # the lapse, once
    driver = EventDriver(client, memory_bus)
    [warning] = driver.emitted(ServiceApplicationDueSoon.TYPE)
    [lapse] = driver.emitted(ServiceApplicationOverdue.TYPE)
    assert warning["application_id"] == lapse["application_id"] == watched["id"]
    assert (lapse["due"], lapse["division_code"], lapse["item_code"]) == ("2024-09-05", "430104", "HN-XK-0001")
    assert "applicant" not in lapse
