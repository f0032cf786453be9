"""The reform's controls over HTTP on recorded data: advance transfers (T4, T5), the suspense ceiling (T6, T7), the
year-end sweep (T1–T3), inflated-revenue deductions (T8), disclosure deadlines (T13), history and metrics."""

from __future__ import annotations

W, R = "budget:write", "budget:read"
COUNTY, YEAR = "430104", 2023


def ok(response, status=200):
    assert response.status_code == status, response.text
    return response.json()


def post(client, token, url, body, status=201):
    return ok(client.post(url, json=body, headers=token(W)), status)


def controls(client, token, on, division=COUNTY, year=YEAR):
    got = ok(
        client.get("/v1/controls", params={"division_code": division, "budget_year": year, "on": on}, headers=token(R))
    )
    return {c["control"]: c for c in got}


def transfer(client, token, kind, estimated, advance, actuals=False):
    return post(
        client,
        token,
        "/v1/transfers",
        {
            "from_division_code": "430100",
            "to_division_code": COUNTY,
            "budget_year": YEAR,
            "kind": kind,
            "title": f"{kind} transfer",
            "estimated": estimated,
            "advance": advance,
            "settled_on_actuals": actuals,
        },
    )


def test_advance_transfer_ratios_T4_T5(client, token):
    transfer(client, token, "GENERAL", "900.00", "805.00")
    transfer(client, token, "GENERAL", "100.00", "0.00", actuals=True)  # 据实结算: excluded
    transfer(client, token, "SPECIAL", "500.00", "350.00")
    checks = controls(client, token, "2023-03-01")
    general, special = checks["R31-GENERAL"], checks["R31-SPECIAL"]
    assert general["outcome"] == "BREACH" and general["threshold"] == "0.90"  # T4: 805/900 = 89.4 %
    assert general["ratio"].startswith("0.894") and len(general["sources"]) == 2
    assert special["outcome"] == "COMPLIANT" and special["ratio"] == "0.7"  # T5: exactly 70 %
    assert any("R31" in b["article"] for b in special["basis"])


def approved_budget(client, token, kind="GENERAL_PUBLIC", unit="县财政局", approved_on="2023-01-20"):
    body = {
        "title": f"{unit}{kind}",
        "department": unit,
        "division_code": COUNTY,
        "budget_year": YEAR,
        "approval_basis": "区政府常务会议",
        "period_start": "2023-01-01",
        "period_end": "2023-12-31",
        "budget_requirement": "2000.00",
        "feasibility_study_done": True,
        "entry_review_done": True,
    }
    project = post(client, token, "/v1/projects", body)
    for action in (
        {"action": "reserve", "reserve_started_on": "2022-06-01"},
        {"action": "pass_review"},
        {"action": "admit", "control_figure": "1000000.00"},
    ):
        post(client, token, f"/v1/projects/{project['id']}/actions", action, 200)
    budget = post(
        client, token, "/v1/budgets", {"unit": unit, "division_code": COUNTY, "budget_year": YEAR, "kind": kind}
    )
    line = post(
        client,
        token,
        f"/v1/budgets/{budget['id']}/lines",
        {
            "direction": "EXPENDITURE",
            "title": "运行",
            "amount": "2000.00",
            "functional_class": "2010101",
            "category": "BASIC",
            "project_id": project["id"],
        },
    )
    for action in (
        {"action": "department_review"},
        {"action": "government_review"},
        {"action": "approve", "approval_ref": "县人大〔2023〕1号", "approved_on": approved_on},
    ):
        post(client, token, f"/v1/budgets/{budget['id']}/actions", action, 200)
    return budget, line


def pay(client, token, amount, line_id=None, matter=None, paid_on="2023-06-01"):
    body = {
        "division_code": COUNTY,
        "budget_year": YEAR,
        "amount": amount,
        "payee": "某单位",
        "purpose": "支出",
        "paid_on": paid_on,
        "line_id": line_id,
        "approved_matter_ref": matter,
    }
    return post(client, token, "/v1/payments", body)


