"""Inspection registers behind R37, R38, R43–R45 and the plan system R46, through HTTP (issue 18 item 4): an inspector
records the real objects and sees each verdict with its section."""

from __future__ import annotations

import pytest


def _record(svc, register, facts_field, facts, name="对象", code="430181", expect=201):
    body = {"name": name, "division_code": code, facts_field: facts}
    return svc.post(f"/v1/registers/{register}/entries", body, expect=expect).json()


def _verdict(entry) -> dict:
    [verdict] = entry["verdicts"]
    return verdict


@pytest.mark.parametrize(
    ("persons", "depth", "targeted"),
    [(30, "800", False), (31, "800", True), (30, "800.1", True)],
    ids=["第六章（三） 30 persons 800 m not 超过", "31 persons", "800.1 m"],
)
def test_R38_non_coal_mines_with_the_超过_thresholds(emergency, persons, depth, targeted):
    svc = emergency()
    mine = _record(
        svc,
        "non-coal-mines",
        "non_coal_mine",
        {"kind": "UNDERGROUND_METAL_NONMETAL", "persons_underground": persons, "depth_m": depth},
    )
    verdict = _verdict(mine)
    assert verdict["value"] is targeted and verdict["compliant"] is None
    assert any("非煤矿山" in b["article"] for b in verdict["basis"])
    assert svc.get(f"/v1/registers/non-coal-mines/entries/{mine['id']}").json() == mine


def test_R38_open_pit_slope(emergency):
    svc = emergency()
    facts = {"kind": "OPEN_PIT_METAL_NONMETAL", "slope_height_m": "200"}
    assert _verdict(_record(svc, "non-coal-mines", "non_coal_mine", facts))["value"] is False
    facts["slope_height_m"] = "201"
    assert _verdict(_record(svc, "non-coal-mines", "non_coal_mine", facts))["value"] is True


def test_R37_coal_mine_checks_linked_to_the_registry(emergency):
    svc = emergency()
    site = svc.post(
        "/v1/sector-registries/coal-mines/sites",
        {"name": "某煤矿", "division_code": "431000", "coal_mine": {"capacity_tpa": 450_000}},
        expect=201,
    ).json()
    check = _record(
        svc,
        "coal-mine-checks",
        "coal_mine_check",
        {"coal_site_id": site["id"], "illegal_subcontracting": True, "major_hidden_dangers_open": 1},
        code="431000",
    )
    verdict = _verdict(check)
    assert verdict["value"]["must_close"] is True and verdict["value"]["closure_grounds"] == [
        "ILLEGAL_SUBCONTRACTING_NOT_RECTIFIED"
    ]
    assert verdict["compliant"] is False and check["compliant"] is False
    assert any(b["article"] == "名词解释15" for b in verdict["basis"])
    clean = _record(svc, "coal-mine-checks", "coal_mine_check", {"coal_site_id": site["id"]}, code="431000")
    assert clean["compliant"] is True
    _record(svc, "coal-mine-checks", "coal_mine_check", {"coal_site_id": "nope"}, expect=404)
    failing = svc.get("/v1/registers/coal-mine-checks/entries", params={"compliant": "false"}).json()["items"]
    assert [e["id"] for e in failing] == [check["id"]]
    assert [e["id"] for e in svc.get("/v1/registers/coal-mine-checks/entries").json()["items"]] == [
        clean["id"],
        check["id"],
    ]


def test_R43_hazchem_projects_and_producers(emergency):
    svc = emergency()
    project = {"involves_two_key_one_major": True, "involves_three_key_one_high": True, "controlling_level": "county"}
    entry = _record(svc, "hazchem-projects", "hazchem_project", project)
    assert _verdict(entry)["value"]["approving_level_sufficient"] is False and entry["compliant"] is False
    project["controlling_level"] = "city"
    assert _record(svc, "hazchem-projects", "hazchem_project", project)["compliant"] is True
    producer = _record(
        svc,
        "hazchem-producers",
        "hazchem_producer",
        {"gas_alarm": True, "emergency_shutoff": False, "automation": True},
    )
    assert _verdict(producer)["value"] == ["emergency_shutoff"] and producer["compliant"] is False


