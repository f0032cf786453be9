"""A county's year over HTTP (W2, W3): priority list, catalogue, compilation, review chain, approval, payments and
receipts on the ledgers, an adjustment and reallocations, disclosure, and expenditure standards."""

from __future__ import annotations

W, R = "budget:write", "budget:read"
COUNTY, YEAR = "430104", 2026


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def library_project(client, token, title, requirement="1000000.00"):
    """A project admitted to the budget project library (W1), as budget lines require (R16, R18)."""
    body = {
        "title": title,
        "department": "岳麓区自然资源局",
        "division_code": COUNTY,
        "budget_year": YEAR,
        "approval_basis": "区政府常务会议纪要",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "budget_requirement": requirement,
        "feasibility_study_done": True,
        "entry_review_done": True,
    }
    project = ok(client.post("/v1/projects", json=body, headers=token(W)), 201)
    for action in ({"action": "reserve", "reserve_started_on": "2025-06-01"}, {"action": "pass_review"}):
        ok(client.post(f"/v1/projects/{project['id']}/actions", json=action, headers=token(W)))
    admit = {"action": "admit", "control_figure": "100000000.00"}
    return ok(client.post(f"/v1/projects/{project['id']}/actions", json=admit, headers=token(W)))


def line(client, token, budget_id, **body):
    return client.post(f"/v1/budgets/{budget_id}/lines", json=body, headers=token(W))


def expenditure(project_id, category, amount, **extra):
    return {
        "direction": "EXPENDITURE",
        "title": extra.pop("title", category),
        "amount": amount,
        "functional_class": "2200101",
        "economic_class": "30201",
        "category": category,
        "project_id": project_id,
        **({"policy_basis": "县委常委会议定事项〔2023〕3号"} if category == "DEVELOPMENT" else {}),
        **extra,
    }


def compiled_budget(client, token):
    """Catalogue, priority list, projects and a draft budget with a fee revenue line, a priority line and a
    development line (after the priority line, as Opinion (一) orders)."""
    ok(
        client.post(
            "/v1/fee-fund-items",
            json={
                "code": "HN-NR-001",
                "name": "土地复垦费",
                "legal_basis": "土地复垦条例",
                "budget_kind": "GENERAL_PUBLIC",
            },
            headers=token(W),
        ),
        201,
    )
    item = ok(
        client.post(
            "/v1/priority-items",
            json={
                "division_code": COUNTY,
                "budget_year": YEAR,
                "task": "地质灾害隐患点综合治理",
                "priority_order": 1,
                "required_amount": "800000.00",
            },
            headers=token(W),
        ),
        201,
    )
    assert item["fully_guaranteed"] is False
    priority = library_project(client, token, "地灾治理")
    development = library_project(client, token, "自然资源科普基地")
    budget = ok(
        client.post(
            "/v1/budgets",
            json={"unit": "岳麓区自然资源局", "division_code": COUNTY, "budget_year": YEAR},
            headers=token(W),
        ),
        201,
    )
    revenue = ok(
        line(
            client,
            token,
            budget["id"],
            direction="REVENUE",
            title="土地复垦费",
            amount="300000.00",
            functional_class="1030101",
            revenue_source="FEE_OR_FUND",
            fee_code="HN-NR-001",
        ),
        201,
    )
    return budget, item, priority, development, revenue


def test_priority_list_first_then_development_R1(client, token):
    budget, item, priority, development, _ = compiled_budget(client, token)
    refused = line(client, token, budget["id"], **expenditure(development["id"], "DEVELOPMENT", "200000.00"))
    assert refused.status_code == 422 and "priority" in refused.json()["detail"]
    assert any("R1" in b["article"] for b in refused.json()["basis"])
    ok(
        line(
            client,
            token,
            budget["id"],
            **expenditure(priority["id"], "PRIORITY", "800000.00", priority_item_id=item["id"]),
        ),
        201,
    )
    listed = ok(
        client.get("/v1/priority-items", params={"division_code": COUNTY, "budget_year": YEAR}, headers=token(R))
    )
    assert listed[0]["fully_guaranteed"] is True and listed[0]["funded_amount"] == "800000.00"
    ok(line(client, token, budget["id"], **expenditure(development["id"], "DEVELOPMENT", "200000.00")), 201)


