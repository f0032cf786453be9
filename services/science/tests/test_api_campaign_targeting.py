"""W1 finished: content weighted by region risk (emergency plan 专栏8), `science.content.published`, the 2-hour
first-publication target measured on each campaign and, when missed, announced by the periodic job (with a gauge)."""

from __future__ import annotations

import datetime as dt

from hunan_shared import clock
from hunan_shared.events.catalogue import DisasterDeclared
from hunan_shared.testing import run_job

R, W = "science:read", "science:write"
PUBLISHED, OVERDUE = "hunan.science.content.published", "hunan.science.campaign.publication_overdue"
COUNTIES = ["430121", "430181"]  # 长沙县, 浏阳市
FLOOD_VIDEO = {"medium": "VIDEO", "hazards": ["FLOOD"], "variants": ["captions", "sign_language", "audio"]}


def content(client, token, **body):
    r = client.post("/v1/content", json={"topics": ["DISASTER_PREVENTION"], "reserve": True, **body}, headers=token(W))
    assert r.status_code == 201, r.text
    review = {"action": "approve", "reviewer": "省应急科普专家队伍 张三"}
    r = client.post(f"/v1/content/{r.json()['id']}/review", json=review, headers=token(W))
    assert r.status_code == 200, r.text
    return r.json()


def declared(disaster_id, at, codes=COUNTIES):
    return DisasterDeclared(
        disaster_id=disaster_id,
        hazard="FLOOD_DROUGHT",
        response_level="III",
        division_codes=codes,
        title="湘江洪水",
        occurred_at=at,
        declared_at=at,
    )


def campaign_of(client, token, disaster_id):
    [campaign] = client.get("/v1/campaigns", params={"disaster_id": disaster_id}, headers=token(R)).json()["items"]
    return campaign


def test_region_risk_weights_the_content_and_orders_the_divisions(client, token, bus):
    risk = {
        "division_code": "430181",
        "hazard": "flood",
        "level": "HIGH",
        "audiences": ["elderly"],
        "source": "灾害风险普查",
    }
    r = client.put("/v1/region-risks", json=risk, headers=token(W))
    assert r.status_code == 200 and r.json()["hazard"] == "FLOOD_DROUGHT" and r.json()["audiences"] == ["ELDERLY"]
    bad = {**risk, "level": "EXTREME"}
    assert client.put("/v1/region-risks", json=bad, headers=token(W)).status_code == 422
    assert client.put("/v1/region-risks", json={**risk, "division_code": "110000"}, headers=token(W)).status_code == 422

    content(client, token, title="老人洪水避险", audiences=["ELDERLY"], **FLOOD_VIDEO)
    content(client, token, title="洪水避险", audiences=["PUBLIC"], **FLOOD_VIDEO)
    content(client, token, title="防灾常识", medium="VIDEO", variants=["captions", "sign_language", "audio"])
    bus.deliver(declared("d-risk", clock.now()))
    campaign = campaign_of(client, token, "d-risk")
    found = client.get(f"/v1/campaigns/{campaign['id']}/items", headers=token(R)).json()
    # 浏阳 HIGH (×3): hazard item for its exposed elderly 3×(2+1)=9, other hazard item 3×2=6, topic item 3×1=3;
    # 长沙县 has no recorded risk (×1) and comes second.
    assert [(i["title"], i["weight"]) for i in found] == [("老人洪水避险", 9), ("洪水避险", 6), ("防灾常识", 3)]
    assert {tuple(i["division_order"]) for i in found} == {("430181", "430121")}

    events = bus.emitted(PUBLISHED, 3)
    assert [e["weight"] for e in events] == [9, 6, 3]  # announced highest weight first
    assert events[0]["division_codes"] == ["430181", "430121"] and events[0]["first_in_campaign"]
    assert events[0]["within_target"] is True and events[0]["minutes_since_trigger"] <= 1
    assert [e["first_in_campaign"] for e in events[1:]] == [False, False]
    assert campaign["first_published_at"] and campaign["publication_due_at"]

    # a risk recorded while the campaign runs re-weighs its items
    risk2 = {"division_code": "430100", "hazard": "FLOOD", "level": "MEDIUM", "source": "长沙市风险评估"}
    assert client.put("/v1/region-risks", json=risk2, headers=token(W)).status_code == 200
    found = client.get(f"/v1/campaigns/{campaign['id']}/items", headers=token(R)).json()
    assert found[0]["weight"] == 9 and found[1]["weight"] == 6  # 长沙县 inherits MEDIUM (×2) from 长沙市: 2×2=4 < 6
    assert [r["division_code"] for r in client.get("/v1/region-risks", headers=token(R)).json()] == [
        "430100",
        "430181",
    ]


def test_nothing_published_within_two_hours_is_announced_once_and_late_publication_is_flagged(client, token, bus):
    leaflet = content(client, token, title="防汛明白卡", medium="TEXT", hazards=["FLOOD"], variants=[])  # lacks audio
    declared_at = clock.now()
    bus.deliver(declared("d-late", declared_at))
    campaign = campaign_of(client, token, "d-late")
    assert campaign["items"] == {"BLOCKED": 1} and campaign["first_published_at"] is None
    due = dt.datetime.fromisoformat(campaign["publication_due_at"])
    assert due == declared_at + dt.timedelta(hours=2)

    assert run_job(client, "campaign-publication-overdue", now=due).items == 0  # at the target: not yet late
    assert run_job(client, "campaign-publication-overdue", now=due + dt.timedelta(seconds=1)).items == 1
    assert run_job(client, "campaign-publication-overdue", now=due + dt.timedelta(hours=1)).items == 0  # once
    [event] = bus.emitted(OVERDUE)
    assert event["campaign_id"] == campaign["id"] and event["blocked_items"] == 1
    assert event["division_codes"] == COUNTIES
    metrics = client.get("/metrics").text
    assert 'indicator="W1_publication_overdue",service="science"} 1.0' in metrics

    # the audio version arrives after the target (simulated: declared 3 h ago) → published, flagged late
    bus.deliver(declared("d-older", clock.now() - dt.timedelta(hours=3)))
    r = client.post(f"/v1/content/{leaflet['id']}/variants", json={"variants": ["audio"]}, headers=token(W))
    assert r.status_code == 200
    events = {e["disaster_id"]: e for e in bus.emitted(PUBLISHED, 2)}
    assert events["d-late"]["within_target"] is True  # still inside its own two hours
    assert events["d-older"]["within_target"] is False and events["d-older"]["minutes_since_trigger"] >= 180
    assert 'indicator="W1_first_publication_late",service="science"} 1.0' in client.get("/metrics").text
    assert run_job(client, "campaign-publication-overdue", now=due + dt.timedelta(hours=5)).items == 0
