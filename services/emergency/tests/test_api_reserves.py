"""The four-level reserve through HTTP: depots, the stock ledger, R14 sufficiency (E5), R15 network, demo data."""

from __future__ import annotations


def test_stock_ledger_never_goes_negative(emergency):
    svc = emergency()
    depot = svc.depot("county", "430121", {"tent": 10})
    svc.post(f"/v1/depots/{depot}/movements", {"item": "tent", "kind": "expiry", "quantity": 11}, expect=409)
    out = svc.post(
        f"/v1/depots/{depot}/movements", {"item": "tent", "kind": "expiry", "quantity": 4}, expect=200
    ).json()
    assert out["stock"][0]["quantity"] == 6
    svc.post(f"/v1/depots/{depot}/movements", {"item": "tent", "kind": "return", "quantity": 1}, expect=200)
    svc.post(f"/v1/depots/{depot}/movements", {"item": "yacht", "kind": "receipt", "quantity": 1}, expect=422)
    kinds = [m["kind"] for m in svc.get(f"/v1/depots/{depot}/movements").json()["items"]]
    assert kinds == ["return", "expiry", "receipt"]
    assert svc.get(f"/v1/depots/{depot}").json()["stock"][0]["quantity"] == 7


def test_depot_must_sit_on_a_division_of_its_level(emergency):
    svc = emergency()
    svc.post(
        "/v1/depots",
        {"name": "错位", "level": "county", "division_code": "430100", "lat": 28.2, "lon": 112.9},
        expect=422,
    )
    assert svc.get("/v1/depots").json()["items"] == []


def test_E5_county_below_level_one_quota_and_replenishment(emergency):
    """E5: county stock of tents 950 against a Level-I quota of 1 000 → below norm; R19 asks for 50."""
    svc = emergency()
    county = svc.depot("county", "430121", {"tent": 950}, quotas={"tent": 1000})
    svc.depot("city", "430100", {"tent": 1000}, quotas={"tent": 1000})
    report = svc.get("/v1/reserves/sufficiency").json()
    assert report["below_norm"] == [
        {"level": "county", "division_code": "430121", "item": "tent", "stock": 950, "quota": 1000, "missing": 50}
    ]
    assert len(report["rows"]) == 2 and any(b["article"] == "专栏6" for b in report["basis"])
    out = svc.post(f"/v1/depots/{county}/replenishment-requests", expect=201).json()
    assert out["lines"] == [{"item": "tent", "quantity": 50, "unit": "piece"}] and out["basis"]
    assert svc.driver.envelopes("emergency.reserve")[0].data["lines"][0]["quantity"] == 50


def test_R15_network_gaps_and_demo_loader(emergency):
    svc = emergency()
    first = svc.post("/v1/demo/reserves", expect=200).json()
    assert first == {"depots": 9, "created": 9, "stock_units": first["stock_units"]} and first["stock_units"] > 0
    assert svc.post("/v1/demo/reserves", expect=200).json()["created"] == 0  # idempotent
    depots = svc.get("/v1/depots", params={"division": "430100"}).json()["items"]
    assert {d["id"] for d in depots} == {
        "demo-city-430100",
        "demo-county-430102",
        "demo-county-430121",
        "demo-county-430181",
    }
    assert all(d["is_demo"] for d in depots)
    items = {i["code"] for i in svc.get("/v1/supplies").json()}
    assert {"food_ration_day", "drinking_water_litre", "first_aid_kit", "blanket", "power_bank"} <= items
    gaps = svc.get("/v1/reserves/network", params={"within": "430300", "townships_needing_point": ["430321101"]}).json()
    kinds = {(g["kind"], g["where"]) for g in gaps["gaps"]}
    assert ("PROVINCIAL_DEPOTS", "1 of 3") in kinds and ("TOWNSHIP_POINT", "430321101") in kinds
    assert ("COUNTY_DEPOT", "430381") in kinds and ("COUNTY_DEPOT", "430321") not in kinds
    assert gaps["basis"]


def test_R15_village_and_community_supply_points(emergency):
    # 专栏6: 交通不便、灾害风险高的乡镇（街道）和村（社区）建设应急物资装备储备点 — villages and communities too.
    svc = emergency()
    svc.depot("village", "430321101201", {}, lat=27.9, lon=112.9)
    params = {
        "within": "430321",
        "townships_needing_point": ["430321101"],
        "villages_needing_point": ["430321101201", "430321101202"],
    }
    gaps = svc.get("/v1/reserves/network", params=params).json()
    kinds = {(g["kind"], g["where"]) for g in gaps["gaps"]}
    assert ("VILLAGE_POINT", "430321101202") in kinds and ("VILLAGE_POINT", "430321101201") not in kinds
    assert ("TOWNSHIP_POINT", "430321101") in kinds  # a village point is not the township's point
    assert any("村（社区）" in (b["note"] or "") for b in gaps["basis"])
    villages = svc.get("/v1/depots", params={"division": "430321", "level": "village"}).json()["items"]
    assert [d["division_code"] for d in villages] == ["430321101201"]
    bad = {**params, "villages_needing_point": ["430321101"]}
    svc.get("/v1/reserves/network", params=bad, expect=422)
    svc.post(
        "/v1/depots",
        {"name": "x", "level": "village", "division_code": "430321101", "lat": 27.9, "lon": 112.9},
        expect=422,
    )  # a village depot sits on a 12-digit code
