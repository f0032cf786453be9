"""The indicator dashboard over HTTP (一(二), 二, 三, 四(四)): each target with period, unit, level, progress
computed from the registers and its basis; the same values as Prometheus gauges."""

from __future__ import annotations

from hunan_shared import clock

W, R = "science:write", "science:read"


def post(client, token, url, body, status=201):
    r = client.post(url, json=body, headers=token(W))
    assert r.status_code == status, r.text
    return r.json()


def dashboard(client, token, year):
    r = client.get("/v1/indicators", params={"year": year}, headers=token(R))
    assert r.status_code == 200, r.text
    return {item["code"]: item for item in r.json()["indicators"]}


def test_empty_dashboard_lists_every_target_with_basis(client, token):
    items = dashboard(client, token, 2025)
    assert list(items) == [f"S{n}" for n in range(1, 30)]
    s1 = items["S1"]
    assert (s1["target"], s1["comparison"], s1["unit"], s1["period"], s1["by_year"], s1["level"]) == (
        "15",
        "超过",
        "% of citizens",
        "LATEST",
        2025,
        "province",
    )
    assert s1["outcome"] == "NO_DATA" and s1["basis"][0]["article"] == "一(二) (R1)"
    assert items["S27"]["value"] == "9" and items["S27"]["outcome"] == "MET"  # 5 actions + 4 projects
    assert all(item["basis"] and item["section"] for item in items.values())
    assert client.get("/v1/indicators", headers=token()).status_code == 403
    assert client.get("/v1/indicators/S99", headers=token(R)).status_code == 404


def test_literacy_surveys_S1_S2_S_T1_S_T2(client, token):
    survey = {"kind": "LITERACY", "division_code": "430000", "method": "全省抽样调查"}
    post(client, token, "/v1/surveys", {**survey, "year": 2023, "value": "13.20", "national_average": "12.93"})
    in_2023 = dashboard(client, token, 2023)
    assert in_2023["S1"]["value"] == "13.20" and in_2023["S1"]["outcome"] == "IN_PROGRESS"
    assert in_2023["S2"]["value"] == "0.27" and in_2023["S2"]["outcome"] == "MET"
    post(client, token, "/v1/surveys", {**survey, "year": 2025, "value": "15.00", "national_average": "15.50"})
    in_2025 = dashboard(client, token, 2025)
    assert in_2025["S1"]["outcome"] == "NOT_MET"  # 超过: 15.00 is not above 15
    assert in_2025["S1"]["progress_percent"] == "100.0"
    assert in_2025["S2"]["outcome"] == "WARNING"  # 力争: below the national average is a warning
    post(client, token, "/v1/surveys", {**survey, "year": 2025, "value": "15.01"})
    assert dashboard(client, token, 2025)["S1"]["outcome"] == "MET"
    bad = {**survey, "year": 2025, "value": "101"}
    assert client.post("/v1/surveys", json=bad, headers=token(W)).status_code == 422
    listed = client.get("/v1/surveys", params={"kind": "LITERACY", "year": 2025}, headers=token(R)).json()["items"]
    assert len(listed) == 2


def test_counsellors_are_counted_as_distinct_persons_R3_S_T7(client, token):
    base = {"programme": "SCI_COUNSELLOR", "division_code": "430102", "mode": "OFFLINE", "trained_on": "2025-03-01"}
    for person in ("t-1", "t-2", "t-1"):
        post(client, token, "/v1/trainings", {**base, "person_id": person})
    assert dashboard(client, token, 2025)["S5"]["value"] == "2"  # t-1 twice is one person
    assert dashboard(client, token, 2024)["S5"]["outcome"] == "NO_DATA"  # annual: 2024 has none
    nobody = client.post("/v1/trainings", json=base, headers=token(W))
    assert nobody.status_code == 422 and "distinct persons" in nobody.json()["detail"]
    a_class = client.post("/v1/trainings", json={**base, "person_id": "t-3", "person_times": 40}, headers=token(W))
    assert a_class.status_code == 422


