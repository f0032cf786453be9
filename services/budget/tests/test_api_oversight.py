"""Stock assets (R11), competitive-sector support (R21), the treasury single account (R33), direct funds (R37) and
supervision findings (R53) over HTTP: each refusal carries its basis and writes nothing."""

from __future__ import annotations

W, R = "budget:write", "budget:read"
COUNTY = "430104"


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def refused(response, rule, status=422):
    assert response.status_code == status, response.text
    assert any(rule in b["article"] for b in response.json()["basis"]), response.json()
    return response.json()


def test_stock_assets_are_reallocated_before_disposal_R11(client, token):
    asset = ok(
        client.post(
            "/v1/stock-assets",
            json={
                "unit": "县农业农村局",
                "division_code": COUNTY,
                "title": "闲置办公楼",
                "status": "IDLE",
                "book_value": "3200000.00",
            },
            headers=token(W),
        ),
        201,
    )
    url = f"/v1/stock-assets/{asset['id']}/disposition"
    decision = {"disposition": "DISPOSE", "disposition_ref": "县财〔2023〕21号", "decided_on": "2023-06-01"}
    refused(
        client.post(
            url, json={**decision, "reallocation_possible": True, "meets_disposal_standard": True}, headers=token(W)
        ),
        "R11",
    )
    refused(client.post(url, json={**decision, "reallocation_possible": False}, headers=token(W)), "R11")
    pending = ok(
        client.get("/v1/stock-assets", params={"division_code": COUNTY, "undecided_only": True}, headers=token(R))
    )
    assert [a["id"] for a in pending] == [asset["id"]]  # the refusals decided nothing
    done = ok(
        client.post(
            url, json={**decision, "reallocation_possible": False, "meets_disposal_standard": True}, headers=token(W)
        )
    )
    assert done["disposition"] == "DISPOSE" and any("R11" in b["article"] for b in done["basis"])
    again = client.post(
        url, json={**decision, "disposition": "REALLOCATE", "reallocation_possible": True}, headers=token(W)
    )
    assert again.status_code == 409


def test_competitive_review_subsidy_needs_prior_criteria_procedure_and_collective_decision_R21(client, token):
    body = {
        "division_code": COUNTY,
        "department": "县工信局",
        "recipient_credit_code": "91430104MA4L02221A",
        "mode": "DIRECT_SUBSIDY_COMPETITIVE_REVIEW",
        "amount": "500000.00",
        "criteria_published_on": "2023-05-10",
        "review_on": "2023-05-10",
        "procedure_ref": "县工信局竞争性评审办法",
        "collective_decision_ref": "局党组会议纪要〔2023〕9号",
    }
    refused(client.post("/v1/competitive-support", json=body, headers=token(W)), "R21")  # same day: not beforehand
    granted = ok(
        client.post("/v1/competitive-support", json={**body, "criteria_published_on": "2023-05-09"}, headers=token(W)),
        201,
    )
    assert any("R21" in b["article"] for b in granted["basis"])
    post = {**body, "mode": "POST_SUBSIDY", "criteria_published_on": None, "review_on": None}
    refused(client.post("/v1/competitive-support", json=post, headers=token(W)), "R21")
    ok(
        client.post(
            "/v1/competitive-support", json={**post, "result_targets": "投产并新增产值1亿元"}, headers=token(W)
        ),
        201,
    )
    listed = ok(client.get("/v1/competitive-support", params={"division_code": COUNTY}, headers=token(R)))
    assert len(listed) == 2


def test_treasury_money_stays_in_the_single_account_R33(client, token):
    def account(kind, **extra):
        body = {"division_code": COUNTY, "kind": kind, "title": f"{kind} 账户", "holder": "县财政局", **extra}
        return client.post("/v1/treasury-accounts", json=body, headers=token(W))

    treasury = ok(account("TREASURY"), 201)
    refused(account("UNIT_SPECIAL"), "R33")  # a unit special account needs the reason it is kept
    special = ok(account("UNIT_SPECIAL", justification="外国政府贷款项目专用账户"), 201)
    move = {
        "from_account_id": treasury["id"],
        "to_account_id": special["id"],
        "amount": "100.00",
        "purpose": "项目资金",
        "moved_on": "2023-04-01",
    }
    refused(client.post("/v1/treasury-movements", json=move, headers=token(W)), "R33")
    ok(client.post("/v1/treasury-movements", json={**move, "legal_basis": "财库〔2023〕3号"}, headers=token(W)), 201)
    back = {**move, "from_account_id": special["id"], "to_account_id": treasury["id"], "amount": "30.00"}
    ok(client.post("/v1/treasury-movements", json=back, headers=token(W)), 201)
    statement = ok(client.get(f"/v1/treasury-accounts/{special['id']}/statement", headers=token(R)))
    assert statement["balance"] == "70.00" and len(statement["movements"]) == 2


