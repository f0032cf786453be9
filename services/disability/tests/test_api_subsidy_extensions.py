"""Subsidy extension switches decided per division (R5/R6 「有条件的地方可…」, issue 18 item 11): a city switches the
living-subsidy extension to 低保边缘 households on; its counties follow, a county may decide otherwise, and the
rest of the province keeps the service default."""

from __future__ import annotations

CHANGSHA, FURONG, TIANXIN, ZHUZHOU_HETANG = "430100", "430102", "430103", "430202"


def eligible(client, headers, person_id, program="living_subsidy"):
    body = client.get(f"/v1/persons/{person_id}/subsidy-eligibility", headers=headers).json()
    return {d["program"]: d for d in body["decisions"]}[program]["eligible"]


def switch(client, headers, division, name, enabled):
    body = {"enabled": enabled, "reference": "市政府文件"}
    return client.put(f"/v1/subsidy-extensions/{division}/{name}", json=body, headers=headers)


def test_each_division_decides_its_extension(client, headers, register):
    furong = register(household_status="dibao_marginal", division_code=FURONG)
    tianxin = register(household_status="dibao_marginal", division_code=TIANXIN)
    zhuzhou = register(household_status="dibao_marginal", division_code=ZHUZHOU_HETANG)
    assert not any(eligible(client, headers, p["id"]) for p in (furong, tianxin, zhuzhou))  # default: off
    decided = switch(client, headers, CHANGSHA, "living_subsidy_ext_marginal", True)
    assert decided.status_code == 200, decided.text
    assert decided.json()["enabled"] and decided.json()["basis"][0]["article"] == "三(二)1 (R5)"
    assert eligible(client, headers, furong["id"]) and eligible(client, headers, tianxin["id"])
    assert not eligible(client, headers, zhuzhou["id"])  # another city: the default
    assert switch(client, headers, TIANXIN, "living_subsidy_ext_marginal", False).status_code == 200
    assert eligible(client, headers, furong["id"]) and not eligible(client, headers, tianxin["id"])
    granted = client.post(
        "/v1/subsidy-grants",
        json={"person_id": furong["id"], "program": "living_subsidy", "approved_on": "2026-03-01"},
        headers=headers,
    )
    assert granted.status_code == 201, granted.text
    refused = client.post(
        "/v1/subsidy-grants",
        json={"person_id": tianxin["id"], "program": "living_subsidy", "approved_on": "2026-03-01"},
        headers=headers,
    )
    assert refused.status_code == 422
    listed = client.get("/v1/subsidy-extensions", params={"division": TIANXIN}, headers=headers).json()["items"]
    assert [(e["division_code"], e["enabled"]) for e in listed] == [(CHANGSHA, True), (TIANXIN, False)]
    assert switch(client, headers, "439999", "living_subsidy_ext_marginal", True).status_code == 422
    assert switch(client, headers, CHANGSHA, "free_money", True).status_code == 422
