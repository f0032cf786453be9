"""Project library over HTTP (W1, Opinion (八)): create/read/list, validation, auth, and the life cycle."""

from __future__ import annotations

import pytest

PROBLEM = "application/problem+json"
W, R = "budget:write", "budget:read"

PROJECT = {
    "title": "湘江流域历史遗留矿山生态修复",
    "department": "省自然资源厅",
    "division_code": "430000",
    "budget_year": 2026,
    "approval_basis": "湘政办发〔2021〕73号 二（四）",
    "period_start": "2026-01-01",
    "period_end": "2027-12-31",
    "life_cycle_cost": "52000000.00",
    "medium_term_plan_ref": "2026—2028年中期财政规划",
    "budget_requirement": "12000000.00",
    "feasibility_study_done": True,
    "entry_review_done": True,
    "priority": 2,
    "matter_id": "NR-405",
}


def create(client, token, **changes):
    r = client.post("/v1/projects", json={**PROJECT, **changes}, headers=token(W))
    assert r.status_code == 201, r.text
    return r.json()


def act(client, token, project_id, **body):
    return client.post(f"/v1/projects/{project_id}/actions", json=body, headers=token(W))


def test_create_read_and_list(client, token):
    created = create(client, token)
    assert created["state"] == "DRAFT" and created["fiscal_level"] == "PROVINCE"
    assert created["budget_requirement"] == "12000000.00"
    assert any("R61" in b["article"] for b in created["basis"])
    assert client.get(f"/v1/projects/{created['id']}", headers=token(R)).json()["title"] == PROJECT["title"]
    create(client, token, division_code="430102", matter_id=None, title="岳麓区项目")
    listed = client.get("/v1/projects", params={"division": "430100"}, headers=token(R)).json()
    assert [p["division_code"] for p in listed["items"]] == ["430102"]
    everything = client.get("/v1/projects", params={"division": "430000", "limit": 1}, headers=token(R)).json()
    assert len(everything["items"]) == 1 and everything["next_offset"] == 1


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"division_code": "110101"}, "division_code"),
        ({"budget_requirement": "1.001"}, "budget_requirement"),
        ({"period_end": "2025-01-01"}, "body"),
        ({"matter_id": "NR-999"}, "matter_id"),
        ({"surprise": 1}, "surprise"),
    ],
    ids=["not-hunan", "sub-fen", "period-reversed", "unknown-matter", "extra-field"],
)
def test_invalid_project_is_422_and_writes_nothing(client, token, bus, changes, field):
    r = client.post("/v1/projects", json={**PROJECT, **changes}, headers=token(W))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert field in {e["field"] for e in r.json()["errors"]}
    assert bus.count("project") == 0 and bus.count("audit_log") == 0


def test_matter_at_the_wrong_level_is_refused_R61(client, token, bus):
    # NR-610 (other natural-cause geological hazards) is a city/county matter: not a provincial budget line.
    r = client.post("/v1/projects", json={**PROJECT, "matter_id": "NR-610"}, headers=token(W))
    assert r.status_code == 422 and "R61" in r.json()["basis"][0]["article"]
    assert bus.count("project") == 0


def test_auth(client, token, bus):
    assert client.post("/v1/projects", json=PROJECT).status_code == 401
    assert client.post("/v1/projects", json=PROJECT, headers=token(R)).status_code == 403
    assert client.get("/v1/projects").status_code == 401
    assert client.get("/v1/projects", headers=token("science:read")).status_code == 403
    assert bus.count("project") == 0


def test_life_cycle_through_to_completion(client, token):
    project = create(client, token)
    steps = [
        ({"action": "reserve", "reserve_started_on": "2025-06-30"}, "RESERVED"),
        ({"action": "pass_review"}, "IN_LIBRARY"),
        ({"action": "admit", "control_figure": "12000000.00"}, "IN_BUDGET_LIBRARY"),
        ({"action": "fund"}, "FUNDED"),
        ({"action": "start"}, "EXECUTING"),
        ({"action": "reduce", "grounds": ["SLOW_PROGRESS"], "new_budget_requirement": "9000000.00"}, "REDUCED"),
        ({"action": "complete"}, "COMPLETED"),
    ]
    for body, state in steps:
        r = act(client, token, project["id"], **body)
        assert r.status_code == 200, r.text
        assert r.json()["state"] == state
    final = client.get(f"/v1/projects/{project['id']}", headers=token(R)).json()
    assert final["reserve_on_time"] is True and final["budget_requirement"] == "9000000.00"


