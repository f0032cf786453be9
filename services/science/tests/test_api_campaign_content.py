"""Emergency campaigns, finished (W1, R22–R24): content drawn from the library by hazard, the per-item
accessibility gate, channels scaled by the response level (emergency.disaster.level_changed), reach, closing."""

from __future__ import annotations

import datetime as dt

from hunan_shared import clock
from hunan_shared.events.catalogue import (
    AccessibilityNeedsSummarized,
    DisasterClosed,
    DisasterDeclared,
    DisasterLevelChanged,
    WarningIssued,
)

R, W = "science:read", "science:write"
UPDATED = "hunan.science.campaign.updated"
NOW = clock.now()
COUNTIES = ["430121", "430181"]  # 长沙县, 浏阳市


def declared(level="III", codes=COUNTIES):
    return DisasterDeclared(
        disaster_id="d-9",
        hazard="FLOOD_DROUGHT",
        response_level=level,
        division_codes=codes,
        title="湘江洪水",
        occurred_at=NOW,
        declared_at=NOW,
    )


def level_changed(level, previous, minutes, codes=COUNTIES):
    return DisasterLevelChanged(
        disaster_id="d-9",
        hazard="FLOOD_DROUGHT",
        response_level=level,
        previous_level=previous,
        division_codes=codes,
        changed_at=NOW + dt.timedelta(minutes=minutes),
    )


def content(client, token, approve=True, **body):
    r = client.post("/v1/content", json={"topics": ["DISASTER_PREVENTION"], "reserve": True, **body}, headers=token(W))
    assert r.status_code == 201, r.text
    item = r.json()
    if approve:
        review = {"action": "approve", "reviewer": "省应急科普专家队伍 张三"}
        r = client.post(f"/v1/content/{item['id']}/review", json=review, headers=token(W))
        assert r.status_code == 200, r.text
        item = r.json()
    return item


def the_campaign(client, token):
    [campaign] = client.get("/v1/campaigns", params={"disaster_id": "d-9"}, headers=token(R)).json()["items"]
    return campaign


def items(client, token, campaign_id):
    r = client.get(f"/v1/campaigns/{campaign_id}/items", headers=token(R))
    assert r.status_code == 200, r.text
    return {item["title"]: item for item in r.json()}