def test_person_times_and_cumulative_periods_S6_S18(client, token):
    farmers = {"programme": "FARMER", "division_code": "431200", "mode": "ONLINE", "platform": "湘农科教云"}
    post(client, token, "/v1/trainings", {**farmers, "person_times": 300_000, "trained_on": "2022-05-01"})
    post(client, token, "/v1/trainings", {**farmers, "person_times": 200_000, "trained_on": "2025-05-01"})
    skills = {"programme": "SKILLS_WORKER", "division_code": "430100", "mode": "OFFLINE"}
    post(client, token, "/v1/trainings", {**skills, "person_times": 549_999, "trained_on": "2025-06-01"})
    items = dashboard(client, token, 2025)
    assert (items["S6"]["value"], items["S6"]["outcome"]) == ("500000", "MET")  # 2021–2025, 以上 inclusive
    assert (items["S18"]["value"], items["S18"]["outcome"]) == ("549999", "NOT_MET")  # S-T8
    assert dashboard(client, token, 2024)["S6"]["value"] == "300000"


def test_innovation_projects_count_when_approved_W6_S3(client, token):
    body = {"title": "智能灌溉", "university": "湖南大学", "division_code": "430104", "year": 2025, "level": "NATIONAL"}
    project = post(client, token, "/v1/innovation-projects", body)
    other = post(client, token, "/v1/innovation-projects", body)
    assert project["state"] == "SUBMITTED" and dashboard(client, token, 2025)["S3"]["outcome"] == "NO_DATA"
    approved = post(client, token, f"/v1/innovation-projects/{project['id']}/approve", None, status=200)
    assert approved["state"] == "APPROVED" and approved["basis"][0]["article"] == "二(一)3 (W6)"
    post(client, token, f"/v1/innovation-projects/{other['id']}/reject", None, status=200)
    s3 = dashboard(client, token, 2025)["S3"]
    assert (s3["value"], s3["outcome"], s3["aspirational"]) == ("1", "WARNING", True)  # 争取: a warning
    again = client.post(f"/v1/innovation-projects/{other['id']}/approve", headers=token(W))
    assert again.status_code == 409
    post(client, token, f"/v1/innovation-projects/{project['id']}/complete", None, status=200)
    assert dashboard(client, token, 2025)["S3"]["value"] == "1"  # completed projects still count
    assert client.post("/v1/innovation-projects/nope/approve", headers=token(W)).status_code == 404


def test_pairings_commissioners_and_designations_S8_S9_S11_S22_S24(client, token):
    pairing = {
        "organisation_kind": "PRIVATE_ENTERPRISE",
        "organiser_level": "COUNTY",
        "village": "花明楼村",
        "division_code": "430182",
        "pairing_type": "INDUSTRY",
        "year": 2023,
    }
    post(client, token, "/v1/pairings", {**pairing, "organisation": "甲公司"})
    post(client, token, "/v1/pairings", {**pairing, "organisation": "甲公司", "village": "炭子冲村"})
    post(
        client, token, "/v1/pairings", {**pairing, "organisation": "乙商会", "organisation_kind": "CHAMBER_OF_COMMERCE"}
    )
    commissioner = {"dispatched_by": "PROVINCE", "division_code": "433122", "speciality": "柑橘", "year": 2022}
    post(client, token, "/v1/commissioners", {**commissioner, "person_id": "c-1"})
    post(client, token, "/v1/commissioners", {**commissioner, "person_id": "c-1", "year": 2023})
    post(client, token, "/v1/commissioners", {**commissioner, "person_id": "c-2", "dispatched_by": "COUNTY"})
    post(
        client,
        token,
        "/v1/designations",
        {"kind": "CRAFTSMAN_BASE", "name": "湘潭基地", "division_code": "430300", "year": 2024},
    )
    hpc = {"kind": "HEALTH_PROMOTION_COUNTY", "name": "浏阳市", "division_code": "430181", "year": 2024}
    post(client, token, "/v1/designations", hpc)
    assert client.post("/v1/designations", json=hpc, headers=token(W)).status_code == 409  # once per county
    city_as_county = {**hpc, "division_code": "430100"}
    assert client.post("/v1/designations", json=city_as_county, headers=token(W)).status_code == 422
    post(
        client,
        token,
        "/v1/designations",
        {"kind": "CITY_PLATFORM_EMBEDDED", "name": "长沙党群服务网", "division_code": "430100", "year": 2024},
    )
    items = dashboard(client, token, 2025)
    assert items["S8"]["value"] == "2"  # distinct organisations
    assert items["S9"]["value"] == "1"  # distinct persons dispatched by the province
    assert items["S11"]["value"] == "1" and items["S11"]["outcome"] == "NOT_MET"
    assert items["S22"]["value"] == "0.8"  # 1 of 122 counties, %
    assert items["S24"]["value"] == "0.7"  # 1 of 14 + 122 platforms, %
    assert dashboard(client, token, 2024)["S11"]["outcome"] == "IN_PROGRESS"  # by 2025: not failed yet


