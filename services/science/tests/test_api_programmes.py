"""Volunteer teams and dispatch (W8, 三(四)2) and local implementation plans (W10, 四(一)2) over HTTP."""

from __future__ import annotations

W, R = "science:write", "science:read"


def post(client, token, url, body=None, status=201):
    r = client.post(url, json=body, headers=token(W))
    assert r.status_code == status, r.text
    return r.json()


def test_volunteer_dispatch_W8(client, token):
    team = post(
        client,
        token,
        "/v1/volunteer-teams",
        {
            "name": "湘雅医院科技志愿服务队",
            "organisation_type": "HOSPITAL",
            "division_code": "430100",
            "members": 30,
            "skills": ["急救", "防疫"],
        },
    )
    far = post(
        client,
        token,
        "/v1/volunteer-teams",
        {"name": "岳阳队", "organisation_type": "UNIVERSITY", "division_code": "430600", "members": 5},
    )
    dispatch = post(client, token, "/v1/volunteer-dispatches", {"division_code": "430104", "purpose": "社区防汛科普"})
    assert dispatch["state"] == "REQUESTED"
    url = f"/v1/volunteer-dispatches/{dispatch['id']}"
    refused = client.post(f"{url}/match", json={"team_id": far["id"]}, headers=token(W))
    assert refused.status_code == 422  # a Yueyang team does not serve Changsha's Yuelu district
    assert client.post(f"{url}/dispatch", headers=token(W)).status_code == 409  # not matched yet
    matched = post(client, token, f"{url}/match", {"team_id": team["id"]}, status=200)
    assert (matched["state"], matched["team_id"]) == ("MATCHED", team["id"])
    post(client, token, f"{url}/dispatch", status=200)
    assert post(client, token, f"{url}/complete", status=200)["state"] == "COMPLETED"
    listed = client.get("/v1/volunteer-dispatches", params={"state": "COMPLETED"}, headers=token(R)).json()["items"]
    assert [d["id"] for d in listed] == [dispatch["id"]]
    assert (
        client.get("/v1/volunteer-teams", params={"division": "430100"}, headers=token(R)).json()["items"][0]["name"]
        == team["name"]
    )
    no_campaign = {"division_code": "430104", "purpose": "x y", "campaign_id": "nope"}
    assert client.post("/v1/volunteer-dispatches", json=no_campaign, headers=token(W)).status_code == 404


def test_local_plan_and_assessment_W10(client, token):
    plan = post(
        client, token, "/v1/local-plans", {"division_code": "430100", "title": "长沙市全民科学素质行动实施方案"}
    )
    assert plan["state"] == "DRAFTED"
    again = client.post("/v1/local-plans", json={"division_code": "430100", "title": "重复"}, headers=token(W))
    assert again.status_code == 409
    province = client.post("/v1/local-plans", json={"division_code": "430000", "title": "省"}, headers=token(W))
    assert province.status_code == 422
    approved = post(client, token, f"/v1/local-plans/{plan['id']}/approve", {"approved_on": "2022-03-01"}, status=200)
    assert approved["state"] == "APPROVED"
    repeat = client.post(f"/v1/local-plans/{plan['id']}/approve", json={"approved_on": "2022-03-02"}, headers=token(W))
    assert repeat.status_code == 409
    post(
        client,
        token,
        "/v1/evaluations",
        {
            "kind": "ANNUAL_ASSESSMENT",
            "year": 2023,
            "division_code": "430100",
            "rating": "GOOD",
            "findings": "同考核、同奖惩",
        },
    )
    listed = client.get("/v1/evaluations", params={"division": "430100"}, headers=token(R)).json()["items"]
    assert [e["kind"] for e in listed] == ["ANNUAL_ASSESSMENT"]
    assert (
        client.get("/v1/local-plans", params={"state": "APPROVED"}, headers=token(R)).json()["items"][0]["id"]
        == (plan["id"])
    )
