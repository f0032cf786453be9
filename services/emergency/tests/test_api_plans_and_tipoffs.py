"""Plans and drills (W7, R47–R49; E12, E13) and 12350 tip-offs (W6, R52; E23) through HTTP."""

from __future__ import annotations

import pytest


def _plan(svc, tier="SPECIAL", code="430102", title="长沙市防汛抗旱专项应急预案", **kw) -> dict:
    return svc.post(
        "/v1/plans", {"title": title, "tier": tier, "owner": "长沙市人民政府", "division_code": code, **kw}, expect=201
    ).json()


def _publish(svc, plan_id, on="2021-06-01") -> dict:
    for action in ("evaluate", "approve"):
        svc.post(f"/v1/plans/{plan_id}/actions", {"action": action}, expect=200)
    return svc.post(f"/v1/plans/{plan_id}/actions", {"action": "publish", "on": on}, expect=200).json()


def _drill(svc, plan_id, conducted_on, comprehensive=True, **conduct) -> dict:
    drill = svc.post(
        f"/v1/plans/{plan_id}/drills",
        {"title": "综合演练", "comprehensive": comprehensive, "planned_on": conducted_on},
        expect=201,
    ).json()
    return svc.post(
        f"/v1/drills/{drill['id']}/conduct", {"conducted_on": conducted_on, "mode": "ANNOUNCED", **conduct}, expect=200
    ).json()


def test_plan_lifecycle_create_read_list_and_refusals(emergency):
    svc = emergency()
    plan = _plan(svc)
    assert plan["state"] == "DRAFT" and plan["drill_check"]["overdue"] is None
    assert plan["programme_gaps"]["value"] == ["annual drill plan"] and plan["programme_gaps"]["basis"]
    refused = svc.post(
        f"/v1/plans/{plan['id']}/actions", {"action": "approve"}, expect=409
    )  # W7: no approval unevaluated
    assert refused.headers["content-type"].startswith("application/problem+json")
    published = _publish(svc, plan["id"])
    assert published["state"] == "PUBLISHED" and published["published_on"] == "2021-06-01" and published["basis"]
    _plan(svc, tier="OVERALL", code="430300", title="湘潭市突发事件总体应急预案")
    assert [p["id"] for p in svc.get("/v1/plans", params={"division": "430100"}).json()["items"]] == [plan["id"]]
    assert svc.get(f"/v1/plans/{plan['id']}").json()["id"] == plan["id"]
    # 422, nothing written
    svc.post(
        "/v1/plans", {"title": "x预案", "tier": "WHATEVER", "owner": "某单位", "division_code": "430102"}, expect=422
    )
    svc.post(
        "/v1/plans", {"title": "某预案", "tier": "SPECIAL", "owner": "某单位", "division_code": "110101"}, expect=422
    )
    assert len(svc.get("/v1/plans").json()["items"]) == 2


@pytest.mark.parametrize(
    "as_of, overdue",
    [
        pytest.param("2024-03-01", False, id="E12 R47 anniversary in time"),
        pytest.param("2024-03-02", True, id="E12 R47 day after overdue"),
    ],
)
def test_E12_two_year_drill_boundary(emergency, as_of, overdue):
    svc = emergency()
    plan = _plan(svc)
    _publish(svc, plan["id"], on="2021-01-10")
    _drill(svc, plan["id"], "2021-05-01")
    _drill(svc, plan["id"], "2022-03-01")
    _drill(svc, plan["id"], "2023-09-01", comprehensive=False)  # a single-function drill does not reset the clock
    never = _plan(svc, title="株洲市地质灾害专项应急预案", code="430200")
    _publish(svc, never["id"], on="2022-03-01")  # never drilled: the clock runs from publication
    _plan(svc, title="草稿预案", code="430102")  # a draft is not live
    report = svc.get("/v1/plans/overdue-drills", params={"as_of": as_of}).json()["items"]
    assert sorted(p["id"] for p in report) == (sorted([plan["id"], never["id"]]) if overdue else [])
    check = svc.get(f"/v1/plans/{plan['id']}").json()["drill_check"]
    assert check["last_comprehensive_drill"] == "2022-03-01" and check["due"] == "2024-03-01" and check["basis"]
    if overdue:
        assert report[0]["drill_check"]["overdue"] is True
        assert [
            p["id"]
            for p in svc.get("/v1/plans/overdue-drills", params={"as_of": as_of, "division": "430200"}).json()["items"]
        ] == [never["id"]]


