"""Emergency science popularisation campaigns (W1, R22–R24) driven by emergency and disability events."""

from __future__ import annotations

import datetime as dt

from hunan_shared import clock
from hunan_shared.events.catalogue import (
    AccessibilityNeedsSummarized,
    DisasterClosed,
    DisasterDeclared,
    DisasterDivisionsExtended,
    WarningCancelled,
    WarningIssued,
)

R, W = "science:read", "science:write"
LAUNCHED, UPDATED, CLOSED = (
    "hunan.science.campaign.launched",
    "hunan.science.campaign.updated",
    "hunan.science.campaign.closed",
)
NOW = clock.now()


def declared(disaster_id="d-1", hazard="FLOOD_DROUGHT", codes=("430102",)):
    return DisasterDeclared(
        disaster_id=disaster_id,
        hazard=hazard,
        response_level="III",
        division_codes=list(codes),
        title="洪涝",
        occurred_at=NOW,
        declared_at=NOW,
    )


def campaigns(client, token, **params):
    r = client.get("/v1/campaigns", params=params, headers=token(R))
    assert r.status_code == 200, r.text
    return r.json()["items"]


def test_disaster_launches_one_campaign_S_T11_S_T12(client, token, bus):
    bus.deliver(declared())
    bus.redeliver()
    bus.deliver(declared())  # re-published with a new event id
    items = campaigns(client, token, disaster_id="d-1")
    assert len(items) == 1
    campaign = items[0]
    assert campaign["state"] == "LAUNCHED" and campaign["division_codes"] == ["430102"]
    assert {"DISASTER_PREVENTION", "EMERGENCY_AVOIDANCE"} <= set(campaign["topics"])
    assert campaign["work_streams"] == ["POLICY_INTERPRETATION", "KNOWLEDGE", "OPINION_GUIDANCE"]
    assert campaign["formats"] == ["captions", "sign_language", "audio"]
    launched = bus.emitted(LAUNCHED)
    assert len(launched) == 1 and launched[0]["campaign_id"] == campaign["id"] and launched[0]["disaster_id"] == "d-1"
    assert campaigns(client, token, division="430100")[0]["id"] == campaign["id"]
    assert campaigns(client, token, division="430103") == []


def test_extension_updates_the_same_campaign_S_T13(client, token, bus):
    bus.deliver(
        declared(),
        DisasterDivisionsExtended(
            disaster_id="d-1",
            hazard="FLOOD_DROUGHT",
            response_level="III",
            division_codes=["430102", "430103"],
            added_division_codes=["430103"],
            extended_at=NOW,
        ),
    )
    bus.redeliver()
    items = campaigns(client, token)
    assert len(items) == 1 and items[0]["division_codes"] == ["430102", "430103"]
    updated = bus.emitted(UPDATED)
    assert len(updated) == 1 and updated[0]["division_codes"] == ["430102", "430103"]


def test_accessibility_needs_add_formats_before_or_after_launch_R24(client, token, bus):
    needs = AccessibilityNeedsSummarized(
        disaster_id="d-1",
        division_codes=["430102"],
        summarized_at=NOW,
        channel_counts={"voice_call": 12, "sign_language_video": 0, "via_guardian": 3},
    )
    bus.deliver(needs)  # arrives first: kept until the campaign launches
    bus.deliver(declared())
    campaign = campaigns(client, token)[0]
    assert campaign["formats"] == ["captions", "sign_language", "audio", "easy_read", "braille", "large_print"]
    later = AccessibilityNeedsSummarized(
        disaster_id="d-1",
        division_codes=["430102"],
        channel_counts={"text_message": 4},
        summarized_at=NOW + dt.timedelta(minutes=5),
    )
    bus.deliver(later)
    bus.redeliver()
    assert campaigns(client, token)[0]["formats"][-1] == "screen_reader_text"
    assert len(bus.emitted(UPDATED)) == 1


def test_zero_deaf_persons_still_get_captions_and_sign_language_S_T15(client, token, bus):
    bus.deliver(
        declared(),
        AccessibilityNeedsSummarized(
            disaster_id="d-1", division_codes=["430102"], channel_counts={"sign_language_video": 0}, summarized_at=NOW
        ),
    )
    assert {"captions", "sign_language"} <= set(campaigns(client, token)[0]["formats"])
    assert bus.emitted(UPDATED, timeout=0.3) == []


def test_disaster_closed_closes_the_campaign_S_T16(client, token, bus):
    bus.deliver(
        declared(),
        DisasterClosed(
            disaster_id="d-1",
            hazard="FLOOD_DROUGHT",
            response_level="III",
            division_codes=["430102"],
            outcome="closed",
            closed_at=NOW,
        ),
    )
    bus.redeliver()
    campaign = campaigns(client, token)[0]
    assert campaign["state"] == "CLOSED" and campaign["closed_at"]
    assert len(bus.emitted(CLOSED)) == 1


def test_warning_launches_and_cancellation_closes(client, token, bus):
    warning = WarningIssued(
        warning_id="w-1",
        hazard="GEOLOGICAL",
        colour="orange",
        division_codes=["431200"],
        headline="地质灾害橙色预警",
        issued_at=NOW,
    )
    bus.deliver(warning)
    bus.deliver(warning)
    items = campaigns(client, token, warning_id="w-1")
    assert len(items) == 1 and items[0]["topics"] == ["EMERGENCY_AVOIDANCE", "DISASTER_PREVENTION"]
    bus.deliver(
        WarningCancelled(
            warning_id="w-1", hazard="GEOLOGICAL", colour="orange", division_codes=["431200"], cancelled_at=NOW
        )
    )
    assert campaigns(client, token, warning_id="w-1")[0]["state"] == "CLOSED"
    assert len(bus.emitted(LAUNCHED)) == 1 and len(bus.emitted(CLOSED)) == 1


def test_manual_close_and_errors(client, token, bus):
    bus.deliver(declared(hazard="COAL_MINE"))
    campaign = campaigns(client, token)[0]
    assert campaign["topics"] == ["SAFETY_PRODUCTION", "EMERGENCY_AVOIDANCE"]
    url = f"/v1/campaigns/{campaign['id']}/close"
    assert client.post(url, json={"reason": "false alarm"}).status_code == 401
    assert client.post(url, json={"reason": "false alarm"}, headers=token(R)).status_code == 403
    assert client.post(url, json={"reason": ""}, headers=token(W)).status_code == 422
    closed = client.post(url, json={"reason": "false alarm"}, headers=token(W))
    assert closed.status_code == 200 and closed.json()["state"] == "CLOSED"
    assert client.post(url, json={"reason": "again"}, headers=token(W)).status_code == 409
    assert client.post("/v1/campaigns/nope/close", json={"reason": "x y z"}, headers=token(W)).status_code == 404
    assert len(bus.emitted(CLOSED)) == 1
    assert client.get(f"/v1/campaigns/{campaign['id']}", headers=token(R)).json()["state"] == "CLOSED"


def test_service_answers_health_and_openapi(client):
    assert client.get("/livez").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200
    metrics = client.get("/metrics")
    assert metrics.status_code == 200 and 'service="science"' in metrics.text
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/venues", "/v1/campaigns", "/v1/campaigns/{campaign_id}/close"} <= set(paths)
