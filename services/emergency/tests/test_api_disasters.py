"""Disasters and accidents through HTTP (W1; R1–R4, R6; conformance E1–E4 service half)."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_shared import clock


def test_E1_declare_forest_fire_level_I_announces_it(emergency):
    svc = emergency()
    out = svc.declare(codes=("430181",), level="I", hazard="FOREST_FIRE")
    assert out["state"] == "DECLARED" and out["hazard"] == "FOREST_FIRE" and out["basis"]
    event = svc.driver.envelopes("emergency.disaster")[0]
    assert event.type == "hunan.emergency.disaster.declared" and event.key == out["id"]
    assert (event.data["hazard"], event.data["response_level"], event.data["division_codes"]) == (
        "FOREST_FIRE",
        "I",
        ["430181"],
    )


@pytest.mark.parametrize(
    "body, status, hazard",
    [
        pytest.param(
            {"category": "NATURAL_DISASTER", "hazard_type": "低温雨雪冰冻"}, 201, "METEOROLOGICAL", id="E2 R1 freezing"
        ),
        pytest.param({"category": "NATURAL_DISASTER", "hazard_type": "epidemic"}, 422, None, id="E3 R1 epidemic"),
        pytest.param({"category": "PRODUCTION_SAFETY_ACCIDENT"}, 422, None, id="E4 R1 accident without sector"),
        pytest.param({"category": "PRODUCTION_SAFETY_ACCIDENT", "sector": "HAZCHEM"}, 201, "HAZCHEM", id="R1 accident"),
    ],
)
def test_R1_classification_and_nothing_written_on_refusal(emergency, body, status, hazard):
    svc = emergency()
    response = svc.post(
        "/v1/disasters",
        {
            "title": "测试",
            "response_level": "III",
            "division_codes": ["430102"],
            "occurred_at": clock.now().isoformat(),
            **body,
        },
        expect=status,
    )
    if hazard:
        assert response.json()["hazard"] == hazard
    else:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert svc.get("/v1/disasters").json()["items"] == []
        assert svc.driver.envelopes("emergency.disaster", timeout=0.3) == []


def test_W1_full_life_cycle_with_events(emergency):
    svc = emergency()
    occurred = (clock.now() - dt.timedelta(hours=3)).isoformat()
    report = svc.post(
        "/v1/disaster-reports",
        {
            "title": "山洪",
            "category": "NATURAL_DISASTER",
            "hazard_type": "山洪",
            "division_codes": ["430181"],
            "occurred_at": occurred,
            "reporting_unit": "浏阳市应急管理局",
            "reported_casualties": 1,
        },
        expect=201,
    ).json()
    assert report["state"] == "REPORTED" and report["response_level"] is None
    # R4: reported 3 h after occurrence, limit 1 h → 迟报 recorded.
    assert [v["violation"] for v in report["report_violations"]] == ["LATE"]
    did = report["id"]
    svc.post(f"/v1/disasters/{did}/level", {"response_level": "II"}, expect=409)  # not yet declared
    svc.post(
        f"/v1/disasters/{did}/declare", {"response_level": "III", "declaring_division": "430200"}, expect=422
    )  # Zhuzhou cannot declare for Liuyang (R3)
    declared = svc.post(
        f"/v1/disasters/{did}/declare",
        {"response_level": "III", "declaring_division": "430100", "verified_casualties": 3},
        expect=200,
    ).json()
    assert declared["state"] == "DECLARED"
    assert sorted(v["violation"] for v in declared["report_violations"]) == ["LATE", "OMITTED"]
    svc.post(f"/v1/disasters/{did}/level", {"response_level": "III"}, expect=409)  # unchanged
    assert svc.post(f"/v1/disasters/{did}/level", {"response_level": "I"}, expect=200).json()["response_level"] == "I"
    extended = svc.post(f"/v1/disasters/{did}/divisions", {"division_codes": ["430181", "430121"]}, expect=200).json()
    assert extended["division_codes"] == ["430121", "430181"]
    svc.post(f"/v1/disasters/{did}/divisions", {"division_codes": ["430181"]}, expect=200)  # nothing new: no event
    svc.post(f"/v1/disasters/{did}/divisions", {"division_codes": ["430281"]}, expect=422)  # outside Changsha
    svc.post(f"/v1/disasters/{did}/close", expect=409)
    svc.post(f"/v1/disasters/{did}/end-response", expect=200)
    svc.post(f"/v1/disasters/{did}/investigation", expect=200)
    closed = svc.post(f"/v1/disasters/{did}/close", expect=200).json()
    assert closed["state"] == "CLOSED" and closed["closed_at"]
    events = svc.driver.envelopes("emergency.disaster", n=4)
    assert [e.type.rsplit(".", 1)[1] for e in events] == ["declared", "level_changed", "divisions_extended", "closed"]
    assert events[1].data["previous_level"] == "III" and events[2].data["added_division_codes"] == ["430121"]
    assert events[3].data["outcome"] == "closed"
    assert svc.get("/v1/disasters", params={"division": "430100"}).json()["items"][0]["id"] == did
    assert svc.get("/v1/disasters", params={"division": "430200"}).json()["items"] == []


def test_dismissed_false_report_records_violation_and_closes(emergency):
    svc = emergency()
    report = svc.post(
        "/v1/disaster-reports",
        {
            "title": "谣传滑坡",
            "category": "NATURAL_DISASTER",
            "hazard_type": "GEOLOGICAL",
            "division_codes": ["430102"],
            "occurred_at": clock.now().isoformat(),
            "reporting_unit": "某街道",
        },
        expect=201,
    ).json()
    assert report["report_violations"] == []
    out = svc.post(
        f"/v1/disasters/{report['id']}/dismiss", {"reason": "核实无滑坡", "false_report": True}, expect=200
    ).json()
    assert out["state"] == "DISMISSED" and [v["violation"] for v in out["report_violations"]] == ["FALSE"]
    assert svc.driver.envelopes("emergency.disaster")[0].data["outcome"] == "dismissed"
    svc.post(f"/v1/disasters/{report['id']}/declare", {"response_level": "IV"}, expect=409)


def test_declaration_needs_the_declare_scope(emergency, token):
    svc = emergency()
    body = {
        "title": "测试",
        "category": "NATURAL_DISASTER",
        "hazard_type": "EARTHQUAKE",
        "response_level": "IV",
        "division_codes": ["430102"],
        "occurred_at": clock.now().isoformat(),
    }
    assert svc.client.post("/v1/disasters", json=body, headers=token("emergency:read")).status_code == 403
