"""Public services through HTTP: assistive devices (R8), renovation pool (R70, W7), 托养 (R25), education (R63)."""

from __future__ import annotations


def test_a_device_fitted_against_an_assessed_need_is_subsidised(client, headers, register):
    person = register()["id"]
    record = {"person_id": person, "kind": "assistive_device", "item": "轮椅", "recorded_on": "2025-01-02"}
    unassessed = client.post("/v1/service-records", json=record | {"status": "provided"}, headers=headers).json()
    assert unassessed["subsidised"] is False
    client.post("/v1/service-records", json=record | {"status": "needed"}, headers=headers)
    fitted = client.post(
        "/v1/service-records", json=record | {"status": "provided", "recorded_on": "2025-02-01"}, headers=headers
    ).json()
    assert fitted["subsidised"] is True and any("专栏3·资金类·3" in b["article"] for b in fitted["basis"])


def test_renovation_pool_once_per_household_in_priority_order(client, headers, register):
    mild = register(household_status="low_income", grade=4, household_id="H1")["id"]
    register(household_status="low_income", grade=4, household_id="H1")
    severe = register(household_status="dibao", grade=1)["id"]
    first = client.post("/v1/renovation-demands", json={"person_id": mild}, headers=headers)
    assert first.status_code == 201
    twice = client.post("/v1/renovation-demands", json={"person_id": mild}, headers=headers)
    assert twice.status_code == 409  # T-25: one active demand per household
    not_hard = register()["id"]
    assert client.post("/v1/renovation-demands", json={"person_id": not_hard}, headers=headers).status_code == 422
    client.post("/v1/renovation-demands", json={"person_id": severe}, headers=headers)
    pool = client.get("/v1/renovation-demands", params={"division": "430102"}, headers=headers).json()["items"]
    assert [d["person_id"] for d in pool] == [severe, mild]  # 重度 member first
    demand = first.json()["id"]
    skipped = client.post(f"/v1/renovation-demands/{demand}/status", json={"status": "approved"}, headers=headers)
    assert skipped.status_code == 409
    for status in ("assessed", "in_pool", "approved", "in_progress", "completed", "accepted"):
        moved = client.post(f"/v1/renovation-demands/{demand}/status", json={"status": status}, headers=headers)
        assert moved.status_code == 200, moved.text
    progress = client.get("/v1/renovation-demands/progress", headers=headers).json()
    assert (progress["accepted"], progress["target"], progress["active_in_pool"]) == (1, 60000, 1)


def test_care_and_education_placements_record_their_decisions(client, headers, register):
    adult = register(category=5, grade=3)["id"]  # intellectual, born 1950: past working age
    care = client.post(
        "/v1/care-placements",
        headers=headers,
        json={"person_id": adult, "mode": "tuoyang", "provider": "阳光家园", "start_on": "2025-01-01"},
    ).json()
    assert care["target_group"] is False and "专栏3·服务类·3" in care["basis"][0]["article"]
    ended = client.post(f"/v1/care-placements/{care['id']}/end", json={"end_on": "2025-06-30"}, headers=headers)
    assert ended.json()["end_on"] == "2025-06-30"
    assert client.get("/v1/care-placements", params={"active_on": "2025-07-01"}, headers=headers).json()["items"] == []
    student = register(household_status="dibao")["id"]
    placement = {
        "person_id": student,
        "stage": "senior_secondary",
        "placement_type": "special_class",
        "school": "省特教中专",
        "school_year": 2025,
    }
    placed = client.post("/v1/education-placements", json=placement, headers=headers).json()
    assert placed["free_education"] is True  # T-14: 12-year free education for a student of a family in difficulty
    assert client.post("/v1/education-placements", json=placement, headers=headers).status_code == 409


def test_facility_projects_rank_by_the_r78_grounds(client, headers):
    body = {
        "year": 2024,
        "projects": [
            {"project_id": "gap", "priority_area": False, "area_has_no_facility": True},
            {"project_id": "area", "priority_area": True},
            {
                "project_id": "old",
                "kind": "expansion",
                "priority_area": True,
                "built_year": 1998,
                "seriously_deficient": True,
            },
            {
                "project_id": "recent",
                "kind": "expansion",
                "priority_area": False,
                "built_year": 2015,
                "seriously_deficient": True,
            },
        ],
    }
    response = client.post("/v1/facility-projects/ranking", json=body, headers=headers)
    assert response.status_code == 200, response.text
    ranking = response.json()["ranking"]
    assert [r["project_id"] for r in ranking] == ["old", "area", "gap", "recent"]
    assert ranking[0]["grounds"] == ["priority_area", "old_and_deficient"] and ranking[-1]["grounds"] == []
    assert response.json()["basis"][0]["article"] == "三(七)6 (R78)"
    duplicate = body | {"projects": body["projects"][:1] * 2}
    assert client.post("/v1/facility-projects/ranking", json=duplicate, headers=headers).status_code == 422