def test_lines_need_library_projects_and_listed_fees_R16_R5(client, token):
    budget, *_ = compiled_budget(client, token)
    no_project = line(client, token, budget["id"], **expenditure(None, "BASIC", "1000.00"))
    assert no_project.status_code == 422 and any("R16" in b["article"] for b in no_project.json()["basis"])
    unlisted = line(
        client,
        token,
        budget["id"],
        direction="REVENUE",
        title="自设收费",
        amount="1000.00",
        functional_class="1030199",
        revenue_source="FEE_OR_FUND",
        fee_code="HN-XX-999",
    )
    assert unlisted.status_code == 422 and any("R5" in b["article"] for b in unlisted.json()["basis"])


def test_austerity_in_an_under_covered_region_T9_T10(client, token):
    basic = library_project(client, token, "机关运行")
    budget = ok(
        client.post(
            "/v1/budgets",
            json={"unit": "某局", "division_code": COUNTY, "budget_year": YEAR, "rigid_under_covered": True},
            headers=token(W),
        ),
        201,
    )
    meeting = expenditure(basic["id"], "BASIC", "81.00", admin_expense="MEETING", prior_year_amount="100.00")
    assert line(client, token, budget["id"], **meeting).status_code == 422  # T9: 81 > 80 % of 100
    ok(line(client, token, budget["id"], **{**meeting, "amount": "80.00"}), 201)  # T9: exactly 80 %
    dev = line(client, token, budget["id"], **expenditure(basic["id"], "DEVELOPMENT", "10.00"))
    assert dev.status_code == 422  # T10


def approve(client, token, budget_id):
    for action in ("department_review", "government_review"):
        ok(client.post(f"/v1/budgets/{budget_id}/actions", json={"action": action}, headers=token(W)))
    body = {"action": "approve", "approval_ref": "岳麓区人大〔2026〕1号", "approved_on": "2026-01-20"}
    return ok(client.post(f"/v1/budgets/{budget_id}/actions", json=body, headers=token(W)))


