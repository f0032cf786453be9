"""Return-to-poverty monitoring through HTTP: monitored villages (R28) and data comparisons with alerts (R29)."""

from __future__ import annotations

from hunan_shared import divisions


def test_every_county_needs_a_monitored_village(client, headers):
    counties = [c.code for c in divisions.counties()]
    for code in counties[1:]:
        assert (
            client.post(
                "/v1/monitored-villages",
                headers=headers,
                json={"division_code": code, "township": "某镇", "village": "某村", "designated_on": "2022-01-01"},
            ).status_code
            == 201
        )
    for index in range(20):
        client.post(
            "/v1/monitored-villages",
            headers=headers,
            json={
                "division_code": counties[1],
                "township": "某镇",
                "village": f"村{index}",
                "designated_on": "2022-01-01",
            },
        )
    coverage = client.get("/v1/monitored-villages/coverage", headers=headers).json()
    assert coverage["province_total"] == len(counties) - 1 + 20 >= 140
    assert coverage["counties_without_village"] == [counties[0]] and coverage["compliant"] is False  # T-21
    duplicate = client.post(
        "/v1/monitored-villages",
        headers=headers,
        json={"division_code": counties[1], "township": "某镇", "village": "某村", "designated_on": "2022-01-01"},
    )
    assert duplicate.status_code == 409


def test_comparison_raises_alerts_and_follow_up_resolves_them(client, headers, register):
    person = register(household_status="dibao")["id"]
    client.post(
        "/v1/subsidy-grants",
        headers=headers,
        json={"person_id": person, "program": "living_subsidy", "approved_on": "2025-01-05"},
    )
    first = client.post(
        "/v1/monitoring-comparisons",
        headers=headers,
        json={
            "run_on": "2025-03-01",
            "persons": [
                {
                    "person_id": person,
                    "eligible": ["medical_insurance", "pension_insurance"],
                    "covered": ["medical_insurance"],
                }
            ],
        },
    )
    assert first.status_code == 201, first.text
    assert [(a["rule_code"], a["severity"]) for a in first.json()["alerts"]] == [("GAP_PENSION_INS", "medium")]
    grants = client.get("/v1/subsidy-grants", params={"person_id": person}, headers=headers).json()["items"]
    client.post(
        f"/v1/subsidy-grants/{grants[0]['id']}/stop",
        headers=headers,
        json={"stopped_on": "2025-03-10", "reason": "核查"},
    )
    second = client.post(
        "/v1/monitoring-comparisons",
        headers=headers,
        json={
            "run_on": "2025-06-01",
            "persons": [
                {
                    "person_id": person,
                    "eligible": ["medical_insurance", "pension_insurance"],
                    "covered": ["medical_insurance"],
                }
            ],
        },
    )
    # The living subsidy lapsed since the last run (HIGH); the pension gap is still open, so not raised again.
    assert [(a["rule_code"], a["severity"]) for a in second.json()["alerts"]] == [("GAP_LIVING_SUBSIDY", "high")]
    alert = second.json()["alerts"][0]["id"]
    done = client.post(
        f"/v1/risk-alerts/{alert}/follow-ups", headers=headers, json={"note": "已恢复发放", "resolved": True}
    )
    assert done.json()["status"] == "resolved" and "已恢复发放" in done.json()["follow_up"]
    still_open = client.get("/v1/risk-alerts", params={"status": "open", "division": "430102"}, headers=headers)
    assert [a["rule_code"] for a in still_open.json()["items"]] == ["GAP_PENSION_INS"]
    unknown = client.post(
        "/v1/monitoring-comparisons",
        headers=headers,
        json={"run_on": "2025-07-01", "persons": [{"person_id": "nobody"}]},
    )
    assert unknown.status_code == 422