@pytest.mark.parametrize(
    ("facts", "cls", "compliant"),
    [
        ({"scheduled_coach_class": 3}, "SCHEDULED_COACH_CLASS3_PLUS", False),
        ({"scheduled_coach_class": 3, "networked": True}, "SCHEDULED_COACH_CLASS3_PLUS", True),
        ({"scheduled_coach_class": 4}, None, True),
        ({"school_vehicle": True}, "SCHOOL", False),
    ],
    ids=["名词解释12 class-3 coach unmonitored", "networked", "class 4 not covered", "school bus"],
)
def test_R44_coaches_and_school_vehicles(emergency, facts, cls, compliant):
    svc = emergency()
    entry = _record(svc, "vehicles", "vehicle", {"plate": "湘A12345", **facts})
    assert _verdict(entry)["value"] == cls and entry["compliant"] is compliant


def test_R45_yearly_rates(emergency):
    svc = emergency()
    # 1.3 per million exactly is met (不高于); one more death is not.
    met = _record(svc, "fire-statistics", "fire_statistics", {"year": 2025, "deaths": 13, "population": 10_000_000})
    over = _record(svc, "fire-statistics", "fire_statistics", {"year": 2025, "deaths": 14, "population": 10_000_000})
    assert (met["compliant"], over["compliant"]) == (True, False)
    units = {"year": 2025, "deaths": 1, "units": 40_000}  # 0.25 per 10 000 exactly
    assert _record(svc, "special-equipment-statistics", "special_equipment_statistics", units)["compliant"] is True


def test_register_refusals(emergency):
    svc = emergency()
    # the facts of another register, two facts objects, none, an unknown register: 422 and nothing stored
    _record(svc, "vehicles", "fire_statistics", {"year": 2025, "deaths": 1, "population": 10}, expect=422)
    body = {
        "name": "x",
        "division_code": "430181",
        "vehicle": {"plate": "湘A12345"},
        "fire_statistics": {"year": 2025, "deaths": 1, "population": 10},
    }
    svc.post("/v1/registers/vehicles/entries", body, expect=422)
    svc.post("/v1/registers/vehicles/entries", {"name": "x", "division_code": "430181"}, expect=422)
    svc.post("/v1/registers/salt-mines/entries", {"name": "x", "division_code": "430181"}, expect=422)
    assert svc.get("/v1/registers/vehicles/entries").json()["items"] == []
    svc.get("/v1/registers/vehicles/entries/nope", expect=404)


def test_R46_plan_system_of_a_government(emergency):
    svc = emergency()

    def plan(tier, code="430100"):
        body = {"title": f"{tier} 预案", "tier": tier, "owner": "长沙市人民政府", "division_code": code}
        return svc.post("/v1/plans", body, expect=201).json()

    empty = svc.get("/v1/plans/system", params={"division": "430100"}).json()
    assert empty["sound"] is False and empty["problems"] == ["no overall plan"]
    plan("OVERALL")
    plan("SPECIAL")
    plan("DEPARTMENTAL")
    plan("OVERALL", code="430102")  # another government's
    system = svc.get("/v1/plans/system", params={"division": "430100"}).json()
    assert (system["overall"], system["special"], system["departmental"], system["sound"]) == (1, 1, 1, True)
    assert any(b["article"] == "名词解释9" for b in system["basis"])
    second = plan("OVERALL")
    assert svc.get("/v1/plans/system", params={"division": "430100"}).json()["problems"] == [
        "2 overall plans (exactly 1 allowed)"
    ]
    for action in ("evaluate", "approve", "publish", "supersede"):
        svc.post(f"/v1/plans/{second['id']}/actions", {"action": action}, expect=200)
    assert svc.get("/v1/plans/system", params={"division": "430100"}).json()["sound"] is True
