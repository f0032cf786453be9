"""R33 grants, R34 rumour debunking, and the indicator dashboard by 市州 and county, over HTTP."""

from __future__ import annotations

from hunan_shared import clock
from hunan_shared.events.catalogue import DisasterClosed, DisasterDeclared

W, R = "science:write", "science:read"
NOW = clock.now()


def post(client, token, url, body, status=201):
    r = client.post(url, json=body, headers=token(W))
    assert r.status_code == status, r.text
    return r.json()


def content(client, token, action="approve", **body):
    item = post(client, token, "/v1/content", {"title": "谣言辟谣：洪水后井水可直接饮用？", "medium": "TEXT", **body})
    if action:
        post(client, token, f"/v1/content/{item['id']}/review", {"action": action, "reviewer": "专家"}, 200)
    return item


def test_grants_by_category_with_basis_R33(client, token):
    work = content(client, token, topics=["DISASTER_PREVENTION"])
    rejected = content(client, token, action="reject", topics=["DISASTER_PREVENTION"])
    grant = {
        "category": "SHORT_VIDEO",
        "recipient": "湖南科普工作室",
        "project_title": "防汛短视频",
        "funder": "省科协",
        "amount": "50000.00",
        "year": 2024,
        "division_code": "430100",
    }
    made = post(client, token, "/v1/grants", {**grant, "content_id": work["id"]})
    assert made["basis"][0]["article"] == "三(二)1 (R33)"
    scifi = post(client, token, "/v1/grants", {**grant, "category": "SCI_FI", "amount": "20000.00"})
    assert scifi["basis"][0]["article"] == "三(二)2 (R33)"
    refused = client.post("/v1/grants", json={**grant, "content_id": rejected["id"]}, headers=token(W))
    assert refused.status_code == 422 and "rejected" in refused.json()["detail"]
    post(client, token, "/v1/grants", {**grant, "category": "LOTTERY"}, 422)
    post(client, token, "/v1/grants", {**grant, "amount": "0"}, 422)
    post(client, token, "/v1/grants", {**grant, "content_id": "missing"}, 404)
    totals = client.get("/v1/grants/totals", params={"year": 2024}, headers=token(R)).json()
    assert totals["by_category"] == {"SCI_FI": "20000.00", "SHORT_VIDEO": "50000.00"} and totals["total"] == "70000.00"
    listed = client.get("/v1/grants", params={"category": "SCI_FI"}, headers=token(R)).json()["items"]
    assert [g["id"] for g in listed] == [scifi["id"]]


def test_rumours_are_answered_with_reviewed_content_R34(client, token, bus):
    rebuttal = content(client, token, topics=["INFECTIOUS_DISEASE"])
    draft = content(client, token, action=None, topics=["INFECTIOUS_DISEASE"])
    base = {"disaster_id": "d-rumour", "hazard": "FLOOD_DROUGHT", "response_level": "IV", "division_codes": ["430121"]}
    bus.deliver(DisasterDeclared(**base, title="洪水", occurred_at=NOW, declared_at=NOW))
    [campaign] = client.get("/v1/campaigns", params={"disaster_id": "d-rumour"}, headers=token(R)).json()["items"]
    claim = {"claim": "洪水后井水可直接饮用", "rebuttal_content_id": rebuttal["id"], "campaign_id": campaign["id"]}
    done = post(client, token, "/v1/debunks", claim)
    assert done["division_codes"] == ["430121"] and done["hazard"] == "FLOOD_DROUGHT"
    assert done["channels"] == ["rumour_platform"] and {b["article"] for b in done["basis"]} >= {"三(二)4 (R34)"}
    unreviewed = client.post("/v1/debunks", json={**claim, "rebuttal_content_id": draft["id"]}, headers=token(W))
    assert unreviewed.status_code == 422 and "expert-approved" in unreviewed.json()["detail"]
    post(client, token, "/v1/debunks", {**claim, "channels": ["partner_media"]}, 422)  # always on the platform
    bus.deliver(DisasterClosed(**base, outcome="closed", closed_at=NOW))
    post(client, token, "/v1/debunks", claim, 422)  # the campaign is closed
    free = post(client, token, "/v1/debunks", {**claim, "campaign_id": None, "division_codes": ["430300"]})
    assert free["campaign_id"] is None
    by_division = client.get("/v1/debunks", params={"division": "430100"}, headers=token(R)).json()
    assert [d["id"] for d in by_division] == [done["id"]]  # 长沙县 lies inside 长沙市


def test_indicators_by_city_and_county(client, token):
    survey = {"kind": "LITERACY", "method": "市州抽样调查", "year": 2025}
    post(client, token, "/v1/surveys", {**survey, "division_code": "430100", "value": "18.00"})
    post(client, token, "/v1/surveys", {**survey, "division_code": "430000", "value": "14.00"})
    pairing = {
        "organisation_kind": "PRIVATE_ENTERPRISE",
        "organiser_level": "COUNTY",
        "village": "花明楼村",
        "pairing_type": "INDUSTRY",
        "year": 2023,
    }
    post(client, token, "/v1/pairings", {**pairing, "organisation": "甲公司", "division_code": "430182"})
    post(client, token, "/v1/pairings", {**pairing, "organisation": "乙公司", "division_code": "430300"})
    post(
        client,
        token,
        "/v1/designations",
        {"kind": "HEALTH_PROMOTION_COUNTY", "name": "宁乡", "division_code": "430182", "year": 2024},
    )

    def board(division):
        r = client.get("/v1/indicators", params={"year": 2025, "division": division}, headers=token(R))
        assert r.status_code == 200, r.text
        assert r.json()["division_code"] == division
        return {i["code"]: i for i in r.json()["indicators"]}

    province, city, county = board("430000"), board("430100"), board("430182")
    assert (province["S1"]["value"], province["S1"]["outcome"]) == ("14.00", "NOT_MET")
    assert (city["S1"]["value"], city["S1"]["outcome"], city["S1"]["level"]) == ("18.00", "MET", "prefecture")
    assert county["S1"]["outcome"] == "NO_DATA"  # the county has no survey of its own
    assert (province["S8"]["value"], city["S8"]["value"], county["S8"]["value"]) == ("2", "1", "1")
    assert city["S8"]["outcome"] == "CONTRIBUTION" and "2000" in city["S8"]["reason"]
    assert any(b["article"] == "四(一)2 (R37)" for b in city["S8"]["basis"])
    assert county["S22"]["value"] == "100.0" and county["S22"]["outcome"] == "MET"  # 1 of its 1 county
    assert city["S25"]["outcome"] == city["S27"]["outcome"] == "PROVINCE_ONLY"
    assert county["S19"]["outcome"] == "NO_DATA"  # a county has no 市州 to count
    one = client.get("/v1/indicators/S8", params={"division": "430300"}, headers=token(R)).json()
    assert one["value"] == "1"
    assert client.get("/v1/indicators", params={"division": "439999"}, headers=token(R)).status_code == 422
    assert client.get("/v1/indicators", params={"division": "110000"}, headers=token(R)).status_code == 422
