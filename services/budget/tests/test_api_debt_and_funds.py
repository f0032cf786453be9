"""Debt, major projects and investment funds over HTTP: each refusal carries its basis (Opinion 五, (十))."""

from __future__ import annotations

W, R = "budget:write", "budget:read"
COUNTY, YEAR = "430104", 2026


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def refused(response, rule, status=422):
    assert response.status_code == status, response.text
    assert any(rule in b["article"] for b in response.json()["basis"]), response.json()


def test_bonds_within_the_limit_and_no_guarantees_R40_R44(client, token):
    debt = {"division_code": COUNTY, "budget_year": YEAR, "title": "专项债", "issued_on": "2026-04-01"}
    refused(client.post("/v1/debts", json={**debt, "kind": "SPECIAL_BOND", "amount": "1.00"}, headers=token(W)), "R40")
    ok(
        client.post(
            "/v1/debt-limits", json={"division_code": COUNTY, "budget_year": YEAR, "limit": "1000.00"}, headers=token(W)
        ),
        201,
    )
    ok(client.post("/v1/debts", json={**debt, "kind": "SPECIAL_BOND", "amount": "1000.00"}, headers=token(W)), 201)
    refused(client.post("/v1/debts", json={**debt, "kind": "GENERAL_BOND", "amount": "0.01"}, headers=token(W)), "R40")
    refused(client.post("/v1/debts", json={**debt, "kind": "BANK_LOAN", "amount": "1.00"}, headers=token(W)), "R40")
    refused(
        client.post("/v1/debts", json={**debt, "kind": "COMFORT_LETTER", "amount": "1.00"}, headers=token(W)), "R44"
    )
    listed = ok(client.get("/v1/debts", params={"division_code": COUNTY, "budget_year": YEAR}, headers=token(R)))
    assert [x["amount"] for x in listed] == ["1000.00"]


PROJECT = {
    "title": "城区防洪堤",
    "department": "区水利局",
    "division_code": COUNTY,
    "budget_year": YEAR,
    "approval_basis": "区政府常务会议",
    "period_start": "2026-01-01",
    "period_end": "2027-12-31",
    "life_cycle_cost": "52000000.00",
    "medium_term_plan_ref": "2026—2028年中期财政规划",
    "budget_requirement": "50000000.00",
    "feasibility_study_done": True,
    "entry_review_done": True,
    "government_investment": True,
    "major": True,
}


def act(client, token, project_id, **body):
    return client.post(f"/v1/projects/{project_id}/actions", json=body, headers=token(W))


def test_no_funding_source_no_approval_and_affordability_before_funding_R43_R46(client, token):
    project = ok(client.post("/v1/projects", json=PROJECT, headers=token(W)), 201)
    ok(act(client, token, project["id"], action="reserve", reserve_started_on="2025-06-01"))
    refused(act(client, token, project["id"], action="pass_review"), "R43")
    funded = ok(
        client.post("/v1/projects", json={**PROJECT, "funding_source": "一般债券+本级财力"}, headers=token(W)), 201
    )
    for body in (
        {"action": "reserve", "reserve_started_on": "2025-06-01"},
        {"action": "pass_review"},
        {"action": "admit", "control_figure": "90000000.00"},
    ):
        ok(act(client, token, funded["id"], **body))
    refused(act(client, token, funded["id"], action="fund"), "R46")
    url = f"/v1/projects/{funded['id']}/affordability-assessments"
    ok(client.post(url, json={"result": "RISK", "assessed_on": "2026-01-05"}, headers=token(W)), 201)
    refused(act(client, token, funded["id"], action="fund"), "R46")
    ok(client.post(url, json={"result": "WITHIN_CAPACITY", "assessed_on": "2026-01-10"}, headers=token(W)), 201)
    assert ok(act(client, token, funded["id"], action="fund"))["state"] == "FUNDED"


def contribution_line(client, token, amount="3000000.00", rigid_under_covered=False, unit="区财政局"):
    project = ok(
        client.post(
            "/v1/projects",
            json={
                **PROJECT,
                "title": "产业引导基金出资",
                "government_investment": False,
                "major": False,
                "department": unit,
            },
            headers=token(W),
        ),
        201,
    )
    for body in (
        {"action": "reserve", "reserve_started_on": "2025-06-01"},
        {"action": "pass_review"},
        {"action": "admit", "control_figure": "90000000.00"},
    ):
        ok(act(client, token, project["id"], **body))
    budget = ok(
        client.post(
            "/v1/budgets",
            json={
                "unit": unit,
                "division_code": COUNTY,
                "budget_year": YEAR,
                "rigid_under_covered": rigid_under_covered,
            },
            headers=token(W),
        ),
        201,
    )
    return ok(
        client.post(
            f"/v1/budgets/{budget['id']}/lines",
            json={
                "direction": "EXPENDITURE",
                "title": "基金出资",
                "amount": amount,
                "functional_class": "2150899",
                "category": "RIGID",
                "project_id": project["id"],
            },
            headers=token(W),
        ),
        201,
    )


