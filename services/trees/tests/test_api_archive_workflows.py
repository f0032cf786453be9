"""The archive 一树一档 (Art. 14) follows the tree through the other workflows: death confirmation and archive
cancellation (Art. 29), transplant execution (Art. 28), felling (Art. 30), custodian assignment and decision
(Art. 16), habitat-zone reduction (Art. 23). And the tree read shows the custodian register's assignment."""

from __future__ import annotations

import pytest

from hunan_trees.app import create_app
from hunan_trees.settings import TreesSettings

WRITE, READ, CERTIFY = "trees:write", "trees:read", "trees:certify"
TREE_AT = {"latitude": 28.20, "longitude": 112.90}
TARGET = {"latitude": 28.201, "longitude": 112.901}
ART16, ART16_9, ART16_LAST = "Art. 16 / 第十六条", "Art. 16(9) / 第十六条第（九）项", "Art. 16 last para / 第十六条末款"


@pytest.fixture
def client(app_client):
    return app_client(create_app, TreesSettings, felling_approving_authority="长沙市林业局")


def register(client, token, no: str, age: int = 320, **extra) -> str:
    body = {
        "tree_no": no,
        "species": "马尾松",
        "age_years": age,
        "division_code": "430104",
        "location": TREE_AT,
        "crown_radius_m": 6,
        "land_use": "RURAL_HOMESTEAD",
        **extra,
    }
    response = client.post("/v1/trees", json=body, headers=token(WRITE))
    assert response.status_code == 201, response.text
    return response.json()["id"]


def history(client, token, tree_id: str) -> list[dict]:
    r = client.get(f"/v1/trees/{tree_id}/history", headers=token(READ))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def articles(entry: dict) -> set[str]:
    return {b["article"] for b in entry["basis"]}


def confirm_death(client, token, tree_id: str) -> None:
    death = {"tree_id": tree_id, "kind": "SUSPECTED_DEATH", "description": "枯死", "reporter": "养护责任人"}
    report = client.post("/v1/tree-reports", json=death, headers=token(WRITE)).json()
    appraisal = {"experts": ["赵工"], "result": "DEAD", "cause": "松材线虫病"}
    r = client.post(f"/v1/tree-reports/{report['id']}/appraisal", json=appraisal, headers=token(CERTIFY))
    assert r.status_code == 200, r.text


def test_death_confirmation_and_archive_cancellation_are_versions(client, token):
    tree_id = register(client, token, "A1")
    confirm_death(client, token, tree_id)
    cancel = {"department_level": "CITY", "decision_ref": "市林注〔2025〕1号"}
    assert (
        client.post(f"/v1/trees/{tree_id}/archive-cancellation", json=cancel, headers=token(CERTIFY)).status_code == 200
    )
    _, dead, cancelled = history(client, token, tree_id)
    assert dead["action"] == "tree.death_confirmed" and "松材线虫病" in dead["reason"]
    assert dead["changes"] == {"before": {"status": "REGISTERED"}, "after": {"status": "CONFIRMED_DEAD"}}
    assert "Art. 29 / 第二十九条" in articles(dead)
    assert cancelled["action"] == "archive.cancel" and "市林注〔2025〕1号" in cancelled["reason"]
    assert cancelled["changes"]["after"] == {"status": "ARCHIVE_CANCELLED"}
    assert "Art. 29 / 第二十九条" in articles(cancelled)


def test_a_refused_cancellation_writes_no_version(client, token):
    tree_id = register(client, token, "A2")
    cancel = {"department_level": "CITY", "decision_ref": "x"}
    refused = client.post(f"/v1/trees/{tree_id}/archive-cancellation", json=cancel, headers=token(CERTIFY))
    assert refused.status_code == 409, refused.text
    assert [v["action"] for v in history(client, token, tree_id)] == ["tree.register"]


def test_transplant_execution_is_a_version_with_old_and_new_site(client, token):
    tree_id = register(client, token, "A3")
    body = {
        "tree_id": tree_id,
        "ground": "T3_KEY_PROJECT",
        "applicant": "湖南省高速公路集团有限公司",
        "facts": {"project_tier": "PROVINCIAL_KEY", "project_avoidable": False, "effectively_protectable": False},
        "plan_summary": "就近移植至项目红线外绿地",
        "target": TARGET,
        "estimated_cost": "180000.00",
        "funding_secured": True,
    }
    app = client.post("/v1/transplants", json=body, headers=token(WRITE)).json()
    approval = {
        "expert_review_ref": "专家论证 2024-01",
        "consultation_mode": "HEARING",
        "consultation_closed_on": "2024-02-01",
        "decision_ref": "长林审〔2024〕2号",
    }
    assert client.post(f"/v1/transplants/{app['id']}/approve", json=approval, headers=token(CERTIFY)).status_code == 200
    done = client.post(
        f"/v1/transplants/{app['id']}/execution",
        json={"executed_on": "2024-02-29", "site": TARGET},
        headers=token(WRITE),
    )
    assert done.status_code == 200, done.text
    moved = history(client, token, tree_id)[-1]
    assert moved["action"] == "transplant.execute"
    assert moved["changes"]["before"] == TREE_AT
    assert moved["changes"]["after"] == {**TARGET, "aftercare_until": "2029-02-28"}
    assert "Art. 28 / 第二十八条" in articles(moved)


