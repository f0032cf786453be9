"""专栏1 indicators computed from records, as JSON and as Prometheus gauges."""

from __future__ import annotations

import datetime as dt

from hunan_disability.rules.identity import id_check_character
from hunan_shared import clock


def test_indicators_from_records(client, headers, register):
    eligible = [register(household_status="dibao")["id"] for _ in range(4)]
    register(household_status="none")  # not eligible: outside the denominator
    for person in eligible[:3]:
        client.post(
            "/v1/subsidy-grants",
            headers=headers,
            json={"person_id": person, "program": "living_subsidy", "approved_on": "2024-01-10"},
        )
    rehab = eligible[0]
    client.post(
        "/v1/service-records",
        headers=headers,
        json={
            "person_id": rehab,
            "kind": "rehabilitation",
            "item": "运动康复",
            "status": "needed",
            "recorded_on": "2025-01-02",
        },
    )
    client.post(
        "/v1/service-records",
        headers=headers,
        json={
            "person_id": rehab,
            "kind": "rehabilitation",
            "item": "运动康复",
            "status": "provided",
            "recorded_on": "2025-02-02",
        },
    )
    client.post(
        "/v1/service-records",
        headers=headers,
        json={
            "person_id": eligible[1],
            "kind": "rehabilitation",
            "item": "言语训练",
            "status": "needed",
            "recorded_on": "2025-01-02",
        },
    )
    body = client.get("/v1/indicators", headers=headers).json()
    by_number = {i["number"]: i for i in body}
    assert sorted(by_number) == list(range(1, 11))
    living = by_number[3]
    assert (living["numerator"], living["denominator"], living["value"]) == (3, 4, "75.00")
    assert living["meets_target"] is False and living["nature"] == "binding"
    assert living["baseline_2020"] == "95" and living["target_2025"] == "100"
    assert (by_number[8]["numerator"], by_number[8]["denominator"], by_number[8]["value"]) == (1, 2, "50.00")
    assert by_number[1]["value"] is None and "not by this service" in by_number[1]["source"]
    assert by_number[10]["value"] == "0.00" and by_number[10]["target_2025"] == "60000"
    assert all(i["basis"][0]["article"] == "专栏1" for i in body)

    metrics = client.get("/metrics").text
    assert 'hunan_disability_indicator{indicator="living_subsidy_coverage",service="disability"} 75.0' in metrics
    assert 'indicator="rehabilitation_coverage"' in metrics
    assert 'indicator="training_persons"' not in metrics  # no data: no gauge rather than a made-up zero


def test_compulsory_education_counts_school_age_persons_placed_this_school_year(client, headers, register, id_numbers):
    today = clock.now().date()
    school_year = today.year if today.month >= 9 else today.year - 1
    ten = dt.date(today.year - 10, today.month, 1)
    first_17 = f"430102{ten:%Y%m%d}123"
    pupil = register(id_number=first_17 + id_check_character(first_17), grade=3)["id"]
    register(grade=3)  # born 1950: not school age
    placed = client.post(
        "/v1/education-placements",
        headers=headers,
        json={
            "person_id": pupil,
            "stage": "compulsory",
            "placement_type": "regular_class",
            "school": "芙蓉区一小",
            "school_year": school_year,
        },
    )
    assert placed.status_code == 201, placed.text
    seven = {i["number"]: i for i in client.get("/v1/indicators", headers=headers).json()}[7]
    assert (seven["numerator"], seven["denominator"], seven["value"], seven["meets_target"]) == (1, 1, "100.00", True)
