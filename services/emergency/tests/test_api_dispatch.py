"""Supply requests and dispatch (W3) through HTTP and the SuppliesRequested handler (R13, R16, R19; E6–E8)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hunan_shared import clock
from hunan_shared.events.catalogue import DivisionSupplyDemand, SuppliesRequested, SupplyLine

KIT = {"food_ration_day": 3, "drinking_water_litre": 9, "first_aid_kit": 1, "blanket": 1, "power_bank": 1}


def supplies_requested(disaster_id: str, request_id: str = "req-1", persons: dict[str, int] | None = None):
    persons = persons or {"430102": 10, "430103": 5}
    return SuppliesRequested(
        request_id=request_id,
        disaster_id=disaster_id,
        requested_at=clock.now(),
        demands=[
            DivisionSupplyDemand(
                division_code=code,
                persons=n,
                lines=[SupplyLine(item=item, quantity=qty * n) for item, qty in KIT.items()],
            )
            for code, n in persons.items()
        ],
    )


def types(envelopes) -> list[str]:
    return [e.type.rsplit(".", 1)[1] for e in envelopes]


def test_auto_dispatch_plans_ships_and_delivers_a_consumed_request_in_order(emergency):
    """EMERGENCY_AUTO_DISPATCH: the foundation flow's simulated logistics (planned → shipped → delivered)."""
    svc = emergency(auto_dispatch=True)
    svc.post("/v1/demo/reserves", expect=200)
    disaster = svc.declare()
    svc.driver.deliver(supplies_requested(disaster["id"]))
    events = svc.driver.envelopes("emergency.dispatch", n=3)
    assert types(events) == ["planned", "shipped", "delivered"]
    planned, shipped, delivered = (e.data for e in events)
    assert planned["request_id"] == "req-1" and planned["shortfalls"] == []
    assert sum(leg["quantity"] for leg in planned["legs"] if leg["item"] == "food_ration_day") == 45
    assert shipped["total_cost"]["currency"] == "CNY" and float(shipped["total_cost"]["amount"]) > 0
    assert delivered["division_codes"] == ["430102", "430103"]
    dispatch = svc.get(f"/v1/dispatches/{planned['dispatch_id']}").json()
    assert dispatch["state"] == "DELIVERED"
    relief = next(t for t in dispatch["time_targets"] if t["rule"].startswith("R13"))
    assert relief["outcome"] == "MET" and relief["basis"]  # delivered 2 h after the disaster, within 10 h


def test_without_auto_dispatch_the_plan_waits_for_ship_and_deliver(emergency):
    svc = emergency()
    svc.post("/v1/demo/reserves", expect=200)
    disaster = svc.declare(hours_ago=11)
    svc.driver.deliver(supplies_requested(disaster["id"]))
    request = svc.get("/v1/supply-requests/req-1").json()
    dispatch = request["dispatch"]
    assert dispatch["state"] == "PLANNED" and dispatch["basis"]
    assert all(leg["explanation"] and leg["tier"] for leg in dispatch["legs"])
    relief = next(t for t in dispatch["time_targets"] if t["rule"].startswith("R13"))
    assert relief["outcome"] == "BREACHED"  # 11 h after the disaster and still not delivered
    assert types(svc.driver.envelopes("emergency.dispatch")) == ["planned"]
    shipped = svc.post(f"/v1/dispatches/{dispatch['id']}/ship", expect=200).json()
    assert shipped["state"] == "SHIPPED"
    svc.post(f"/v1/dispatches/{dispatch['id']}/ship", expect=409)  # twice is an illegal transition
    assert svc.post(f"/v1/dispatches/{dispatch['id']}/deliver", expect=200).json()["state"] == "DELIVERED"
    assert types(svc.driver.envelopes("emergency.dispatch", n=3)) == ["planned", "shipped", "delivered"]


