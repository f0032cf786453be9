"""Post-disaster inspections go overdue by themselves (flow 3, the Art. 19 period by analogy) and take results."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_shared.clock import SHANGHAI
from hunan_shared.events.catalogue import DisasterDeclared
from hunan_shared.testing import EventDriver, run_job
from hunan_trees.app import create_app
from hunan_trees.settings import TreesSettings

WRITE, READ = "trees:write", "trees:read"
DECLARED = dt.datetime(2024, 9, 27, 9, 0, tzinfo=SHANGHAI)  # Fri before National Day → due Thu 2024-10-10
OVERDUE = "hunan.trees.inspection.overdue"


@pytest.fixture
def client(app_client, token):
    client = app_client(create_app, TreesSettings)
    for no, lat in (("I1", 28.20), ("I2", 28.21)):
        body = {
            "tree_no": no,
            "species": "樟树",
            "age_years": 200,
            "division_code": "430104",
            "location": {"latitude": lat, "longitude": 112.90},
            "crown_radius_m": 5,
        }
        assert client.post("/v1/trees", json=body, headers=token(WRITE)).status_code == 201
    return client


def test_inspections_not_done_in_time_go_overdue_once_and_late_results_are_marked(client, token, memory_bus):
    events = EventDriver(client, memory_bus)
    events.deliver(
        DisasterDeclared(
            disaster_id="d-9",
            hazard="METEOROLOGICAL",
            response_level="III",
            division_codes=["430104"],
            title="暴雨",
            occurred_at=DECLARED,
            declared_at=DECLARED,
        )
    )
    items = client.get("/v1/inspections", params={"disaster_id": "d-9"}, headers=token(READ)).json()["items"]
    first, second = sorted(items, key=lambda i: i["tree_id"])
    done = client.post(
        f"/v1/inspections/d-9/{first['tree_id']}/result",
        json={"completed_on": "2024-10-10", "damage_found": False, "findings": "无明显损伤"},
        headers=token(WRITE),
    )
    assert done.status_code == 200, done.text
    assert done.json()["on_time"] is True and done.json()["basis"][0]["article"] == "Art. 19 / 第十九条"

    assert run_job(client, "inspection-overdue", now=dt.datetime(2024, 10, 10, 23, tzinfo=SHANGHAI)).items == 0
    assert run_job(client, "inspection-overdue", now=dt.datetime(2024, 10, 11, 9, tzinfo=SHANGHAI)).items == 1
    assert run_job(client, "inspection-overdue", now=dt.datetime(2024, 10, 12, 9, tzinfo=SHANGHAI)).items == 0
    [payload] = events.emitted(OVERDUE)
    assert payload["inspection_id"] == f"d-9:{second['tree_id']}" and payload["due_on"] == "2024-10-10"
    statuses = {
        i["tree_id"]: i["status"]
        for i in client.get("/v1/inspections", params={"disaster_id": "d-9"}, headers=token(READ)).json()["items"]
    }
    assert statuses == {first["tree_id"]: "DONE", second["tree_id"]: "OVERDUE"}

    late = client.post(
        f"/v1/inspections/d-9/{second['tree_id']}/result",
        json={"completed_on": "2024-10-14", "damage_found": True, "findings": "大枝折断"},
        headers=token(WRITE),
    )
    assert late.status_code == 200 and late.json()["on_time"] is False
    again = client.post(
        f"/v1/inspections/d-9/{second['tree_id']}/result",
        json={"completed_on": "2024-10-14", "damage_found": True, "findings": "x"},
        headers=token(WRITE),
    )
    assert again.status_code == 409
    early = client.post(
        "/v1/inspections/d-9/nope/result",
        json={"completed_on": "2024-10-14", "damage_found": True, "findings": "x"},
        headers=token(WRITE),
    )
    assert early.status_code == 404