def test_flood_in_two_counties_publishes_accessible_library_content_then_closes(client, token, bus):
    video = content(
        client,
        token,
        title="洪水避险",
        medium="VIDEO",
        hazards=["FLOOD"],
        variants=["captions", "sign_language", "audio"],
    )
    leaflet = content(client, token, title="防汛明白卡", medium="TEXT", hazards=["FLOOD_DROUGHT"], variants=[])
    content(
        client,
        token,
        title="地震自救",
        medium="VIDEO",
        hazards=["EARTHQUAKE"],
        variants=["captions", "sign_language", "audio"],
    )
    content(
        client,
        token,
        approve=False,
        title="未审洪水视频",
        medium="VIDEO",
        hazards=["FLOOD_DROUGHT"],
        variants=["captions", "sign_language", "audio"],
    )
    bus.deliver(declared())
    bus.redeliver()
    campaign = the_campaign(client, token)
    assert campaign["division_codes"] == COUNTIES and campaign["response_level"] == "III"
    assert campaign["items"] == {"BLOCKED": 1, "PUBLISHED": 1}
    found = items(client, token, campaign["id"])
    assert set(found) == {"洪水避险", "防汛明白卡"}  # flood content only, reviewed only
    assert found["洪水避险"]["state"] == "PUBLISHED" and found["洪水避险"]["published_at"]
    assert (found["防汛明白卡"]["state"], found["防汛明白卡"]["missing"]) == ("BLOCKED", ["audio"])  # R24 gate

    r = client.post(f"/v1/content/{leaflet['id']}/variants", json={"variants": ["audio"]}, headers=token(W))
    assert r.status_code == 200
    assert items(client, token, campaign["id"])["防汛明白卡"]["state"] == "PUBLISHED"

    needs = AccessibilityNeedsSummarized(
        disaster_id="d-9", division_codes=COUNTIES, summarized_at=NOW, channel_counts={"voice_call": 7}
    )
    bus.deliver(needs)  # blind persons reported: print items now need braille and large print
    leaflet_now = items(client, token, campaign["id"])["防汛明白卡"]
    assert (leaflet_now["state"], leaflet_now["missing"]) == ("BLOCKED", ["braille", "large_print"])
    assert items(client, token, campaign["id"])["洪水避险"]["state"] == "PUBLISHED"  # a video needs no braille

    reach = {"content_id": video["id"], "channel": "county_media_centre", "persons": 1200}
    r = client.post(f"/v1/campaigns/{campaign['id']}/reach", json=reach, headers=token(W))
    assert r.status_code == 200 and r.json()["reach"] == 1200
    blocked = {**reach, "content_id": leaflet["id"]}
    assert client.post(f"/v1/campaigns/{campaign['id']}/reach", json=blocked, headers=token(W)).status_code == 409
    tv = {**reach, "channel": "provincial_tv"}  # not a channel at level III
    assert client.post(f"/v1/campaigns/{campaign['id']}/reach", json=tv, headers=token(W)).status_code == 409

    bus.deliver(
        DisasterClosed(
            disaster_id="d-9",
            hazard="FLOOD_DROUGHT",
            response_level="III",
            division_codes=COUNTIES,
            outcome="closed",
            closed_at=NOW,
        )
    )
    assert the_campaign(client, token)["state"] == "CLOSED"
    assert {i["state"] for i in items(client, token, campaign["id"]).values()} == {"WITHDRAWN"}


def test_level_changes_scale_the_campaign(client, token, bus):
    bus.deliver(declared(level="III"))
    launched = the_campaign(client, token)
    assert "emergency_broadcast" not in launched["channels"] and "village_broadcast" in launched["channels"]
    bus.deliver(level_changed("II", "III", minutes=10))
    bus.redeliver()
    raised = the_campaign(client, token)
    assert raised["response_level"] == "II" and raised["id"] == launched["id"]
    assert {"emergency_broadcast", "volunteers"} <= set(raised["channels"])
    [update] = bus.emitted(UPDATED)
    assert (update["response_level"], update["campaign_id"]) == ("II", launched["id"])
    assert "emergency_broadcast" in update["channels"]
    bus.deliver(level_changed("I", "II", minutes=5))  # older than the change applied: ignored
    assert the_campaign(client, token)["response_level"] == "II"
    bus.deliver(level_changed("IV", "II", minutes=20))
    lowered = the_campaign(client, token)
    assert lowered["response_level"] == "IV" and "village_broadcast" not in lowered["channels"]
    assert len(bus.emitted(UPDATED, n=2)) == 2
    assert bus.count("campaign") == 1


def test_level_change_without_declaration_launches_at_that_level(client, token, bus):
    bus.deliver(level_changed("I", "II", minutes=1))
    campaign = the_campaign(client, token)
    assert campaign["response_level"] == "I" and "provincial_tv" in campaign["channels"]
    assert len(bus.emitted("hunan.science.campaign.launched")) == 1


def test_warning_colour_sets_the_level(client, token, bus):
    bus.deliver(
        WarningIssued(
            warning_id="w-9",
            hazard="METEOROLOGICAL",
            colour="red",
            division_codes=["430100"],
            headline="暴雨红色预警",
            issued_at=NOW,
        )
    )
    [campaign] = client.get("/v1/campaigns", params={"warning_id": "w-9"}, headers=token(R)).json()["items"]
    assert campaign["response_level"] == "I"


