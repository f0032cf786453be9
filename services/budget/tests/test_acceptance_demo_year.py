"""Issue #16 acceptance, over HTTP only: one demo county's year (岳麓区 430104, 2026) compiled with the priority
guarantee list first, approved, adjusted through its workflow, executed (spending within lines, receipts,
transfers, a suspense payment, carry-overs), disclosed; then every control evaluated with its threshold, value,
basis and source records, and the year-end sweep producing the exact amounts to recall (W2–W6)."""

from __future__ import annotations

W, R = "budget:write", "budget:read"
COUNTY, YEAR = "430104", 2026
UNIT = "岳麓区自然资源局"


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def post(client, token, url, body, status=201):
    return ok(client.post(url, json=body, headers=token(W)), status)


def get(client, token, url, **params):
    return ok(client.get(url, params=params, headers=token(R)))


def refused(client, token, url, body, article, status=422):
    response = client.post(url, json=body, headers=token(W))
    assert response.status_code == status, response.text
    assert any(article in b["article"] for b in response.json()["basis"]), response.json()


def library_project(client, token, title):
    """A project admitted to the project library (W1): budget lines need one (R16, R18)."""
    project = post(
        client,
        token,
        "/v1/projects",
        {
            "title": title,
            "department": UNIT,
            "division_code": COUNTY,
            "budget_year": YEAR,
            "approval_basis": "岳麓区政府常务会议纪要",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
            "budget_requirement": "1000000.00",
            "feasibility_study_done": True,
            "entry_review_done": True,
        },
    )
    for action in (
        {"action": "reserve", "reserve_started_on": "2025-06-01"},
        {"action": "pass_review"},
        {"action": "admit", "control_figure": "100000000.00"},
    ):
        post(client, token, f"/v1/projects/{project['id']}/actions", action, 200)
    return project


def expenditure(project_id, category, amount, **extra):
    return {
        "direction": "EXPENDITURE",
        "title": extra.pop("title", category),
        "amount": amount,
        "functional_class": "2200101",
        "economic_class": "30201",
        "category": category,
        "project_id": project_id,
        **({"policy_basis": "县委常委会议定事项〔2026〕3号"} if category == "DEVELOPMENT" else {}),
        **extra,
    }