def test_a_year_compiled_approved_paid_adjusted_and_disclosed(client, token):
    budget, item, priority, development, revenue = compiled_budget(client, token)
    p_line = ok(
        line(
            client,
            token,
            budget["id"],
            **expenditure(priority["id"], "PRIORITY", "800000.00", priority_item_id=item["id"]),
        ),
        201,
    )
    d_line = ok(line(client, token, budget["id"], **expenditure(development["id"], "DEVELOPMENT", "200000.00")), 201)

    skipped = client.post(
        f"/v1/budgets/{budget['id']}/actions",
        json={"action": "approve", "approval_ref": "x-1", "approved_on": "2026-01-20"},
        headers=token(W),
    )
    assert skipped.status_code == 409  # R48: review chain first
    approved = approve(client, token, budget["id"])
    assert approved["state"] == "APPROVED" and approved["expenditure_total"] == "1000000.00"
    assert ok(client.get(f"/v1/projects/{priority['id']}", headers=token(R)))["state"] == "FUNDED"
    late = line(client, token, budget["id"], **expenditure(development["id"], "DEVELOPMENT", "1.00"))
    assert late.status_code == 422  # approved: only W3 changes it (R13, R30)

    pay = {
        "division_code": COUNTY,
        "budget_year": YEAR,
        "payee": "施工单位",
        "purpose": "治理工程",
        "paid_on": "2026-03-01",
    }
    ok(client.post("/v1/payments", json={**pay, "line_id": d_line["id"], "amount": "200000.00"}, headers=token(W)), 201)
    beyond = client.post("/v1/payments", json={**pay, "line_id": d_line["id"], "amount": "0.01"}, headers=token(W))
    assert beyond.status_code == 422 and any("R29" in b["article"] for b in beyond.json()["basis"])  # T19
    suspense = ok(
        client.post(
            "/v1/payments",
            json={**pay, "amount": "5000.00", "approved_matter_ref": "岳麓区财〔2026〕3号"},
            headers=token(W),
        ),
        201,
    )
    assert suspense["kind"] == "SUSPENSE" and suspense["line_id"] is None  # T19 with an approved matter
    ok(
        client.post(
            "/v1/receipts",
            json={"line_id": revenue["id"], "amount": "1000.00", "payer": "某公司", "received_on": "2026-02-01"},
            headers=token(W),
        ),
        201,
    )
    assert (
        client.post(
            "/v1/receipts",
            json={"line_id": d_line["id"], "amount": "1.00", "payer": "某公司", "received_on": "2026-02-01"},
            headers=token(W),
        ).status_code
        == 422
    )

    adjustment = ok(
        client.post(
            "/v1/adjustments",
            json={
                "budget_id": budget["id"],
                "reason": "汛期追加",
                "items": [{"line_id": p_line["id"], "delta": "100000.00"}],
            },
            headers=token(W),
        ),
        201,
    )
    url = f"/v1/adjustments/{adjustment['id']}/actions"
    assert client.post(url, json={"action": "apply"}, headers=token(W)).status_code == 409  # not approved yet
    ok(client.post(url, json={"action": "government_review"}, headers=token(W)))
    ok(client.post(url, json={"action": "submit"}, headers=token(W)))
    assert client.post(url, json={"action": "approve"}, headers=token(W)).status_code == 422  # decision ref needed
    ok(
        client.post(
            url, json={"action": "approve", "decision_ref": "岳麓区人大常委会决议〔2026〕2号"}, headers=token(W)
        )
    )
    assert ok(client.post(url, json={"action": "apply"}, headers=token(W)))["state"] == "APPLIED"

    # Reallocating from the priority line below the list's requirement would fund development first: refused (R1).
    realloc = ok(
        client.post(
            "/v1/reallocations",
            json={
                "budget_id": budget["id"],
                "from_line_id": p_line["id"],
                "to_line_id": d_line["id"],
                "amount": "100000.01",
                "reason": "科普基地扩建",
            },
            headers=token(W),
        ),
        201,
    )
    r_url = f"/v1/reallocations/{realloc['id']}/actions"
    ok(client.post(r_url, json={"action": "approve", "approval_ref": "岳麓区财〔2026〕5号"}, headers=token(W)))
    refused = client.post(r_url, json={"action": "apply"}, headers=token(W))
    assert refused.status_code == 422 and any("R1" in b["article"] for b in refused.json()["basis"])
    ok_realloc = ok(
        client.post(
            "/v1/reallocations",
            json={
                "budget_id": budget["id"],
                "from_line_id": p_line["id"],
                "to_line_id": d_line["id"],
                "amount": "100000.00",
                "reason": "科普基地扩建",
            },
            headers=token(W),
        ),
        201,
    )
    r_url = f"/v1/reallocations/{ok_realloc['id']}/actions"
    ok(client.post(r_url, json={"action": "approve", "approval_ref": "岳麓区财〔2026〕6号"}, headers=token(W)))
    assert ok(client.post(r_url, json={"action": "apply"}, headers=token(W)))["state"] == "APPLIED"
    final = ok(client.get(f"/v1/budgets/{budget['id']}", headers=token(R)))
    amounts = {ln["id"]: (ln["original_amount"], ln["amount"], ln["spent"], ln["received"]) for ln in final["lines"]}
    assert amounts[p_line["id"]] == ("800000.00", "800000.00", "0.00", "0.00")
    assert amounts[d_line["id"]] == ("200000.00", "300000.00", "200000.00", "0.00")
    assert amounts[revenue["id"]] == ("300000.00", "300000.00", "0.00", "1000.00")

    disclosed = ok(
        client.post(f"/v1/budgets/{budget['id']}/disclosure", json={"published_on": "2026-02-09"}, headers=token(W))
    )
    assert disclosed["disclosed_on"] == "2026-02-09" and any("R51" in b["article"] for b in disclosed["basis"])
    ledger = ok(client.get("/v1/payments", params={"division": "430100"}, headers=token(R)))
    assert sorted(p["kind"] for p in ledger["items"]) == ["BUDGETED", "SUSPENSE"]
    # Every control evaluated on this county's year, each with its source records.
    checks = ok(
        client.get(
            "/v1/controls",
            params={"division_code": COUNTY, "budget_year": YEAR, "on": "2026-12-31"},
            headers=token(R),
        )
    )
    by_control = {c["control"]: c for c in checks}
    assert set(by_control) == {"R31-GENERAL", "R31-SPECIAL", "R36", "R51", "W4-SWEEP", "R50"}
    r36 = by_control["R36"]  # 5 000 suspense / 200 000 general expenditure = 2.5 %
    assert (r36["outcome"], r36["ratio"], r36["amount"]) == ("COMPLIANT", "0.025", "5000.00")
    assert by_control["R51"]["outcome"] == "COMPLIANT" and by_control["R51"]["sources"][0]["id"] == budget["id"]


