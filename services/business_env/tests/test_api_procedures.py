"""Procedures for enterprises over HTTP on SQLite and PostgreSQL: the start-up bundle (W5, Art. 10), simplified
deregistration (W6, Art. 20), notification-commitment (W4, Art. 32), fees and deposits (W8, Art. 15)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import CommitmentCase, CreditRecord, Deposit, Deregistration, FeeCharge, StartupCase
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.events.catalogue import (
    CommitmentFoundFalse,
    CommitmentVerificationOverdue,
    DepositRefundOverdue,
    DeregistrationCompleted,
    StartupCompleted,
    StartupOverdue,
)
from hunan_shared.testing import EventDriver, run_job

PROBLEM = "application/problem+json"
WRITE, READ = "business_env:write", "business_env:read"
CODE = "91430104MA4L0K8R3A"
ITEMS = [
    "ESTABLISHMENT_REGISTRATION",
    "SEAL_ENGRAVING",
    "INVOICES_AND_TAX_DEVICE",
    "SOCIAL_INSURANCE_REGISTRATION",
    "HOUSING_FUND_REGISTRATION",
    "BANK_ACCOUNT_APPOINTMENT",
]


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings)


@pytest.fixture
def at(monkeypatch):
    """`at("2024-09-27")`: the service's clock reads 09:00 Shanghai time that day from now on."""

    def set_day(day: str) -> None:
        moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(9), clock.SHANGHAI)
        monkeypatch.setattr(clock, "now", lambda: moment)

    return set_day


def count(client, table) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


def post(client, token, path, body, status=201):
    r = client.post(path, json=body, headers=token(WRITE))
    assert r.status_code == status, r.text
    return r.json()


def refused(client, token, path, body, status):
    r = client.post(path, json=body, headers=token(WRITE))
    assert r.status_code == status, r.text
    assert r.headers["content-type"] == PROBLEM
    return r.json()


def night(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(8), clock.SHANGHAI)


# --- W5: start-up bundle ------------------------------------------------------------------------------------

STARTUP = {"enterprise_name": "长沙麓谷智造科技有限公司", "division_code": "430104", "submitted_on": "2024-09-27"}


def item(client, token, case_id, name, outcome="DONE", on="2024-09-29", status=200, **extra):
    body = {"item": name, "outcome": outcome, "on": on, **extra}
    if name == "ESTABLISHMENT_REGISTRATION" and outcome == "DONE":
        body.setdefault("credit_code", CODE)
    return client.post(f"/v1/startups/{case_id}/items", json=body, headers=token(WRITE))


def test_a_failed_item_keeps_the_bundle_open_and_it_is_delivered_once_b10(client, token, memory_bus, at):
    at("2024-10-08")
    case = post(client, token, "/v1/startups", {**STARTUP, "form": {"registered_capital": "1000000"}})
    # Fri 27 Sep + 3 working days (Sun 29 Sep worked, 1–7 Oct off) → Tue 8 Oct.
    assert case["state"] == "SUBMITTED" and case["due"] == {"date": "2024-10-08", "provisional": False}
    assert case["basis"][0]["article"] == "Art. 10 para 2 / 第十条第二款"
    for name in ITEMS:
        if name != "SEAL_ENGRAVING":
            assert item(client, token, case["id"], name).status_code == 200
    failed = item(client, token, case["id"], "SEAL_ENGRAVING", outcome="FAILED", note="印章样式不合规").json()
    assert failed["state"] == "PROCESSING" and failed["credit_code"] == CODE
    early = refused(client, token, f"/v1/startups/{case['id']}/delivery", {"delivered_on": "2024-10-08"}, 409)
    assert early["basis"][0]["article"].startswith("Art. 10")
    done = item(client, token, case["id"], "SEAL_ENGRAVING", on="2024-10-08").json()
    assert done["state"] == "COMPLETED" and done["completed_on"] == "2024-10-08"
    assert all(i["state"] == "DONE" and i["within_due"] for i in done["items"])
    again = item(client, token, case["id"], "SEAL_ENGRAVING", outcome="FAILED", on="2024-10-08")
    assert again.status_code == 409  # an item is done once
    delivered = post(client, token, f"/v1/startups/{case['id']}/delivery", {"delivered_on": "2024-10-08"}, 200)
    assert delivered["state"] == "DELIVERED" and delivered["overdue"] is False
    refused(client, token, f"/v1/startups/{case['id']}/delivery", {"delivered_on": "2024-10-08"}, 409)
    [event] = EventDriver(client, memory_bus).emitted(StartupCompleted.TYPE)
    assert (event["case_id"], event["enterprise_credit_code"], event["on_time"]) == (case["id"], CODE, True)