def test_teacher_quota_met_only_in_full_R4_S_T19(client, token):
    quota = {"division_code": "430121", "year": 2024, "requested": 12}
    short = post(client, token, "/v1/teacher-quotas", {**quota, "granted": 11})
    assert short["met"] is False and "1 short" in short["reason"] and short["basis"][0]["article"] == "二(一)7 (R4)"
    post(client, token, "/v1/teacher-quotas", {**quota, "division_code": "430181", "granted": 12})
    s29 = dashboard(client, token, 2024)["S29"]
    assert (s29["value"], s29["outcome"]) == ("50.0", "NOT_MET")
    city = client.post("/v1/teacher-quotas", json={**quota, "division_code": "430100", "granted": 1}, headers=token(W))
    assert city.status_code == 422
    shortfalls = client.get("/v1/teacher-quotas", params={"met": False}, headers=token(R)).json()["items"]
    assert [q["division_code"] for q in shortfalls] == ["430121"]


def test_venues_feed_museum_bases_area_and_station_town_indicators_S10_S19_S20_S21(client, token):
    venue = {"level": "COUNTY", "operator_type": "GOVERNMENT", "exhibition_hall_area_m2": "0"}
    post(
        client,
        token,
        "/v1/venues",
        {
            **venue,
            "name": "长沙科技馆",
            "venue_type": "SCI_MUSEUM_PHYSICAL",
            "division_code": "430104",
            "exhibition_hall_area_m2": "1000000",
        },
    )
    post(
        client,
        token,
        "/v1/venues",
        {**venue, "name": "省级基地", "venue_type": "PROV_SCI_BASE", "division_code": "430300"},
    )
    post(
        client,
        token,
        "/v1/venues",
        {**venue, "name": "学会服务站", "venue_type": "SOCIETY_SERVICE_STATION", "division_code": "430121"},
    )
    post(
        client, token, "/v1/venues", {**venue, "name": "科普小镇", "venue_type": "SCI_TOWN", "division_code": "430121"}
    )
    post(
        client,
        token,
        "/v1/venues",
        {**venue, "name": "另一服务站", "venue_type": "SOCIETY_SERVICE_STATION", "division_code": "430181"},
    )
    post(
        client,
        token,
        "/v1/surveys",
        {"kind": "RESIDENTS", "year": 2024, "division_code": "430000", "value": "66220000", "method": "统计公报"},
    )
    items = dashboard(client, token, 2025)
    assert items["S10"]["value"] == "1"  # only the county with both a station and a town
    assert items["S19"]["value"] == "7.1"  # 1 of 14 市州
    assert items["S20"]["value"] == "1"
    assert items["S21"]["value"] == "151.01"  # 1,000,000 m² for 66.22 million residents
    assert items["S21"]["outcome"] == "NOT_MET"


