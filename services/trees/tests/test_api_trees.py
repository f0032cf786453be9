"""Trees HTTP API on SQLite and PostgreSQL: register/read/list, validation, auth, habitat checks."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hunan_trees.app import create_app
from hunan_trees.models import HabitatZone, Tree
from hunan_trees.settings import TreesSettings

PROBLEM = "application/problem+json"
WRITE, READ = "trees:write", "trees:read"

# A 520-year camphor in Yuelu district (430104); its zone: 8.5 m crown + 5 m margin.
CAMPHOR = {
    "tree_no": "430104-0001",
    "species": "樟树",
    "species_latin": "Cinnamomum camphora",
    "age_years": 520,
    "division_code": "430104",
    "location": {"latitude": 28.2288, "longitude": 112.9390},
    "land_use": "URBAN_PUBLIC_LAND",
    "crown_radius_m": 8.5,
}


def square(lon: float, lat: float, half_deg: float) -> dict:
    ring = [
        [lon - half_deg, lat - half_deg],
        [lon + half_deg, lat - half_deg],
        [lon + half_deg, lat + half_deg],
        [lon - half_deg, lat + half_deg],
        [lon - half_deg, lat - half_deg],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


def count(client, table) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


@pytest.fixture
def client(app_client):
    return app_client(create_app, TreesSettings)


def test_register_read_and_list_a_tree(client, token):
    r = client.post("/v1/trees", json=CAMPHOR, headers=token(WRITE))
    assert r.status_code == 201, r.text
    tree = r.json()
    assert (tree["grade"], tree["protection_level"], tree["recognising_level"]) == ("GRADE_1", "LEVEL_1", "PROVINCE")
    assert {b["article"] for b in tree["basis"]} >= {"Art. 10 / 第十条", "Art. 13 / 第十三条", "Art. 16 / 第十六条"}
    assert tree["custodian"]["category"] == "URBAN_PUBLIC_LAND"
    assert tree["habitat_zone"]["margin_m"] == 5.0 and tree["habitat_zone"]["geometry"]["type"] == "Polygon"

    got = client.get(f"/v1/trees/{tree['id']}", headers=token(READ))
    assert got.status_code == 200 and got.json() == tree

    client.post(
        "/v1/trees",
        json={
            **CAMPHOR,
            "tree_no": "430602-0001",
            "division_code": "430602",
            "age_years": 150,
            "location": {"latitude": 29.37, "longitude": 113.13},
        },
        headers=token(WRITE),
    )
    in_changsha = client.get("/v1/trees", params={"division": "430100"}, headers=token(READ)).json()
    assert [t["id"] for t in in_changsha["items"]] == [tree["id"]]
    grade3 = client.get("/v1/trees", params={"grade": "GRADE_3"}, headers=token(READ)).json()["items"]
    assert [t["division_code"] for t in grade3] == ["430602"]
    page = client.get("/v1/trees", params={"limit": 1}, headers=token(READ)).json()
    assert len(page["items"]) == 1 and page["next_offset"] == 1


def test_famous_young_tree_gets_level_1_and_province(client, token):
    body = {
        **CAMPHOR,
        "age_years": 40,
        "is_famous": True,
        "famous_basis": ["COMMEMORATIVE"],
        "in_urban_planning_area": True,
    }
    tree = client.post("/v1/trees", json=body, headers=token(WRITE)).json()
    assert (tree["grade"], tree["protection_level"], tree["recognising_level"]) == (None, "LEVEL_1", "PROVINCE")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({**CAMPHOR, "location": {"latitude": 39.9, "longitude": 116.4}}, id="location-outside-Hunan"),
        pytest.param({**CAMPHOR, "division_code": "430100"}, id="city-code-not-county"),
        pytest.param({**CAMPHOR, "division_code": "439999"}, id="unknown-division"),
        pytest.param({**CAMPHOR, "age_years": -1}, id="negative-age"),
        pytest.param({**CAMPHOR, "crown_projection": square(112.939, 28.2288, 0.0001)}, id="two-crowns"),
        pytest.param({**CAMPHOR, "colour": "green"}, id="unknown-field"),
    ],
)
def test_invalid_registration_is_422_and_writes_nothing(client, token, body):
    r = client.post("/v1/trees", json=body, headers=token(WRITE))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert r.json()["errors"]
    assert count(client, Tree.__table__) == 0 and count(client, HabitatZone.__table__) == 0


@pytest.mark.parametrize(
    ("body", "article"),
    [
        pytest.param({**CAMPHOR, "in_primeval_forest": True}, "Art. 2 / 第二条", id="Art2-primeval-forest"),
        pytest.param({**CAMPHOR, "age_years": 60}, "Art. 10 / 第十条", id="Art3-too-young-not-famous"),
        pytest.param({**CAMPHOR, "age_years": 90}, "Art. 35 / 第三十五条", id="Art35-not-enabled"),
        pytest.param({**CAMPHOR, "zone_margin_m": 4.99}, "Art. 23 / 第二十三条", id="Art23-margin-below-5m"),
        pytest.param({**CAMPHOR, "is_famous": True}, "Art. 3 / 第三条", id="Art3-famous-without-basis"),
    ],
)
def test_rule_violations_cite_the_article_and_write_nothing(client, token, body, article):
    r = client.post("/v1/trees", json=body, headers=token(WRITE))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert article in {b["article"] for b in r.json()["basis"]}
    assert count(client, Tree.__table__) == 0


def test_duplicate_tree_number_is_409(client, token):
    assert client.post("/v1/trees", json=CAMPHOR, headers=token(WRITE)).status_code == 201
    assert client.post("/v1/trees", json=CAMPHOR, headers=token(WRITE)).status_code == 409
    assert count(client, Tree.__table__) == 1


def test_auth_401_and_403_write_nothing(client, token):
    assert client.post("/v1/trees", json=CAMPHOR).status_code == 401
    assert client.post("/v1/trees", json=CAMPHOR, headers=token(READ)).status_code == 403
    assert client.get("/v1/trees", headers=token(WRITE)).status_code == 403
    assert count(client, Tree.__table__) == 0


def test_idempotency_key_returns_the_first_result(client, token):
    headers = {**token(WRITE), "Idempotency-Key": "reg-1"}
    first = client.post("/v1/trees", json=CAMPHOR, headers=headers)
    again = client.post("/v1/trees", json=CAMPHOR, headers=headers)
    assert again.status_code == 201 and again.json()["id"] == first.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true" and count(client, Tree.__table__) == 1


def test_habitat_check_finds_intersecting_zones_only(client, token):
    tree = client.post("/v1/trees", json=CAMPHOR, headers=token(WRITE)).json()
    # ~11 m east of the trunk: inside the 13.5 m zone. ~40 m east: outside.
    near = square(112.9390 + 0.00011 + 0.00005, 28.2288, 0.00005)
    far = square(112.9390 + 0.00041 + 0.00005, 28.2288, 0.00005)
    hit = client.post("/v1/habitat-checks", json={"site": near, "project_ref": "P1"}, headers=token(READ))
    assert hit.status_code == 200
    body = hit.json()
    assert body["conflict"] and body["outcome"] == "AVOIDANCE_REQUIRED" and body["project_ref"] == "P1"
    assert [t["tree_id"] for t in body["trees"]] == [tree["id"]]
    assert 9 < body["trees"][0]["distance_to_tree_m"] < 13.5
    assert body["basis"][0]["article"] == "Art. 25 / 第二十五条"

    miss = client.post("/v1/habitat-checks", json={"site": far}, headers=token(READ)).json()
    assert (miss["conflict"], miss["outcome"], miss["trees"]) == (False, "NO_CONFLICT", [])

    other = client.post(
        "/v1/habitat-checks", json={"site": near, "tier": "OTHER", "avoidable": False}, headers=token(READ)
    )
    key = client.post(
        "/v1/habitat-checks", json={"site": near, "tier": "NATIONAL_KEY", "avoidable": False}, headers=token(READ)
    )
    assert other.json()["outcome"] == "PROHIBITED" and key.json()["outcome"] == "PROTECTION_PLAN_REQUIRED"


@pytest.mark.parametrize(
    "site",
    [
        pytest.param({"type": "Polygon", "coordinates": [[1, 2]]}, id="malformed-coordinates"),
        pytest.param({"type": "Point", "coordinates": [112.9, 28.2]}, id="not-a-polygon"),
        pytest.param(
            {
                "type": "Polygon",
                "coordinates": [[[112.0, 28.0], [112.1, 28.1], [112.1, 28.0], [112.0, 28.1], [112.0, 28.0]]],
            },
            id="self-intersecting",
        ),
        pytest.param(square(116.4, 39.9, 0.01), id="outside-Hunan"),
        pytest.param("POLYGON((0 0, 1 0, 1 1, 0 0))", id="wkt-not-geojson"),
    ],
)
def test_malformed_site_is_422_problem(client, token, site):
    r = client.post("/v1/habitat-checks", json={"site": site}, headers=token(READ))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert r.json()["errors"][0]["field"] == "site"


def test_habitat_check_needs_read_scope(client, token):
    site = square(112.939, 28.2288, 0.0001)
    assert client.post("/v1/habitat-checks", json={"site": site}).status_code == 401
    assert client.post("/v1/habitat-checks", json={"site": site}, headers=token("business_env:read")).status_code == 403


def test_health_metrics_and_openapi(client):
    assert client.get("/livez").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200
    metrics = client.get("/metrics")
    assert metrics.status_code == 200 and "# TYPE" in metrics.text
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/trees", "/v1/habitat-checks", "/v1/inspections", "/v1/transplants/{application_id}/approve"} <= set(
        paths
    )


def test_art35_reference_protection_when_enabled(app_client, token):
    client = app_client(create_app, TreesSettings, art35_reference_protection=True)
    r = client.post("/v1/trees", json={**CAMPHOR, "age_years": 90}, headers=token(WRITE))
    assert r.status_code == 201, r.text
    tree = r.json()
    assert (tree["art35_reference"], tree["grade"], tree["protection_level"]) == (True, None, None)
    too_young = client.post("/v1/trees", json={**CAMPHOR, "tree_no": "x-79", "age_years": 79}, headers=token(WRITE))
    assert too_young.status_code == 422
