"""Custodians over HTTP on SQLite and PostgreSQL (Arts. 16–18, 21): the nine items of Art. 16, the construction
unit during construction (16(9), TC15), disputes decided by the county department (16 last para), agreements,
free training (Art. 17, TC16) and subsidies (Art. 21) with their events."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hunan_shared.testing import EventDriver
from hunan_trees.app import create_app
from hunan_trees.models import CustodianAgreement, CustodianAssignment, CustodianTraining, MaintenanceSubsidy
from hunan_trees.settings import TreesSettings

PROBLEM = "application/problem+json"
WRITE, READ, CERTIFY = "trees:write", "trees:read", "trees:certify"
ASSIGNED = "hunan.trees.custodian.assigned"
ART16, ART16_9, ART16_LAST = "Art. 16 / 第十六条", "Art. 16(9) / 第十六条第（九）项", "Art. 16 last para / 第十六条末款"

HOMESTEAD_TREE = {
    "tree_no": "430104-0101",
    "species": "枫香",
    "age_years": 180,
    "division_code": "430104",
    "location": {"latitude": 28.2288, "longitude": 112.9390},
    "land_use": "RURAL_HOMESTEAD",
    "crown_radius_m": 6,
}


def count(client, table) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


def articles(body: dict) -> set[str]:
    return {b["article"] for b in body["basis"]}


@pytest.fixture
def client(app_client):
    return app_client(create_app, TreesSettings)


@pytest.fixture
def tree(client, token):
    r = client.post("/v1/trees", json=HOMESTEAD_TREE, headers=token(WRITE))
    assert r.status_code == 201, r.text
    return r.json()


@pytest.mark.parametrize(
    ("facts", "category"),
    [
        pytest.param({"land_use": "ORG_PREMISES"}, "ORG_PREMISES", id="16(1)-unit-premises"),
        pytest.param({"land_use": "TRANSPORT_WATER_INFRA"}, "TRANSPORT_WATER_INFRA", id="16(2)-infrastructure"),
        pytest.param(
            {"land_use": "PROTECTED_AREA_RESORT_FOREST_FARM"}, "PROTECTED_AREA_RESORT_FOREST_FARM", id="16(3)-reserve"
        ),
        pytest.param({"land_use": "URBAN_PUBLIC_LAND"}, "URBAN_PUBLIC_LAND", id="16(4)-urban-public-land"),
        pytest.param(
            {"land_use": "RESIDENTIAL", "property_managed": True}, "RESIDENTIAL_MANAGED", id="16(5)-property-managed"
        ),
        pytest.param(
            {"land_use": "RESIDENTIAL", "property_managed": False, "in_subdistrict": True},
            "RESIDENTIAL_UNMANAGED_SUBDISTRICT",
            id="16(5)-TC14-subdistrict-office",
        ),
        pytest.param(
            {"land_use": "RESIDENTIAL", "property_managed": False, "in_subdistrict": False},
            "RESIDENTIAL_UNMANAGED_TOWNSHIP",
            id="16(5)-TC14-township-government",
        ),
        pytest.param({"land_use": "TOWNSHIP_PUBLIC_LAND"}, "TOWNSHIP_PUBLIC_LAND", id="16(6)-township-public-land"),
        pytest.param({"land_use": "RURAL_CONTRACTED"}, "RURAL_CONTRACTED", id="16(7)-contracted-land"),
        pytest.param({"land_use": "RURAL_HOMESTEAD"}, "RURAL_HOMESTEAD", id="16(7)-homestead"),
        pytest.param({"land_use": "RURAL_OTHER"}, "RURAL_OTHER", id="16(7)-other-rural"),
        pytest.param({"land_use": "RURAL_OTHER", "privately_owned": True}, "PRIVATE_OWNED", id="16(8)-private"),
        pytest.param(
            {
                "land_use": "RURAL_HOMESTEAD",
                "construction": {"construction_start": "2025-03-01", "construction_end": "2026-06-30"},
                "on": "2026-06-30",
            },
            "CONSTRUCTION_SITE",
            id="16(9)-last-day-of-construction",
        ),
        pytest.param(
            {
                "land_use": "RURAL_HOMESTEAD",
                "construction": {"construction_start": "2025-03-01", "construction_end": "2026-06-30"},
                "on": "2026-07-01",
            },
            "RURAL_HOMESTEAD",
            id="16(9)-after-completion-back-to-homestead",
        ),
        pytest.param({"land_use": None}, "UNDETERMINED", id="16-last-para-unclear"),
        pytest.param({"land_use": "ORG_PREMISES", "disputed": True}, "UNDETERMINED", id="16-last-para-disputed"),
    ],
)
def test_determination_covers_every_item_of_art16(client, token, facts, category):
    r = client.post("/v1/custodian-determinations", json=facts, headers=token(READ))
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["category"] == category
    assert body["county_decision_needed"] is (category == "UNDETERMINED")
    expected = ART16_LAST if category == "UNDETERMINED" else ART16
    assert expected in articles(body)
    if "construction" in facts:
        assert ART16_9 in articles(body)


def test_determination_refuses_a_period_ending_before_it_starts(client, token):
    body = {
        "land_use": "RURAL_HOMESTEAD",
        "construction": {"construction_start": "2025-03-01", "construction_end": "2025-02-01"},
    }
    r = client.post("/v1/custodian-determinations", json=body, headers=token(READ))
    assert r.status_code == 422 and ART16_9 in articles(r.json())


def test_tc15_homestead_then_construction_unit_then_homestead_again(client, token, tree, memory_bus):
    path = f"/v1/trees/{tree['id']}/custodian"
    unrecorded = client.get(path, headers=token(READ)).json()
    assert (unrecorded["state"], unrecorded["category"]) == ("NOT_RECORDED", "RURAL_HOMESTEAD")

    r = client.post(
        path,
        json={"land_use": "RURAL_HOMESTEAD", "party_name": "张某", "valid_from": "2024-01-01"},
        headers=token(WRITE),
    )
    assert r.status_code == 201, r.text
    assert (r.json()["category"], r.json()["determined_by"]) == ("RURAL_HOMESTEAD", "RULE")

    site = {"project_ref": "XM-2025-7", "construction_unit": "湖南建工集团", "construction_start": "2025-03-01"}
    built = client.post(f"{path}/construction", json=site, headers=token(WRITE))
    assert built.status_code == 201, built.text
    assert ART16_9 in articles(built.json())
    during = client.get(path, params={"on": "2025-05-01"}, headers=token(READ)).json()
    assert (during["category"], during["party_name"]) == ("CONSTRUCTION_SITE", "湖南建工集团")
    before = client.get(path, params={"on": "2025-02-28"}, headers=token(READ)).json()
    assert before["party_name"] == "张某"

    # a second project overlapping the first cannot also be custodian
    overlap = {**site, "project_ref": "XM-2025-8", "construction_start": "2025-06-01"}
    assert client.post(f"{path}/construction", json=overlap, headers=token(WRITE)).status_code == 409

    done = client.post(
        f"{path}/construction/{built.json()['id']}/complete", json={"completed_on": "2026-06-30"}, headers=token(WRITE)
    )
    assert done.status_code == 200, done.text
    assert client.get(path, params={"on": "2026-06-30"}, headers=token(READ)).json()["category"] == "CONSTRUCTION_SITE"
    after = client.get(path, params={"on": "2026-07-01"}, headers=token(READ)).json()
    assert (after["category"], after["party_name"]) == ("RURAL_HOMESTEAD", "张某")

    events = EventDriver(client, memory_bus).emitted(ASSIGNED, 3)
    assert [(e["category"], e["valid_from"], e["valid_until"]) for e in events] == [
        ("RURAL_HOMESTEAD", "2024-01-01", None),
        ("CONSTRUCTION_SITE", "2025-03-01", None),
        ("RURAL_HOMESTEAD", "2026-07-01", None),
    ]
    assert {e["article"] for e in events} == {ART16, ART16_9}
    assert all(e["division_code"] == "430104" for e in events)
    history = client.get(f"{path}/history", headers=token(READ)).json()
    assert [h["category"] for h in history] == ["RURAL_HOMESTEAD", "CONSTRUCTION_SITE"]


def test_unclear_custodian_is_not_recorded_but_decided_by_the_county(client, token, tree):
    path = f"/v1/trees/{tree['id']}/custodian"
    r = client.post(path, json={"land_use": None}, headers=token(WRITE))
    assert r.status_code == 422 and ART16_LAST in articles(r.json())
    assert count(client, CustodianAssignment.__table__) == 0
    decision = {
        "decided_by_division": "430104",
        "category": "RURAL_OTHER",
        "party_name": "某村民委员会",
        "decision_ref": "岳林〔2025〕3号",
    }
    # the register's facts give a homestead custodian: nothing unclear, no dispute, so no decision to take
    assert client.post(f"{path}/decision", json=decision, headers=token(CERTIFY)).status_code == 409


def test_dispute_goes_to_the_county_department_where_the_tree_stands(client, token, tree, memory_bus):
    path = f"/v1/trees/{tree['id']}/custodian"
    assert (
        client.post(path, json={"land_use": "RURAL_HOMESTEAD", "party_name": "张某"}, headers=token(WRITE)).status_code
        == 201
    )
    disputed = client.post(f"{path}/disputes", json={"reason": "宅基地已流转给李某"}, headers=token(WRITE))
    assert disputed.status_code == 200 and disputed.json()["state"] == "DISPUTED"
    assert ART16_LAST in articles(disputed.json())
    assert client.post(f"{path}/disputes", json={"reason": "again"}, headers=token(WRITE)).status_code == 409
    # while disputed: no re-determination by rule, no agreement, no subsidy
    assert client.post(path, json={"land_use": "RURAL_HOMESTEAD"}, headers=token(WRITE)).status_code == 409
    agreement = {
        "custodian_name": "张某",
        "signed_on": "2025-01-02",
        "valid_from": "2025-01-02",
        "duties": ["PATROL_TREE", "PATROL_HABITAT", "PATROL_FACILITIES", "REPORT_ABNORMALITY"],
    }
    assert client.post(f"{path}/agreements", json=agreement, headers=token(WRITE)).status_code == 409

    decision = {
        "decided_by_division": "430102",
        "category": "RURAL_HOMESTEAD",
        "party_name": "李某",
        "decision_ref": "岳林〔2025〕5号",
    }
    wrong = client.post(f"{path}/decision", json=decision, headers=token(CERTIFY))
    assert wrong.status_code == 422 and ART16_LAST in articles(wrong.json())
    city = client.post(f"{path}/decision", json={**decision, "decided_by_division": "430100"}, headers=token(CERTIFY))
    assert city.status_code == 422
    assert (
        client.post(
            f"{path}/decision", json={**decision, "decided_by_division": "430104"}, headers=token(WRITE)
        ).status_code
        == 403
    )
    ok = client.post(f"{path}/decision", json={**decision, "decided_by_division": "430104"}, headers=token(CERTIFY))
    assert ok.status_code == 201, ok.text
    assert (ok.json()["determined_by"], ok.json()["party_name"]) == ("COUNTY_DEPT_DECISION", "李某")
    current = client.get(path, headers=token(READ)).json()
    assert (current["state"], current["party_name"], current["decision_ref"]) == ("ACTIVE", "李某", "岳林〔2025〕5号")
    states = [h["state"] for h in client.get(f"{path}/history", headers=token(READ)).json()]
    assert states == ["SUPERSEDED", "ACTIVE"]
    [_, decided] = EventDriver(client, memory_bus).emitted(ASSIGNED, 2)
    assert (decided["determined_by"], decided["article"]) == ("COUNTY_DEPT_DECISION", ART16_LAST)


@pytest.mark.parametrize("category", ["UNDETERMINED", "CONSTRUCTION_SITE"])
def test_a_decision_must_name_a_land_use_custodian(client, token, tree, category):
    body = {"decided_by_division": "430104", "category": category, "party_name": "x", "decision_ref": "r"}
    r = client.post(f"/v1/trees/{tree['id']}/custodian/decision", json=body, headers=token(CERTIFY))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM


def test_agreement_covers_art18_duties_with_the_custodian_in_force(client, token, tree):
    path = f"/v1/trees/{tree['id']}/custodian"
    agreement = {
        "custodian_name": "张某",
        "signed_on": "2025-01-02",
        "valid_from": "2025-01-02",
        "duties": ["PATROL_TREE", "PATROL_HABITAT", "PATROL_FACILITIES", "REPORT_ABNORMALITY"],
    }
    assert client.post(f"{path}/agreements", json=agreement, headers=token(WRITE)).status_code == 409  # none recorded
    client.post(path, json={"land_use": "RURAL_HOMESTEAD", "party_name": "张某"}, headers=token(WRITE))
    partial = client.post(f"{path}/agreements", json={**agreement, "duties": ["PATROL_TREE"]}, headers=token(WRITE))
    assert partial.status_code == 422 and "Art. 18 / 第十八条" in articles(partial.json())
    other = client.post(f"{path}/agreements", json={**agreement, "custodian_name": "王某"}, headers=token(WRITE))
    assert other.status_code == 422
    assert count(client, CustodianAgreement.__table__) == 0
    ok = client.post(f"{path}/agreements", json=agreement, headers=token(WRITE))
    assert ok.status_code == 201, ok.text
    assert [a["custodian_name"] for a in client.get(f"{path}/agreements", headers=token(READ)).json()] == ["张某"]


def test_tc16_training_must_be_free(client, token, tree):
    body = {
        "division_code": "430104",
        "held_on": "2025-04-10",
        "topic": "古树名木日常养护",
        "fee_cny": "50",
        "tree_ids": [tree["id"]],
        "attendees": 12,
    }
    charged = client.post("/v1/custodian-trainings", json=body, headers=token(WRITE))
    assert charged.status_code == 422 and "Art. 17 / 第十七条" in articles(charged.json())
    elsewhere = client.post(
        "/v1/custodian-trainings", json={**body, "fee_cny": "0", "division_code": "430602"}, headers=token(WRITE)
    )
    assert elsewhere.status_code == 422
    assert count(client, CustodianTraining.__table__) == 0
    city = client.post(
        "/v1/custodian-trainings", json={**body, "fee_cny": "0", "division_code": "430100"}, headers=token(WRITE)
    )
    assert city.status_code == 201, city.text
    assert client.get("/v1/custodian-trainings", params={"division": "439999"}, headers=token(READ)).status_code == 422
    listed = client.get("/v1/custodian-trainings", params={"division": "430100"}, headers=token(READ)).json()
    assert [t["id"] for t in listed] == [city.json()["id"]]


def test_subsidy_goes_to_the_settled_custodian_from_a_government_over_the_tree(client, token, tree, memory_bus):
    path = f"/v1/trees/{tree['id']}"
    body = {
        "granting_division": "430100",
        "year": 2025,
        "condition": "GOOD",
        "expenditure_cny": "3200.00",
        "amount_cny": "2000.00",
        "decision_ref": "长财农〔2025〕12号",
    }
    assert client.post(f"{path}/subsidies", json=body, headers=token(CERTIFY)).status_code == 409  # no custodian
    client.post(f"{path}/custodian", json={"land_use": "RURAL_HOMESTEAD", "party_name": "张某"}, headers=token(WRITE))
    other_city = client.post(f"{path}/subsidies", json={**body, "granting_division": "430600"}, headers=token(CERTIFY))
    assert other_city.status_code == 422 and "Art. 21 / 第二十一条" in articles(other_city.json())
    assert (
        client.post(f"{path}/subsidies", json={**body, "condition": "SPLENDID"}, headers=token(CERTIFY)).status_code
        == 422
    )
    assert client.post(f"{path}/subsidies", json=body, headers=token(WRITE)).status_code == 403
    assert count(client, MaintenanceSubsidy.__table__) == 0
    ok = client.post(f"{path}/subsidies", json=body, headers=token(CERTIFY))
    assert ok.status_code == 201, ok.text
    assert (ok.json()["grade"], ok.json()["custodian_name"], ok.json()["condition"]) == ("GRADE_3", "张某", "GOOD")
    [event] = EventDriver(client, memory_bus).emitted("hunan.trees.subsidy.granted")
    assert (event["granting_division"], event["amount"]["amount"], event["year"]) == ("430100", "2000.00", 2025)
    assert [s["amount_cny"] for s in client.get(f"{path}/subsidies", headers=token(READ)).json()] == ["2000.00"]


def test_unknown_tree_is_404(client, token):
    assert client.get("/v1/trees/nope/custodian", headers=token(READ)).status_code == 404
    assert (
        client.post("/v1/trees/nope/custodian", json={"land_use": "ORG_PREMISES"}, headers=token(WRITE)).status_code
        == 404
    )
