"""Flow 3 (disaster → post-disaster inspections) and flow 5 (transplant approved → event), on both databases."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest
from sqlalchemy import func, select

from hunan_shared.clock import SHANGHAI
from hunan_shared.events.catalogue import DisasterDeclared, DisasterDivisionsExtended, TransplantApproved
from hunan_shared.testing import EventDriver
from hunan_trees.app import create_app
from hunan_trees.models import Inspection, TransplantApplication
from hunan_trees.settings import TreesSettings

WRITE, READ, CERTIFY = "trees:write", "trees:read", "trees:certify"
DECLARED = dt.datetime(2024, 9, 27, 9, 0, tzinfo=SHANGHAI)  # Fri; 5 working days across National Day → Thu 10 Oct


def tree(no: str, county: str, lat: float, lon: float, age: int = 320) -> dict:
    return {
        "tree_no": no,
        "species": "银杏",
        "age_years": age,
        "division_code": county,
        "location": {"latitude": lat, "longitude": lon},
        "crown_radius_m": 6,
    }


def declared(hazard: str, codes: list[str], disaster_id: str = "d-1") -> DisasterDeclared:
    return DisasterDeclared(
        disaster_id=disaster_id,
        hazard=hazard,
        response_level="II",
        division_codes=codes,
        title="test",
        occurred_at=DECLARED,
        declared_at=DECLARED,
    )


def count(client, table) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


@pytest.fixture
def client(app_client, token):
    client = app_client(create_app, TreesSettings)
    for body in (
        tree("A1", "430104", 28.20, 112.90),
        tree("A2", "430104", 28.21, 112.91),
        tree("B1", "430602", 29.37, 113.13),
        tree("C1", "431102", 26.42, 111.61),
    ):
        assert client.post("/v1/trees", json=body, headers=token(WRITE)).status_code == 201
    return client


def test_forest_fire_schedules_inspections_once_per_tree(client, token, memory_bus):
    # 430100 (Changsha city) covers 430104; 430602 is a county of Yueyang; Yongzhou's 431102 is not affected.
    events = EventDriver(client, memory_bus)
    events.deliver(declared("FOREST_FIRE", ["430100", "430602"]))
    items = client.get("/v1/inspections", params={"disaster_id": "d-1"}, headers=token(READ)).json()["items"]
    assert sorted(i["division_code"] for i in items) == ["430104", "430104", "430602"]
    assert {i["due_on"] for i in items} == {"2024-10-10"} and {i["status"] for i in items} == {"SCHEDULED"}
    assert not any(i["due_provisional"] for i in items)

    # Redelivery of the same messages (same event ids) changes nothing.
    events.redeliver()
    assert count(client, Inspection.__table__) == 3

    # Extending to Yongzhou adds only the new county's tree; the repeated 430602 is skipped by the SQL itself.
    extended = DisasterDivisionsExtended(
        disaster_id="d-1",
        hazard="FOREST_FIRE",
        response_level="II",
        division_codes=["430100", "430602", "431100"],
        added_division_codes=["431100", "430602"],
        extended_at=DECLARED,
    )
    events.deliver(extended)
    assert count(client, Inspection.__table__) == 4
    in_yongzhou = client.get("/v1/inspections", params={"division": "431100"}, headers=token(READ)).json()["items"]
    assert [i["division_code"] for i in in_yongzhou] == ["431102"]


def test_hazards_outside_the_list_schedule_nothing(client, memory_bus):
    EventDriver(client, memory_bus).deliver(declared("FLOOD_DROUGHT", ["430000"], "d-flood"))
    assert count(client, Inspection.__table__) == 0


def test_inspections_need_read_scope(client, token):
    assert client.get("/v1/inspections").status_code == 401
    assert client.get("/v1/inspections", headers=token(WRITE)).status_code == 403


def _application(tree_id: str, **overrides) -> dict:
    return {
        "tree_id": tree_id,
        "ground": "T3_KEY_PROJECT",
        "applicant": "湖南省高速公路集团有限公司",
        "facts": {"project_tier": "PROVINCIAL_KEY", "project_avoidable": False, "effectively_protectable": False},
        "plan_summary": "就近移植至项目红线外120米处绿地",
        "target": {"latitude": 28.201, "longitude": 112.901},
        "estimated_cost": "180000.00",
        "funding_secured": True,
        **overrides,
    }


APPROVAL = {
    "expert_review_ref": "专家论证 2024-07",
    "consultation_mode": "PUBLIC_NOTICE",
    "consultation_closed_on": "2024-08-01",
    "decision_ref": "长林审〔2024〕12号",
}


def _tree_id(client, token, no: str) -> str:
    items = client.get("/v1/trees", params={"division": "430104"}, headers=token(READ)).json()["items"]
    return next(t["id"] for t in items if t["tree_no"] == no)


def test_transplant_approval_names_bearer_and_emits_event(client, token, memory_bus):
    tree_id = _tree_id(client, token, "A1")
    r = client.post("/v1/transplants", json=_application(tree_id), headers=token(WRITE))
    assert r.status_code == 201, r.text
    app = r.json()
    assert app["state"] == "SUBMITTED" and app["cost_bearer"] is None

    assert client.post(f"/v1/transplants/{app['id']}/approve", json=APPROVAL, headers=token(WRITE)).status_code == 403
    approved = client.post(f"/v1/transplants/{app['id']}/approve", json=APPROVAL, headers=token(CERTIFY))
    assert approved.status_code == 200, approved.text
    body = approved.json()
    assert (body["state"], body["cost_bearer"], body["aftercare_years"]) == ("APPROVED", "APPLICANT_UNIT", 5)
    assert {b["article"] for b in body["basis"]} == {"Art. 27 / 第二十七条", "Art. 28 / 第二十八条"}

    deadline = time.monotonic() + 5
    while not memory_bus.on(TransplantApproved.TOPIC) and time.monotonic() < deadline:
        time.sleep(0.05)
    [message] = memory_bus.on(TransplantApproved.TOPIC)
    payload = json.loads(message.value)
    assert message.key.decode() == app["id"]
    assert payload["cost_bearer"] == "applicant:湖南省高速公路集团有限公司"
    assert payload["estimated_cost"] == {"amount": "180000.00", "currency": "CNY"}
    assert (payload["division_code"], payload["aftercare_years"]) == ("430104", 5)

    again = client.post(f"/v1/transplants/{app['id']}/approve", json=APPROVAL, headers=token(CERTIFY))
    assert again.status_code == 409
    assert client.get(f"/v1/transplants/{app['id']}", headers=token(READ)).json()["state"] == "APPROVED"


def test_government_bears_costs_for_a_life_hazard(client, token, memory_bus):
    tree_id = _tree_id(client, token, "A2")
    body = _application(
        tree_id, ground="T2_PUBLIC_LIFE_HAZARD", facts={"endangers_public_life": True, "hazard_removable": False}
    )
    app = client.post("/v1/transplants", json=body, headers=token(WRITE)).json()
    approved = client.post(f"/v1/transplants/{app['id']}/approve", json=APPROVAL, headers=token(CERTIFY)).json()
    assert approved["cost_bearer"] == "COUNTY_OR_ABOVE_GOVERNMENT"


@pytest.mark.parametrize(
    ("overrides", "article"),
    [
        pytest.param(
            {"ground": "T2_PUBLIC_LIFE_HAZARD", "facts": {"endangers_public_life": False, "hazard_removable": False}},
            "Art. 26 / 第二十六条",
            id="TC22-Art26-property-only-hazard",
        ),
        pytest.param(
            {"facts": {"project_tier": "OTHER", "project_avoidable": False, "effectively_protectable": False}},
            "Art. 26 / 第二十六条",
            id="Art26(3)-other-tier",
        ),
        pytest.param({"funding_secured": False}, "Art. 27 / 第二十七条", id="Art27-no-funding"),
    ],
)
def test_inadmissible_application_is_422_and_writes_nothing(client, token, overrides, article):
    r = client.post(
        "/v1/transplants", json=_application(_tree_id(client, token, "A1"), **overrides), headers=token(WRITE)
    )
    assert r.status_code == 422
    assert article in {b["article"] for b in r.json()["basis"]}
    assert count(client, TransplantApplication.__table__) == 0


def test_approval_without_public_consultation_is_refused(client, token, memory_bus):
    app = client.post("/v1/transplants", json=_application(_tree_id(client, token, "A1")), headers=token(WRITE)).json()
    r = client.post(
        f"/v1/transplants/{app['id']}/approve",
        json={"expert_review_ref": "E", "decision_ref": "D"},
        headers=token(CERTIFY),
    )
    assert r.status_code == 409 and r.json()["basis"][0]["article"] == "Art. 27 / 第二十七条"  # TC21
    assert client.get(f"/v1/transplants/{app['id']}", headers=token(READ)).json()["state"] == "SUBMITTED"
    time.sleep(0.2)
    assert memory_bus.on(TransplantApproved.TOPIC) == []


def test_unknown_tree_is_404(client, token):
    r = client.post("/v1/transplants", json=_application("no-such-tree"), headers=token(WRITE))
    assert r.status_code == 404
