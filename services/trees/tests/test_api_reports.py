"""W2 and W4 over HTTP (Arts. 18–19, 29): reports with their working-day deadline, the overdue job and its event,
death appraisal and archive cancellation by the right level; on both databases."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_shared.clock import SHANGHAI
from hunan_shared.testing import EventDriver, run_job
from hunan_trees.app import create_app
from hunan_trees.settings import TreesSettings

WRITE, READ, CERTIFY = "trees:write", "trees:read", "trees:certify"
FRIDAY_BEFORE_NATIONAL_DAY = "2024-09-27T10:00:00+08:00"  # TC10: due Thu 2024-10-10 (Sun 29 Sep worked)
FRIDAY_BEFORE_SPRING_FESTIVAL = "2025-01-24T16:30:00+08:00"  # TC11: due Fri 2025-02-07
OVERDUE = "hunan.trees.report.overdue"


def tree_body(no: str, age: int, famous: bool = False) -> dict:
    body = {
        "tree_no": no,
        "species": "樟树",
        "age_years": age,
        "division_code": "430104",
        "location": {"latitude": 28.20, "longitude": 112.90},
        "crown_radius_m": 6,
    }
    if famous:
        body |= {"is_famous": True, "famous_basis": ["HISTORICAL"]}
    return body


@pytest.fixture
def client(app_client):
    return app_client(create_app, TreesSettings)


def register(client, token, no: str, age: int = 150, famous: bool = False) -> str:
    response = client.post("/v1/trees", json=tree_body(no, age, famous), headers=token(WRITE))
    assert response.status_code == 201, response.text
    return response.json()["id"]


def report(client, token, tree_id: str, **overrides):
    body = {
        "tree_id": tree_id,
        "kind": "ABNORMALITY",
        "abnormality_type": "NATURAL_DAMAGE",
        "description": "雷击致主干开裂",
        "reporter": "某村村民委员会",
        "received_at": FRIDAY_BEFORE_NATIONAL_DAY,
        **overrides,
    }
    return client.post("/v1/tree-reports", json=body, headers=token(WRITE))


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=SHANGHAI)


def test_report_before_a_holiday_gets_the_working_day_deadline_and_goes_overdue_by_itself(client, token, memory_bus):
    tree_id = register(client, token, "R1")
    response = report(client, token, tree_id)
    assert response.status_code == 201, response.text
    filed = response.json()
    # TC10: Fri 27 Sep + 5 working days: Sun 29 Sep (worked) and Mon 30 Sep count, 1–7 Oct do not → Thu 10 Oct.
    assert filed["due_on"] == "2024-10-10" and filed["due_provisional"] is False
    assert filed["state"] == "REPORTED" and filed["overdue"] is False
    assert [b["article"] for b in filed["basis"]] == ["Art. 19 / 第十九条"]

    events = EventDriver(client, memory_bus)
    # Late on the due day the report is still within its period.
    assert run_job(client, "report-overdue", now=at("2024-10-10", 23)).items == 0
    # The next day it is overdue: marked once, announced once.
    assert run_job(client, "report-overdue", now=at("2024-10-11")).items == 1
    assert run_job(client, "report-overdue", now=at("2024-10-12")).items == 0
    [payload] = events.emitted(OVERDUE)
    assert payload["report_id"] == filed["id"] and payload["kind"] == "ABNORMALITY"
    assert payload["due_on"] == "2024-10-10" and payload["division_code"] == "430104"
    listed = client.get("/v1/tree-reports", params={"overdue": True}, headers=token(READ)).json()["items"]
    assert [r["id"] for r in listed] == [filed["id"]]

    metrics = client.get("/metrics").text
    assert 'hunan_trees_indicator{indicator="reports_overdue_open",service="trees"} 1.0' in metrics
    assert 'hunan_job_items_handled_total{job_name="report-overdue",service="trees"} 1.0' in metrics

    # Handling after the deadline is recorded as late and clears the open-overdue gauge.
    handled = client.post(
        f"/v1/tree-reports/{filed['id']}/handling",
        json={"action": "组织专家现场调查", "on_site_investigation": True, "measures": ["RESCUE"]},
        headers=token(WRITE),
    )
    assert handled.status_code == 200, handled.text
    assert handled.json()["state"] == "HANDLING" and handled.json()["acted_on_time"] is False
    assert 'indicator="reports_overdue_open",service="trees"} 0.0' in client.get("/metrics").text
    closed = client.post(
        f"/v1/tree-reports/{filed['id']}/close", json={"outcome": "支撑加固，伤口处理"}, headers=token(WRITE)
    )
    assert closed.json()["state"] == "CLOSED"


def test_a_report_handled_in_time_never_goes_overdue(client, token, memory_bus):
    tree_id = register(client, token, "R2")
    filed = report(client, token, tree_id, received_at="2026-11-27T09:00:00+08:00").json()
    handled = client.post(
        f"/v1/tree-reports/{filed['id']}/handling", json={"action": "电话核实并安排巡查"}, headers=token(WRITE)
    ).json()
    assert handled["acted_on_time"] is (dt.datetime.now(SHANGHAI).date() <= dt.date.fromisoformat(filed["due_on"]))
    assert run_job(client, "report-overdue", now=at("2027-06-01")).items == 0
    assert EventDriver(client, memory_bus).emitted(OVERDUE, timeout=0.2) == []


@pytest.mark.parametrize(
    "overrides,detail",
    [
        ({"abnormality_type": None}, "five situations"),
        ({"kind": "SUSPECTED_DEATH"}, "without a situation type"),
        ({"received_at": "2999-01-01T00:00:00+08:00"}, "future"),
    ],
    ids=["Art18-type-missing", "Art29-death-with-type", "received-in-future"],
)
def test_bad_reports_are_refused_and_write_nothing(client, token, overrides, detail):
    tree_id = register(client, token, "R3")
    response = report(client, token, tree_id, **overrides)
    assert response.status_code == 422 and detail in response.text
    assert client.get("/v1/tree-reports", headers=token(READ)).json()["items"] == []


def test_unknown_tree_is_404(client, token):
    assert report(client, token, "no-such-tree").status_code == 404


def test_suspected_death_before_spring_festival_appraisal_overdue_then_death_and_archive_cancellation(
    client, token, memory_bus
):
    grade_1 = register(client, token, "D1", age=520)
    response = report(
        client,
        token,
        grade_1,
        kind="SUSPECTED_DEATH",
        abnormality_type=None,
        received_at=FRIDAY_BEFORE_SPRING_FESTIVAL,
        description="叶片全部枯黄，树皮脱落",
    )
    assert response.status_code == 201
    filed = response.json()
    # TC11: Fri 24 Jan 2025 + 5 working days (Sun 26 Jan worked; 28 Jan–4 Feb off) → Fri 7 Feb.
    assert filed["due_on"] == "2025-02-07" and [b["article"] for b in filed["basis"]] == ["Art. 29 / 第二十九条"]
    assert report(client, token, grade_1, kind="SUSPECTED_DEATH", abnormality_type=None).status_code == 409

    assert run_job(client, "report-overdue", now=at("2025-02-08")).items == 1
    [payload] = EventDriver(client, memory_bus).emitted(OVERDUE)
    assert payload["kind"] == "SUSPECTED_DEATH" and payload["due_on"] == "2025-02-07"

    # Handling is for abnormalities; a suspected death is answered by an appraisal (trees:certify).
    assert (
        client.post(f"/v1/tree-reports/{filed['id']}/handling", json={"action": "x"}, headers=token(WRITE)).status_code
        == 409
    )
    no_cause = {"experts": ["李教授"], "result": "DEAD"}
    assert (
        client.post(f"/v1/tree-reports/{filed['id']}/appraisal", json=no_cause, headers=token(CERTIFY)).status_code
        == 422
    )
    dead = client.post(
        f"/v1/tree-reports/{filed['id']}/appraisal",
        json={**no_cause, "cause": "根腐病", "responsibility": "无人为责任"},
        headers=token(CERTIFY),
    )
    assert dead.status_code == 200 and dead.json()["state"] == "CLOSED" and dead.json()["acted_on_time"] is False
    assert client.get(f"/v1/trees/{grade_1}", headers=token(READ)).json()["status"] == "CONFIRMED_DEAD"

    # TC24: a grade-1 tree's archive is cancelled by the provincial department, not the county's.
    refused = client.post(
        f"/v1/trees/{grade_1}/archive-cancellation",
        json={"department_level": "COUNTY", "decision_ref": "县林注〔2025〕1号"},
        headers=token(CERTIFY),
    )
    assert refused.status_code == 422 and "Art. 29 / 第二十九条" in refused.text
    done = client.post(
        f"/v1/trees/{grade_1}/archive-cancellation",
        json={"department_level": "PROVINCE", "decision_ref": "省林注〔2025〕1号"},
        headers=token(CERTIFY),
    )
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "ARCHIVE_CANCELLED"
    # No new reports on a cancelled tree.
    assert report(client, token, grade_1).status_code == 404


def test_grade_3_archive_cancelled_by_county_and_living_tree_cannot_be_cancelled(client, token):
    grade_3 = register(client, token, "D3", age=150)
    living = client.post(
        f"/v1/trees/{grade_3}/archive-cancellation",
        json={"department_level": "COUNTY", "decision_ref": "x"},
        headers=token(CERTIFY),
    )
    assert living.status_code == 409
    filed = report(client, token, grade_3, kind="SUSPECTED_DEATH", abnormality_type=None).json()
    alive = client.post(
        f"/v1/tree-reports/{filed['id']}/appraisal",
        json={"experts": ["王工"], "result": "ALIVE"},
        headers=token(CERTIFY),
    )
    assert alive.json()["state"] == "CLOSED"
    assert client.get(f"/v1/trees/{grade_3}", headers=token(READ)).json()["status"] == "REGISTERED"
    filed = report(client, token, grade_3, kind="SUSPECTED_DEATH", abnormality_type=None).json()
    client.post(
        f"/v1/tree-reports/{filed['id']}/appraisal",
        json={"experts": ["王工"], "result": "DEAD", "cause": "雷击"},
        headers=token(CERTIFY),
    )
    done = client.post(
        f"/v1/trees/{grade_3}/archive-cancellation",
        json={"department_level": "COUNTY", "decision_ref": "县林注〔2025〕2号"},
        headers=token(CERTIFY),
    )
    assert done.status_code == 200 and done.json()["department_level"] == "COUNTY"


def test_reports_need_scopes(client, token):
    assert client.get("/v1/tree-reports").status_code == 401
    assert client.post("/v1/tree-reports", json={}, headers=token(READ)).status_code == 403