def test_suspense_ceiling_T6_T7(client, token):
    _, general = approved_budget(client, token)
    _, fund = approved_budget(client, token, kind="GOVERNMENT_FUND")
    pay(client, token, "800.00", general["id"])
    pay(client, token, "200.00", fund["id"])
    pay(client, token, "50.00", matter="县财〔2023〕7号")
    r36 = controls(client, token, "2023-12-31")["R36"]
    assert (r36["outcome"], r36["ratio"], r36["threshold"], r36["amount"]) == ("COMPLIANT", "0.05", "0.05", "50.00")
    pay(client, token, "0.01", matter="县财〔2023〕8号")  # 50.01 of 1000 → breach (T6)
    assert controls(client, token, "2023-12-31")["R36"]["outcome"] == "BREACH"
    assert controls(client, token, "2023-12-30")["R36"]["outcome"] == "WARNING"  # T7: before the limit applies
    assert {s["kind"] for s in controls(client, token, "2023-12-31")["R36"]["sources"]} == {
        "suspense_payment",
        "expenditure",
    }


def test_year_end_sweep_T1_T2_T3(client, token):
    for body in (
        {"category": "GOVERNMENT_FUND", "title": "基金A", "amount": "300.00", "current_year_revenue": "1000.00"},
        {"category": "GOVERNMENT_FUND", "title": "基金B", "amount": "200.00", "current_year_revenue": "1000.00"},
        {"category": "STATE_CAPITAL", "title": "国资", "amount": "80.00"},
        {"category": "PROJECT", "title": "两年结转项目", "amount": "60.00", "age_months": 24},
        {"category": "PROJECT", "title": "科研经费", "amount": "70.00", "age_months": 24, "reserved_research": True},
        {"category": "THREE_PUBLIC", "title": "三公结转", "amount": "5.00"},
    ):
        post(client, token, "/v1/carryovers", {"division_code": COUNTY, "budget_year": YEAR, **body})
    sweep = ok(
        client.get("/v1/controls/sweep", params={"division_code": COUNTY, "budget_year": YEAR}, headers=token(R))
    )
    swept = {ln["title"]: ln["swept"] for ln in sweep["lines"]}
    assert swept == {
        "基金A": "100.00",
        "基金B": "0.00",
        "国资": "40.00",
        "两年结转项目": "60.00",
        "科研经费": "0.00",
        "三公结转": "5.00",
    }
    assert (sweep["to_general_budget"], sweep["recovered"]) == ("140.00", "65.00")
    control = controls(client, token, "2023-12-31")["W4-SWEEP"]
    assert control["outcome"] == "RECALL" and control["amount"] == "205.00"


def test_inflated_revenue_deduction_T8(client, token):
    finding = post(
        client,
        token,
        "/v1/inflated-revenue-findings",
        {
            "division_code": COUNTY,
            "budget_year": YEAR,
            "inflated_amount": "10000000.00",
            "source_ref": "审计报告〔2023〕12号",
            "found_on": "2023-08-01",
        },
    )
    assert finding["deduction"] == "5000000.00" and any("R50" in b["article"] for b in finding["basis"])
    assert controls(client, token, "2023-07-31")["R50"]["outcome"] == "COMPLIANT"
    r50 = controls(client, token, "2023-08-01")["R50"]
    assert (r50["outcome"], r50["amount"]) == ("DEDUCTION", "5000000.00")


def test_disclosure_goes_overdue_by_itself_T13(client, token):
    budget, _ = approved_budget(client, token, approved_on="2023-03-01")
    assert controls(client, token, "2023-03-21")["R51"]["outcome"] == "COMPLIANT"  # day 20, not yet published
    assert controls(client, token, "2023-03-22")["R51"]["outcome"] == "BREACH"  # day 21: overdue
    post(client, token, f"/v1/budgets/{budget['id']}/disclosure", {"published_on": "2023-03-21"}, 200)
    assert controls(client, token, "2023-04-30")["R51"]["outcome"] == "COMPLIANT"


def test_history_and_metrics(client, token):
    transfer(client, token, "GENERAL", "100.00", "89.99")
    recorded = post(
        client, token, "/v1/controls/evaluations", {"division_code": COUNTY, "budget_year": YEAR, "on": "2023-03-01"}
    )
    assert {c["control"] for c in recorded} >= {"R31-GENERAL", "R36", "R51", "W4-SWEEP", "R50"}
    history = ok(
        client.get(
            "/v1/controls/evaluations",
            params={"division_code": COUNTY, "budget_year": YEAR, "control": "R31-GENERAL"},
            headers=token(R),
        )
    )
    assert [(h["outcome"], h["ratio"]) for h in history] == [("BREACH", "0.8999")]
    metrics = client.get("/metrics").text
    assert 'indicator="budget_control_breach:R31-GENERAL:430104:2023",service="budget"} 1.0' in metrics