def test_E8_same_request_twice_makes_one_dispatch(emergency):
    """E8: the same event redelivered (inbox) and the same request re-published as a new event (request id)."""
    svc = emergency()
    svc.post("/v1/demo/reserves", expect=200)
    disaster = svc.declare()
    event = supplies_requested(disaster["id"])
    svc.driver.deliver(event)
    svc.driver.redeliver()  # redelivery of the same message: the inbox drops it
    svc.driver.deliver(event)  # the same request published again under a new event id
    listed = svc.get("/v1/dispatches", params={"disaster_id": disaster["id"]}).json()["items"]
    assert len(listed) == 1
    assert types(svc.driver.envelopes("emergency.dispatch")) == ["planned"]
    depot = svc.get("/v1/depots/demo-county-430102").json()
    food = next(s for s in depot["stock"] if s["item"] == "food_ration_day")
    assert food["reserved"] <= 45  # reserved once, not three times


def test_E6_request_filled_township_then_county_then_city(emergency):
    """E6: 1 000 tents for township T; T has 200, its county 500, its city 1 000, the province 5 000."""
    svc = emergency()
    township = svc.depot("township", "430121101", {"tent": 200}, lat=28.25, lon=113.10)
    county = svc.depot("county", "430121", {"tent": 500}, lat=28.25, lon=113.08)
    city = svc.depot("city", "430100", {"tent": 1000}, lat=28.23, lon=112.94)
    svc.depot("province", "430000", {"tent": 5000}, lat=28.20, lon=113.08)
    disaster = svc.declare(codes=("430121",))
    out = svc.post(
        "/v1/supply-requests",
        {
            "disaster_id": disaster["id"],
            "requester": "县民政局",
            "demands": [{"division_code": "430121101", "lines": [{"item": "tent", "quantity": 1000}]}],
        },
        expect=201,
    ).json()
    legs = {leg["depot_id"]: leg["quantity"] for leg in out["dispatch"]["legs"]}
    assert legs == {township: 200, county: 500, city: 300}
    assert out["dispatch"]["state"] == "PLANNED" and out["dispatch"]["shortfalls"] == []
    assert svc.get(f"/v1/depots/{city}").json()["stock"][0]["available"] == 700


def test_E7_shortfall_is_partially_planned_and_escalated(emergency):
    svc = emergency()
    svc.depot("county", "430121", {"tent": 50})
    disaster = svc.declare(codes=("430121",))
    dispatch = svc.post(
        "/v1/supply-requests",
        {
            "disaster_id": disaster["id"],
            "requester": "县民政局",
            "demands": [{"division_code": "430121", "lines": [{"item": "tent", "quantity": 80}]}],
        },
        expect=201,
    ).json()["dispatch"]
    assert dispatch["state"] == "PARTIALLY_PLANNED"
    assert dispatch["shortfalls"] == [
        {"division_code": "430121", "item": "tent", "requested": 80, "planned": 50, "missing": 30}
    ]
    assert "跨区域协同" in dispatch["escalation"]
    assert any("跨区域" in (b["note"] or "") for b in dispatch["basis"])
    planned = svc.driver.envelopes("emergency.dispatch")[0].data
    assert planned["shortfalls"] == [{"item": "tent", "quantity": 30, "unit": "piece"}]


def test_safety_floor_is_kept_unless_level_one(emergency):
    """R16: a depot is never drawn below its safety floor, except for a Level-I response."""
    svc = emergency()
    svc.depot("county", "430121", {"tent": 100}, floors={"tent": 40})

    def body(disaster_id):
        return {
            "disaster_id": disaster_id,
            "requester": "县民政局",
            "demands": [{"division_code": "430121", "lines": [{"item": "tent", "quantity": 100}]}],
        }

    level_two = svc.declare(codes=("430121",), level="II")
    assert (
        sum(
            leg["quantity"]
            for leg in svc.post("/v1/supply-requests", body(level_two["id"]), expect=201).json()["dispatch"]["legs"]
        )
        == 60
    )
    level_one = svc.declare(codes=("430121",), level="I")
    assert (
        sum(
            leg["quantity"]
            for leg in svc.post("/v1/supply-requests", body(level_one["id"]), expect=201).json()["dispatch"]["legs"]
        )
        == 40
    )