def test_materials_are_requested_in_one_notice_and_bad_input_changes_nothing(client, token, at):
    at("2024-09-30")
    case = post(client, token, "/v1/startups", {**STARTUP, "form": {}})
    path = f"/v1/startups/{case['id']}"
    requested = post(client, token, f"{path}/materials-request", {"missing": ["租赁合同", "住所证明"]}, 200)
    assert requested["state"] == "MATERIALS_REQUESTED" and requested["materials_requested"] == "租赁合同；住所证明"
    assert item(client, token, case["id"], "SEAL_ENGRAVING").status_code == 409  # waiting for the applicant
    post(client, token, f"{path}/materials-supplied", {"supplied_on": "2024-09-30"}, 200)
    second = refused(client, token, f"{path}/materials-request", {"missing": ["章程"]}, 409)
    assert "一次告知" in second["detail"]
    # registration done without the credit code it produces, a date before submission: 422, nothing changes
    r = item(client, token, case["id"], "ESTABLISHMENT_REGISTRATION", credit_code=None)
    assert r.status_code == 422
    assert item(client, token, case["id"], "SEAL_ENGRAVING", on="2024-09-26").status_code == 422
    assert client.get(path, headers=token(READ)).json()["items"][0]["state"] == "PENDING"
    assert (
        client.post(
            "/v1/startups", json={**STARTUP, "division_code": "110101", "form": {}}, headers=token(WRITE)
        ).status_code
        == 422
    )
    assert count(client, StartupCase) == 1


def test_an_undelivered_bundle_is_announced_overdue_once(client, token, memory_bus, at):
    at("2024-09-30")
    case = post(client, token, "/v1/startups", {**STARTUP, "form": {}})
    item(client, token, case["id"], "BANK_ACCOUNT_APPOINTMENT", on="2024-09-30")
    assert run_job(client, "startup-overdue", now=night("2024-10-08")).items == 0  # the due day itself
    assert run_job(client, "startup-overdue", now=night("2024-10-09")).items == 1
    assert run_job(client, "startup-overdue", now=night("2024-10-10")).items == 0  # announced once
    [event] = EventDriver(client, memory_bus).emitted(StartupOverdue.TYPE)
    assert event["due"] == "2024-10-08" and "BANK_ACCOUNT_APPOINTMENT" not in event["open_items"]
    assert len(event["open_items"]) == 5


# --- W6: simplified deregistration ----------------------------------------------------------------------

SETTLED = {
    "debts": "SETTLED",
    "liquidation_expenses": "NONE_INCURRED",
    "wages": "SETTLED",
    "social_insurance": "SETTLED",
    "statutory_compensation": "NONE_INCURRED",
    "taxes_incl_late_fees_and_fines": "SETTLED",
}
DEREG = {
    "credit_code": CODE,
    "enterprise_name": "长沙某贸易有限公司",
    "division_code": "430104",
    "applied_on": "2025-03-03",
    "checklist": SETTLED,
    "investors": 3,
    "commitments_signed": 3,
}