def test_emergency_spending_approved_outside_its_line_counts_as_suspense_R35_R36(client, token, bus):
    import datetime as dt
    from decimal import Decimal

    from hunan_shared.events.catalogue import DisasterDeclared, DispatchShipped, Money

    _, general = approved_budget(client, token)
    pay(client, token, "2000.00", general["id"])
    shipped_at = dt.datetime(2023, 7, 1, 8, tzinfo=dt.UTC)
    bus.deliver(
        DisasterDeclared(
            disaster_id="d-9",
            hazard="FLOOD_DROUGHT",
            response_level="IV",
            division_codes=[COUNTY],
            title="洪涝",
            occurred_at=shipped_at,
            declared_at=shipped_at,
        ),
        DispatchShipped(
            dispatch_id="p-9", disaster_id="d-9", total_cost=Money(amount=Decimal("1000000.01")), shipped_at=shipped_at
        ),
    )
    waiting = ok(client.get("/v1/expenditures", params={"status": "AWAITING_APPROVAL"}, headers=token(R)))["items"]
    assert controls(client, token, "2023-12-31")["R36"]["amount"] == "0.00"  # waiting: nothing advanced yet
    post(client, token, f"/v1/expenditures/{waiting[0]['id']}/approve", {"approved_matter_ref": "县财〔2023〕9号"}, 200)
    approved_on = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=8))).date().isoformat()
    r36 = controls(client, token, approved_on)["R36"]
    assert r36["amount"] == "1000000.01" and r36["outcome"] == "BREACH"
    assert [s["kind"] for s in r36["sources"]][0] == "emergency_expenditure"


def test_suspense_without_any_expenditure_is_evaluated_not_refused_R36(client, token):
    pay(client, token, "10.00", matter="县财〔2023〕1号", paid_on="2023-01-05")
    r36 = controls(client, token, "2024-01-10", year=2023)["R36"]
    assert (r36["outcome"], r36["ratio"], r36["amount"]) == ("BREACH", None, "10.00")
    assert "no ratio" in r36["reason"] and any("R36" in b["article"] for b in r36["basis"])
    assert controls(client, token, "2023-01-05")["R36"]["outcome"] == "WARNING"  # before 2023-12-31


def test_year_end_sweep_executed_once_and_announced_W4(client, token, bus):
    from hunan_shared.events.catalogue import CarryoverSwept

    for body in (
        {"category": "GOVERNMENT_FUND", "title": "基金A", "amount": "300.00", "current_year_revenue": "1000.00"},
        {"category": "STATE_CAPITAL", "title": "国资", "amount": "80.00"},
        {"category": "IDLE_UNIT_FUNDS", "title": "沉淀资金", "amount": "7.00"},
    ):
        post(client, token, "/v1/carryovers", {"division_code": COUNTY, "budget_year": YEAR, **body})
    scope = {"division_code": COUNTY, "budget_year": YEAR}
    done = post(client, token, "/v1/controls/sweep/executions", scope)
    assert (done["to_general_budget"], done["recovered"], len(done["lines"])) == ("140.00", "7.00", 3)
    [event] = bus.emitted(CarryoverSwept.TYPE)
    assert event["sweep_id"] == done["sweep_id"] and event["to_general_budget"]["amount"] == "140.00"
    assert event["recovered"]["amount"] == "7.00" and event["balances"] == 3
    again = client.post("/v1/controls/sweep/executions", json=scope, headers=token(W))
    assert again.status_code == 409  # nothing left: a repeat moves nothing
    post(client, token, "/v1/carryovers", {**scope, "category": "THREE_PUBLIC", "title": "三公", "amount": "2.00"})
    later = post(client, token, "/v1/controls/sweep/executions", scope)
    assert (later["recovered"], [ln["title"] for ln in later["lines"]]) == ("2.00", ["三公"])
    assert len(bus.emitted(CarryoverSwept.TYPE, 2)) == 2


