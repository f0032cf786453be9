"""Clocks that act by themselves (use_cases/clocks.py, the `payroll` job in app.py): the monthly payroll rolls
without anyone calling `POST /v1/payrolls` — once per month, missed months first, blocked (and retried) while a
standard is missing — with its event for budget and the job's items metric."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import select
from sqlmodel import Session

from hunan_disability.models import SubsidyPayment
from hunan_disability.use_cases.clocks import months_due
from hunan_shared import clock
from hunan_shared.testing import run_job


def payments(client) -> list[tuple[str, str, str, Decimal]]:
    with Session(client.app.state.platform.engine) as session:
        return sorted(
            session.execute(
                select(SubsidyPayment.month, SubsidyPayment.person_id, SubsidyPayment.program, SubsidyPayment.amount)
            ).all()
        )


def standard(client, headers, program: str, division: str, amount: str) -> None:
    body = {"program": program, "division_code": division, "amount": amount, "effective_from": "2026-01-01"}
    response = client.post("/v1/subsidy-standards", headers=headers, json=body | {"reference": "湘民发〔2026〕1号"})
    assert response.status_code == 201, response.text


def grant(client, headers, person_id: str, program: str, approved_on: str = "2026-04-10"):
    body = {"person_id": person_id, "program": program, "approved_on": approved_on}
    return client.post("/v1/subsidy-grants", headers=headers, json=body)


def at(day: str, hour: int = 8) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), clock.SHANGHAI)


def test_months_due_from_the_payroll_day_with_missed_months_first():
    assert months_due(dt.date(2026, 5, 1), 1, []) == ["2026-05"]
    assert months_due(dt.date(2026, 5, 9), 10, []) == ["2026-04"]  # before the payroll day: the month before
    assert months_due(dt.date(2026, 5, 10), 10, ["2026-04"]) == ["2026-05"]
    assert months_due(dt.date(2026, 5, 31), 1, ["2026-05"]) == []
    assert months_due(dt.date(2027, 2, 1), 1, ["2026-11"]) == ["2026-12", "2027-01", "2027-02"]  # year boundary
    # a month run ahead by hand is neither a start nor paid again; gaps before the last run are left alone
    assert months_due(dt.date(2026, 6, 2), 1, ["2026-01", "2026-04", "2026-08"]) == ["2026-05", "2026-06"]
    assert months_due(dt.date(2026, 1, 1), 1, ["2025-12"]) == ["2026-01"]
    assert months_due(dt.date(2026, 6, 1), 1, [], owed_from="2026-05") == ["2026-05", "2026-06"]  # a failed May


def test_the_payroll_rolls_by_itself_once_per_month(client, headers, register, events):
    standard(client, headers, "living_subsidy", "430000", "80.00")
    person = register(household_status="dibao")["id"]
    assert grant(client, headers, person, "living_subsidy", approved_on="2026-04-10").status_code == 201

    outcome = run_job(client, "payroll", now=at("2026-05-01", 0))
    assert (outcome.ok, outcome.items) == (True, 1)
    assert payments(client) == [("2026-05", person, "living_subsidy", Decimal("80.00"))]
    [event] = events.emitted("hunan.disability.subsidy.payroll_completed")
    assert event["payroll_month"] == "2026-05" and event["total"] == {"amount": "80.00", "currency": "CNY"}
    assert dt.datetime.fromisoformat(event["completed_at"]) == at("2026-05-01", 0)

    assert run_job(client, "payroll", now=at("2026-05-20")).items == 0  # idempotent within the month
    assert len(events.emitted("hunan.disability.subsidy.payroll_completed", 2, timeout=0.5)) == 1
    assert client.post("/v1/payrolls", json={"month": "2026-05"}, headers=headers).json()["already_completed"]

    # the service was away through June and July: August's run pays June, July and August, in order
    outcome = run_job(client, "payroll", now=at("2026-08-03"))
    assert outcome.items == 3
    assert [p[0] for p in payments(client)] == ["2026-05", "2026-06", "2026-07", "2026-08"]
    months = [e["payroll_month"] for e in events.emitted("hunan.disability.subsidy.payroll_completed", 4)]
    assert months == ["2026-05", "2026-06", "2026-07", "2026-08"]
    metrics = client.get("/metrics").text
    assert 'hunan_job_items_handled_total{job_name="payroll",service="disability"} 4.0' in metrics


def test_a_month_without_a_standard_blocks_the_job_until_one_exists(client, headers, register):
    standard(client, headers, "living_subsidy", "430100", "80.00")  # Changsha only
    grant(client, headers, register(household_status="dibao", division_code="430211")["id"], "living_subsidy")

    failed = run_job(client, "payroll", now=at("2026-05-02"))
    assert not failed.ok and "430211" in (failed.error or "")
    assert payments(client) == [] and client.get("/v1/payrolls/2026-05", headers=headers).status_code == 404
    assert 'hunan_job_runs_total{job_name="payroll",outcome="failure",service="disability"} 1.0' in (
        client.get("/metrics").text
    )

    standard(client, headers, "living_subsidy", "430200", "70.00")  # Zhuzhou's standard, in force since January
    outcome = run_job(client, "payroll", now=at("2026-06-01"))
    assert (outcome.ok, outcome.items) == (True, 2)  # the month owed is not forgotten: May, then June
    assert [(p[0], str(p[3])) for p in payments(client)] == [("2026-05", "70.00"), ("2026-06", "70.00")]
    assert run_job(client, "payroll", now=at("2026-06-02")).items == 0


def test_a_gradual_exit_ends_by_itself_unless_a_later_review_intervened(client, headers, register, events):
    """R4 渐退期: a household in gradual exit until 2025-09-01 leaves 低保 on that day without anyone reviewing it;
    one whose income was found back at the standard in between stays enrolled."""
    review = {
        "reviewed_on": "2025-03-01",
        "household_income": "2200.00",
        "deductible_employment_costs": "0",
        "members": 2,
        "dibao_standard": "1000.00",
    }
    leaving, staying = register(household_status="dibao")["id"], register(household_status="dibao")["id"]
    for person in (leaving, staying):
        started = client.post("/v1/dibao-reviews", json=review | {"person_id": person}, headers=headers).json()
        assert (started["status"], started["exit_on"]) == ("gradual_exit", "2025-09-01")
    back = review | {"person_id": staying, "reviewed_on": "2025-06-01", "household_income": "1800.00"}
    assert client.post("/v1/dibao-reviews", json=back, headers=headers).json()["status"] == "enrolled"

    assert run_job(client, "dibao-gradual-exit", now=at("2025-08-31", 23)).items == 0  # the period runs
    outcome = run_job(client, "dibao-gradual-exit", now=at("2025-09-01", 1))
    assert (outcome.ok, outcome.items) == (True, 1)
    person = client.get(f"/v1/persons/{leaving}", headers=headers).json()
    assert person["household_status"] == "none"
    assert client.get(f"/v1/persons/{staying}", headers=headers).json()["household_status"] == "dibao"
    reviews = client.get("/v1/dibao-reviews", params={"person_id": leaving}, headers=headers).json()["items"]
    assert [(r["reviewed_on"], r["status"]) for r in reviews] == [
        ("2025-03-01", "gradual_exit"),
        ("2025-09-01", "exited"),
    ]
    assert "no later review" in reviews[-1]["reason"]
    [event] = events.emitted("hunan.disability.dibao.gradual_exit_ended")
    assert (event["review_id"], event["division_code"], event["exit_on"]) == (reviews[-1]["id"], "430102", "2025-09-01")

    assert run_job(client, "dibao-gradual-exit", now=at("2025-10-01")).items == 0  # once
    assert len(events.emitted("hunan.disability.dibao.gradual_exit_ended", 2, timeout=0.5)) == 1
    metrics = client.get("/metrics").text
    assert 'hunan_job_items_handled_total{job_name="dibao-gradual-exit",service="disability"} 1.0' in metrics
