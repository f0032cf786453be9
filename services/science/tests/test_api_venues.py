"""Venues and bases over HTTP: create/read/list, validation, auth, the R15 area check and NR-707 tagging."""

from __future__ import annotations

import pytest

PROBLEM = "application/problem+json"
W, R = "science:write", "science:read"
VENUE = {
    "name": "长沙市自然资源科普基地",
    "venue_type": "NATURAL_RESOURCES_SCI_BASE",
    "level": "PREFECTURE",
    "division_code": "430100",
    "operator_type": "GOVERNMENT",
    "exhibition_hall_area_m2": "1200.00",
    "free_opening": True,
    "emergency_role": True,
    "accessibility_features": ["captions", "braille"],
}


def create(client, token, **changes):
    r = client.post("/v1/venues", json={**VENUE, **changes}, headers=token(W))
    assert r.status_code == 201, r.text
    return r.json()


def test_create_read_list(client, token):
    venue = create(client, token)
    assert venue["funding_level"] == "CITY_COUNTY" and "NR-707" in venue["basis"][0]["article"]
    assert client.get(f"/v1/venues/{venue['id']}", headers=token(R)).json()["name"] == VENUE["name"]
    museum = create(
        client,
        token,
        name="岳麓区科技馆",
        venue_type="SCI_MUSEUM_PHYSICAL",
        level="COUNTY",
        division_code="430104",
        emergency_role=False,
    )
    assert museum["funding_level"] is None
    create(client, token, name="株洲科普基地", division_code="430200")
    in_changsha = client.get("/v1/venues", params={"division": "430100"}, headers=token(R)).json()["items"]
    assert {v["name"] for v in in_changsha} == {"长沙市自然资源科普基地", "岳麓区科技馆"}
    in_county = client.get("/v1/venues", params={"division": "430104"}, headers=token(R)).json()["items"]
    assert [v["name"] for v in in_county] == ["岳麓区科技馆"]
    emergency = client.get("/v1/venues", params={"emergency_role": True}, headers=token(R)).json()["items"]
    assert len(emergency) == 2
    assert client.get("/v1/venues/nope", headers=token(R)).status_code == 404


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"division_code": "440100"}, "division_code"),
        ({"venue_type": "CASINO"}, "venue_type"),
        ({"exhibition_hall_area_m2": "-1"}, "exhibition_hall_area_m2"),
        ({"accessibility_features": ["smell"]}, "accessibility_features.0"),
        ({"unknown": True}, "unknown"),
    ],
    ids=["not-hunan", "unknown-type", "negative-area", "unknown-format", "extra-field"],
)
def test_invalid_venue_is_422_and_writes_nothing(client, token, bus, changes, field):
    r = client.post("/v1/venues", json={**VENUE, **changes}, headers=token(W))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert field in {e["field"] for e in r.json()["errors"]}
    assert bus.count("venue") == 0 and bus.count("audit_log") == 0


def test_auth(client, token, bus):
    assert client.post("/v1/venues", json=VENUE).status_code == 401
    assert client.post("/v1/venues", json=VENUE, headers=token(R)).status_code == 403
    assert client.get("/v1/venues", headers=token("budget:read")).status_code == 403
    assert bus.count("venue") == 0


def test_exhibition_area_per_10k_residents_R15(client, token):
    create(client, token, exhibition_hall_area_m2="15999.00", division_code="430102")
    create(client, token, exhibition_hall_area_m2="500.00", division_code="430102", open_to_public=False)
    params = {"division": "430102", "residents": 1_000_000}
    below = client.get("/v1/venues/exhibition-area", params=params, headers=token(R)).json()
    assert (below["qualifying_area_m2"], below["met"]) == ("15999.00", False)
    create(client, token, exhibition_hall_area_m2="1.00", division_code="430102")
    assert client.get("/v1/venues/exhibition-area", params=params, headers=token(R)).json()["met"] is True


def test_museum_subsidy_prefecture_and_county_branches_R16(client, token):
    def check(**params):
        r = client.get("/v1/venues/museum-subsidy", params=params, headers=token(R))
        assert r.status_code == 200, r.text
        return r.json()

    city = check(division="430100", population=300_000, accepted=True)  # 长沙市: a 市州, no threshold, no condition
    assert (city["division_level"], city["eligible"]) == ("prefecture", True)
    assert check(division="430100", population=300_000, accepted=False)["eligible"] is False
    county = {"division": "430121", "accepted": True}
    assert check(**county, population=600_000, conditions_met=True)["eligible"] is True
    assert check(**county, population=600_000, conditions_met=False)["eligible"] is False  # 有条件 not met
    assert check(**county, population=599_999, conditions_met=True)["eligible"] is False
    assert check(**county, population=600_000, conditions_met=True)["basis"][0]["article"] == "三(三)2 (R16)"
    province = client.get("/v1/venues/museum-subsidy", params={"division": "430000", "population": 1}, headers=token(R))
    assert province.status_code == 422
