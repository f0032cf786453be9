"""W6 reductions (Art. 23 para 2, TC13) and W7 damage claims (Art. 25 para 3) over HTTP."""

from __future__ import annotations

import pytest
from shapely.geometry import shape

from hunan_trees.app import create_app
from hunan_trees.engines import geo
from hunan_trees.settings import TreesSettings

WRITE, READ, CERTIFY = "trees:write", "trees:read", "trees:certify"
TREE_AT = {"latitude": 28.20, "longitude": 112.90}
AT_9_5_M = {"latitude": 28.20 + 9.5 / 111_320, "longitude": 112.90}  # inside 6 + 5 m, outside 6 + 2 m


@pytest.fixture
def client(app_client):
    return app_client(create_app, TreesSettings)


def register(client, token, no: str, age: int, famous: bool = False, **extra) -> str:
    body = {
        "tree_no": no,
        "species": "银杏",
        "age_years": age,
        "division_code": "430104",
        "location": TREE_AT,
        "crown_radius_m": 6,
        **extra,
    }
    if famous:
        body |= {"is_famous": True, "famous_basis": ["COMMEMORATIVE"]}
    response = client.post("/v1/trees", json=body, headers=token(WRITE))
    assert response.status_code == 201, response.text
    return response.json()["id"]


def request(client, token, tree_id: str, margin: float = 2.0):
    body = {"tree_id": tree_id, "proposed_margin_m": margin, "reason": "紧邻既有文物建筑，无法满足五米"}
    return client.post("/v1/habitat-reductions", json=body, headers=token(WRITE))


def decide(client, token, reduction_id: str, level: str, approved: bool = True):
    body = {"deciding_level": level, "approved": approved, "decision_ref": "政批〔2025〕3号"}
    return client.post(f"/v1/habitat-reductions/{reduction_id}/decision", json=body, headers=token(CERTIFY))


def pipeline_prohibited_at(client, token, tree_id: str, where: dict) -> bool:
    body = {"act": "P3_PIPELINE_LAYING", "tree_id": tree_id, "location": where}
    return client.post("/v1/prohibited-acts/check", json=body, headers=token(READ)).json()["prohibited"]


@pytest.mark.parametrize(
    "age,famous,approver",
    [(150, False, "COUNTY"), (320, False, "CITY"), (520, False, "PROVINCE"), (40, True, "PROVINCE")],
    ids=["grade3-county", "grade2-city", "grade1-province", "famous-province"],
)
def test_reduction_names_the_recognising_government(client, token, age, famous, approver):
    response = request(client, token, register(client, token, "H1", age, famous))
    assert response.status_code == 201, response.text
    assert response.json()["approver_level"] == approver and response.json()["state"] == "REQUESTED"
    articles = {b["article"] for b in response.json()["basis"]}
    assert {"Art. 23 / 第二十三条", "Art. 13 / 第十三条"} <= articles


def test_grade_2_reduction_approved_by_county_is_refused_by_city_redraws_the_zone(client, token):
    tree_id = register(client, token, "H2", 320)
    reduction = request(client, token, tree_id).json()
    assert pipeline_prohibited_at(client, token, tree_id, AT_9_5_M) is True
    # TC13: a grade-2 tree's reduction approved by the county government is rejected.
    wrong = decide(client, token, reduction["id"], "COUNTY")
    assert wrong.status_code == 422 and "CITY" in wrong.text
    assert client.get(f"/v1/habitat-reductions/{reduction['id']}", headers=token(READ)).json()["state"] == "REQUESTED"
    assert pipeline_prohibited_at(client, token, tree_id, AT_9_5_M) is True

    approved = decide(client, token, reduction["id"], "CITY")
    assert approved.status_code == 200 and approved.json()["state"] == "APPROVED"
    assert client.get(f"/v1/trees/{tree_id}", headers=token(READ)).json()["habitat_zone"]["margin_m"] == 2.0
    assert pipeline_prohibited_at(client, token, tree_id, AT_9_5_M) is False
    assert decide(client, token, reduction["id"], "CITY").status_code == 409


def test_refusal_keeps_the_zone(client, token):
    tree_id = register(client, token, "H3", 150)
    reduction = request(client, token, tree_id).json()
    assert decide(client, token, reduction["id"], "COUNTY", approved=False).json()["state"] == "REFUSED"
    assert client.get(f"/v1/trees/{tree_id}", headers=token(READ)).json()["habitat_zone"]["margin_m"] == 5.0


def test_a_request_must_be_a_reduction_below_5_m_and_only_one_pending(client, token):
    tree_id = register(client, token, "H4", 150)
    assert request(client, token, tree_id, margin=5.0).status_code == 422
    assert request(client, token, tree_id, margin=4.99).status_code == 201
    assert request(client, token, tree_id, margin=3).status_code == 409


def test_polygon_zone_is_redrawn_around_the_kept_crown(client, token):
    crown = {
        "type": "Polygon",
        "coordinates": [
            [
                [112.89995, 28.19995],
                [112.90005, 28.19995],
                [112.90005, 28.20005],
                [112.89995, 28.20005],
                [112.89995, 28.19995],
            ]
        ],
    }
    tree_id = register(client, token, "H5", 150, crown_projection=crown, crown_radius_m=None)
    before = client.get(f"/v1/trees/{tree_id}", headers=token(READ)).json()["habitat_zone"]["geometry"]
    reduction = request(client, token, tree_id, margin=1.0).json()
    assert decide(client, token, reduction["id"], "COUNTY").status_code == 200
    after = client.get(f"/v1/trees/{tree_id}", headers=token(READ)).json()["habitat_zone"]
    assert after["margin_m"] == 1.0 and after["geometry"] != before
    north = max(lat for _, lat in after["geometry"]["coordinates"][0])
    assert 28.20005 < north < 28.20005 + 2 / 111_320  # about 1 m beyond the crown
    # Exactly the kept crown polygon grown by the new margin (not the old zone shrunk, which rounds corners).
    exact = geo.zone_around_area(geo.parse_area(crown), 1.0)
    assert shape(after["geometry"]).equals_exact(exact, 1e-9)


def test_damage_claim_against_the_construction_unit(client, token):
    tree_id = register(client, token, "H6", 150)
    body = {
        "tree_id": tree_id,
        "construction_unit": "某市政工程有限公司",
        "project_ref": "长发改〔2025〕88号",
        "damage_found_on": "2025-04-02",
        "damage_description": "开挖管沟切断主根",
        "rejuvenation_cost": "12000.00",
        "maintenance_cost": "3000.00",
    }
    response = client.post("/v1/damage-claims", json=body, headers=token(WRITE))
    assert response.status_code == 201, response.text
    claim = response.json()
    assert claim["total_cost"] == "15000.00" and claim["payer"] == "construction_unit:某市政工程有限公司"
    assert [b["article"] for b in claim["basis"]] == ["Art. 25 / 第二十五条"]
    zero = {**body, "rejuvenation_cost": "0", "maintenance_cost": "0"}
    assert client.post("/v1/damage-claims", json=zero, headers=token(WRITE)).status_code == 422
    settled = client.post(
        f"/v1/damage-claims/{claim['id']}/settlement", json={"settled_on": "2025-05-01"}, headers=token(WRITE)
    )
    assert settled.json()["state"] == "SETTLED"
    assert len(client.get("/v1/damage-claims", params={"tree_id": tree_id}, headers=token(READ)).json()["items"]) == 1
