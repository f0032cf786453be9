"""The plan's count targets over HTTP (R35, R48, R77, T-SIGN, T-REHAB-STATIONS) and the R30 allocation check."""

from __future__ import annotations

from hunan_shared import divisions


def report(client, headers, division, measure, value, year=2025):
    body = {"division_code": division, "measure": measure, "year": year, "value": value}
    response = client.put("/v1/programme-targets/counts", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def targets(client, headers, year=2025):
    body = client.get("/v1/programme-targets", params={"year": year}, headers=headers).json()
    return {t["id"]: t for t in body["targets"]}


def test_targets_follow_the_reports(client, headers):
    before = targets(client, headers)
    assert set(before) == {
        "R35-leaders",
        "R35-ecommerce",
        "R48-incubation",
        "R48-platform",
        "R77",
        "T-SIGN",
        "T-REHAB-STATIONS",
    }
    assert not any(t["met"] for t in before.values())
    assert before["R48-incubation"]["basis"][0]["article"] == "专栏5·3 (R48)"
    report(client, headers, "430100", "sunshine_income_leaders", 600)
    report(client, headers, "430200", "sunshine_income_leaders", 399, year=2024)  # cumulative: latest ≤ year
    assert targets(client, headers)["R35-leaders"]["value"] == 999
    report(client, headers, "430200", "sunshine_income_leaders", 400)
    assert targets(client, headers)["R35-leaders"]["met"]
    cities = sorted(c.code for c in divisions.prefectures())
    for city in cities[:-1]:
        report(client, headers, city, "regional_incubation_bases", 1)
    short = targets(client, headers)["R48-incubation"]
    assert not short["met"] and short["shortfall"] == [cities[-1]]
    assert targets(client, headers, 2026)["R48-incubation"]["overdue"]
    report(client, headers, "430102", "villages", 20)
    report(client, headers, "430102", "village_associations", 19)
    assert targets(client, headers)["R77"]["value"] == 95 and targets(client, headers)["R77"]["shortfall"] == ["430102"]
    report(client, headers, "430102", "village_associations", 20)  # a correction replaces the report
    assert targets(client, headers)["R77"]["met"]
    report(client, headers, "430000", "rehab_stations", 200)
    assert targets(client, headers)["T-REHAB-STATIONS"]["met"]
    bad = client.put(
        "/v1/programme-targets/counts",
        json={"division_code": "439999", "measure": "rehab_stations", "year": 2025, "value": 1},
        headers=headers,
    )
    assert bad.status_code == 422


def test_welfare_post_allocation_check(client, headers):
    url = "/v1/programme-targets/welfare-post-allocation"
    passed_over = client.post(
        url, json={"chosen": "other", "eligible_disabled_or_family_applied": True}, headers=headers
    )
    assert passed_over.status_code == 200 and passed_over.json()["respects_priority"] is False
    assert passed_over.json()["basis"][0]["article"] == "三(一)2 (R30)"
    given = {"chosen": "disabled_or_family", "eligible_disabled_or_family_applied": True}
    assert client.post(url, json=given, headers=headers).json()["respects_priority"] is True