def test_eligibility_of_simplified_deregistration_b16(client, token, at):
    at("2025-03-03")
    late_tax = {**SETTLED, "taxes_incl_late_fees_and_fines": "OUTSTANDING"}
    a = post(client, token, "/v1/deregistrations", {**DEREG, "checklist": late_tax})
    assert a["state"] == "INELIGIBLE" and "taxes_incl_late_fees_and_fines" in a["reason"]
    assert a["notice_until"] is None and a["basis"][0]["article"] == "Art. 20 / 第二十条"
    b = post(client, token, "/v1/deregistrations", {**DEREG, "commitments_signed": 2})
    assert b["state"] == "INELIGIBLE" and "2 of 3" in b["reason"]
    c = post(client, token, "/v1/deregistrations", DEREG)
    assert c["state"] == "NOTICE" and c["notice_until"] == "2025-03-23"
    assert refused(client, token, "/v1/deregistrations", DEREG, 409)["detail"].endswith("public notice")
    refused(client, token, "/v1/deregistrations", {**DEREG, "commitments_signed": 4}, 422)
    refused(client, token, "/v1/deregistrations", {**DEREG, "checklist": {"debts": "SETTLED"}}, 422)
    assert count(client, Deregistration) == 3


def test_notice_period_objection_and_completion(client, token, memory_bus, at):
    at("2025-03-03")
    first = post(client, token, "/v1/deregistrations", DEREG)
    path = f"/v1/deregistrations/{first['id']}"
    at("2025-03-23")
    early = refused(client, token, f"{path}/completion", {"deregistered_on": "2025-03-23"}, 409)
    assert "notice period" in early["detail"]
    at("2025-03-24")
    done = post(client, token, f"{path}/completion", {"deregistered_on": "2025-03-24"}, 200)
    assert done["state"] == "DEREGISTERED"
    refused(
        client,
        token,
        f"{path}/objections",
        {"objector": "某债权人", "ground": "货款未付", "raised_on": "2025-03-24"},
        409,
    )
    [event] = EventDriver(client, memory_bus).emitted(DeregistrationCompleted.TYPE)
    assert (event["enterprise_credit_code"], event["notice_until"]) == (CODE, "2025-03-23")

    other = post(
        client, token, "/v1/deregistrations", {**DEREG, "credit_code": "91430104MA4L0K8R4B", "applied_on": "2025-03-20"}
    )
    objected = post(
        client,
        token,
        f"/v1/deregistrations/{other['id']}/objections",
        {"objector": "某债权人", "ground": "尚有货款未结清", "raised_on": "2025-03-24"},
        200,
    )
    assert objected["state"] == "OBJECTED" and objected["objection"]["objector"] == "某债权人"
    at("2025-04-30")
    refused(client, token, f"/v1/deregistrations/{other['id']}/completion", {"deregistered_on": "2025-04-30"}, 409)


# --- W4: notification-commitment --------------------------------------------------------------------------

COMMIT = {
    "applicant_credit_code": CODE,
    "division_code": "430104",
    "department": "岳麓区市场监督管理局",
    "matter": "食品经营许可（仅销售预包装食品）",
    "kind": "BUSINESS_PERMIT",
    "applied_on": "2024-06-03",
}


