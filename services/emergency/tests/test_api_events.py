"""Events other agencies need (issue 18 item 7), one test each: supply shortfall escalation, relief provided (budget
books the funds), tip-offs received and resolved, drills held and due."""

from __future__ import annotations


def test_shortfall_is_escalated_as_an_event(emergency):
    svc = emergency()
    svc.depot("county", "430121", {"tent": 50})
    disaster = svc.declare(codes=("430121",))
    request = {
        "disaster_id": disaster["id"],
        "requester": "县民政局",
        "demands": [{"division_code": "430121", "lines": [{"item": "tent", "quantity": 80}]}],
    }
    dispatch = svc.post("/v1/supply-requests", request, expect=201).json()["dispatch"]
    [event] = svc.driver.emitted("hunan.emergency.dispatch.shortfall_escalated")
    assert event["dispatch_id"] == dispatch["id"] and event["division_codes"] == ["430121"]
    assert event["shortfalls"] == [{"item": "tent", "quantity": 30, "unit": "piece"}]
    # a refused request escalates nothing more
    svc.post("/v1/supply-requests", {**request, "demands": [{**request["demands"][0], "lines": []}]}, expect=422)
    assert len(svc.driver.emitted("hunan.emergency.dispatch.shortfall_escalated", n=2, timeout=0.3)) == 1


def test_relief_provided_carries_the_funds_for_budget(emergency):
    svc = emergency()
    disaster = svc.declare(codes=("430102",), hours_ago=3)
    case = svc.post(
        "/v1/relief-cases",
        {
            "disaster_id": disaster["id"],
            "division_code": "430102",
            "relief_type": "EMERGENCY_RELIEF",
            "households": 40,
            "persons": 120,
        },
        expect=201,
    ).json()
    out = svc.post(f"/v1/relief-cases/{case['id']}/basic-living", {"relief_funds": "36000.00"}, expect=200).json()
    assert out["relief_funds"] == "36000.00"
    [event] = svc.driver.emitted("hunan.emergency.relief.provided")
    assert (event["case_id"], event["disaster_id"], event["persons"]) == (case["id"], disaster["id"], 120)
    assert event["amount"] == {"amount": "36000.00", "currency": "CNY"}
    [envelope] = svc.driver.envelopes("emergency.relief")
    assert envelope.key == case["id"]


def test_tipoff_received_and_resolved_without_personal_data(emergency):
    svc = emergency()
    tip = svc.post(
        "/v1/tipoffs", {"summary": "仓库超量储存烟花", "division_code": "430181", "contact": "13800000000"}, expect=201
    ).json()
    [received] = svc.driver.emitted("hunan.emergency.tipoff.received")
    assert received["tipoff_id"] == tip["id"] and received["division_code"] == "430181"
    svc.post(f"/v1/tipoffs/{tip['id']}/reject", {"note": "无具体线索"}, expect=200)
    assert svc.driver.emitted("hunan.emergency.tipoff.resolved", timeout=0.3) == []  # resolved once it is closed
    svc.post(f"/v1/tipoffs/{tip['id']}/close", expect=200)
    [resolved] = svc.driver.emitted("hunan.emergency.tipoff.resolved")
    assert resolved["outcome"] == "REJECTED" and resolved["reward"] is None
    assert "13800000000" not in str(svc.driver.envelopes("emergency.tipoff", n=2))


def test_drill_held_and_drill_due_once_per_due_date(emergency):
    svc = emergency()
    body = {
        "title": "长沙市防汛抗旱专项应急预案",
        "tier": "SPECIAL",
        "owner": "长沙市人民政府",
        "division_code": "430102",
    }
    plan = svc.post("/v1/plans", body, expect=201).json()
    for action in ("evaluate", "approve"):
        svc.post(f"/v1/plans/{plan['id']}/actions", {"action": action}, expect=200)
    svc.post(f"/v1/plans/{plan['id']}/actions", {"action": "publish", "on": "2021-06-01"}, expect=200)
    drill = svc.post(
        f"/v1/plans/{plan['id']}/drills",
        {"title": "综合演练", "comprehensive": True, "planned_on": "2022-05-01"},
        expect=201,
    ).json()
    svc.post(f"/v1/drills/{drill['id']}/conduct", {"conducted_on": "2022-05-01", "mode": "ANNOUNCED"}, expect=200)
    [held] = svc.driver.emitted("hunan.emergency.drill.held")
    assert (held["plan_id"], held["drill_id"], held["comprehensive"]) == (plan["id"], drill["id"], True)
    url = "/v1/plans/overdue-drills/announcements"
    assert svc.post(url, params={"as_of": "2024-05-01"}, expect=200).json() == []  # the anniversary is in time
    assert svc.post(url, params={"as_of": "2024-05-02"}, expect=200).json() == [plan["id"]]
    assert svc.post(url, params={"as_of": "2024-06-01"}, expect=200).json() == []  # same due date: once
    [due] = svc.driver.emitted("hunan.emergency.drill.due")
    assert (due["plan_id"], due["due_on"], due["notified_on"]) == (plan["id"], "2024-05-01", "2024-05-02")