def test_milestones_and_school_visits_S25_S26_S28(client, token):
    post(
        client,
        token,
        "/v1/surveys",
        {"kind": "LITERACY", "year": 2023, "division_code": "430000", "value": "13.2", "method": "调查"},
    )
    assert dashboard(client, token, 2023)["S25"]["value"] == "1"
    post(
        client,
        token,
        "/v1/evaluations",
        {
            "kind": "MID_TERM_INSPECTION",
            "year": 2023,
            "division_code": "430000",
            "rating": "GOOD",
            "findings": "中期督查",
        },
    )
    assert dashboard(client, token, 2023)["S25"]["outcome"] == "MET"
    assert dashboard(client, token, 2024)["S26"]["outcome"] == "NO_DATA"
    assert dashboard(client, token, 2025)["S26"]["outcome"] == "NOT_MET"
    venue = post(
        client,
        token,
        "/v1/venues",
        {
            "name": "岳麓科技馆",
            "venue_type": "SCI_MUSEUM_PHYSICAL",
            "level": "COUNTY",
            "division_code": "430104",
            "operator_type": "GOVERNMENT",
        },
    )
    visit = {"division_code": "430104", "venue_id": venue["id"], "activity": "科学课", "visited_on": "2025-03-10"}
    post(client, token, "/v1/school-visits", {**visit, "school_id": "s-1", "school_name": "一中", "semester": "2024-2"})
    post(
        client,
        token,
        "/v1/school-visits",
        {**visit, "school_id": "s-2", "school_name": "二中", "semester": "2024-1", "visited_on": "2024-10-10"},
    )
    missing = client.get("/v1/school-visits/missing", params={"semester": "2024-2"}, headers=token(R)).json()
    assert (missing["schools"], missing["missing_school_ids"]) == (2, ["s-2"])  # S-T20
    assert missing["basis"][0]["article"] == "二(一)5 (R11)"
    unknown_venue = {**visit, "venue_id": "nope", "school_id": "s-3", "school_name": "三中", "semester": "2024-2"}
    assert client.post("/v1/school-visits", json=unknown_venue, headers=token(W)).status_code == 404


def test_programmes_reference_data(client, token):
    programmes = client.get("/v1/programmes", headers=token(R)).json()
    assert [p["code"] for p in programmes][:5] == ["ACT_YOUTH", "ACT_FARMER", "ACT_WORKER", "ACT_ELDERLY", "ACT_CADRE"]
    grassroots = next(p for p in programmes if p["code"] == "PRJ_GRASSROOTS")
    assert grassroots["lead"] == ["省科技厅", "省应急厅", "省卫生健康委"] and grassroots["section"] == "三(四)"


def test_indicators_are_prometheus_gauges(client, token):
    post(
        client,
        token,
        "/v1/surveys",
        {"kind": "HEALTH_LITERACY", "year": 2024, "division_code": "430000", "value": "24.50", "method": "监测"},
    )
    metrics = client.get("/metrics").text
    assert 'hunan_science_indicator{indicator="S23",service="science"} 24.5' in metrics
    assert 'hunan_science_indicator{indicator="S23_progress_percent",service="science"} 98.0' in metrics
    assert 'hunan_science_indicator{indicator="S27",service="science"} 9.0' in metrics


def test_demo_province_dashboard_shows_progress_and_basis(client, token):
    loaded = client.post("/v1/demo/science", headers=token(W))
    assert loaded.status_code == 200 and loaded.json()["created"] is True
    assert client.post("/v1/demo/science", headers=token(W)).json() == {"created": False, "records": 0}
    items = dashboard(client, token, clock.now().year)
    assert items["S1"]["value"] == "13.20" and items["S5"]["value"] == "12"
    assert items["S29"]["value"] == "50.0"  # 12 of 12 met, 11 of 12 short
    with_data = [item for item in items.values() if item["value"] is not None]
    assert len(with_data) >= 15
    assert all(item["progress_percent"] is not None or item["code"] == "S2" for item in with_data)
    assert all(item["basis"][0]["document"].startswith("湖南省全民科学素质") for item in items.values())
    [flood] = [c for c in client.get("/v1/content", headers=token(R)).json()["items"] if c["medium"] == "VIDEO"]
    assert flood["title"].startswith("【演示】") and flood["state"] == "APPROVED"
