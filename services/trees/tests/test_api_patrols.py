"""Regular patrols and professional maintenance over HTTP (Art. 20, R18): record, list, trees due by their level's
interval (a setting), and the `patrol-due` job announcing each overdue tree once per due date."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hunan_shared import clock
from hunan_shared.testing import EventDriver, run_job
from hunan_trees.app import create_app
from hunan_trees.models import TreePatrol
from hunan_trees.settings import TreesSettings

WRITE, READ = "trees:write", "trees:read"
ART20 = "Art. 20 / 第二十条"
DUE = "hunan.trees.patrol.due"


@pytest.fixture
def client(app_client):
    return app_client(create_app, TreesSettings, patrol_interval_days={"LEVEL_1": 30, "LEVEL_2": 60, "LEVEL_3": 90})


def register(client, token, no: str, age: int, division: str = "430104") -> dict:
    body = {
        "tree_no": no,
        "species": "樟树",
        "age_years": age,
        "division_code": division,
        "location": {"latitude": 28.2, "longitude": 112.9},
        "crown_radius_m": 5,
    }
    r = client.post("/v1/trees", json=body, headers=token(WRITE))
    assert r.status_code == 201, r.text
    return r.json()


def patrol(client, token, tree_id: str, on: str, **overrides):
    body = {
        "kind": "PATROL",
        "provider": "TECHNICAL_STAFF",
        "performed_by": "岳麓区林业站技术组",
        "organising_division": "430104",
        "performed_on": on,
        "findings": "树势正常，无病虫害",
        **overrides,
    }
    return client.post(f"/v1/trees/{tree_id}/patrols", json=body, headers=token(WRITE))


def due(client, token, on: dt.date, division: str | None = None) -> dict[str, dict]:
    params = {"on": on.isoformat(), **({"division": division} if division else {})}
    r = client.get("/v1/patrols/due", params=params, headers=token(READ))
    assert r.status_code == 200, r.text
    return {item["tree_id"]: item for item in r.json()["items"]}


def registered_on(tree: dict) -> dt.date:
    return dt.datetime.fromisoformat(tree["created_at"]).astimezone(clock.SHANGHAI).date()


def test_record_and_list_patrols_and_maintenance_in_the_archive(client, token):
    tree = register(client, token, "P1", 320)
    today = clock.now().astimezone(clock.SHANGHAI).date()
    r = patrol(client, token, tree["id"], today.isoformat())
    assert r.status_code == 201, r.text
    assert (r.json()["kind"], r.json()["provider"]) == ("PATROL", "TECHNICAL_STAFF")
    assert [b["article"] for b in r.json()["basis"]] == [ART20]
    care = patrol(
        client,
        token,
        tree["id"],
        today.isoformat(),
        kind="MAINTENANCE",
        provider="PURCHASED_SERVICE",
        performed_by="湖南某园林养护有限公司",
        contract_ref="岳林购〔2025〕8号",
        findings="修剪枯枝，施有机肥",
    )
    assert care.status_code == 201, care.text
    listed = client.get(f"/v1/trees/{tree['id']}/patrols", headers=token(READ)).json()
    assert [p["kind"] for p in listed] == ["PATROL", "MAINTENANCE"]
    actions = [v["action"] for v in client.get(f"/v1/trees/{tree['id']}/history", headers=token(READ)).json()["items"]]
    assert actions == ["tree.register", "patrol.record", "maintenance.record"]


@pytest.mark.parametrize(
    ("overrides", "status"),
    [
        pytest.param({"provider": "PURCHASED_SERVICE"}, 422, id="purchase-without-contract"),
        pytest.param({"organising_division": "430200"}, 422, id="department-outside-the-tree-area"),
        pytest.param({"performed_on": "2999-01-01"}, 422, id="future-date"),
        pytest.param({"provider": "VOLUNTEERS"}, 422, id="unknown-provider"),
    ],
)
def test_bad_patrols_are_refused_and_write_nothing(client, token, overrides, status):
    tree = register(client, token, "P2", 320)
    r = patrol(client, token, tree["id"], "2025-01-01", **overrides)
    assert r.status_code == status, r.text
    with client.app.state.platform.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(TreePatrol.__table__)) == 0


def test_patrol_of_an_unknown_tree_is_404(client, token):
    assert patrol(client, token, "nope", "2025-01-01").status_code == 404


def test_due_list_by_level_interval_exactly_at_the_boundary(client, token):
    grade2 = register(client, token, "P3", 320)  # LEVEL_2 outside the urban planning area: 60 days
    grade3 = register(client, token, "P4", 150, division="430602")  # LEVEL_3: 90 days
    assert (grade2["protection_level"], grade3["protection_level"]) == ("LEVEL_2", "LEVEL_3")
    start = registered_on(grade2)
    # nothing recorded: counted from registration; exactly at 60 days in time, the day after overdue
    assert grade2["id"] not in due(client, token, start + dt.timedelta(days=60))
    item = due(client, token, start + dt.timedelta(days=61))[grade2["id"]]
    assert (item["last_patrol_on"], item["due_on"], item["interval_days"]) == (
        None,
        (start + dt.timedelta(days=60)).isoformat(),
        60,
    )
    assert item["days_overdue"] == 1 and [b["article"] for b in item["basis"]] == [ART20]
    assert grade3["id"] not in due(client, token, start + dt.timedelta(days=61))
    assert grade3["id"] in due(client, token, registered_on(grade3) + dt.timedelta(days=91))
    # division filter
    assert set(due(client, token, start + dt.timedelta(days=200), division="430100")) == {grade2["id"]}

    # a patrol restarts the interval; maintenance alone does not
    last = start - dt.timedelta(days=10)  # recorded late: a patrol ten days before registration here
    assert patrol(client, token, grade2["id"], last.isoformat()).status_code == 201
    assert grade2["id"] not in due(client, token, last + dt.timedelta(days=60))
    assert due(client, token, last + dt.timedelta(days=61))[grade2["id"]]["last_patrol_on"] == last.isoformat()
    care = patrol(client, token, grade2["id"], start.isoformat(), kind="MAINTENANCE")
    assert care.status_code == 201
    assert grade2["id"] in due(client, token, last + dt.timedelta(days=61))


def test_patrol_due_job_announces_each_overdue_tree_once_per_due_date(client, token, memory_bus):
    tree = register(client, token, "P5", 600)  # LEVEL_1: 30 days
    assert tree["protection_level"] == "LEVEL_1"
    start = dt.datetime.fromisoformat(tree["created_at"])
    assert run_job(client, "patrol-due", now=start + dt.timedelta(days=30)).items == 0  # exactly at the interval
    assert run_job(client, "patrol-due", now=start + dt.timedelta(days=32)).items == 1
    assert run_job(client, "patrol-due", now=start + dt.timedelta(days=33)).items == 0  # once per due date
    [event] = EventDriver(client, memory_bus).emitted(DUE, 1)
    assert (event["tree_id"], event["protection_level"], event["interval_days"]) == (tree["id"], "LEVEL_1", 30)
    assert event["article"] == ART20 and event["last_patrol_on"] is None
    assert event["due_on"] == (registered_on(tree) + dt.timedelta(days=30)).isoformat()
