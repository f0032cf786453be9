"""Emergency spending (W8) and the other costs booked from events: each handler, redelivery, emitted events."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hunan_shared import clock
from hunan_shared.events.catalogue import (
    DisasterClosed,
    DisasterDeclared,
    DisasterLevelChanged,
    DispatchShipped,
    Money,
    PayrollCompleted,
    ReplenishmentRequested,
    SupplyLine,
    TransplantApproved,
)

R, W = "budget:read", "budget:write"
RECORDED = "hunan.budget.emergency_expenditure.recorded"
NOW = clock.now()


def declared(disaster_id="d-1", level="IV", codes=("430102",)):
    return DisasterDeclared(
        disaster_id=disaster_id,
        hazard="FLOOD_DROUGHT",
        response_level=level,
        division_codes=list(codes),
        title="洪涝",
        occurred_at=NOW,
        declared_at=NOW,
    )


def shipped(dispatch_id="p-1", disaster_id="d-1", amount="250000.00"):
    return DispatchShipped(
        dispatch_id=dispatch_id, disaster_id=disaster_id, total_cost=Money(amount=Decimal(amount)), shipped_at=NOW
    )


def expenditures(client, token, **params):
    r = client.get("/v1/expenditures", params=params, headers=token(R))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_dispatch_is_charged_to_the_disaster_line_once(client, token, bus):
    bus.deliver(declared(), shipped())
    bus.redeliver()  # the inbox makes a redelivery harmless
    bus.deliver(shipped())  # re-published with a new event id: still one expenditure per dispatch
    items = expenditures(client, token, disaster_id="d-1")
    assert len(items) == 1
    assert (items[0]["status"], items[0]["amount"], items[0]["division_codes"]) == ("RECORDED", "250000.00", ["430102"])
    line = client.get("/v1/emergency-lines/d-1", headers=token(R)).json()
    assert (line["allocated"], line["spent"], line["state"]) == ("1000000.00", "250000.00", "OPEN")
    events = bus.emitted(RECORDED)
    assert len(events) == 1
    assert events[0]["disaster_id"] == "d-1" and events[0]["amount"] == {"amount": "250000.00", "currency": "CNY"}
    assert events[0]["expenditure_id"] == items[0]["id"]


def test_dispatch_beyond_the_line_waits_for_approval_then_is_recorded_R35(client, token, bus):
    bus.deliver(declared(), shipped(amount="1000000.01"))
    item = expenditures(client, token, status="AWAITING_APPROVAL")[0]
    assert "exceeds" in item["reason"]
    r = client.post(
        f"/v1/expenditures/{item['id']}/approve", json={"approved_matter_ref": "湘财预〔2026〕1号"}, headers=token(W)
    )
    assert r.status_code == 200 and r.json()["status"] == "RECORDED"
    assert (
        client.post(
            f"/v1/expenditures/{item['id']}/approve", json={"approved_matter_ref": "again"}, headers=token(W)
        ).status_code
        == 409
    )
    assert len(bus.emitted(RECORDED)) == 1
    # An approved matter is outside the line (a suspense payment), so the line stays untouched.
    assert client.get("/v1/emergency-lines/d-1", headers=token(R)).json()["spent"] == "0.00"


def test_dispatch_before_the_declaration_is_charged_when_the_line_opens(client, token, bus):
    bus.deliver(shipped(disaster_id="d-2"))
    assert expenditures(client, token, disaster_id="d-2")[0]["status"] == "AWAITING_APPROVAL"
    assert bus.emitted(RECORDED, timeout=0.3) == []
    bus.deliver(declared("d-2"))
    assert expenditures(client, token, disaster_id="d-2")[0]["status"] == "RECORDED"
    assert len(bus.emitted(RECORDED)) == 1


def test_level_change_resizes_and_close_stops_charges(client, token, bus):
    bus.deliver(
        declared(),
        DisasterLevelChanged(
            disaster_id="d-1",
            hazard="FLOOD_DROUGHT",
            response_level="II",
            previous_level="IV",
            division_codes=["430102", "430103"],
            changed_at=NOW,
        ),
    )
    line = client.get("/v1/emergency-lines/d-1", headers=token(R)).json()
    assert line["allocated"] == "20000000.00" and line["division_codes"] == ["430102", "430103"]
    bus.deliver(
        DisasterClosed(
            disaster_id="d-1",
            hazard="FLOOD_DROUGHT",
            response_level="II",
            division_codes=["430102"],
            outcome="closed",
            closed_at=NOW,
        ),
        shipped("p-9"),
    )
    assert client.get("/v1/emergency-lines/d-1", headers=token(R)).json()["state"] == "CLOSED"
    assert expenditures(client, token)[0]["reason"] == "the disaster's emergency line is closed"


def test_transplant_replenishment_and_payroll(client, token, bus):
    approved = dt.datetime(2024, 2, 29, 10, 0, tzinfo=clock.SHANGHAI)
    bus.deliver(
        TransplantApproved(
            application_id="a-1",
            tree_id="t-1",
            division_code="430104",
            cost_bearer="长沙地铁集团",
            estimated_cost=Money(amount=Decimal(80000)),
            aftercare_years=5,
            approved_at=approved,
        ),
        ReplenishmentRequested(
            depot_id="dep-1",
            division_code="430100",
            lines=[SupplyLine(item="tent", quantity=10)],
            estimated_cost=Money(amount=Decimal("5000.005")),
            requested_at=NOW,
        ),
        PayrollCompleted(
            payroll_month="2026-05",
            total=Money(amount=Decimal(300)),
            completed_at=NOW,
            totals=[
                {"subsidy": "living", "division_code": "430102", "recipients": 2, "amount": "200.00"},
                {"subsidy": "nursing", "division_code": "430103", "recipients": 1, "amount": "100.00"},
            ],
        ),
    )
    bus.redeliver()
    transplant = expenditures(client, token, kind="TREE_TRANSPLANT")
    assert [(e["status"], e["bearer"], e["aftercare_ends_on"]) for e in transplant] == [
        ("COMMITTED", "长沙地铁集团", "2029-02-28")
    ]
    replenish = expenditures(client, token, kind="RESERVE_REPLENISHMENT")
    assert [(e["status"], e["amount"]) for e in replenish] == [("AWAITING_APPROVAL", "5000.01")]
    payroll = expenditures(client, token, kind="DISABILITY_PAYROLL", division="430100")
    assert sorted(e["amount"] for e in payroll) == ["100.00", "200.00"]
    assert [e["kind"] for e in expenditures(client, token, division="430103")] == ["DISABILITY_PAYROLL"]
    assert bus.count("expenditure") == 4
    assert bus.emitted(RECORDED, timeout=0.3) == []  # none of these belong to a disaster


def test_reads_and_approval_need_scopes(client, token, bus):
    assert client.get("/v1/expenditures").status_code == 401
    assert client.get("/v1/expenditures", headers=token(W)).status_code == 403
    assert (
        client.post("/v1/expenditures/x/approve", json={"approved_matter_ref": "abc"}, headers=token(R)).status_code
        == 403
    )
    assert (
        client.post("/v1/expenditures/x/approve", json={"approved_matter_ref": "abc"}, headers=token(W)).status_code
        == 404
    )
    r = client.post("/v1/expenditures/x/approve", json={"approved_matter_ref": ""}, headers=token(W))
    assert r.status_code == 422 and bus.count("audit_log") == 0
    assert client.get("/v1/emergency-lines/none", headers=token(R)).status_code == 404


def test_service_answers_health_and_openapi(client):
    assert client.get("/livez").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200
    metrics = client.get("/metrics")
    assert metrics.status_code == 200 and 'service="budget"' in metrics.text
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/projects", "/v1/responsibilities", "/v1/expenditures"} <= set(paths)
    assert all(op.get("summary") for path in paths.values() for op in path.values())
