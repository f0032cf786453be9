"""Enterprise duties (W8, R24–R30; E21, E22), relief (W4, R13, R50; E9) and the capped sector registries
(R36, R39–R42; E17, E18, E20, E24) through HTTP."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_shared import clock

ENTERPRISE = {
    "name": "某化工有限公司",
    "sector": "HAZCHEM",
    "division_code": "430181",
    "headcount": 320,
    "above_scale": True,
    "key_sector": True,
    "legal_representative": "张三",
    "actual_controller": "李四",
    "principal_responsible_person": "张三",
    "listed_first_responsible": ["张三"],
    "liability_insured": True,
    "registered_safety_engineers": 2,
    "new_employees": 10,
    "new_employees_trained": 10,
}


def test_E21_E22_enterprise_duties_with_basis(emergency):
    svc = emergency()
    ent = svc.post("/v1/enterprises", ENTERPRISE, expect=201).json()
    months = [dt.date(2025, m, 5).isoformat() for m in range(1, 13)]
    body = {
        "year": 2025,
        "as_of": "2025-12-31",
        "report_to_supervising_department": True,
        "report_to_workers_congress": False,
        "inspection_dates": months,
        "study_meeting_dates": ["2025-02-01", "2025-05-01", "2025-08-01", "2025-11-01"],
        "yearly_items": {
            item: ["2025-06-01"]
            for item in (
                "SUMMARY_MOBILISATION_MEETING",
                "REVIEW_MEETING",
                "REPORT_TO_WORKERS_CONGRESS",
                "STAFF_RESPONSIBILITY_LETTERS",
                "SAFETY_LECTURE",
                "SKILLS_CONTEST",
                "DRILL_PARTICIPATION",
                "TRAINING_PARTICIPATION",
            )
        },
        "pre_shift_meeting": True,
        "risk_card": True,
        "work_card": True,
        "emergency_card": True,
    }
    out = svc.post(f"/v1/enterprises/{ent['id']}/compliance-evaluations", body, expect=201).json()
    verdicts = {v["rule"]: v for v in out["verdicts"]}
    assert all(v["basis"] for v in verdicts.values())
    assert verdicts["R24"]["compliant"] is False and verdicts["R24"]["value"] == ["actual_controller"]  # E21
    assert verdicts["R25"]["value"] == "INCOMPLETE" and verdicts["R25"]["compliant"] is False  # E22
    assert all(verdicts[r]["compliant"] for r in ("R26", "R27", "R29", "R30")) and "R28" not in verdicts
    assert out["compliant"] is False
    fixed = svc.post(
        "/v1/enterprises",
        {
            **ENTERPRISE,
            "name": "另一化工公司",
            "listed_first_responsible": ["张三", "李四"],
            "liability_insured": False,
            "registered_safety_engineers": 0,
        },
        expect=201,
    ).json()
    out2 = svc.post(
        f"/v1/enterprises/{fixed['id']}/compliance-evaluations",
        {
            **body,
            "report_to_workers_congress": True,
            "main_works": {"designed": "2024-01-01"},
            "safety_facilities": {"designed": "2024-02-01"},
        },
        expect=201,
    ).json()
    v2 = {v["rule"]: v for v in out2["verdicts"]}
    assert v2["R24"]["compliant"] and v2["R25"]["value"] == "COMPLETE"
    assert v2["R28"]["value"] == ["designed"] and v2["R29"]["value"] == "REQUIRED_MISSING"
    assert v2["R30"]["value"] == ["registered_safety_engineer"]
    assert len(svc.get(f"/v1/enterprises/{fixed['id']}/compliance-evaluations").json()["items"]) == 1
    assert len(svc.get("/v1/enterprises", params={"division": "430100"}).json()["items"]) == 2
    assert svc.get("/v1/enterprises", params={"division": "430200"}).json()["items"] == []
    # 422, nothing written
    svc.post("/v1/enterprises", {**ENTERPRISE, "sector": "EPIDEMIC"}, expect=422)
    svc.post("/v1/enterprises", {**ENTERPRISE, "new_employees_trained": 11}, expect=422)
    assert len(svc.get("/v1/enterprises").json()["items"]) == 2


@pytest.mark.parametrize(
    "after, outcome",
    [
        pytest.param(dt.timedelta(hours=10), "MET", id="E9 R13 10h00 met"),
        pytest.param(dt.timedelta(hours=10, minutes=1), "BREACHED", id="E9 R13 10h01 breach"),
    ],
)
def test_E9_relief_basic_living_within_10h(emergency, after, outcome):
    svc = emergency()
    disaster = svc.declare(codes=("430102",), hours_ago=12)
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
    assert case["state"] == "OPENED" and case["basic_living"]["outcome"] == "BREACHED"  # 12 h running already
    svc.post(f"/v1/relief-cases/{case['id']}/actions", {"action": "close"}, expect=409)  # W4: no closure before aid
    provided = dt.datetime.fromisoformat(disaster["occurred_at"]) + after
    out = svc.post(
        f"/v1/relief-cases/{case['id']}/basic-living", {"provided_at": provided.isoformat()}, expect=200
    ).json()
    assert out["state"] == "BASIC_LIVING_PROVIDED" and out["basic_living"]["outcome"] == outcome
    assert out["basic_living"]["basis"] and out["basis"]
    svc.post(f"/v1/relief-cases/{case['id']}/actions", {"action": "start_transitional"}, expect=200)
    assert (
        svc.post(f"/v1/relief-cases/{case['id']}/actions", {"action": "close"}, expect=200).json()["state"] == "CLOSED"
    )
    assert [c["id"] for c in svc.get("/v1/relief-cases", params={"disaster_id": disaster["id"]}).json()["items"]] == [
        case["id"]
    ]


def test_relief_refusals_write_nothing(emergency):
    svc = emergency()
    disaster = svc.declare(codes=("430102",), hazard="EARTHQUAKE")
    base = {"disaster_id": disaster["id"], "division_code": "430102", "persons": 10}
    refused = svc.post("/v1/relief-cases", {**base, "relief_type": "DROUGHT_TEMPORARY_HARDSHIP"}, expect=422).json()
    assert refused["basis"]  # R50: drought relief needs a drought
    svc.post("/v1/relief-cases", {**base, "relief_type": "EMERGENCY_RELIEF", "division_code": "430200"}, expect=422)
    svc.post("/v1/relief-cases", {**base, "relief_type": "EMERGENCY_RELIEF", "persons": 0}, expect=422)
    svc.post("/v1/relief-cases", {**base, "relief_type": "EMERGENCY_RELIEF", "disaster_id": "nope"}, expect=404)
    assert svc.get("/v1/relief-cases").json()["items"] == []


def _import(svc, registry, n, facts=None, **kw):
    sites = [{"name": f"site {i}", "division_code": "430181", **(facts or {}), **kw} for i in range(n)]
    return svc.post(f"/v1/sector-registries/{registry}/sites/import", {"sites": sites}, expect=201).json()


COAL = {"coal_mine": {"capacity_tpa": 450_000}}
POND = {"tailings_pond": {"downstream_distance_km": "5"}}


@pytest.mark.parametrize(
    "registry, cap, facts",
    [
        pytest.param("coal-mines", 80, COAL, id="E20 R42 coal mines 80"),
        pytest.param("fireworks-producers", 600, {}, id="E24 R42 fireworks producers 600"),
        pytest.param("tailings-ponds", 300, {**POND, "justification": "新建替代闭库"}, id="R41 tailings ponds 300"),
    ],
)
def test_registry_cap_exact_boundary(emergency, registry, cap, facts):
    svc = emergency()
    assert _import(svc, registry, cap - 1, facts)["count"] == cap - 1
    last = svc.post(
        f"/v1/sector-registries/{registry}/sites", {"name": "the last", "division_code": "430181", **facts}, expect=201
    ).json()
    assert last["state"] == "ACTIVE" and last["basis"]
    refused = svc.post(
        f"/v1/sector-registries/{registry}/sites",
        {"name": "one too many", "division_code": "430181", **facts},
        expect=409,
    ).json()
    assert str(cap) in refused["detail"] and refused["basis"]
    assert any("第六章（三）" in b["article"] for b in refused["basis"])
    status = svc.get(f"/v1/sector-registries/{registry}", params={"as_of": "2025-12-31"}).json()
    assert (status["count"], status["status"]) == (cap, "WITHIN")
    # delisting one makes room again
    svc.post(f"/v1/sector-registries/{registry}/sites/{last['id']}/delist", {"reason": "关闭退出"}, expect=200)
    svc.post(
        f"/v1/sector-registries/{registry}/sites",
        {"name": "replacement", "division_code": "430181", **facts},
        expect=201,
    )


def test_registry_import_beyond_cap_refused_whole_and_refusals_write_nothing(emergency):
    svc = emergency()
    sites = [{"name": f"mine {i}", "division_code": "431000", **COAL} for i in range(81)]
    svc.post("/v1/sector-registries/coal-mines/sites/import", {"sites": sites}, expect=409)
    svc.post("/v1/sector-registries/coal-mines/sites", {"name": "no facts", "division_code": "431000"}, expect=422)
    svc.post(
        "/v1/sector-registries/tailings-ponds/sites",
        {"name": "no reason", "division_code": "431000", **POND},
        expect=422,
    )  # 只减不增: a new pond needs a justification
    svc.post("/v1/sector-registries/salt-mines/sites", {"name": "x", "division_code": "431000"}, expect=422)
    for registry in ("coal-mines", "tailings-ponds"):
        assert svc.get(f"/v1/sector-registries/{registry}").json()["count"] == 0
        assert svc.get(f"/v1/sector-registries/{registry}/sites").json()["items"] == []


def test_E17_E18_R36_site_verdicts(emergency):
    svc = emergency()
    today = clock.now().date()
    idle_exact = today.replace(year=today.year - 3) if not (today.month == 2 and today.day == 29) else today
    ponds = {}
    for name, facts in {
        "1.0km": {"downstream_distance_km": "1.0"},
        "1.01km": {"downstream_distance_km": "1.01"},
        "idle3y": {"downstream_distance_km": "9", "idle_since": idle_exact.isoformat()},
        "idle3y1d": {"downstream_distance_km": "9", "idle_since": (idle_exact - dt.timedelta(days=1)).isoformat()},
    }.items():
        out = svc.post(
            "/v1/sector-registries/tailings-ponds/sites",
            {"name": name, "division_code": "430181", "tailings_pond": facts, "justification": "替代"},
            expect=201,
        ).json()
        ponds[name] = {v["rule"].split()[0]: v for v in out["verdicts"]}
    assert ponds["1.0km"]["R39"]["value"] is True and ponds["1.01km"]["R39"]["value"] is False  # E17
    assert ponds["idle3y"]["R40"]["value"] is False and ponds["idle3y1d"]["R40"]["value"] is True  # E18
    assert all(v["basis"] for p in ponds.values() for v in p.values())
    mine = svc.post(
        "/v1/sector-registries/coal-mines/sites",
        {"name": "小煤矿", "division_code": "431000", "coal_mine": {"capacity_tpa": 300_000}},
        expect=201,
    ).json()
    assert mine["verdicts"][0]["value"] is True  # R36: 30万吨/年以下 inclusive
    assert [
        s["id"]
        for s in svc.get("/v1/sector-registries/coal-mines/sites", params={"division": "431000"}).json()["items"]
    ] == [mine["id"]]
    assert svc.get("/v1/sector-registries/coal-mines/sites", params={"division": "430100"}).json()["items"] == []


def test_E20_status_on_deadline(emergency):
    svc = emergency()
    _import(svc, "coal-mines", 80, COAL)
    status = svc.get("/v1/sector-registries/coal-mines", params={"as_of": "2025-12-31"}).json()
    assert (status["count"], status["cap"], status["status"]) == (80, 80, "WITHIN") and status["basis"]
