"""Rescue teams (R20, R12; E16) and major hidden dangers 一单四制 (W5, R31–R33; E14, E15) through HTTP."""

from __future__ import annotations

import datetime as dt

import pytest

from hunan_shared import clock


@pytest.mark.parametrize(
    "level, sizes",
    [
        pytest.param("TOWNSHIP", {14: "NON_COMPLIANT", 15: "COMPLIANT"}, id="E16 专栏7 township"),
        pytest.param(
            "COUNTY",
            {29: "NON_COMPLIANT", 30: "COMPLIANT", 50: "COMPLIANT", 51: "OUTSIDE_STANDARD"},
            id="E16 专栏2 county",
        ),
    ],
)
def test_E16_team_size_bands_and_assignment(emergency, level, sizes):
    svc = emergency()
    ids = []
    for size, expected in sizes.items():
        team = svc.post(
            "/v1/rescue-teams",
            {
                "name": f"{level} team {size}",
                "team_type": "COMPREHENSIVE",
                "comprehensive_level": level,
                "division_code": "430121",
                "size": size,
            },
            expect=201,
        ).json()
        assert team["size_status"] == expected and team["basis"]
        ids.append(team["id"])
    disaster = svc.declare(codes=("430121",))
    requested = (clock.now() - dt.timedelta(hours=3)).isoformat()
    out = svc.post(
        f"/v1/disasters/{disaster['id']}/teams", {"team_id": ids[0], "requested_at": requested}, expect=201
    ).json()
    assert out["linkage"]["outcome"] == "BREACHED" and out["linkage"]["basis"]  # R12: 3 h > 2 h
    svc.post(f"/v1/disasters/{disaster['id']}/teams", {"team_id": ids[0]}, expect=409)  # not available any more
    available = {t["id"] for t in svc.get("/v1/rescue-teams", params={"available": "true"}).json()["items"]}
    assert available == set(ids[1:])
    assert svc.post(f"/v1/rescue-teams/{ids[0]}/release", expect=200).json()["available"] is True


def test_E14_township_cannot_identify_and_E15_overdue_notification(emergency):
    svc = emergency()
    danger = svc.post(
        "/v1/hidden-dangers",
        {
            "enterprise": "某烟花爆竹厂",
            "sector": "FIREWORKS",
            "element": "OBJECT",
            "source": "PUBLIC_REPORT",
            "division_code": "430181",
            "description": "仓库超量储存",
        },
        expect=201,
    ).json()
    did = danger["id"]
    refused = svc.post(
        f"/v1/hidden-dangers/{did}/identify",
        {"department": "某镇政府", "department_level": "township", "has_supervision_duty": True},
        expect=422,
    ).json()
    assert "名词解释14" in refused["detail"] and refused["basis"]
    listed = svc.post(
        f"/v1/hidden-dangers/{did}/identify",
        {"department": "浏阳市应急管理局", "department_level": "county", "has_supervision_duty": True},
        expect=200,
    ).json()
    assert listed["state"] == "LISTED"
    assigned_on = (clock.now() - dt.timedelta(days=30)).date().isoformat()
    assigned = svc.post(
        f"/v1/hidden-dangers/{did}/assign",
        {"assignee": "某烟花爆竹厂", "working_days": 5, "assigned_on": assigned_on},
        expect=200,
    ).json()
    assert assigned["deadline"] < clock.now().date().isoformat()
    svc.post(
        f"/v1/hidden-dangers/{did}/verify", {"eliminated": True, "note": "直接销号"}, expect=409
    )  # no verification path
    sweep = svc.post("/v1/hidden-dangers/notify-overdue", expect=200).json()
    assert sweep["notified"] == [did] and sweep["basis"]
    assert svc.post("/v1/hidden-dangers/notify-overdue", expect=200).json()["notified"] == []  # once per deadline
    notified = svc.get(f"/v1/hidden-dangers/{did}").json()
    assert notified["state"] == "NOTIFIED" and notified["entries"][-1]["kind"] == "NOTIFICATION"
    svc.post(f"/v1/hidden-dangers/{did}/ledger", {"note": "已清理超量库存"}, expect=200)
    svc.post(f"/v1/hidden-dangers/{did}/submit", {"note": "整改完成"}, expect=200)
    delisted = svc.post(f"/v1/hidden-dangers/{did}/verify", {"eliminated": True, "note": "现场核查"}, expect=200).json()
    assert delisted["state"] == "DELISTED" and delisted["delisted_on"]