def test_expenditure_standard_floor_R27(client, token):
    base = {
        "code": "BPS-EDU-PUPIL",
        "name": "义务教育生均公用经费",
        "kind": "BASIC_PUBLIC_SERVICE",
        "unit": "元/生·年",
        "effective_from": "2026-01-01",
    }
    ok(
        client.post(
            "/v1/expenditure-standards", json={**base, "division_code": "430000", "amount": "1200.00"}, headers=token(W)
        ),
        201,
    )
    below = client.post(
        "/v1/expenditure-standards",
        json={**base, "division_code": COUNTY, "amount": "1199.99", "filed_with_upper": True},
        headers=token(W),
    )
    assert below.status_code == 422 and any("R27" in b["article"] for b in below.json()["basis"])
    unfiled = client.post(
        "/v1/expenditure-standards", json={**base, "division_code": COUNTY, "amount": "1300.00"}, headers=token(W)
    )
    assert unfiled.status_code == 422
    made = ok(
        client.post(
            "/v1/expenditure-standards",
            json={**base, "division_code": COUNTY, "amount": "1200.00", "filed_with_upper": True},
            headers=token(W),
        ),
        201,
    )
    assert made["upper_amount"] == "1200.00"


def test_mirror_lists_R2(client, token):
    provincial = ok(
        client.post(
            "/v1/priority-items",
            json={
                "division_code": "430000",
                "budget_year": YEAR,
                "task": "长江十年禁渔",
                "priority_order": 1,
                "required_amount": "10.00",
            },
            headers=token(W),
        ),
        201,
    )
    params = {"division_code": COUNTY, "budget_year": YEAR, "unmirrored": True}
    assert [i["id"] for i in ok(client.get("/v1/priority-items", params=params, headers=token(R)))] == [
        provincial["id"]
    ]
    ok(
        client.post(
            "/v1/priority-items",
            json={
                "division_code": COUNTY,
                "budget_year": YEAR,
                "task": "禁渔退捕",
                "priority_order": 1,
                "required_amount": "5.00",
                "mirrors_item_id": provincial["id"],
            },
            headers=token(W),
        ),
        201,
    )
    assert ok(client.get("/v1/priority-items", params=params, headers=token(R))) == []


def test_fiscal_data_package_export_validates(client, token):
    from frictionless import validate

    budget, item, priority, development, revenue = compiled_budget(client, token)
    p_line = ok(
        line(
            client,
            token,
            budget["id"],
            **expenditure(priority["id"], "PRIORITY", "800000.00", priority_item_id=item["id"]),
        ),
        201,
    )
    approve(client, token, budget["id"])
    pay = {
        "division_code": COUNTY,
        "budget_year": YEAR,
        "payee": "施工单位",
        "purpose": "治理",
        "paid_on": "2026-03-01",
    }
    ok(client.post("/v1/payments", json={**pay, "line_id": p_line["id"], "amount": "1234.56"}, headers=token(W)), 201)
    package = ok(client.get(f"/v1/fiscal-data/430100/{YEAR}/datapackage.json", headers=token(R)))
    report = validate(package)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    header, *rows = package["resources"][0]["data"]
    by_id = {r[0]: dict(zip(header, r, strict=True)) for r in rows}
    assert by_id[p_line["id"]]["executed"] == "1234.56" and by_id[p_line["id"]]["approved"] == "800000.00"
    assert by_id[revenue["id"]]["direction"] == "revenue"
    model = package["model"]
    assert {m: (v["phase"], v["currency"]) for m, v in model["measures"].items()} == {
        "proposed": ("proposed", "CNY"),
        "approved": ("approved", "CNY"),
        "adjusted": ("adjusted", "CNY"),
        "executed": ("executed", "CNY"),
    }
    assert {"administrative-classification", "functional-classification"} <= set(model["dimensions"])


