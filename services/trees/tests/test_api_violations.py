"""W8 over HTTP (Arts. 24, 33, 35, 36): the prohibited-acts list and check, cases and their decision with the
fine range 500–5,000 at its boundaries, the in-force date, referral to another law and the penalty event."""

from __future__ import annotations

import pytest

from hunan_shared.testing import EventDriver
from hunan_trees.app import create_app
from hunan_trees.settings import TreesSettings

WRITE, READ, CERTIFY = "trees:write", "trees:read", "trees:certify"
TREE_AT = {"latitude": 28.20, "longitude": 112.90}
NEAR = {"latitude": 28.20005, "longitude": 112.90}  # ≈ 5.6 m north: inside a 6 + 5 m zone
FAR = {"latitude": 28.2010, "longitude": 112.90}  # ≈ 111 m north: outside
DECIDED = "hunan.trees.penalty.decided"
STOP_RESTORE = {"orders": ["STOP", "RESTORE_BY_DEADLINE"], "restore_by": "2099-06-30"}


@pytest.fixture
def client(app_client):
    return app_client(create_app, TreesSettings, art35_reference_protection=True)


@pytest.fixture
def tree_id(client, token) -> str:
    body = {
        "tree_no": "V1",
        "species": "银杏",
        "age_years": 320,
        "division_code": "430104",
        "location": TREE_AT,
        "crown_radius_m": 6,
    }
    response = client.post("/v1/trees", json=body, headers=token(WRITE))
    assert response.status_code == 201
    return response.json()["id"]


def open_case(client, token, tree_id: str, **overrides):
    body = {
        "tree_id": tree_id,
        "act": "P2_NAILING",
        "act_on": "2024-05-06",
        "description": "在树干上钉钉悬挂广告牌",
        "offender": "某餐馆",
        **overrides,
    }
    return client.post("/v1/violations", json=body, headers=token(WRITE))


def decide(client, token, case_id: str, **body):
    return client.post(
        f"/v1/violations/{case_id}/decision", json={"decision_ref": "长林罚〔2024〕7号", **body}, headers=token(CERTIFY)
    )


def test_prohibited_acts_are_a_list_with_item_and_scope(client, token):
    acts = client.get("/v1/prohibited-acts", headers=token(READ)).json()
    assert len(acts) == 23
    by_code = {a["code"]: a for a in acts}
    assert by_code["P3_PIPELINE_LAYING"]["scope"] == "INSIDE_HABITAT_ZONE"
    assert by_code["P2_NAILING"]["paragraph"] == "24(2)" and by_code["P2_NAILING"]["text"] == "在古树名木上钉钉"
    assert {a["basis"][0]["article"] for a in acts} == {"Art. 24 / 第二十四条"}


def test_check_tells_a_zone_act_inside_from_outside(client, token, tree_id):
    def check(**body):
        return client.post("/v1/prohibited-acts/check", json={"tree_id": tree_id, **body}, headers=token(READ))

    inside = check(act="P3_PIPELINE_LAYING", location=NEAR).json()  # TC17: pipeline inside the zone
    assert inside["prohibited"] is True and inside["inside_habitat_zone"] is True
    outside = check(act="P3_PIPELINE_LAYING", location=FAR).json()
    assert outside["prohibited"] is False and outside["inside_habitat_zone"] is False
    assert check(act="P2_CLIMBING").json()["prohibited"] is True
    missing = check(act="P3_OPEN_FIRE")
    assert missing.status_code == 422 and "location" in missing.text


@pytest.mark.parametrize(
    "fine,status",
    [("499", 422), ("500", 200), ("5000", 200), ("5001", 422), (None, 200)],
    ids=["499-below", "500-min", "5000-max", "5001-above", "no-fine"],
)
def test_fine_range_boundaries(client, token, tree_id, memory_bus, fine, status):
    # TC25(a): nailing a sign, no other law: 500–5,000 inclusive or no fine; stop + restore always ordered.
    case = open_case(client, token, tree_id).json()
    response = decide(client, token, case["id"], fine_cny=fine, **STOP_RESTORE)
    assert response.status_code == status, response.text
    articles = {b["article"] for b in response.json()["basis"]} if status == 200 else set()
    if status == 422:
        assert "500–5,000" in response.text
        assert client.get(f"/v1/violations/{case['id']}", headers=token(READ)).json()["state"] == "OPEN"
        assert EventDriver(client, memory_bus).emitted(DECIDED, timeout=0.2) == []
    else:
        assert "Art. 33 / 第三十三条" in articles
        [payload] = EventDriver(client, memory_bus).emitted(DECIDED)
        assert payload["outcome"] == "ORDERED" and payload["orders"] == ["STOP", "RESTORE_BY_DEADLINE"]
        assert payload["fine"] == ({"amount": fine, "currency": "CNY"} if fine else None)


