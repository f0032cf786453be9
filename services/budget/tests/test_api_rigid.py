"""R14 / Opinion (七) over HTTP: a budget declaring its 三保 and debt service funds the RIGID lines first —
other lines wait, approval needs them, and no adjustment or reallocation takes them below the requirement."""

from __future__ import annotations

W, R = "budget:write", "budget:read"
COUNTY, YEAR = "430104", 2026


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def library_project(client, token, title):
    body = {
        "title": title,
        "department": "岳麓区财政局",
        "division_code": COUNTY,
        "budget_year": YEAR,
        "approval_basis": "区政府常务会议纪要",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "budget_requirement": "1000000.00",
        "feasibility_study_done": True,
        "entry_review_done": True,
    }
    project = ok(client.post("/v1/projects", json=body, headers=token(W)), 201)
    for action in ({"action": "reserve", "reserve_started_on": "2025-06-01"}, {"action": "pass_review"}):
        ok(client.post(f"/v1/projects/{project['id']}/actions", json=action, headers=token(W)))
    admit = {"action": "admit", "control_figure": "100000000.00"}
    return ok(client.post(f"/v1/projects/{project['id']}/actions", json=admit, headers=token(W)))


def line(client, token, budget_id, project_id, category, amount):
    body = {
        "direction": "EXPENDITURE",
        "title": f"{category} line",
        "amount": amount,
        "functional_class": "2010101",
        "economic_class": "30101",
        "category": category,
        "project_id": project_id,
        **({"policy_basis": "区委常委会议定事项〔2026〕1号"} if category == "DEVELOPMENT" else {}),
    }
    return client.post(f"/v1/budgets/{budget_id}/lines", json=body, headers=token(W))


def new_budget(client, token, **extra):
    body = {"unit": "岳麓区财政局", "division_code": COUNTY, "budget_year": YEAR, **extra}
    return ok(client.post("/v1/budgets", json=body, headers=token(W)), 201)


def approve(client, token, budget_id):
    for action in ("department_review", "government_review"):
        ok(client.post(f"/v1/budgets/{budget_id}/actions", json={"action": action}, headers=token(W)))
    body = {"action": "approve", "approval_ref": "岳麓区人大〔2026〕1号", "approved_on": "2026-01-20"}
    return client.post(f"/v1/budgets/{budget_id}/actions", json=body, headers=token(W))


def test_R14_rigid_lines_first_then_the_rest(client, token):
    project = library_project(client, token, "保工资保运转及债务还本付息")
    budget = new_budget(client, token, rigid_required="500000.00")
    assert budget["rigid_required"] == "500000.00"
    refused = line(client, token, budget["id"], project["id"], "BASIC", "1000.00")
    assert refused.status_code == 422 and any("R14" in b["article"] for b in refused.json()["basis"])
    ok(line(client, token, budget["id"], project["id"], "RIGID", "499999.99"), 201)
    assert line(client, token, budget["id"], project["id"], "DEVELOPMENT", "1000.00").status_code == 422
    rigid = ok(line(client, token, budget["id"], project["id"], "RIGID", "0.01"), 201)  # exactly the requirement
    basic = ok(line(client, token, budget["id"], project["id"], "BASIC", "1000.00"), 201)
    assert any("R14" in b["article"] for b in basic["basis"])
    approved = ok(approve(client, token, budget["id"]))
    assert approved["state"] == "APPROVED" and any("R14" in b["article"] for b in approved["basis"])

    # Reallocating a fen out of the rigid lines would leave 三保 short: refused, nothing moves.
    realloc = ok(
        client.post(
            "/v1/reallocations",
            json={
                "budget_id": budget["id"],
                "from_line_id": rigid["id"],
                "to_line_id": basic["id"],
                "amount": "0.01",
                "reason": "办公设备",
            },
            headers=token(W),
        ),
        201,
    )
    url = f"/v1/reallocations/{realloc['id']}/actions"
    ok(client.post(url, json={"action": "approve", "approval_ref": "岳麓区财〔2026〕9号"}, headers=token(W)))
    refused = client.post(url, json={"action": "apply"}, headers=token(W))
    assert refused.status_code == 422 and any("R14" in b["article"] for b in refused.json()["basis"])
    lines = ok(client.get(f"/v1/budgets/{budget['id']}", headers=token(R)))["lines"]
    assert sorted(ln["amount"] for ln in lines if ln["category"] == "RIGID") == ["0.01", "499999.99"]


def test_R14_approval_refused_while_rigid_lines_fall_short(client, token):
    budget = new_budget(client, token, unit="岳麓区教育局", rigid_required="10.00")
    refused = approve(client, token, budget["id"])
    assert refused.status_code == 422 and any("R14" in b["article"] for b in refused.json()["basis"])
    assert ok(client.get(f"/v1/budgets/{budget['id']}", headers=token(R)))["state"] != "APPROVED"


def test_R14_requirement_must_not_be_negative(client, token):
    body = {"unit": "岳麓区财政局", "division_code": COUNTY, "budget_year": YEAR, "rigid_required": "-1.00"}
    assert client.post("/v1/budgets", json=body, headers=token(W)).status_code == 422
