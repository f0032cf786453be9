"""Employment resources through HTTP: annual quota review (R36–R38), welfare posts (R31), 低保 gradual exit (R4)."""

from __future__ import annotations


def employer(client, headers, **body):
    response = client.post(
        "/v1/employers",
        headers=headers,
        json={
            "name": "单位",
            "unit_type": "party_gov_organ",
            "admin_level": "province",
            "division_code": "430000",
            "authorized_headcount": 50,
        }
        | body,
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def review(client, headers, employer_id, staff, severe=0, other=0, year=2025):
    return client.post(
        f"/v1/employers/{employer_id}/quota-reviews",
        headers=headers,
        json={
            "year": year,
            "in_post_staff": staff,
            "severe_disabled_employees": severe,
            "other_disabled_employees": other,
        },
    )


def test_annual_review_applies_the_2025_project_and_the_dpf_share(client, headers):
    organ = employer(client, headers)  # T-8: 编制 50, nobody disabled
    t8 = review(client, headers, organ, staff=50).json()
    assert t8["project_status"] == "must_employ" and t8["meets_ratio"] is False and t8["shortfall"] == 1
    assert any("专栏5·1" in b["article"] for b in t8["basis"])
    small = employer(client, headers, authorized_headcount=49)  # T-9
    assert review(client, headers, small, staff=49).json()["project_status"] == "out_of_scope"
    hospital = employer(
        client,
        headers,
        unit_type="public_institution",
        admin_level="county",
        division_code="430102",
        authorized_headcount=67,
    )  # T-10
    assert review(client, headers, hospital, staff=100, other=1).json()["project_status"] == "satisfied"
    school = employer(
        client,
        headers,
        unit_type="public_institution",
        admin_level="county",
        institution_subtype="primary_secondary_school",
        division_code="430102",
        authorized_headcount=300,
    )  # T-11
    assert review(client, headers, school, staff=300).json()["project_status"] == "out_of_scope"
    dpf = employer(
        client, headers, unit_type="dpf_organ", admin_level="county", division_code="430102", authorized_headcount=20
    )  # T-12
    assert review(client, headers, dpf, staff=20, other=3).json()["dpf_cadres_compliant"] is True
    assert review(client, headers, dpf, staff=20, other=2, year=2024).json()["dpf_cadres_compliant"] is False
    assert review(client, headers, dpf, staff=20, other=3).status_code == 409  # one review per year
    over = employer(client, headers, unit_type="enterprise", admin_level="county", division_code="430102")
    assert review(client, headers, over, staff=100, severe=1).json()["over_quota"] is True  # 2 counted > 1.5
    assert review(client, headers, over, staff=10, other=11, year=2024).status_code == 422
    listed = client.get(f"/v1/employers/{dpf}/quota-reviews", headers=headers).json()["items"]
    assert [r["year"] for r in listed] == [2024, 2025]


def test_public_welfare_posts_need_ten_percent(client, headers):
    body = {"division_code": "430102", "year": 2025, "total_posts": 200, "held_by_disabled_or_family": 19}
    assert client.put("/v1/welfare-post-reports", json=body, headers=headers).json()["compliant"] is False  # T-13
    corrected = client.put("/v1/welfare-post-reports", json=body | {"held_by_disabled_or_family": 20}, headers=headers)
    assert corrected.json()["compliant"] is True and "专栏2·6" in corrected.json()["basis"][0]["article"]
    assert (
        len(client.get("/v1/welfare-post-reports", params={"division": "430100"}, headers=headers).json()["items"]) == 1
    )
    wrong = client.put("/v1/welfare-post-reports", json=body | {"division_code": "430100"}, headers=headers)
    assert wrong.status_code == 422  # a prefecture is not a county


def test_employed_dibao_person_exits_gradually(client, headers, register):
    person = register(household_status="dibao")["id"]
    review_body = {
        "person_id": person,
        "reviewed_on": "2025-03-01",
        "household_income": "2200.00",
        "deductible_employment_costs": "0",
        "members": 2,
        "dibao_standard": "1000.00",
    }
    t4 = client.post("/v1/dibao-reviews", json=review_body, headers=headers).json()  # 1 100 = 1.10 × standard
    assert t4["status"] == "gradual_exit" and t4["exit_on"] == "2025-09-01"
    ended = client.post("/v1/dibao-reviews", json=review_body | {"reviewed_on": "2025-09-01"}, headers=headers).json()
    assert ended["status"] == "exited"
    assert client.get(f"/v1/persons/{person}", headers=headers).json()["household_status"] == "none"
    other = register(household_status="dibao")["id"]
    t5 = client.post(
        "/v1/dibao-reviews", json=review_body | {"person_id": other, "household_income": "2000.00"}, headers=headers
    ).json()
    assert t5["status"] == "enrolled"  # 1.00 × standard does not exceed it
    outside = register()["id"]
    refused = client.post("/v1/dibao-reviews", json=review_body | {"person_id": outside}, headers=headers)
    assert refused.status_code == 422
