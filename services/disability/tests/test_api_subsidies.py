"""Two subsidies through HTTP: eligibility with basis, dated standards, grants, an idempotent monthly payroll."""

from __future__ import annotations

import threading
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from hunan_disability.models import SubsidyPayment

PROBLEM = "application/problem+json"


def payments(client) -> list[tuple[str, str, str, Decimal]]:
    with Session(client.app.state.platform.engine) as session:
        return sorted(
            session.execute(
                select(SubsidyPayment.month, SubsidyPayment.person_id, SubsidyPayment.program, SubsidyPayment.amount)
            ).all()
        )


def standard(client, headers, program, division, amount, effective_from="2026-01-01"):
    response = client.post(
        "/v1/subsidy-standards",
        headers=headers,
        json={
            "program": program,
            "division_code": division,
            "amount": amount,
            "effective_from": effective_from,
            "reference": "湘民发〔2026〕1号",
        },
    )
    assert response.status_code == 201, response.text
    return response.json()


def grant(client, headers, person_id, program, approved_on="2026-04-10"):
    return client.post(
        "/v1/subsidy-grants",
        headers=headers,
        json={"person_id": person_id, "program": program, "approved_on": approved_on},
    )


def test_eligibility_decisions_carry_their_basis(client, headers, register):
    person = register(household_status="dibao", grade=4, category=2)  # T-7
    body = client.get(f"/v1/persons/{person['id']}/subsidy-eligibility", headers=headers).json()
    decisions = {d["program"]: d for d in body["decisions"]}
    assert decisions["living_subsidy"]["eligible"] is True
    assert decisions["nursing_subsidy"]["eligible"] is False
    for decision in decisions.values():
        assert any("三(二)1" in b["article"] for b in decision["basis"])


def test_a_grant_needs_eligibility_and_writes_nothing_otherwise(client, headers, register):
    person = register(grade=4)
    refused = grant(client, headers, person["id"], "living_subsidy")
    assert refused.status_code == 422 and refused.headers["content-type"] == PROBLEM
    assert any("R5" in b["article"] for b in refused.json()["basis"])
    assert client.get("/v1/subsidy-grants", headers=headers).json()["items"] == []
    severe = register(grade=1, needs_long_term_care=True)
    granted = grant(client, headers, severe["id"], "nursing_subsidy")
    assert granted.status_code == 201 and any("R6" in b["article"] for b in granted.json()["basis"])
    assert grant(client, headers, severe["id"], "nursing_subsidy").status_code == 409


def test_standards_are_dated_per_division_and_locked_once_paid(client, headers, register):
    province = standard(client, headers, "living_subsidy", "430000", "80.00")
    standard(client, headers, "living_subsidy", "430100", "100.00", "2026-05-01")  # Changsha from May
    assert (
        client.post(
            "/v1/subsidy-standards",
            headers=headers,
            json={
                "program": "living_subsidy",
                "division_code": "430000",
                "amount": "90.00",
                "effective_from": "2026-01-01",
            },
        ).status_code
        == 409
    )
    assert (
        client.post(
            "/v1/subsidy-standards",
            headers=headers,
            json={
                "program": "living_subsidy",
                "division_code": "430000",
                "amount": "90.00",
                "effective_from": "2026-01-15",
            },
        ).status_code
        == 422
    )  # standards start on the first of a month
    listed = client.get("/v1/subsidy-standards", params={"division": "430102"}, headers=headers).json()["items"]
    assert [s["division_code"] for s in listed] == ["430000", "430100"]
    changsha = register(household_status="dibao", division_code="430102")["id"]
    zhuzhou = register(household_status="dibao", division_code="430211")["id"]
    for person in (changsha, zhuzhou):
        assert grant(client, headers, person, "living_subsidy").status_code == 201
    april = client.post("/v1/payrolls", json={"month": "2026-04"}, headers=headers).json()
    assert april["recipients"] == 0  # approved in April: paid from May (次月起发放)
    may = client.post("/v1/payrolls", json={"month": "2026-05"}, headers=headers).json()
    assert {(line["division_code"], line["amount"]) for line in may["lines"]} == {
        ("430102", "100.00"),
        ("430211", "80.00"),
    }
    locked = client.patch(f"/v1/subsidy-standards/{province['id']}", json={"amount": "85.00"}, headers=headers)
    assert locked.status_code == 409
    assert client.delete(f"/v1/subsidy-standards/{province['id']}", headers=headers).status_code == 409


