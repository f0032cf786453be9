"""Core indicators from the records (R57; E25) as JSON and Prometheus gauges."""

from __future__ import annotations

import datetime as dt

from hunan_shared import clock


def test_E25_one_major_accident_breaches_indicator_2(emergency):
    svc = emergency()
    core = {c["code"]: c for c in svc.get("/v1/indicators").json()["core"]}
    assert core["#2"]["met"] is True and core["#1"]["met"] is None  # no MEM base value configured
    accident = svc.post(
        "/v1/disasters",
        {
            "title": "某化工厂爆炸",
            "category": "PRODUCTION_SAFETY_ACCIDENT",
            "sector": "HAZCHEM",
            "response_level": "I",
            "division_codes": ["430121"],
            "occurred_at": (clock.now() - dt.timedelta(hours=1)).isoformat(),
        },
        expect=201,
    ).json()
    svc.post(f"/v1/disasters/{accident['id']}/figures", {"deaths": 12, "severity": "MAJOR"}, expect=200)
    flood = svc.declare()
    svc.post(
        f"/v1/disasters/{flood['id']}/figures", {"deaths": 0, "affected_persons": 5000, "severity": "MAJOR"}, expect=409
    )  # severity is for accidents
    svc.post(
        f"/v1/disasters/{flood['id']}/figures",
        {"deaths": 2, "affected_persons": 5000, "direct_loss_yuan": "1500000.00"},
        expect=200,
    )
    core = {c["code"]: c for c in svc.get("/v1/indicators").json()["core"]}
    assert core["#2"]["value"] == "1.000000" and core["#2"]["met"] is False and core["#2"]["basis"]
    assert core["#1"]["value"] == "12.000000"
    assert core["#5"]["met"] is True
    metrics = svc.client.get("/metrics").text
    assert 'hunan_emergency_indicator{indicator="core_2",service="emergency"} 1.0' in metrics


def test_R59_targets_with_ids_deadlines_json_and_gauges(emergency):
    svc = emergency()
    targets = {t["id"]: t for t in svc.get("/v1/targets", params={"as_of": "2022-06-30"}).json()}
    assert targets["T-S11"]["status"] == "NO_DATA" and targets["T-S11"]["deadline"] == "2022-06-30"
    assert targets["T-C14"]["value"] == "0" and targets["T-C14"]["status"] == "PENDING"  # computed: no depot yet
    figure = {"value": "0.97", "as_of": "2022-06-01", "source": "省应急厅2022年6月通报"}
    out = svc.post("/v1/targets/T-S11/figures", figure, expect=201).json()
    assert out["value"] == "0.97" and out["status"] == "BREACHED" and out["basis"]  # judged today: past June 2022
    before = {t["id"]: t for t in svc.get("/v1/targets", params={"as_of": "2022-06-29"}).json()}["T-S11"]
    assert before["status"] == "PENDING" and "省应急厅" in before["reason"]
    svc.post("/v1/targets/T-S11/figures", {**figure, "value": "1", "as_of": "2022-06-30"}, expect=201)
    indicators = {t["id"]: t for t in svc.get("/v1/indicators").json()["targets"]}
    assert indicators["T-S11"]["status"] == "MET" and indicators["T-S11"]["met"] is True
    svc.depot("province", "430000", {"tent": 1})
    assert {t["id"]: t for t in svc.get("/v1/targets").json()}["T-C14"]["value"] == "1"
    metrics = svc.client.get("/metrics").text
    assert 'hunan_emergency_indicator{indicator="T_S11",service="emergency"} 1.0' in metrics
    svc.post("/v1/targets/T-S11/figures", {**figure, "value": "1.5"}, expect=422)  # a share above 100 %
    svc.post("/v1/targets/T-NOPE/figures", figure, expect=404)
