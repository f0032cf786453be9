"""W3 execution and aftercare (Art. 28; TC19, TC20) and W5 felling (Art. 30; TC23) over HTTP."""

from __future__ import annotations

import pytest

from hunan_shared.testing import EventDriver
from hunan_trees.app import create_app
from hunan_trees.settings import TreesSettings

WRITE, READ, CERTIFY = "trees:write", "trees:read", "trees:certify"
TREE_AT = {"latitude": 28.20, "longitude": 112.90}
TARGET = {"latitude": 28.201, "longitude": 112.901}
APPROVAL = {
    "expert_review_ref": "专家论证 2024-01",
    "consultation_mode": "HEARING",
    "consultation_closed_on": "2024-02-01",
    "decision_ref": "长林审〔2024〕2号",
}
EXECUTED = "hunan.trees.transplant.executed"


@pytest.fixture
def client(app_client):
    return app_client(create_app, TreesSettings, felling_approving_authority="长沙市林业局")


def register(client, token, no: str, age: int = 320, **crown) -> str:
    body = {
        "tree_no": no,
        "species": "马尾松",
        "age_years": age,
        "division_code": "430104",
        "location": TREE_AT,
        **(crown or {"crown_radius_m": 6}),
    }
    response = client.post("/v1/trees", json=body, headers=token(WRITE))
    assert response.status_code == 201
    return response.json()["id"]


def approved_transplant(client, token, tree_id: str, ground: str = "T3_KEY_PROJECT") -> str:
    facts = (
        {"project_tier": "PROVINCIAL_KEY", "project_avoidable": False, "effectively_protectable": False}
        if ground == "T3_KEY_PROJECT"
        else {"environment_unsuitable": True, "may_cause_death": True}
    )
    body = {
        "tree_id": tree_id,
        "ground": ground,
        "applicant": "湖南省高速公路集团有限公司",
        "facts": facts,
        "plan_summary": "就近移植至项目红线外绿地",
        "target": TARGET,
        "estimated_cost": "180000.00",
        "funding_secured": True,
    }
    app = client.post("/v1/transplants", json=body, headers=token(WRITE)).json()
    approved = client.post(f"/v1/transplants/{app['id']}/approve", json=APPROVAL, headers=token(CERTIFY))
    assert approved.status_code == 200, approved.text
    return app["id"]


def execute(client, token, app_id: str, executed_on: str = "2024-02-29", site: dict = TARGET):
    return client.post(
        f"/v1/transplants/{app_id}/execution",
        json={"executed_on": executed_on, "site": site},
        headers=token(WRITE),
    )


def test_tc20_execution_on_29_february_aftercare_to_28_february_and_event(client, token, memory_bus):
    tree_id = register(client, token, "T1")
    app_id = approved_transplant(client, token, tree_id)
    # Not per plan: 1 km away from the approved site.
    assert execute(client, token, app_id, site={"latitude": 28.21, "longitude": 112.90}).status_code == 422
    response = execute(client, token, app_id)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["aftercare_until"] == "2029-02-28" and body["cost_bearer"] == "applicant:湖南省高速公路集团有限公司"
    assert [c["due_on"] for c in body["checks"]] == [
        "2025-02-28",
        "2026-02-28",
        "2027-02-28",
        "2028-02-29",
        "2029-02-28",
    ]
    assert {b["article"] for b in body["basis"]} == {"Art. 28 / 第二十八条"}
    [payload] = EventDriver(client, memory_bus).emitted(EXECUTED)
    assert payload["application_id"] == app_id and payload["aftercare_until"] == "2029-02-28"
    assert payload["executed_on"] == "2024-02-29" and payload["division_code"] == "430104"

    # The tree and its zone moved to the new site; the application is EXECUTED and cannot run twice.
    tree = client.get(f"/v1/trees/{tree_id}", headers=token(READ)).json()
    assert tree["location"] == TARGET
    ring = tree["habitat_zone"]["geometry"]["coordinates"][0]
    assert min(lat for _, lat in ring) > TREE_AT["latitude"]
    assert client.get(f"/v1/transplants/{app_id}", headers=token(READ)).json()["state"] == "EXECUTED"
    assert execute(client, token, app_id).status_code == 409

    # Yearly checks: year 1 inside its year, once; a date outside the year is refused.
    check = {"checked_on": "2024-12-01", "condition": "GOOD", "findings": "新梢萌发正常"}
    assert (
        client.post(f"/v1/transplants/{app_id}/aftercare-checks/2", json=check, headers=token(WRITE)).status_code == 422
    )
    ok = client.post(f"/v1/transplants/{app_id}/aftercare-checks/1", json=check, headers=token(WRITE))
    assert ok.status_code == 200 and ok.json()["checks"][0]["checked_on"] == "2024-12-01"
    assert (
        client.post(f"/v1/transplants/{app_id}/aftercare-checks/1", json=check, headers=token(WRITE)).status_code == 409
    )
    aftercare = client.get(f"/v1/transplants/{app_id}/aftercare", headers=token(READ)).json()
    assert aftercare["state"] == "EXECUTED"  # real clock 2026: still within the five years
    assert [c["overdue"] for c in aftercare["checks"]][:2] == [False, True]