def test_budget_events_on_approval_and_applied_changes(client, token, bus):
    budget, item, priority, development, _ = compiled_budget(client, token)
    p_line = ok(
        line(
            client,
            token,
            budget["id"],
            **expenditure(priority["id"], "PRIORITY", "800000.00", priority_item_id=item["id"]),
        ),
        201,
    )
    approve(client, token, budget["id"])
    [approved] = bus.emitted("hunan.budget.budget.approved")
    assert (approved["budget_id"], approved["approved_on"], approved["disclosure_due_on"]) == (
        budget["id"],
        "2026-01-20",
        "2026-02-09",
    )
    assert approved["expenditure_total"] == {"amount": "800000.00", "currency": "CNY"}
    adjustment = ok(
        client.post(
            "/v1/adjustments",
            json={"budget_id": budget["id"], "reason": "追加", "items": [{"line_id": p_line["id"], "delta": "0.01"}]},
            headers=token(W),
        ),
        201,
    )
    url = f"/v1/adjustments/{adjustment['id']}/actions"
    for body in (
        {"action": "government_review"},
        {"action": "submit"},
        {"action": "approve", "decision_ref": "常委会决议〔2026〕3号"},
        {"action": "apply"},
    ):
        ok(client.post(url, json=body, headers=token(W)))
    [adjusted] = bus.emitted("hunan.budget.budget.adjusted")
    assert (adjusted["change"], adjusted["change_id"], adjusted["decision_ref"]) == (
        "ADJUSTMENT",
        adjustment["id"],
        "常委会决议〔2026〕3号",
    )
    assert adjusted["expenditure_total"]["amount"] == "800000.01"
    [envelope, _] = bus.envelopes("budget.budget", n=2)
    assert envelope.key == budget["id"] and envelope.dataschema.endswith("/v1.json")


def test_policy_first_and_own_funds_first_R3_R7(client, token):
    budget, item, priority, development, _ = compiled_budget(client, token)
    ok(
        line(
            client,
            token,
            budget["id"],
            **expenditure(priority["id"], "PRIORITY", "800000.00", priority_item_id=item["id"]),
        ),
        201,
    )
    no_policy = line(
        client, token, budget["id"], **expenditure(development["id"], "DEVELOPMENT", "10.00", policy_basis=None)
    )
    assert no_policy.status_code == 422 and any("R3" in b["article"] for b in no_policy.json()["basis"])
    block = line(
        client, token, budget["id"], **expenditure(development["id"], "DEVELOPMENT", "10.00", block_allocation=True)
    )
    assert block.status_code == 422 and "block" in block.json()["detail"]
    covered = line(
        client,
        token,
        budget["id"],
        **expenditure(development["id"], "DEVELOPMENT", "10.00", own_funds_available="10.00"),
    )
    assert covered.status_code == 422 and any("R7" in b["article"] for b in covered.json()["basis"])
    short = ok(
        line(
            client,
            token,
            budget["id"],
            **expenditure(development["id"], "DEVELOPMENT", "10.00", own_funds_available="9.99"),
        ),
        201,
    )
    assert short["own_funds_available"] == "9.99" and {"R3", "R7"} <= {
        rule for b in short["basis"] for rule in ("R3", "R7") if rule in b["article"]
    }
    lines = ok(client.get(f"/v1/budgets/{budget['id']}", headers=token(R)))["lines"]
    assert len([ln for ln in lines if ln["category"] == "DEVELOPMENT"]) == 1  # the refusals wrote nothing