def test_fine_6000_refused(client, token, tree_id):
    case = open_case(client, token, tree_id).json()
    assert decide(client, token, case["id"], fine_cny="6000", **STOP_RESTORE).status_code == 422


@pytest.mark.parametrize(
    "act_on,status", [("2022-03-11", 422), ("2022-03-12", 200)], ids=["Art36-before", "Art36-in-force"]
)
def test_no_fine_for_an_act_before_the_measures_took_effect(client, token, tree_id, act_on, status):
    case = open_case(client, token, tree_id, act_on=act_on).json()
    response = decide(client, token, case["id"], fine_cny="1000", **STOP_RESTORE)
    assert response.status_code == status
    if status == 422:
        assert "Art. 36 / 第三十六条" in response.text


def test_orders_must_stop_and_restore_or_remedy(client, token, tree_id):
    case = open_case(client, token, tree_id).json()
    assert decide(client, token, case["id"], orders=["RESTORE_BY_DEADLINE"], restore_by="2099-01-01").status_code == 422
    assert decide(client, token, case["id"], orders=["STOP"]).status_code == 422
    assert decide(client, token, case["id"], orders=["STOP", "RESTORE_BY_DEADLINE"]).status_code == 422  # no limit
    ok = decide(client, token, case["id"], orders=["STOP", "REMEDIAL_MEASURES"], fine_cny="800")
    assert ok.status_code == 200 and ok.json()["state"] == "ORDERED"
    assert decide(client, token, case["id"], orders=["STOP", "REMEDIAL_MEASURES"]).status_code == 409
    # Closing needs the restoration verified.
    close = {"restoration_verified": False, "note": "未恢复"}
    assert client.post(f"/v1/violations/{case['id']}/close", json=close, headers=token(CERTIFY)).status_code == 422
    close["restoration_verified"] = True
    closed = client.post(f"/v1/violations/{case['id']}/close", json=close, headers=token(CERTIFY))
    assert closed.json()["state"] == "CLOSED"


def test_other_law_takes_precedence_and_excludes_the_art33_fine(client, token, tree_id, memory_bus):
    # TC25(b): unauthorised felling where the Forest Law provides liability: referral, no Art. 33 fine.
    case = open_case(client, token, tree_id, act="P1_UNAUTHORISED_FELLING").json()
    law = "《中华人民共和国森林法》第七十六条"
    assert decide(client, token, case["id"], other_law_ref=law, fine_cny="1000").status_code == 422
    referred = decide(client, token, case["id"], other_law_ref=law)
    assert referred.status_code == 200 and referred.json()["state"] == "REFERRED_OTHER_LAW"
    [payload] = EventDriver(client, memory_bus).emitted(DECIDED)
    assert payload["outcome"] == "REFERRED_OTHER_LAW" and payload["fine"] is None and law in payload["legal_basis"]


def test_zone_acts_outside_the_zone_open_no_case(client, token, tree_id):
    refused = open_case(client, token, tree_id, act="P3_ROAD_BUILDING", location=FAR)
    assert refused.status_code == 422 and "Art. 24 / 第二十四条" in refused.text
    assert open_case(client, token, tree_id, act="P3_ROAD_BUILDING", location=NEAR).status_code == 201
    assert open_case(client, token, tree_id, act_on="2999-01-01").status_code == 422
    assert len(client.get("/v1/violations", headers=token(READ)).json()["items"]) == 1


def test_art35_reference_tree_gets_orders_but_no_fine(client, token):
    body = {
        "tree_no": "V80",
        "species": "樟树",
        "age_years": 85,
        "division_code": "430104",
        "location": TREE_AT,
        "crown_radius_m": 4,
    }
    ref_tree = client.post("/v1/trees", json=body, headers=token(WRITE)).json()["id"]
    case = open_case(client, token, ref_tree).json()
    refused = decide(client, token, case["id"], fine_cny="500", **STOP_RESTORE)
    assert refused.status_code == 422 and "Art. 35 / 第三十五条" in refused.text
    assert decide(client, token, case["id"], **STOP_RESTORE).status_code == 200