def test_E13_double_blind_with_announced_place_and_R48_programme(emergency):
    svc = emergency()
    plan = _plan(svc, has_annual_drill_plan=True)
    drill = _drill(
        svc,
        plan["id"],
        "2026-05-12",
        mode="DOUBLE_BLIND",
        time_withheld=True,
        place_withheld=False,
        content_withheld=True,
    )
    assert drill["recorded_mode"] == "DOUBLE_BLIND" and drill["mode"] == "ANNOUNCED"
    assert any("名词解释10" in b["article"] for b in drill["basis"])
    blind = _drill(
        svc,
        plan["id"],
        "2026-06-12",
        mode="DOUBLE_BLIND",
        time_withheld=True,
        place_withheld=True,
        content_withheld=True,
    )
    assert blind["mode"] == "DOUBLE_BLIND"
    assert svc.get(f"/v1/plans/{plan['id']}").json()["programme_gaps"]["compliant"] is False
    for d in (drill, blind):
        svc.post(f"/v1/drills/{d['id']}/report", {"note": "报告"}, expect=409)  # W7: evaluate before report
        svc.post(f"/v1/drills/{d['id']}/evaluate", {"note": "评估"}, expect=200)
        svc.post(f"/v1/drills/{d['id']}/report", {"note": "报告"}, expect=200)
    assert svc.get(f"/v1/plans/{plan['id']}").json()["programme_gaps"]["compliant"] is True
    assert len(svc.get(f"/v1/plans/{plan['id']}/drills").json()["items"]) == 2


def test_tipoff_anonymous_contact_never_returned_and_lifecycle(emergency):
    svc = emergency()
    anonymous = svc.post("/v1/tipoffs", {"summary": "某煤矿超层越界开采", "division_code": "431000"}, expect=201).json()
    assert anonymous["reporter_type"] == "PUBLIC" and anonymous["has_contact"] is False
    named = svc.post(
        "/v1/tipoffs", {"summary": "仓库超量储存烟花", "division_code": "430181", "contact": "13800000000"}, expect=201
    ).json()
    assert named["has_contact"] is True and "13800000000" not in str(svc.get(f"/v1/tipoffs/{named['id']}").json())
    assert "13800000000" not in svc.get("/v1/tipoffs").text
    assert [t["id"] for t in svc.get("/v1/tipoffs", params={"division": "430100"}).json()["items"]] == [named["id"]]
    svc.post(f"/v1/tipoffs/{anonymous['id']}/reject", {"note": "无具体线索"}, expect=200)
    svc.post(f"/v1/tipoffs/{anonymous['id']}/assess-reward", {"standard_reward": "100"}, expect=409)
    assert svc.post(f"/v1/tipoffs/{anonymous['id']}/close", expect=200).json()["state"] == "CLOSED"
    # 422, nothing written
    svc.post("/v1/tipoffs", {"summary": "x", "division_code": "430102"}, expect=422)
    svc.post("/v1/tipoffs", {"summary": "某事", "division_code": "430102", "name": "张三"}, expect=422)
    assert len(svc.get("/v1/tipoffs").json()["items"]) == 2


@pytest.mark.parametrize(
    "reporter, avoided, reward, special",
    [
        pytest.param("INSIDER", True, "1200.00", True, id="E23 R52 insider uplift 20% + special reward"),
        pytest.param("PUBLIC", False, "1000.00", False, id="R52 public standard reward"),
    ],
)
def test_E23_tipoff_reward(emergency, reporter, avoided, reward, special):
    svc = emergency()
    tid = svc.post(
        "/v1/tipoffs",
        {"summary": "本单位隐瞒重大事故隐患", "division_code": "430102", "reporter_type": reporter},
        expect=201,
    ).json()["id"]
    svc.post(f"/v1/tipoffs/{tid}/accept", {}, expect=200)
    svc.post(f"/v1/tipoffs/{tid}/assess-reward", {"standard_reward": "1000"}, expect=409)  # not verified yet
    svc.post(f"/v1/tipoffs/{tid}/refer", {"department": "长沙市应急管理局"}, expect=200)
    svc.post(
        f"/v1/tipoffs/{tid}/verify", {"verified_true": True, "avoided_casualties_or_major_loss": avoided}, expect=200
    )
    out = svc.post(f"/v1/tipoffs/{tid}/assess-reward", {"standard_reward": "1000"}, expect=200).json()
    assert out["state"] == "REWARD_ASSESSED" and out["reward"] == reward and out["special_reward"] is special
    assert any("第十章（六）" in b["article"] for b in out["basis"])
    svc.post(f"/v1/tipoffs/{tid}/pay-reward", expect=200)
    assert svc.post(f"/v1/tipoffs/{tid}/close", expect=200).json()["state"] == "CLOSED"
