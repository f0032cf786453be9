"""Governance the plan makes checkable, through HTTP (issue 18 item 6): major decisions with their five statutory
steps on the published list of decision items (R60), the enforcement-items list with dynamic adjustment and the
hand-over of suspected crimes to criminal justice (R61)."""

from __future__ import annotations


def test_R60_major_decision_needs_the_published_item_and_four_steps_before_the_collective_decision(emergency):
    svc = emergency()
    unlisted = svc.post("/v1/major-decisions", {"item_code": "JC-2026-01", "title": "调整应急响应启动标准"}, expect=201)
    decision = unlisted.json()
    assert decision["missing"][0] == "PUBLISHED_DECISION_ITEM" and decision["basis"]
    refused = svc.post(f"/v1/major-decisions/{decision['id']}/decide", {"decided_on": "2026-05-01"}, expect=422)
    assert "PUBLISHED_DECISION_ITEM" in refused.json()["detail"]
    svc.post(
        "/v1/decision-items",
        {"code": "JC-2026-01", "title": "应急响应启动标准", "published_on": "2026-01-10"},
        expect=201,
    )
    assert [i["code"] for i in svc.get("/v1/decision-items").json()] == ["JC-2026-01"]
    for step in ("PUBLIC_PARTICIPATION", "EXPERT_REVIEW", "RISK_ASSESSMENT"):
        out = svc.post(f"/v1/major-decisions/{decision['id']}/steps", {"step": step}, expect=200).json()
    assert out["missing"] == ["LEGALITY_REVIEW"]
    svc.post(f"/v1/major-decisions/{decision['id']}/decide", {"decided_on": "2026-05-01"}, expect=422)
    svc.post(f"/v1/major-decisions/{decision['id']}/steps", {"step": "LEGALITY_REVIEW"}, expect=200)
    taken = svc.post(f"/v1/major-decisions/{decision['id']}/decide", {"decided_on": "2026-05-01"}, expect=200).json()
    assert taken["steps"][-1] == "COLLECTIVE_DECISION" and taken["decided_on"] == "2026-05-01"
    assert taken["missing"] == []
    svc.post(f"/v1/major-decisions/{decision['id']}/decide", {"decided_on": "2026-05-02"}, expect=409)
    svc.post(f"/v1/major-decisions/{decision['id']}/steps", {"step": "COLLECTIVE_DECISION"}, expect=422)


def test_R61_enforcement_items_list_adjusted_and_criminal_handover_before_closure(emergency):
    svc = emergency()
    item = {"code": "ZF-001", "name": "非法开采检查", "legal_basis": "安全生产法第六十五条", "added_on": "2024-01-01"}
    svc.post("/v1/enforcement-items", item, expect=201)
    case = {"item_code": "ZF-001", "subject": "某煤矿", "division_code": "431000", "opened_on": "2024-03-01"}
    opened = svc.post("/v1/enforcement-cases", case, expect=201).json()
    assert opened["basis"][0]["article"] == "Plan 4(四) / 第四章（四）"
    svc.post("/v1/enforcement-cases", {**case, "item_code": "ZF-999"}, expect=422)  # not on the list
    svc.post("/v1/enforcement-items/ZF-001/withdraw", {"withdrawn_on": "2025-01-01", "reason": "法规修订"}, expect=200)
    svc.post("/v1/enforcement-cases", {**case, "opened_on": "2025-01-01"}, expect=422)  # withdrawn that day
    assert svc.get("/v1/enforcement-items", params={"in_force_on": "2025-01-01"}).json() == []
    assert [i["code"] for i in svc.get("/v1/enforcement-items", params={"in_force_on": "2024-12-31"}).json()] == [
        "ZF-001"
    ]
    suspected = svc.post(
        "/v1/enforcement-cases", {**case, "opened_on": "2024-06-01", "suspected_crime": True}, expect=201
    ).json()
    assert [c["id"] for c in svc.get("/v1/enforcement-cases/awaiting-handover").json()] == [suspected["id"]]
    refused = svc.post(f"/v1/enforcement-cases/{suspected['id']}/close", {"on": "2024-07-01"}, expect=422).json()
    assert "criminal justice" in refused["detail"]
    svc.post(
        f"/v1/enforcement-cases/{suspected['id']}/hand-over", {"to": "郴州市公安局", "on": "2024-06-10"}, expect=200
    )
    assert svc.get("/v1/enforcement-cases/awaiting-handover").json() == []
    closed = svc.post(f"/v1/enforcement-cases/{suspected['id']}/close", {"on": "2024-07-01"}, expect=200).json()
    assert closed["closed_on"] == "2024-07-01" and closed["handed_over_to"] == "郴州市公安局"
    svc.post(f"/v1/enforcement-cases/{opened['id']}/close", {"on": "2024-04-01"}, expect=200)