def test_content_library_review_and_validation(client, token):
    draft = content(
        client,
        token,
        approve=False,
        title="传染病防护",
        medium="AUDIO",
        hazards=["epidemic"],
        topics=["INFECTIOUS_DISEASE"],
    )
    assert draft["state"] == "DRAFT" and draft["hazards"] == ["EPIDEMIC"]
    review = {"action": "reject", "reviewer": "专家", "note": "数据过时"}
    rejected = client.post(f"/v1/content/{draft['id']}/review", json=review, headers=token(W)).json()
    assert rejected["state"] == "REJECTED" and rejected["basis"][0]["article"] == "三(四)1 (W3)"
    again = client.post(f"/v1/content/{draft['id']}/review", json={**review, "action": "approve"}, headers=token(W))
    assert again.status_code == 409
    bad = {"title": "x y", "medium": "VIDEO", "topics": ["NOT_A_TOPIC"]}
    assert client.post("/v1/content", json=bad, headers=token(W)).status_code == 422
    listed = client.get("/v1/content", params={"hazard": "EPIDEMIC"}, headers=token(R)).json()["items"]
    assert [i["id"] for i in listed] == [draft["id"]]
    assert client.get("/v1/content/nope", headers=token(R)).status_code == 404


def test_manual_emergency_and_peacetime_campaigns_W1_W2(client, token, bus):
    untagged = content(
        client, token, title="防灾减灾知识", medium="IMAGE", topics=["DISASTER_PREVENTION"], variants=["audio"]
    )
    peacetime = {
        "mode": "PEACETIME",
        "title": "防灾减灾日",
        "awareness_day": "DISASTER_PREVENTION_DAY",
        "division_codes": ["430000"],
    }
    r = client.post("/v1/campaigns", json=peacetime, headers=token(W))
    assert r.status_code == 201, r.text
    day = r.json()
    assert (day["mode"], day["awareness_day"], day["response_level"]) == ("PEACETIME", "DISASTER_PREVENTION_DAY", None)
    assert day["topics"] == ["DISASTER_PREVENTION", "EMERGENCY_AVOIDANCE"]  # from the awareness day
    assert day["formats"] == ["captions", "sign_language", "audio"]  # accessible in peacetime too
    assert [i["content_id"] for i in client.get(f"/v1/campaigns/{day['id']}/items", headers=token(R)).json()] == [
        untagged["id"]
    ]
    no_topics = {**peacetime, "awareness_day": "SCIENCE_DAY"}
    assert client.post("/v1/campaigns", json=no_topics, headers=token(W)).status_code == 422
    themed = client.post("/v1/campaigns", json={**no_topics, "topics": ["INFECTIOUS_DISEASE"]}, headers=token(W))
    assert themed.status_code == 201 and themed.json()["topics"] == ["INFECTIOUS_DISEASE"]
    assert bus.emitted("hunan.science.campaign.launched", timeout=0.3) == []  # emergency campaigns only

    manual = {
        "mode": "EMERGENCY",
        "title": "山洪应急科普",
        "hazard": "flash flood",
        "division_codes": ["431200"],
        "response_level": "II",
    }
    r = client.post("/v1/campaigns", json=manual, headers=token(W))
    assert r.status_code == 201, r.text
    assert r.json()["topics"][:2] == ["DISASTER_PREVENTION", "EMERGENCY_AVOIDANCE"]
    assert "emergency_broadcast" in r.json()["channels"]
    [launched] = bus.emitted("hunan.science.campaign.launched")
    assert launched["campaign_id"] == r.json()["id"] and launched["disaster_id"] is None
    mixed = {**manual, "awareness_day": "DISASTER_PREVENTION_DAY"}
    assert client.post("/v1/campaigns", json=mixed, headers=token(W)).status_code == 422
    close = client.post(f"/v1/campaigns/{day['id']}/close", json={"reason": "day over"}, headers=token(W))
    assert close.status_code == 200 and bus.emitted("hunan.science.campaign.closed", timeout=0.3) == []
