"""W4 over HTTP: venue certification (a revoked provincial base leaves S20) and the science-museum
post-completion subsidy — accepted, claimed only within R16 (sent to budget as an event), paid."""

from __future__ import annotations

import datetime as dt

from hunan_shared import clock

W, R = "science:write", "science:read"
CLAIMED = "hunan.science.museum_subsidy.claimed"
VENUE = {
    "name": "科技馆",
    "venue_type": "SCI_MUSEUM_PHYSICAL",
    "level": "COUNTY",
    "division_code": "430181",
    "operator_type": "GOVERNMENT",
    "exhibition_hall_area_m2": "5000.00",
}


def venue(client, token, **changes):
    r = client.post("/v1/venues", json={**VENUE, **changes}, headers=token(W))
    assert r.status_code == 201, r.text
    return r.json()["id"]


def post(client, token, path, body, status=200):
    r = client.post(path, json=body, headers=token(W))
    assert r.status_code == status, r.text
    return r.json()


def test_certification_states_and_S20(client, token):
    base = venue(client, token, name="省级科普基地", venue_type="PROV_SCI_BASE", level="PROVINCIAL")
    today = {"on": clock.now().date().isoformat()}
    cert = post(client, token, "/v1/certifications", {"venue_id": base, "level": "PROVINCIAL"}, 201)
    assert cert["state"] == "APPLIED"
    post(client, token, "/v1/certifications", {"venue_id": base, "level": "PROVINCIAL"}, 409)  # one open at a time
    post(client, token, f"/v1/certifications/{cert['id']}/certify", today, 409)  # not assessed yet
    post(client, token, f"/v1/certifications/{cert['id']}/assess", today)
    done = post(client, token, f"/v1/certifications/{cert['id']}/certify", today)
    assert done["state"] == "CERTIFIED" and done["certified_on"] == today["on"]
    assert "三(三)3" in done["basis"][0]["article"]
    s20 = client.get("/v1/indicators/S20", headers=token(R)).json()
    assert s20["value"] == "1"
    review = post(client, token, f"/v1/certifications/{cert['id']}/review", {**today, "note": "年度复核"})
    assert review["state"] == "ANNUAL_REVIEW" and review["last_review_year"] == clock.now().year
    revoked = post(client, token, f"/v1/certifications/{cert['id']}/revoke", today)
    assert revoked["state"] == "REVOKED"
    assert client.get("/v1/indicators/S20", headers=token(R)).json()["value"] is None  # revoked: no longer counted
    post(client, token, f"/v1/certifications/{cert['id']}/renew", today, 409)
    again = post(client, token, "/v1/certifications", {"venue_id": base, "level": "PROVINCIAL"}, 201)
    assert client.get("/v1/indicators/S20", headers=token(R)).json()["value"] == "1"  # applied again
    listed = client.get("/v1/certifications", params={"venue_id": base}, headers=token(R)).json()
    assert {c["id"] for c in listed} == {cert["id"], again["id"]}
    post(client, token, "/v1/certifications", {"venue_id": "nope", "level": "PROVINCIAL"}, 404)


def test_museum_subsidy_claim_within_R16_goes_to_budget(client, token, bus):
    yesterday = {"accepted_on": (clock.now().date() - dt.timedelta(days=1)).isoformat()}
    # a county of 599,999 residents: built and accepted, but the claim is refused and nothing is sent
    small = post(
        client,
        token,
        "/v1/museum-subsidies",
        {"venue_id": venue(client, token), "population": 599_999, "conditions_met": True},
        201,
    )
    post(client, token, f"/v1/museum-subsidies/{small['id']}/claim", {"amount": "1000000.00"}, 409)  # not accepted
    post(client, token, f"/v1/museum-subsidies/{small['id']}/accept", yesterday)
    refused = client.post(f"/v1/museum-subsidies/{small['id']}/claim", json={"amount": "1000000.00"}, headers=token(W))
    assert refused.status_code == 422 and "599999" in refused.json()["detail"]
    assert client.get(f"/v1/museum-subsidies/{small['id']}", headers=token(R)).json()["state"] == "ACCEPTED"

    # a county of 600,000 with the conditions in place: claimed, announced to budget, then paid
    big = post(
        client,
        token,
        "/v1/museum-subsidies",
        {"venue_id": venue(client, token, division_code="430121"), "population": 600_000, "conditions_met": True},
        201,
    )
    post(client, token, f"/v1/museum-subsidies/{big['id']}/accept", yesterday)
    claimed = post(client, token, f"/v1/museum-subsidies/{big['id']}/claim", {"amount": "3000000.00"})
    assert claimed["state"] == "SUBSIDY_CLAIMED" and any("三(三)2" in b["article"] for b in claimed["basis"])
    [event] = bus.emitted(CLAIMED)
    assert event["subsidy_id"] == big["id"] and event["amount"]["amount"] == "3000000.00"
    assert event["division_code"] == "430121" and "三(三)2" in event["basis"]
    post(client, token, f"/v1/museum-subsidies/{big['id']}/claim", {"amount": "3000000.00"}, 409)  # once
    paid = post(client, token, f"/v1/museum-subsidies/{big['id']}/paid", {"payment_ref": "湘财教〔2025〕1号"})
    assert paid["state"] == "SUBSIDY_PAID" and paid["payment_ref"] == "湘财教〔2025〕1号"

    # a 市州 museum needs no population threshold nor conditions
    city = post(
        client,
        token,
        "/v1/museum-subsidies",
        {"venue_id": venue(client, token, division_code="430300", level="PREFECTURE"), "population": 10},
        201,
    )
    post(client, token, f"/v1/museum-subsidies/{city['id']}/accept", yesterday)
    assert (
        post(client, token, f"/v1/museum-subsidies/{city['id']}/claim", {"amount": "1.00"})["state"]
        == "SUBSIDY_CLAIMED"
    )

    # bad input writes nothing
    base = venue(client, token, venue_type="PROV_SCI_BASE")
    post(client, token, "/v1/museum-subsidies", {"venue_id": base, "population": 700_000}, 422)  # not a museum
    post(client, token, "/v1/museum-subsidies", {"venue_id": big["venue_id"], "population": 700_000}, 409)  # one each
    tomorrow = {"accepted_on": (clock.now().date() + dt.timedelta(days=1)).isoformat()}
    fresh = post(client, token, "/v1/museum-subsidies", {"venue_id": venue(client, token), "population": 1}, 201)
    post(client, token, f"/v1/museum-subsidies/{fresh['id']}/accept", tomorrow, 422)
    post(client, token, f"/v1/museum-subsidies/{fresh['id']}/claim", {"amount": "0"}, 422)
    states = {s["state"] for s in client.get("/v1/museum-subsidies", headers=token(R)).json()}
    assert states == {"ACCEPTED", "SUBSIDY_PAID", "SUBSIDY_CLAIMED", "BUILT"}