def test_a_false_commitment_is_sanctioned_recorded_and_excludes_until_repair_b17_b18(client, token, memory_bus, at):
    at("2024-06-03")
    granted = post(client, token, "/v1/commitments", COMMIT)
    # Mon 3 Jun 2024 + 20 working days; Mon 10 Jun (Dragon Boat Festival) is off → Tue 2 Jul.
    assert granted["state"] == "GRANTED" and granted["verify_due"]["date"] == "2024-07-02"
    assert granted["basis"][0]["article"] == "Art. 32 para 2 / 第三十二条第二款"
    path = f"/v1/commitments/{granted['id']}/verification"
    at("2024-06-20")
    finding = {"verified_on": "2024-06-20", "truthful": False, "finding": "经营场所与承诺不符"}
    none = refused(client, token, path, finding, 422)
    assert none["basis"][0]["article"] == "Art. 32 para 3 / 第三十二条第三款"
    assert client.get(f"/v1/commitments/{granted['id']}", headers=token(READ)).json()["state"] == "GRANTED"
    false = post(client, token, path, {**finding, "sanctions": ["REVOKE", "PENALTY"]}, 200)
    assert false["state"] == "FALSE_COMMITMENT" and false["sanctions"] == ["REVOKE", "PENALTY"]
    refused(client, token, path, {**finding, "sanctions": ["REVOKE"]}, 409)  # verified once
    [event] = EventDriver(client, memory_bus).emitted(CommitmentFoundFalse.TYPE)
    [record] = client.get(f"/v1/credit-records?credit_code={CODE}", headers=token(READ)).json()["items"]
    assert event["credit_record_id"] == record["id"] and record["kind"] == "FALSE_COMMITMENT"

    at("2024-07-01")
    excluded = post(client, token, "/v1/commitments", {**COMMIT, "applied_on": "2024-07-01"})
    assert excluded["state"] == "STANDARD_PROCEDURE" and "credit repair" in excluded["reason"]
    repaired = post(client, token, f"/v1/credit-records/{record['id']}/repair", {"repaired_on": "2024-07-01"}, 200)
    assert repaired["repaired_on"] == "2024-07-01"
    refused(client, token, f"/v1/credit-records/{record['id']}/repair", {"repaired_on": "2024-07-01"}, 409)
    at("2024-07-02")
    again = post(client, token, "/v1/commitments", {**COMMIT, "applied_on": "2024-07-02"})
    assert again["state"] == "GRANTED"
    assert count(client, CreditRecord) == 1


def test_matter_and_external_credit_decide_the_procedure(client, token, at):
    at("2024-06-03")
    risky = {**COMMIT, "kind": "CERTIFICATION", "high_risk": True}
    assert post(client, token, "/v1/commitments", risky)["state"] == "STANDARD_PROCEDURE"
    bad = {**COMMIT, "serious_bad_credit_at": "2023-05-01"}
    assert post(client, token, "/v1/commitments", bad)["state"] == "STANDARD_PROCEDURE"
    fixed = {**bad, "credit_repaired_at": "2024-01-15"}
    assert post(client, token, "/v1/commitments", fixed)["state"] == "GRANTED"
    refused(client, token, "/v1/commitments", {**COMMIT, "credit_repaired_at": "2024-01-15"}, 422)
    assert count(client, CommitmentCase) == 3


def test_an_unverified_commitment_is_announced_overdue_once(client, token, memory_bus, at):
    at("2024-06-03")
    granted = post(client, token, "/v1/commitments", COMMIT)
    assert run_job(client, "commitment-verification-overdue", now=night("2024-07-02")).items == 0
    assert run_job(client, "commitment-verification-overdue", now=night("2024-07-03")).items == 1
    assert run_job(client, "commitment-verification-overdue", now=night("2024-07-04")).items == 0
    [event] = EventDriver(client, memory_bus).emitted(CommitmentVerificationOverdue.TYPE)
    assert (event["commitment_id"], event["verify_due"]) == (granted["id"], "2024-07-02")


# --- W8: fees and deposits ----------------------------------------------------------------------------------

FEE_ITEM = {
    "code": "HN-FEE-2025-017",
    "title": "特种设备检验检测费",
    "department": "湖南省市场监督管理局",
    "standard": "100.00",
    "unit": "台次",
    "scope": ["电梯定期检验"],
    "legal_basis": "湘发改价费〔2024〕X号",
    "valid_from": "2025-01-01",
    "valid_to": "2025-12-31",
}
CHARGE = {
    "fee_item_code": "HN-FEE-2025-017",
    "payer_credit_code": CODE,
    "department": "湖南省市场监督管理局",
    "matter": "电梯定期检验",
    "amount": "100.00",
    "charged_on": "2025-06-02",
}