def test_direct_funds_traced_to_end_users_R37(client, token):
    fund = ok(
        client.post(
            "/v1/direct-funds",
            json={
                "division_code": COUNTY,
                "budget_year": 2023,
                "title": "困难群众救助补助资金",
                "scope": "城乡低保、特困供养",
                "allocated": "1000.00",
                "allocated_on": "2023-03-01",
            },
            headers=token(W),
        ),
        201,
    )
    url = f"/v1/direct-funds/{fund['id']}"
    use = {"end_user": "某街道低保户（一卡通）", "amount": "400.00", "within_scope": True, "used_on": "2023-03-20"}
    assert ok(client.post(f"{url}/uses", json=use, headers=token(W)), 201)["status"] == "IN_TRANSIT"
    assert ok(client.get(url, params={"on": "2023-05-30"}, headers=token(R)))["status"] == "IN_TRANSIT"  # day 90
    idle = ok(client.get(url, params={"on": "2023-05-31"}, headers=token(R)))
    assert idle["status"] == "IDLE" and any("R37" in b["article"] for b in idle["basis"])
    too_much = client.post(f"{url}/uses", json={**use, "amount": "600.01"}, headers=token(W))
    assert too_much.status_code == 422
    ok(client.post(f"{url}/uses", json={**use, "amount": "600.00"}, headers=token(W)), 201)
    assert ok(client.get(url, params={"on": "2023-12-31"}, headers=token(R)))["status"] == "TRACED"


def test_a_diverted_direct_fund_is_flagged_R37(client, token):
    fund = ok(
        client.post(
            "/v1/direct-funds",
            json={
                "division_code": COUNTY,
                "budget_year": 2023,
                "title": "义务教育补助",
                "scope": "学生资助",
                "allocated": "50.00",
                "allocated_on": "2023-03-01",
            },
            headers=token(W),
        ),
        201,
    )
    use = {"end_user": "县教育局机关", "amount": "0.01", "within_scope": False, "used_on": "2023-03-02"}
    got = ok(client.post(f"/v1/direct-funds/{fund['id']}/uses", json=use, headers=token(W)), 201)
    assert (got["status"], got["used_outside_scope"]) == ("DIVERTED", "0.01")
    listed = ok(client.get("/v1/direct-funds", params={"division_code": COUNTY, "budget_year": 2023}, headers=token(R)))
    assert [f["status"] for f in listed] == ["DIVERTED"]


def test_findings_close_only_with_accountability_and_publication_R53(client, token):
    finding = ok(
        client.post(
            "/v1/supervision-findings",
            json={
                "division_code": COUNTY,
                "source": "AUDIT",
                "subject_unit": "县交通局",
                "description": "挪用专项资金50万元",
                "found_on": "2023-07-01",
            },
            headers=token(W),
        ),
        201,
    )
    url = f"/v1/supervision-findings/{finding['id']}/close"
    handling = {"responsible": "县交通局及其主要负责人", "handling_result": "收回资金，给予诫勉谈话"}
    refused(client.post(url, json=handling, headers=token(W)), "R53")  # not published
    refused(
        client.post(url, json={**handling, "responsible": None, "published_on": "2023-08-01"}, headers=token(W)), "R53"
    )
    assert ok(
        client.get("/v1/supervision-findings", params={"division_code": COUNTY, "state": "OPEN"}, headers=token(R))
    )
    closed = ok(
        client.post(
            url, json={**handling, "published_on": "2023-08-01", "publication_ref": "县政府网站公告"}, headers=token(W)
        )
    )
    assert closed["state"] == "CLOSED" and any("R53" in b["article"] for b in closed["basis"])
    assert client.post(url, json={**handling, "published_on": "2023-08-02"}, headers=token(W)).status_code == 409