def test_a_control_going_into_breach_is_announced_once_W5(client, token, bus):
    from hunan_shared.events.catalogue import ControlBreached

    transfer(client, token, "GENERAL", "100.00", "90.00")
    scope = {"division_code": COUNTY, "budget_year": YEAR, "on": "2023-03-01"}
    post(client, token, "/v1/controls/evaluations", scope)  # exactly 90 %: compliant, nothing announced
    transfer(client, token, "GENERAL", "100.00", "89.00")  # 179/200 = 89.5 %
    post(client, token, "/v1/controls/evaluations", scope)
    post(client, token, "/v1/controls/evaluations", scope)  # still in breach: not announced again
    events = [e for e in bus.emitted(ControlBreached.TYPE, 2, timeout=1.0) if e["control"] == "R31-GENERAL"]
    assert len(events) == 1
    assert (events[0]["ratio"], events[0]["threshold"], events[0]["division_code"]) == ("0.895", "0.90", COUNTY)


def test_unpublished_disclosure_goes_overdue_by_the_clock_with_event_and_metric_R51(client, token, bus):
    import datetime as dt

    from hunan_shared import clock
    from hunan_shared.events.catalogue import DisclosureOverdue
    from hunan_shared.testing import run_job

    budget, _ = approved_budget(client, token, approved_on="2023-03-01")
    day_20 = dt.datetime(2023, 3, 21, 23, 0, tzinfo=clock.SHANGHAI)
    assert run_job(client, "disclosure-overdue", now=day_20).items == 0
    day_21 = dt.datetime(2023, 3, 22, 0, 30, tzinfo=clock.SHANGHAI)
    assert run_job(client, "disclosure-overdue", now=day_21).items == 1
    assert run_job(client, "disclosure-overdue", now=day_21 + dt.timedelta(days=5)).items == 0  # once
    [event] = bus.emitted(DisclosureOverdue.TYPE)
    assert (event["budget_id"], event["approved_on"], event["disclosure_due_on"]) == (
        budget["id"],
        "2023-03-01",
        "2023-03-21",
    )
    metric = 'indicator="budget_disclosures_overdue:430104:2023",service="budget"}'
    assert f"{metric} 1.0" in client.get("/metrics").text
    post(client, token, f"/v1/budgets/{budget['id']}/disclosure", {"published_on": "2023-03-25"}, 200)
    assert f"{metric} 0.0" in client.get("/metrics").text


def test_special_transfers_carry_no_strings_beyond_central_and_provincial_rules_R12(client, token):
    base = {
        "from_division_code": "430100",
        "to_division_code": COUNTY,
        "budget_year": YEAR,
        "kind": "SPECIAL",
        "title": "农田建设专项",
        "estimated": "100.00",
        "advance": "70.00",
    }
    traced = {"task": "新建高标准农田1万亩", "source": "CENTRAL", "source_ref": "农建发〔2021〕1号"}
    own = {"task": "每县至少建3个示范片", "source": "DEPARTMENT", "source_ref": "市农业农村局通知"}
    refused = client.post("/v1/transfers", json={**base, "local_constraints": [traced, own]}, headers=token(W))
    assert refused.status_code == 422 and any("R12" in b["article"] for b in refused.json()["basis"])
    unsourced = {"task": "配套比例不低于30%", "source": "PROVINCIAL"}
    assert (
        client.post("/v1/transfers", json={**base, "local_constraints": [unsourced]}, headers=token(W)).status_code
        == 422
    )
    done = post(client, token, "/v1/transfers", {**base, "local_constraints": [traced]})
    assert done["local_constraints"][0]["source_ref"] == "农建发〔2021〕1号"
    listed = ok(client.get("/v1/transfers", params={"division_code": COUNTY, "budget_year": YEAR}, headers=token(R)))
    assert [t["id"] for t in listed] == [done["id"]]  # the refusals wrote nothing


def test_an_empty_expenditure_base_is_shown_in_fen_like_every_amount_R36(client, token):
    pay(client, token, "10.00", matter="县财〔2023〕2号", paid_on="2023-01-05")
    sources = controls(client, token, "2023-12-31")["R36"]["sources"]
    assert [(s["id"], s["amount"]) for s in sources if s["kind"] == "expenditure"] == [
        ("general_public", "0.00"),
        ("government_fund", "0.00"),
    ]
