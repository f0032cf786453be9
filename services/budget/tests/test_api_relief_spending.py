"""Relief spending announced by emergency (ReliefProvided, Plan 7(四)): charged to the disaster's emergency line once
per relief case; goods-only relief books nothing."""

from __future__ import annotations

from decimal import Decimal

from hunan_shared import clock
from hunan_shared.events.catalogue import DisasterDeclared, Money, ReliefProvided

R = "budget:read"
NOW = clock.now()


def declared(disaster_id="d-1"):
    return DisasterDeclared(
        disaster_id=disaster_id,
        hazard="FLOOD_DROUGHT",
        response_level="IV",
        division_codes=["430102"],
        title="洪涝",
        occurred_at=NOW,
        declared_at=NOW,
    )


def relief(case_id="c-1", amount="30000.00", disaster_id="d-1"):
    return ReliefProvided(
        case_id=case_id,
        disaster_id=disaster_id,
        relief_type="EMERGENCY_RELIEF",
        division_code="430102",
        persons=120,
        amount=Money(amount=Decimal(amount)),
        provided_at=NOW,
    )


def items(client, token, **params):
    r = client.get("/v1/expenditures", params=params, headers=token(R))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_relief_funds_are_charged_to_the_disaster_line_once(client, token, bus):
    bus.deliver(declared(), relief())
    bus.redeliver()
    bus.deliver(relief())  # re-published under a new event id: one expenditure per case
    [item] = items(client, token, disaster_id="d-1")
    assert (item["status"], item["amount"], item["division_codes"]) == ("RECORDED", "30000.00", ["430102"])
    line = client.get("/v1/emergency-lines/d-1", headers=token(R)).json()
    assert line["spent"] == "30000.00"
    [recorded] = bus.emitted("hunan.budget.emergency_expenditure.recorded")
    assert recorded["expenditure_id"] == item["id"]


def test_goods_only_relief_books_nothing_and_relief_before_declaration_waits(client, token, bus):
    bus.deliver(relief(case_id="goods", amount="0"))
    assert items(client, token) == []
    bus.deliver(relief(case_id="early", disaster_id="d-2"))
    [item] = items(client, token, disaster_id="d-2")
    assert item["status"] == "AWAITING_APPROVAL"