@pytest.mark.parametrize(
    ("change", "outcome"),
    [
        ({"fee_item_code": "HN-FEE-NOT-LISTED"}, "UNLISTED_ITEM"),
        ({"amount": "120.00"}, "ABOVE_STANDARD"),
        ({"matter": "电梯安装监督检验"}, "OUT_OF_SCOPE"),
        ({"department": "长沙市城市管理局"}, "OUT_OF_SCOPE"),
        ({"charged_on": "2024-12-31"}, "UNLISTED_ITEM"),
        ({"levy": "SPONSORSHIP"}, "SPONSORSHIP"),
        ({"levy": "COMMERCIAL_INSURANCE"}, "COMMERCIAL_INSURANCE"),
    ],
)
def test_a_charge_outside_the_catalogue_is_refused_b11(client, token, at, change, outcome):
    at("2026-01-05")
    post(client, token, "/v1/fee-items", FEE_ITEM)
    problem = refused(client, token, "/v1/fee-charges", {**CHARGE, **change}, 422)
    assert problem["detail"].startswith(outcome) and problem["basis"][0]["article"].startswith("Art. 15 ")
    assert count(client, FeeCharge) == 0
    ok = post(client, token, "/v1/fee-charges", CHARGE)
    assert ok["outcome"] == "OK" and ok["amount"] == "100.00"
    refused(client, token, "/v1/fee-items", FEE_ITEM, 409)
    refused(client, token, "/v1/fee-items", {**FEE_ITEM, "code": "X2", "valid_to": "2024-12-31"}, 422)


DEPOSIT = {
    "credit_code": CODE,
    "division_code": "430104",
    "kind": "履约保证金",
    "holder_department": "岳麓区住房和城乡建设局",
    "amount": "200000.00",
    "form": "BANK_GUARANTEE",
    "accepted_forms": ["CASH", "BANK_GUARANTEE", "GUARANTEE_INSURANCE"],
    "rules_ref": "湖南省房屋建筑和市政基础设施工程履约保证金管理规定",
    "posted_on": "2024-09-02",
}


def test_deposit_form_choice_release_and_late_return(client, token, memory_bus, at):
    at("2024-09-02")
    restricted = refused(client, token, "/v1/deposits", {**DEPOSIT, "form": "CASH", "accepted_forms": ["CASH"]}, 422)
    assert (
        "restricts" in restricted["detail"] and restricted["basis"][0]["article"] == "Art. 15 para 2 / 第十五条第二款"
    )
    assert count(client, Deposit) == 0
    deposit = post(client, token, "/v1/deposits", DEPOSIT)
    assert deposit["state"] == "HELD" and deposit["refund_working_days"] == 5 and deposit["amount"] == "200000.00"
    path = f"/v1/deposits/{deposit['id']}"
    refused(client, token, f"{path}/refund", {"refunded_on": "2024-09-02"}, 409)
    at("2024-09-27")
    released = post(client, token, f"{path}/release", {"released_on": "2024-09-27", "cause": "合同履约完毕"}, 200)
    assert released["refund_due"] == {"date": "2024-10-10", "provisional": False}
    assert run_job(client, "deposit-refund-overdue", now=night("2024-10-10")).items == 0
    assert run_job(client, "deposit-refund-overdue", now=night("2024-10-11")).items == 1
    assert run_job(client, "deposit-refund-overdue", now=night("2024-10-12")).items == 0
    [event] = EventDriver(client, memory_bus).emitted(DepositRefundOverdue.TYPE)
    assert event["amount"] == {"amount": "200000.00", "currency": "CNY"} and event["form"] == "BANK_GUARANTEE"
    at("2024-10-14")
    assert client.get(path, headers=token(READ)).json()["overdue"] is True
    late = post(client, token, f"{path}/refund", {"refunded_on": "2024-10-14"}, 200)
    assert late["state"] == "REFUNDED" and late["refunded_on_time"] is False and late["overdue"] is False
    assert client.post("/v1/deposits", json=DEPOSIT, headers=token(READ)).status_code == 403