def test_felling_is_a_version(client, token):
    tree_id = register(client, token, "A4")
    confirm_death(client, token, tree_id)
    body = {"tree_id": tree_id, "ground": "F3_DEAD", "facts": {}, "applicant": "某林场", "evidence": "鉴定报告"}
    app_id = client.post("/v1/felling-applications", json=body, headers=token(WRITE)).json()["id"]
    decision = {"approved": True, "decision_ref": "长林采〔2025〕5号"}
    client.post(f"/v1/felling-applications/{app_id}/decision", json=decision, headers=token(CERTIFY))
    felled = client.post(
        f"/v1/felling-applications/{app_id}/execution", json={"felled_on": "2025-03-01"}, headers=token(WRITE)
    )
    assert felled.status_code == 200, felled.text
    last = history(client, token, tree_id)[-1]
    assert last["action"] == "tree.felled" and "2025-03-01" in last["reason"]
    assert last["changes"] == {"before": {"status": "CONFIRMED_DEAD"}, "after": {"status": "FELLED"}}
    assert "Art. 30 / 第三十条" in articles(last)


def test_custodian_assignment_construction_and_decision_are_versions_and_the_tree_shows_them(client, token):
    tree_id = register(client, token, "A5", custodian_name="张某")
    path = f"/v1/trees/{tree_id}/custodian"
    derived = client.get(f"/v1/trees/{tree_id}", headers=token(READ)).json()["custodian"]
    assert derived == {
        "category": "RURAL_HOMESTEAD",
        "party": derived["party"],
        "name": "张某",
        "assignment_id": None,
        "determined_by": "LAND_FACTS",
    }

    recorded = client.post(
        path,
        json={"land_use": "RURAL_HOMESTEAD", "party_name": "张某", "valid_from": "2024-01-01"},
        headers=token(WRITE),
    )
    assert recorded.status_code == 201, recorded.text
    client.post(f"{path}/disputes", json={"reason": "宅基地已流转给李某"}, headers=token(WRITE))
    decision = {
        "decided_by_division": "430104",
        "category": "RURAL_HOMESTEAD",
        "party_name": "李某",
        "decision_ref": "岳林〔2025〕5号",
    }
    decided = client.post(f"{path}/decision", json=decision, headers=token(CERTIFY))
    assert decided.status_code == 201, decided.text
    # the tree read follows the county department's decision, not the land facts' name
    shown = client.get(f"/v1/trees/{tree_id}", headers=token(READ)).json()
    assert shown["custodian"]["name"] == "李某"
    assert (shown["custodian"]["assignment_id"], shown["custodian"]["determined_by"]) == (
        decided.json()["id"],
        "COUNTY_DEPT_DECISION",
    )
    assert ART16_LAST in articles(shown)

    site = {"project_ref": "XM-2025-7", "construction_unit": "湖南建工集团", "construction_start": "2025-03-01"}
    built = client.post(f"{path}/construction", json=site, headers=token(WRITE))
    assert built.status_code == 201, built.text
    shown = client.get(f"/v1/trees/{tree_id}", headers=token(READ)).json()
    assert (shown["custodian"]["category"], shown["custodian"]["name"]) == ("CONSTRUCTION_SITE", "湖南建工集团")
    assert ART16_9 in articles(shown)
    listed = client.get("/v1/trees", headers=token(READ)).json()["items"]
    assert [t["custodian"]["name"] for t in listed if t["id"] == tree_id] == ["湖南建工集团"]

    versions = history(client, token, tree_id)
    assert [v["action"] for v in versions] == [
        "tree.register",
        "custodian.assign",
        "custodian.decide",
        "custodian.construction",
    ]
    assert versions[2]["changes"]["after"]["custodian"]["party_name"] == "李某"
    assert "岳林〔2025〕5号" in versions[2]["reason"] and ART16_LAST in articles(versions[2])
    assert versions[3]["changes"]["after"]["custodian"]["party_name"] == "湖南建工集团"
    assert ART16 in articles(versions[1]) and ART16_9 in articles(versions[3])


def test_habitat_zone_reduction_approval_is_a_version_and_a_refusal_is_not(client, token):
    tree_id = register(client, token, "A6")
    body = {"tree_id": tree_id, "proposed_margin_m": 2.0, "reason": "紧邻既有文物建筑，无法满足五米"}
    refused_id = client.post("/v1/habitat-reductions", json=body, headers=token(WRITE)).json()["id"]
    refusal = {"deciding_level": "CITY", "approved": False, "decision_ref": "政批〔2025〕2号"}
    client.post(f"/v1/habitat-reductions/{refused_id}/decision", json=refusal, headers=token(CERTIFY))
    assert [v["action"] for v in history(client, token, tree_id)] == ["tree.register"]

    reduction_id = client.post("/v1/habitat-reductions", json=body, headers=token(WRITE)).json()["id"]
    approval = {"deciding_level": "CITY", "approved": True, "decision_ref": "政批〔2025〕3号"}
    r = client.post(f"/v1/habitat-reductions/{reduction_id}/decision", json=approval, headers=token(CERTIFY))
    assert r.status_code == 200, r.text
    last = history(client, token, tree_id)[-1]
    assert last["action"] == "habitat_zone.reduce" and "政批〔2025〕3号" in last["reason"]
    assert last["changes"] == {"before": {"margin_m": 5.0}, "after": {"margin_m": 2.0}}
    assert "Art. 23 / 第二十三条" in articles(last)