def test_tc19_government_bears_and_unapproved_transplant_cannot_be_executed(client, token, memory_bus):
    tree_id = register(client, token, "T2")
    app_id = approved_transplant(client, token, tree_id, ground="T1_ENVIRONMENT_CHANGED")
    assert execute(client, token, app_id, executed_on="2999-01-01").status_code == 422
    assert execute(client, token, app_id).json()["cost_bearer"] == "government:430104"
    other = register(client, token, "T3")
    body = {
        "tree_id": other,
        "ground": "T1_ENVIRONMENT_CHANGED",
        "applicant": "某区人民政府",
        "facts": {"environment_unsuitable": True, "may_cause_death": True},
        "plan_summary": "移植",
        "target": TARGET,
        "estimated_cost": "1000.00",
        "funding_secured": True,
    }
    submitted = client.post("/v1/transplants", json=body, headers=token(WRITE)).json()
    assert execute(client, token, submitted["id"]).status_code == 409


def felling(client, token, tree_id: str, ground: str, facts: dict | None = None):
    body = {"tree_id": tree_id, "ground": ground, "facts": facts or {}, "applicant": "某林场", "evidence": "鉴定报告"}
    return client.post("/v1/felling-applications", json=body, headers=token(WRITE))


@pytest.mark.parametrize(
    "ground,facts,status",
    [
        pytest.param(
            "F1_UNTRANSPLANTABLE",
            {"environment_unsuitable": True, "may_cause_death": True, "species_untransplantable": True},
            422,
            id="TC23a-T1-untransplantable",
        ),
        pytest.param(
            "F2_QUARANTINE_PEST", {"quarantine_pest": True, "pest_controllable": True}, 422, id="TC23b-controllable"
        ),
        pytest.param(
            "F2_QUARANTINE_PEST", {"quarantine_pest": True, "pest_controllable": False}, 201, id="TC23c-uncontrollable"
        ),
        pytest.param(
            "F1_UNTRANSPLANTABLE",
            {"endangers_public_life": True, "hazard_removable": False, "species_untransplantable": True},
            201,
            id="Art30(1)-T2-untransplantable",
        ),
        pytest.param("F3_DEAD", {}, 422, id="Art30(3)-not-appraised-dead"),
    ],
)
def test_felling_grounds(client, token, ground, facts, status):
    response = felling(client, token, register(client, token, "F1"), ground, facts)
    assert response.status_code == status, response.text
    articles = {b["article"] for b in response.json()["basis"]}
    assert "Art. 30 / 第三十条" in articles
    if status == 201:
        assert response.json()["approving_authority"] == "长沙市林业局"
        assert "Art. 30 last para / 第三十条末款" in articles


def test_dead_tree_is_felled_and_its_archive_cancelled_by_the_city(client, token):
    tree_id = register(client, token, "F2", age=320)  # grade 2 → city
    death = {"tree_id": tree_id, "kind": "SUSPECTED_DEATH", "description": "枯死", "reporter": "养护责任人"}
    report = client.post("/v1/tree-reports", json=death, headers=token(WRITE)).json()
    appraisal = {"experts": ["赵工"], "result": "DEAD", "cause": "松材线虫病"}
    client.post(f"/v1/tree-reports/{report['id']}/appraisal", json=appraisal, headers=token(CERTIFY))
    application = felling(client, token, tree_id, "F3_DEAD")
    assert application.status_code == 201
    app_id = application.json()["id"]
    assert felling(client, token, tree_id, "F3_DEAD").status_code == 409
    assert (
        client.post(
            f"/v1/felling-applications/{app_id}/execution", json={"felled_on": "2025-03-01"}, headers=token(WRITE)
        ).status_code
        == 409
    )
    decision = {"approved": True, "decision_ref": "长林采〔2025〕5号"}
    assert (
        client.post(f"/v1/felling-applications/{app_id}/decision", json=decision, headers=token(WRITE)).status_code
        == 403
    )
    approved = client.post(f"/v1/felling-applications/{app_id}/decision", json=decision, headers=token(CERTIFY))
    assert approved.json()["state"] == "APPROVED"
    felled = client.post(
        f"/v1/felling-applications/{app_id}/execution", json={"felled_on": "2025-03-01"}, headers=token(WRITE)
    )
    assert felled.json()["state"] == "FELLED"
    assert client.get(f"/v1/trees/{tree_id}", headers=token(READ)).json()["status"] == "FELLED"
    cancel = {"department_level": "CITY", "decision_ref": "市林注〔2025〕1号"}
    done = client.post(f"/v1/trees/{tree_id}/archive-cancellation", json=cancel, headers=token(CERTIFY))
    assert done.status_code == 200 and done.json()["status"] == "ARCHIVE_CANCELLED"


def test_a_polygon_crown_moves_with_the_transplanted_tree(client, token, memory_bus):
    def square(lon: float, lat: float) -> dict:
        d = 0.00005
        ring = [[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]
        return {"type": "Polygon", "coordinates": [ring]}

    tree_id = register(client, token, "T9", crown_projection=square(112.90, 28.20))
    assert execute(client, token, approved_transplant(client, token, tree_id)).status_code == 200
    [feature] = client.get("/v1/trees/export", params={"format": "geojson"}, headers=token(READ)).json()["features"]
    moved = feature["properties"]["crown_projection"]["coordinates"][0]
    expected = square(TARGET["longitude"], TARGET["latitude"])["coordinates"][0]
    flat = [value for point in moved for value in point]
    assert flat == pytest.approx([value for point in expected for value in point], abs=1e-9)
    zone = client.get(f"/v1/trees/{tree_id}", headers=token(READ)).json()["habitat_zone"]["geometry"]
    lons = [lon for lon, _ in zone["coordinates"][0]]
    assert min(lons) < TARGET["longitude"] - 0.00005 < TARGET["longitude"] + 0.00005 < max(lons)