def test_payroll_pays_once_per_month_and_tells_budget_once(client, headers, register, events):
    standard(client, headers, "living_subsidy", "430000", "80.00")
    standard(client, headers, "nursing_subsidy", "430000", "120.50")
    both = register(household_status="dibao", grade=1, needs_long_term_care=True)["id"]
    living = register(household_status="dibao", grade=3)["id"]
    for person, program in ((both, "living_subsidy"), (both, "nursing_subsidy"), (living, "living_subsidy")):
        assert grant(client, headers, person, program).status_code == 201
    first = client.post("/v1/payrolls", json={"month": "2026-05"}, headers=headers)
    assert first.status_code == 200, first.text
    assert first.json()["recipients"] == 2 and first.json()["total"] == "280.50"
    assert first.json()["already_completed"] is False
    second = client.post("/v1/payrolls", json={"month": "2026-05"}, headers=headers).json()
    assert second["already_completed"] is True and second["total"] == "280.50"
    assert len(payments(client)) == 3
    [event] = events.emitted("hunan.disability.subsidy.payroll_completed", 2, timeout=0.5)
    assert event["payroll_month"] == "2026-05" and event["total"] == {"amount": "280.50", "currency": "CNY"}
    assert {(t["subsidy"], t["recipients"], t["amount"]) for t in event["totals"]} == {
        ("living_subsidy", 2, "160.00"),
        ("nursing_subsidy", 1, "120.50"),
    }
    assert client.get("/v1/payrolls/2026-05", headers=headers).json()["total"] == "280.50"


def test_concurrent_runs_of_a_month_cannot_pay_twice(client, headers, register):
    standard(client, headers, "living_subsidy", "430000", "80.00")
    for _ in range(3):
        assert grant(client, headers, register(household_status="dibao")["id"], "living_subsidy").status_code == 201
    start = threading.Barrier(2)
    statuses: list[int] = []

    def run():
        start.wait()
        statuses.append(client.post("/v1/payrolls", json={"month": "2026-06"}, headers=headers).status_code)

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert 200 in statuses and set(statuses) <= {200, 409}
    assert len(payments(client)) == 3


def test_payroll_without_a_standard_pays_nobody(client, headers, register):
    standard(client, headers, "living_subsidy", "430100", "80.00")  # Changsha only
    for division in ("430102", "430211"):
        grant(client, headers, register(household_status="dibao", division_code=division)["id"], "living_subsidy")
    refused = client.post("/v1/payrolls", json={"month": "2026-05"}, headers=headers)
    assert refused.status_code == 422 and "430211" in refused.json()["detail"]
    assert payments(client) == []
    assert client.get("/v1/payrolls/2026-05", headers=headers).status_code == 404


def test_a_stopped_grant_is_paid_for_the_stop_month_only(client, headers, register):
    standard(client, headers, "living_subsidy", "430000", "80.00")
    person = register(household_status="dibao")["id"]
    granted = grant(client, headers, person, "living_subsidy").json()
    stop = client.post(
        f"/v1/subsidy-grants/{granted['id']}/stop", headers=headers, json={"stopped_on": "2026-05-20", "reason": "迁出"}
    )
    assert stop.status_code == 200
    assert client.post("/v1/payrolls", json={"month": "2026-05"}, headers=headers).json()["recipients"] == 1
    assert client.post("/v1/payrolls", json={"month": "2026-06"}, headers=headers).json()["recipients"] == 0


def test_payroll_needs_the_payroll_scope(client, token):
    response = client.post("/v1/payrolls", json={"month": "2026-05"}, headers=token("disability:write"))
    assert response.status_code == 403