def test_requests_are_validated_against_an_open_disaster(emergency):
    svc = emergency()
    svc.post("/v1/demo/reserves", expect=200)
    disaster = svc.declare(codes=("430102",))
    line = [{"item": "blanket", "quantity": 1}]
    outside = svc.post(
        "/v1/supply-requests",
        {"disaster_id": disaster["id"], "requester": "民政", "demands": [{"division_code": "430281", "lines": line}]},
        expect=422,
    )
    assert outside.headers["content-type"].startswith("application/problem+json")
    svc.post(
        "/v1/supply-requests",
        {"disaster_id": "nope", "requester": "民政", "demands": [{"division_code": "430102", "lines": line}]},
        expect=404,
    )
    svc.post(
        "/v1/supply-requests",
        {
            "disaster_id": disaster["id"],
            "requester": "民政",
            "demands": [{"division_code": "430102", "lines": [{"item": "yacht", "quantity": 1}]}],
        },
        expect=422,
    )
    assert svc.get("/v1/dispatches").json()["items"] == []
    svc.post(f"/v1/disasters/{disaster['id']}/end-response", expect=200)
    svc.post(
        "/v1/supply-requests",
        {"disaster_id": disaster["id"], "requester": "民政", "demands": [{"division_code": "430102", "lines": line}]},
        expect=409,
    )
    # An event cannot be refused: it is kept as REJECTED, with no dispatch and no retry.
    svc.driver.deliver(supplies_requested(disaster["id"], request_id="late", persons={"430102": 1}))
    rejected = svc.get("/v1/supply-requests/late").json()
    assert rejected["state"] == "REJECTED" and "RESPONSE_ENDED" in rejected["rejection_reason"]
    assert rejected["dispatch"] is None


def test_cancel_releases_reservations_and_unblocks_closing(emergency):
    svc = emergency()
    depot = svc.depot("county", "430121", {"tent": 10})
    disaster = svc.declare(codes=("430121",))
    dispatch = svc.post(
        "/v1/supply-requests",
        {
            "disaster_id": disaster["id"],
            "requester": "县民政局",
            "demands": [{"division_code": "430121", "lines": [{"item": "tent", "quantity": 4}]}],
        },
        expect=201,
    ).json()["dispatch"]
    assert svc.get(f"/v1/depots/{depot}").json()["stock"][0]["reserved"] == 4
    svc.post(f"/v1/disasters/{disaster['id']}/end-response", expect=200)
    svc.post(f"/v1/disasters/{disaster['id']}/investigation", expect=200)
    blocked = svc.post(f"/v1/disasters/{disaster['id']}/close", expect=409).json()
    assert "dispatches still under way" in blocked["detail"]
    svc.post(f"/v1/dispatches/{dispatch['id']}/cancel", expect=200)
    assert svc.get(f"/v1/depots/{depot}").json()["stock"][0] == {
        "item": "tent",
        "quantity": 10,
        "reserved": 0,
        "available": 10,
        "safety_floor": 0,
        "level_one_quota": 0,
    }
    assert svc.post(f"/v1/disasters/{disaster['id']}/close", expect=200).json()["state"] == "CLOSED"


def test_R19_shipping_below_quota_requests_replenishment_once(emergency):
    svc = emergency()
    depot = svc.depot("county", "430121", {"tent": 100}, quotas={"tent": 100})
    disaster = svc.declare(codes=("430121",))
    for _ in range(2):
        dispatch = svc.post(
            "/v1/supply-requests",
            {
                "disaster_id": disaster["id"],
                "requester": "县民政局",
                "demands": [{"division_code": "430121", "lines": [{"item": "tent", "quantity": 10}]}],
            },
            expect=201,
        ).json()["dispatch"]
        svc.post(f"/v1/dispatches/{dispatch['id']}/ship", expect=200)
    requests = svc.get(f"/v1/depots/{depot}/replenishment-requests").json()
    assert len(requests) == 1 and requests[0]["lines"] == [{"item": "tent", "quantity": 10, "unit": "piece"}]
    event = svc.driver.envelopes("emergency.reserve")[0].data
    assert event["depot_id"] == depot and event["estimated_cost"] == {"amount": "15000.00", "currency": "CNY"}
    assert len(svc.driver.envelopes("emergency.reserve", timeout=0.3, n=2)) == 1
    assert svc.get(f"/v1/depots/{depot}").json()["stock"][0]["quantity"] == 80


