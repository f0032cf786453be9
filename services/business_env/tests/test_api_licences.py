"""Electronic licences (R51, R52) and the province-wide planning-permit list (R57) over HTTP."""

from __future__ import annotations

import pytest

from hunan_business_env.app import create_app
from hunan_business_env.settings import BusinessEnvSettings

WRITE, READ = "business_env:write", "business_env:read"

LICENCE = {
    "licence_no": "HN-YYZZ-0001",
    "licence_type": "营业执照",
    "holder_credit_code": "91430100MA4L02222A",
    "issuer": "长沙市市场监督管理局",
    "issued_at": "2024-05-06T09:00:00+08:00",
    "valid_from": "2024-05-06",
    "valid_to": "2034-05-05",
}


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings)


def test_aggregation_in_real_time_and_paper_equal_effect(client, token):
    r = client.post("/v1/electronic-licences", json=LICENCE, headers=token(WRITE))
    assert r.status_code == 201, r.text
    lid = r.json()["id"]

    def effect(on, no=LICENCE["licence_no"]):
        body = {"licence_no": no, "on": on}
        return client.post("/v1/checks/electronic-licence-effect", json=body, headers=token(READ)).json()

    assert effect("2024-06-01")["effect"] == "NOT_IN_LIBRARY"  # issued but not yet in the library
    # Exactly the limit (60 minutes by default) is still real time.
    r = client.post(
        f"/v1/electronic-licences/{lid}/aggregation",
        json={"aggregated_at": "2024-05-06T10:00:00+08:00"},
        headers=token(WRITE),
    )
    assert r.status_code == 200 and r.json()["aggregated_on_time"] is True
    assert r.json()["basis"][0]["article"] == "Art. 27 para 2 / 第二十七条第二款"
    verdict = effect("2024-06-01")
    assert (
        verdict["effect"] == "SAME_AS_PAPER" and verdict["basis"][0]["article"] == "Art. 27 para 1 / 第二十七条第一款"
    )
    assert effect("2024-05-05")["effect"] == "NOT_YET_VALID"
    assert effect("2034-05-06")["effect"] == "EXPIRED"
    assert effect("2024-06-01", "HN-NOPE")["effect"] == "NOT_IN_LIBRARY"
    assert (
        client.post(
            f"/v1/electronic-licences/{lid}/revocation", json={"revoked_on": "2025-01-01"}, headers=token(WRITE)
        ).status_code
        == 200
    )
    assert effect("2024-12-31")["effect"] == "SAME_AS_PAPER"
    assert effect("2025-01-01")["effect"] == "REVOKED"

    late = {**LICENCE, "licence_no": "HN-YYZZ-0002"}
    lid2 = client.post("/v1/electronic-licences", json=late, headers=token(WRITE)).json()["id"]
    r = client.post(
        f"/v1/electronic-licences/{lid2}/aggregation",
        json={"aggregated_at": "2024-05-06T10:01:00+08:00"},
        headers=token(WRITE),
    )
    assert r.json()["aggregated_on_time"] is False
    exempt = {**LICENCE, "licence_no": "HN-YYZZ-0003", "aggregation_exempt_basis": "某部门规章第十条"}
    lid3 = client.post("/v1/electronic-licences", json=exempt, headers=token(WRITE)).json()["id"]
    r = client.post(
        f"/v1/electronic-licences/{lid3}/aggregation",
        json={"aggregated_at": "2024-06-06T10:01:00+08:00"},
        headers=token(WRITE),
    )
    assert r.json()["aggregated_on_time"] is True
    again = client.post(
        f"/v1/electronic-licences/{lid3}/aggregation",
        json={"aggregated_at": "2024-06-07T10:01:00+08:00"},
        headers=token(WRITE),
    )
    assert again.status_code == 409
    listed = client.get("/v1/electronic-licences?late=true", headers=token(READ)).json()["items"]
    assert [x["licence_no"] for x in listed] == ["HN-YYZZ-0002"]


def test_province_wide_planning_permit_list(client, token):
    commit = {
        "project_type": "工业园区标准厂房",
        "mode": "COMMITMENT",
        "review_elements": ["用地性质", "容积率"],
        "listed_on": "2024-01-01",
    }
    assert client.post("/v1/planning-permit-types", json=commit, headers=token(WRITE)).status_code == 201
    exempt = {"project_type": "既有建筑内部装修", "mode": "EXEMPT", "listed_on": "2024-01-01"}
    assert client.post("/v1/planning-permit-types", json=exempt, headers=token(WRITE)).status_code == 201
    # One list: a type appears once; commitment types list their review elements; exempt types none.
    assert (
        client.post(
            "/v1/planning-permit-types", json={**commit, "mode": "EXEMPT", "review_elements": []}, headers=token(WRITE)
        ).status_code
        == 409
    )
    bad = {**commit, "project_type": "其他", "review_elements": []}
    assert client.post("/v1/planning-permit-types", json=bad, headers=token(WRITE)).status_code == 422

    def mode(project_type):
        body = {"project_type": project_type}
        return client.post("/v1/checks/planning-permit-mode", json=body, headers=token(READ)).json()

    m = mode("工业园区标准厂房")
    assert m["mode"] == "COMMITMENT" and m["review_elements"] == ["用地性质", "容积率"]
    assert m["basis"][0]["article"] == "Art. 28 para 4 / 第二十八条第四款"
    assert mode("既有建筑内部装修")["mode"] == "EXEMPT"
    assert mode("超高层住宅")["mode"] == "REVIEW"