FUND = {
    "name": "岳麓产业引导基金",
    "division_code": COUNTY,
    "sector": "先进制造",
    "fiscal_contribution": "3000000.00",
    "contribution_source": "FISCAL_APPROPRIATION",
    "agreed_social_capital_floor": "300.00",
}


def test_fund_checks_and_life_cycle_T14_T15_T16(client, token):
    line = contribution_line(client, token)
    refused(
        client.post(
            "/v1/funds",
            json={**FUND, "budget_line_id": line["id"], "contribution_source": "LOCAL_GOV_BOND"},
            headers=token(W),
        ),
        "R23",
    )  # T14
    refused(
        client.post(
            "/v1/funds", json={**FUND, "budget_line_id": line["id"], "guaranteed_return_clause": True}, headers=token(W)
        ),
        "R25",
    )  # T15
    refused(client.post("/v1/funds", json=FUND, headers=token(W)), "R22")  # not in the budget
    refused(
        client.post(
            "/v1/funds",
            json={**FUND, "budget_line_id": line["id"], "fiscal_contribution": "3000000.01"},
            headers=token(W),
        ),
        "R22",
    )
    fund = ok(client.post("/v1/funds", json={**FUND, "budget_line_id": line["id"]}, headers=token(W)), 201)
    url = f"/v1/funds/{fund['id']}/actions"
    ok(client.post(url, json={"action": "establish"}, headers=token(W)))
    ok(client.post(url, json={"action": "invest", "raised_social_capital": "300.00"}, headers=token(W)))
    refused(client.post(url, json={"action": "trigger_exit"}, headers=token(W)), "R26")  # T16: 300 = floor
    exiting = ok(
        client.post(url, json={"action": "trigger_exit", "raised_social_capital": "299.00"}, headers=token(W))
    )  # T16: 299 < floor
    assert exiting["state"] == "EXITING" and "floor" in exiting["exit_reason"]
    assert ok(client.post(url, json={"action": "exit"}, headers=token(W)))["state"] == "EXITED"
    assert client.post(url, json={"action": "invest"}, headers=token(W)).status_code == 409


def test_no_new_fund_where_rigid_spending_is_under_covered_R24(client, token):
    line = contribution_line(client, token, rigid_under_covered=True, unit="某局")
    refused(client.post("/v1/funds", json={**FUND, "budget_line_id": line["id"]}, headers=token(W)), "R24")


def test_special_bond_matching_warns_R41(client, token):
    ok(
        client.post(
            "/v1/debt-limits", json={"division_code": COUNTY, "budget_year": YEAR, "limit": "5000.00"}, headers=token(W)
        ),
        201,
    )
    bond = {
        "division_code": COUNTY,
        "budget_year": YEAR,
        "kind": "SPECIAL_BOND",
        "title": "园区专项债",
        "issued_on": "2026-05-01",
        "amount": "1000.00",
        "project_revenue": "1200.00",
        "debt_service": "1200.00",
        "bond_term_years": 10,
        "project_term_years": 10,
    }
    matched = ok(client.post("/v1/debts", json=bond, headers=token(W)), 201)
    assert matched["warnings"] == [] and any("R41" in b["article"] for b in matched["basis"])
    short = ok(
        client.post("/v1/debts", json={**bond, "project_revenue": "1199.99", "bond_term_years": 15}, headers=token(W)),
        201,
    )
    assert len(short["warnings"]) == 2 and "debt service" in short["warnings"][0]
    unshown = {k: v for k, v in bond.items() if k not in ("project_revenue", "debt_service")}
    assert "not shown" in ok(client.post("/v1/debts", json=unshown, headers=token(W)), 201)["warnings"][0]


def test_high_risk_level_gets_less_new_debt_R42(client, token):
    def limit(year, allocation, rating=None):
        body = {"division_code": COUNTY, "budget_year": year, "limit": "9000.00", "new_debt_allocation": allocation}
        return client.post("/v1/debt-limits", json={**body, "risk_rating": rating}, headers=token(W))

    ok(limit(YEAR - 1, "800.00", "MEDIUM"), 201)
    same = limit(YEAR, "800.00", "HIGH")
    refused(same, "R42")  # equal is not a reduction
    reduced = ok(limit(YEAR, "799.99", "HIGH"), 201)
    assert reduced["risk_rating"] == "HIGH" and any("R42" in b["article"] for b in reduced["basis"])
    refused(limit(YEAR + 5, "1.00", "HIGH"), "R42")  # nothing recorded to reduce from