def test_dispatch_reports_every_time_target_with_basis(emergency):
    svc = emergency()
    svc.depot("city", "430100", {"blanket": 5})
    disaster = svc.post(
        "/v1/disasters",
        {
            "title": "地铁2号线运营事故",
            "category": "PRODUCTION_SAFETY_ACCIDENT",
            "sector": "URBAN_RAIL",
            "response_level": "III",
            "division_codes": ["430102"],
            "occurred_at": (clock.now() - dt.timedelta(minutes=20)).isoformat(),
        },
        expect=201,
    ).json()
    dispatch = svc.post(
        "/v1/supply-requests",
        {
            "disaster_id": disaster["id"],
            "requester": "市应急局",
            "demands": [{"division_code": "430102", "lines": [{"item": "blanket", "quantity": 2}]}],
        },
        expect=201,
    ).json()["dispatch"]
    rules = {t["rule"].split()[0]: t for t in dispatch["time_targets"]}
    assert set(rules) == {"R10", "R11", "R12", "R13"}
    assert rules["R11"]["outcome"] == "MET"  # declared 20 min after the incident
    assert rules["R10"]["outcome"] == "MET"  # Changsha has a forward aviation base
    assert rules["R13"]["outcome"] == "PENDING" and rules["R12"]["outcome"] == "PENDING"
    assert all(t["basis"] for t in dispatch["time_targets"])


def test_dispatch_costs_add_up_to_the_fen_in_the_api_and_the_event_budget_books(emergency):
    """Each leg's cost (km to the metre × 0.05 yuan per unit-km × units) is rounded once to the fen; the transport cost
    is their sum, the goods value the catalogue value × quantity, and the shipped event carries exactly their total
    (what budget records)."""
    svc = emergency()
    svc.depot("county", "430121", {"tent": 50, "first_aid_kit": 50}, lat=28.61, lon=113.37)
    svc.depot("city", "430100", {"tent": 50, "first_aid_kit": 50}, lat=27.93, lon=112.71)
    disaster = svc.declare(codes=("430121",))
    lines = [{"item": "tent", "quantity": 57}, {"item": "first_aid_kit", "quantity": 13}]
    demand = {"division_code": "430121101", "lat": 28.04, "lon": 113.46, "lines": lines}
    body = {"disaster_id": disaster["id"], "requester": "县民政局", "demands": [demand]}
    planned = svc.post("/v1/supply-requests", body, expect=201).json()["dispatch"]
    dispatch = svc.get(f"/v1/dispatches/{planned['id']}").json()  # read back from the database
    costs = [Decimal(leg["cost_yuan"]) for leg in dispatch["legs"]]
    assert len(costs) >= 3 and all(cost > 0 and cost.as_tuple().exponent == -2 for cost in costs)
    values = {i["code"]: Decimal(i["unit_value_yuan"]) for i in svc.get("/v1/supplies").json()}
    goods = sum(values[leg["item"]] * leg["quantity"] for leg in dispatch["legs"])
    assert Decimal(dispatch["transport_cost_yuan"]) == sum(costs)
    assert Decimal(dispatch["goods_value_yuan"]) == goods == 57 * values["tent"] + 13 * values["first_aid_kit"]
    assert Decimal(dispatch["total_cost_yuan"]) == sum(costs) + goods
    assert [planned[k] for k in ("transport_cost_yuan", "total_cost_yuan")] == [
        dispatch[k] for k in ("transport_cost_yuan", "total_cost_yuan")
    ]
    svc.post(f"/v1/dispatches/{planned['id']}/ship", expect=200)
    events = svc.driver.envelopes("emergency.dispatch", n=2)  # waits for the outbox relay
    assert types(events) == ["planned", "shipped"]
    assert events[1].data["total_cost"] == {"amount": dispatch["total_cost_yuan"], "currency": "CNY"}