def test_late_reserve_is_flagged_not_refused_R17(client, token):
    project = create(client, token)
    r = act(client, token, project["id"], action="reserve", reserve_started_on="2025-07-01")
    assert r.status_code == 200 and r.json()["reserve_on_time"] is False


def test_incomplete_project_stays_reserved_R18(client, token):
    project = create(client, token, period_end=None)
    act(client, token, project["id"], action="reserve")
    r = act(client, token, project["id"], action="pass_review")
    assert r.status_code == 422 and "实施期限" in r.json()["detail"]
    assert client.get(f"/v1/projects/{project['id']}", headers=token(R)).json()["state"] == "RESERVED"


def test_admission_within_the_control_figure_R19(client, token):
    first, second = create(client, token), create(client, token, title="第二个项目", budget_requirement="3000000.00")
    for p in (first, second):
        act(client, token, p["id"], action="reserve")
        act(client, token, p["id"], action="pass_review")
    assert act(client, token, first["id"], action="admit", control_figure="14999999.99").status_code == 200
    over = act(client, token, second["id"], action="admit", control_figure="14999999.99")
    assert over.status_code == 422 and "R19" in over.json()["basis"][0]["article"]
    assert act(client, token, second["id"], action="admit", control_figure="15000000.00").status_code == 200


def test_illegal_transition_and_missing_grounds(client, token):
    project = create(client, token)
    assert act(client, token, project["id"], action="fund").status_code == 409
    for body in (
        {"action": "reserve"},
        {"action": "pass_review"},
        {"action": "admit", "control_figure": "9e7"},
        {"action": "fund"},
        {"action": "start"},
    ):
        assert act(client, token, project["id"], **body).status_code == 200
    assert act(client, token, project["id"], action="cancel").status_code == 422
    assert (
        act(client, token, project["id"], action="cancel", grounds=["PERFORMANCE_INEFFECTIVE"]).json()["state"]
        == "CANCELLED"
    )
    assert act(client, token, "nope", action="reserve").status_code == 404


def test_idempotency_key_replays_the_first_result(client, token, bus):
    headers = {**token(W), "Idempotency-Key": "project-1"}
    first = client.post("/v1/projects", json=PROJECT, headers=headers)
    again = client.post("/v1/projects", json=PROJECT, headers=headers)
    assert again.json()["id"] == first.json()["id"] and again.headers["Idempotent-Replayed"] == "true"
    assert bus.count("project") == 1


@pytest.mark.parametrize(
    ("changes", "funded"),
    [
        ({"life_cycle_cost": None}, False),
        ({"medium_term_plan_ref": None}, False),
        ({"life_cycle_cost": None, "medium_term_plan_ref": None, "period_end": "2026-12-31"}, True),  # one year
        ({"life_cycle_cost": None, "period_end": "2026-12-31", "ppp": True}, False),  # PPP: always life-cycle
        ({}, True),
    ],
)
def test_cross_year_and_ppp_projects_are_funded_only_with_their_life_cycle_in_the_plan_R45(
    client, token, changes, funded
):
    project = create(client, token, **changes)
    for body in (
        {"action": "reserve", "reserve_started_on": "2025-06-30"},
        {"action": "pass_review"},
        {"action": "admit", "control_figure": "12000000.00"},
    ):
        assert act(client, token, project["id"], **body).status_code == 200
    r = act(client, token, project["id"], action="fund")
    assert (r.status_code == 200) is funded, r.text
    assert any("R45" in b["article"] for b in r.json()["basis"])
    state = client.get(f"/v1/projects/{project['id']}", headers=token(R)).json()["state"]
    assert state == ("FUNDED" if funded else "IN_BUDGET_LIBRARY")