def test_a_demo_county_year_over_http_with_every_control_and_the_sweep(client, token):
    # --- Compilation (W2): fee catalogue, priority guarantee list first (Opinion (一), R1) -----------------
    post(
        client,
        token,
        "/v1/fee-fund-items",
        {"code": "HN-NR-001", "name": "土地复垦费", "legal_basis": "土地复垦条例", "budget_kind": "GENERAL_PUBLIC"},
    )
    item = post(
        client,
        token,
        "/v1/priority-items",
        {
            "division_code": COUNTY,
            "budget_year": YEAR,
            "task": "地质灾害隐患点综合治理",
            "priority_order": 1,
            "required_amount": "800000.00",
        },
    )
    priority, development = library_project(client, token, "地灾治理"), library_project(client, token, "科普基地")
    budget = post(client, token, "/v1/budgets", {"unit": UNIT, "division_code": COUNTY, "budget_year": YEAR})
    lines_url = f"/v1/budgets/{budget['id']}/lines"
    revenue = post(
        client,
        token,
        lines_url,
        {
            "direction": "REVENUE",
            "title": "土地复垦费",
            "amount": "300000.00",
            "functional_class": "1030101",
            "revenue_source": "FEE_OR_FUND",
            "fee_code": "HN-NR-001",
        },
    )
    refused(client, token, lines_url, expenditure(development["id"], "DEVELOPMENT", "200000.00"), "R1")
    p_line = post(
        client,
        token,
        lines_url,
        expenditure(priority["id"], "PRIORITY", "800000.00", priority_item_id=item["id"], title="地灾治理"),
    )
    [listed] = get(client, token, "/v1/priority-items", division_code=COUNTY, budget_year=YEAR)
    assert (listed["fully_guaranteed"], listed["funded_amount"]) == (True, "800000.00")
    d_line = post(client, token, lines_url, expenditure(development["id"], "DEVELOPMENT", "200000.00", title="科普"))

    # --- Approval (R48): the review chain, then the people's congress --------------------------------------
    actions = f"/v1/budgets/{budget['id']}/actions"
    for action in ("department_review", "government_review"):
        post(client, token, actions, {"action": action}, 200)
    approved = post(
        client,
        token,
        actions,
        {"action": "approve", "approval_ref": "岳麓区人大〔2026〕1号", "approved_on": "2026-01-20"},
        200,
    )
    assert (approved["state"], approved["expenditure_total"]) == ("APPROVED", "1000000.00")
    late = client.post(lines_url, json=expenditure(development["id"], "DEVELOPMENT", "1.00"), headers=token(W))
    assert late.status_code == 422  # approved: only the adjustment workflow changes it (R13, R30)

    # --- Adjustment through its workflow (W3) --------------------------------------------------------------
    adjustment = post(
        client,
        token,
        "/v1/adjustments",
        {"budget_id": budget["id"], "reason": "汛期追加", "items": [{"line_id": p_line["id"], "delta": "100000.00"}]},
    )
    adj_url = f"/v1/adjustments/{adjustment['id']}/actions"
    assert client.post(adj_url, json={"action": "apply"}, headers=token(W)).status_code == 409  # not approved
    for action in (
        {"action": "government_review"},
        {"action": "submit"},
        {"action": "approve", "decision_ref": "岳麓区人大常委会决议〔2026〕2号"},
    ):
        post(client, token, adj_url, action, 200)
    assert post(client, token, adj_url, {"action": "apply"}, 200)["state"] == "APPLIED"

    # --- Execution: spending within lines (R29), a receipt, a suspense payment (R35) -------------------------
    pay = {"division_code": COUNTY, "budget_year": YEAR, "payee": "施工单位", "purpose": "治理工程"}
    post(
        client, token, "/v1/payments", {**pay, "line_id": d_line["id"], "amount": "200000.00", "paid_on": "2026-03-01"}
    )
    post(
        client, token, "/v1/payments", {**pay, "line_id": p_line["id"], "amount": "800000.00", "paid_on": "2026-06-01"}
    )
    beyond = {**pay, "line_id": p_line["id"], "amount": "100000.01", "paid_on": "2026-07-01"}
    refused(client, token, "/v1/payments", beyond, "R29")  # 900 000.01 > the adjusted 900 000 line
    suspense = post(
        client,
        token,
        "/v1/payments",
        {**pay, "amount": "5000.00", "approved_matter_ref": "岳麓区财〔2026〕3号", "paid_on": "2026-08-01"},
    )
    assert suspense["kind"] == "SUSPENSE"
    receipt = {"line_id": revenue["id"], "amount": "1000.00", "payer": "某公司", "received_on": "2026-02-01"}
    post(client, token, "/v1/receipts", receipt)
    final = get(client, token, f"/v1/budgets/{budget['id']}")
    amounts = {ln["id"]: (ln["original_amount"], ln["amount"], ln["spent"], ln["received"]) for ln in final["lines"]}
    assert amounts == {
        revenue["id"]: ("300000.00", "300000.00", "0.00", "1000.00"),
        p_line["id"]: ("800000.00", "900000.00", "800000.00", "0.00"),
        d_line["id"]: ("200000.00", "200000.00", "200000.00", "0.00"),
    }

    # Transfers from the city (R31): general exactly 90 %, special 68 % (below 70 %).
    transfers = []
    for kind, estimated, advance in (("GENERAL", "1000000.00", "900000.00"), ("SPECIAL", "500000.00", "340000.00")):
        body = {"from_division_code": "430100", "to_division_code": COUNTY, "budget_year": YEAR, "kind": kind}
        transfers.append(
            post(client, token, "/v1/transfers", {**body, "title": kind, "estimated": estimated, "advance": advance})
        )
    # Carry-overs at year end (W4) and an audit finding of inflated revenue (W6).
    scope = {"division_code": COUNTY, "budget_year": YEAR}
    carryovers = {
        body["title"]: post(client, token, "/v1/carryovers", {**scope, **body})["id"]
        for body in (
            {
                "category": "GOVERNMENT_FUND",
                "title": "土地出让基金",
                "amount": "300000.00",
                "current_year_revenue": "1000000.00",
            },
            {"category": "STATE_CAPITAL", "title": "国资经营结转", "amount": "80000.00"},
            {"category": "PROJECT", "title": "两年结转项目", "amount": "60000.00", "age_months": 24},
            {
                "category": "PROJECT",
                "title": "科研经费",
                "amount": "70000.00",
                "age_months": 24,
                "reserved_research": True,
            },
            {"category": "THREE_PUBLIC", "title": "三公结转", "amount": "5000.00"},
        )
    }
    finding = post(
        client,
        token,
        "/v1/inflated-revenue-findings",
        {**scope, "inflated_amount": "200000.00", "source_ref": "审计报告〔2026〕12号", "found_on": "2026-09-01"},
    )

    # --- Disclosure on day 20 after approval (R51) ---------------------------------------------------------
    disclosed = post(client, token, f"/v1/budgets/{budget['id']}/disclosure", {"published_on": "2026-02-09"}, 200)
    assert disclosed["disclosed_on"] == "2026-02-09"

    # --- Every control, with its threshold, value, basis and source records --------------------------------
    checks = {c["control"]: c for c in get(client, token, "/v1/controls", **scope, on="2026-12-31")}
    assert set(checks) == {"R31-GENERAL", "R31-SPECIAL", "R36", "R51", "W4-SWEEP", "R50"}
    for control in checks.values():
        assert control["basis"] and all(b["article"] for b in control["basis"]), control
        assert control["sources"], control
        assert (control["division_code"], control["budget_year"], control["evaluated_on"]) == (
            COUNTY,
            YEAR,
            "2026-12-31",
        )
    summary = {k: (c["outcome"], c["ratio"], c["threshold"], c["amount"]) for k, c in checks.items()}
    assert summary == {
        "R31-GENERAL": ("COMPLIANT", "0.9", "0.90", None),  # exactly 90 %
        "R31-SPECIAL": ("BREACH", "0.68", "0.70", None),
        "R36": ("COMPLIANT", "0.005", "0.05", "5000.00"),  # 5 000 / 1 000 000 general expenditure
        "R51": ("COMPLIANT", None, None, None),
        "W4-SWEEP": ("RECALL", None, None, "205000.00"),
        "R50": ("DEDUCTION", None, None, "100000.00"),
    }
    for kind, transfer in zip(("R31-GENERAL", "R31-SPECIAL"), transfers, strict=True):
        assert [(s["kind"], s["id"]) for s in checks[kind]["sources"]] == [("transfer", transfer["id"])]
        assert any("R31" in b["article"] for b in checks[kind]["basis"])
    assert [(s["kind"], s["id"], s["amount"]) for s in checks["R36"]["sources"]] == [
        ("suspense_payment", suspense["id"], "5000.00"),
        ("expenditure", "general_public", "1000000.00"),
        ("expenditure", "government_fund", "0.00"),
    ]
    assert [(s["kind"], s["id"]) for s in checks["R51"]["sources"]] == [("budget", budget["id"])]
    assert [(s["kind"], s["id"], s["amount"]) for s in checks["R50"]["sources"]] == [
        ("finding", finding["id"], "100000.00")
    ]
    assert {s["id"] for s in checks["W4-SWEEP"]["sources"]} == set(carryovers.values())
    for control, article in (("R36", "R36"), ("R51", "R51"), ("R50", "R50")):
        assert any(article in b["article"] for b in checks[control]["basis"]), checks[control]["basis"]

    # --- The year-end sweep: the exact amounts to recall (W4: R8, R9, R10) --------------------------------
    expected = {
        "土地出让基金": ("100000.00", "GENERAL_PUBLIC_BUDGET"),  # above 20 % of the year's revenue
        "国资经营结转": ("40000.00", "GENERAL_PUBLIC_BUDGET"),  # 50 % of state-capital carry-over
        "两年结转项目": ("60000.00", "RECOVERED"),  # idle two years
        "科研经费": ("0.00", "RECOVERED"),  # reserved research funds stay
        "三公结转": ("5000.00", "RECOVERED"),
    }
    preview = get(client, token, "/v1/controls/sweep", **scope)
    assert {ln["title"]: (ln["swept"], ln["destination"]) for ln in preview["lines"]} == expected
    assert (preview["to_general_budget"], preview["recovered"]) == ("140000.00", "65000.00")
    done = post(client, token, "/v1/controls/sweep/executions", scope)
    assert (done["to_general_budget"], done["recovered"], len(done["lines"])) == ("140000.00", "65000.00", 5)
    assert {ln["carryover_id"]: ln["swept"] for ln in done["lines"]} == {
        carryovers[title]: swept for title, (swept, _) in expected.items()
    }
    assert all(ln["basis"] for ln in done["lines"])
    assert client.post("/v1/controls/sweep/executions", json=scope, headers=token(W)).status_code == 409
