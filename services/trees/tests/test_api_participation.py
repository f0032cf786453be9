"""Participation and use over HTTP on SQLite and PostgreSQL: donation/adoption with naming rights (Art. 8),
utilisation (Art. 32), insurance (Art. 31), public reports (Art. 9) and department routing (Art. 6)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from hunan_shared.testing import EventDriver
from hunan_trees.app import create_app
from hunan_trees.models import InsurancePolicy, PublicReport, Sponsorship, UtilisationActivity
from hunan_trees.settings import TreesSettings

PROBLEM = "application/problem+json"
WRITE, READ, CERTIFY = "trees:write", "trees:read", "trees:certify"


def tree_body(no: str, county: str, lat: float, lon: float, urban: bool) -> dict:
    return {
        "tree_no": no,
        "species": "银杏",
        "age_years": 320,
        "division_code": county,
        "in_urban_planning_area": urban,
        "location": {"latitude": lat, "longitude": lon},
        "land_use": "ORG_PREMISES",
        "crown_radius_m": 6,
    }


def count(client, table) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(table))


def articles(body: dict) -> set[str]:
    return {b["article"] for b in body["basis"]}


def register(client, token, *bodies) -> list[dict]:
    out = []
    for body in bodies:
        r = client.post("/v1/trees", json=body, headers=token(WRITE))
        assert r.status_code == 201, r.text
        out.append(r.json())
    return out


@pytest.fixture
def client(app_client):
    return app_client(create_app, TreesSettings)


@pytest.fixture
def trees(client, token):
    return register(
        client,
        token,
        tree_body("430104-0201", "430104", 28.20, 112.90, urban=True),
        tree_body("430602-0201", "430602", 29.37, 113.13, urban=False),
    )


# --- Art. 8 -----------------------------------------------------------------------------------------------


def adoption(tree_id: str, **over) -> dict:
    return {
        "tree_id": tree_id,
        "kind": "ADOPTION",
        "sponsor_type": "UNIT",
        "sponsor_name": "长沙某科技有限公司",
        "adoption_from": "2025-01-01",
        "adoption_to": "2027-12-31",
        "naming_from": "2025-01-01",
        "naming_to": "2027-12-31",
        "naming_text": "长沙某科技有限公司认养",
        "planting_credit": True,
        **over,
    }


@pytest.mark.parametrize(
    "over",
    [
        pytest.param({"kind": "DONATION"}, id="donation-without-amount"),
        pytest.param({"adoption_to": None}, id="adoption-without-end"),
        pytest.param({"naming_to": None}, id="naming-without-end"),
        pytest.param({"naming_to": "2035-01-02"}, id="naming-beyond-10-years"),
        pytest.param({"naming_to": "2024-12-31"}, id="naming-ends-before-start"),
    ],
)
def test_sponsorship_rules_of_art8_refuse_and_write_nothing(client, token, trees, over):
    r = client.post("/v1/sponsorships", json=adoption(trees[0]["id"], **over), headers=token(WRITE))
    assert r.status_code == 422 and r.headers["content-type"] == PROBLEM
    assert "Art. 8 / 第八条" in articles(r.json())
    assert count(client, Sponsorship.__table__) == 0


def test_naming_is_shown_only_while_an_accepted_term_runs(client, token, trees):
    tree_id = trees[0]["id"]
    applied = client.post("/v1/sponsorships", json=adoption(tree_id), headers=token(WRITE))
    assert applied.status_code == 201 and applied.json()["state"] == "APPLIED"
    naming = f"/v1/trees/{tree_id}/naming"
    assert client.get(naming, params={"on": "2026-01-01"}, headers=token(READ)).json()["names"] == []
    sid = applied.json()["id"]
    assert (
        client.post(
            f"/v1/sponsorships/{sid}/decision", json={"accept": True, "decision_ref": "r"}, headers=token(WRITE)
        ).status_code
        == 403
    )
    accepted = client.post(
        f"/v1/sponsorships/{sid}/decision",
        json={"accept": True, "decision_ref": "岳林认〔2025〕1号"},
        headers=token(CERTIFY),
    )
    assert accepted.status_code == 200 and accepted.json()["state"] == "ACCEPTED"
    assert (
        client.post(
            f"/v1/sponsorships/{sid}/decision", json={"accept": False, "decision_ref": "x"}, headers=token(CERTIFY)
        ).status_code
        == 409
    )
    shown = client.get(naming, params={"on": "2027-12-31"}, headers=token(READ)).json()
    assert shown["names"] == ["长沙某科技有限公司认养"] and "Art. 8 / 第八条" in articles(shown)
    assert client.get(naming, params={"on": "2028-01-01"}, headers=token(READ)).json()["names"] == []
    donation = client.post(
        "/v1/sponsorships",
        json={
            "tree_id": tree_id,
            "kind": "DONATION",
            "sponsor_type": "INDIVIDUAL",
            "sponsor_name": "王某",
            "amount_cny": "500",
        },
        headers=token(WRITE),
    )
    assert donation.status_code == 201
    listed = client.get(
        "/v1/sponsorships", params={"tree_id": tree_id, "state": "ACCEPTED"}, headers=token(READ)
    ).json()
    assert [s["id"] for s in listed] == [sid]


# --- Art. 32 ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("acts", "inside", "status"),
    [
        pytest.param(["P2_BREAKING_BRANCHES"], False, 422, id="fruit-harvest-by-breaking-branches"),
        pytest.param(["P3_NEW_OR_EXTENDED_BUILDING"], True, 422, id="park-pavilion-inside-zone"),
        pytest.param(["P3_NEW_OR_EXTENDED_BUILDING"], False, 201, id="park-pavilion-outside-zone"),
        pytest.param([], True, 201, id="education-visits"),
    ],
)
def test_utilisation_with_protection_first(client, token, trees, memory_bus, acts, inside, status):
    body = {
        "tree_id": trees[0]["id"],
        "kind": "TREE_PARK",
        "operator": "岳麓区园林局",
        "description": "古树公园建设",
        "involved_acts": acts,
        "inside_habitat_zone": inside,
        "starts_on": "2025-05-01",
    }
    r = client.post("/v1/utilisations", json=body, headers=token(WRITE))
    assert r.status_code == status, r.text
    assert "Art. 32 / 第三十二条" in articles(r.json())
    if status == 422:
        assert "Art. 24 / 第二十四条" in articles(r.json()) and count(client, UtilisationActivity.__table__) == 0
    else:
        assert r.json()["supervising_branch"] == "URBAN_GREENING"  # urban tree, default routing (Art. 6)
        [event] = EventDriver(client, memory_bus).emitted("hunan.trees.utilisation.registered")
        assert (event["kind"], event["division_code"]) == ("TREE_PARK", "430104")
        assert len(client.get("/v1/utilisations", params={"tree_id": trees[0]["id"]}, headers=token(READ)).json()) == 1


# --- Art. 31 ----------------------------------------------------------------------------------------------


def test_insurance_by_a_government_over_the_trees(client, token, trees):
    body = {
        "policy_no": "PICC-2025-001",
        "division_code": "430104",
        "insurer": "中国人民财产保险股份有限公司长沙市分公司",
        "starts_on": "2025-01-01",
        "ends_on": "2025-12-31",
        "premium_cny": "1200.00",
        "sum_insured_cny": "200000.00",
        "tree_ids": [t["id"] for t in trees],
    }
    outside = client.post("/v1/insurance-policies", json=body, headers=token(WRITE))
    assert outside.status_code == 422 and "Art. 31 / 第三十一条" in articles(outside.json())
    backwards = client.post(
        "/v1/insurance-policies",
        json={**body, "division_code": "430000", "ends_on": "2024-12-31"},
        headers=token(WRITE),
    )
    assert backwards.status_code == 422
    assert count(client, InsurancePolicy.__table__) == 0
    ok = client.post("/v1/insurance-policies", json={**body, "division_code": "430000"}, headers=token(WRITE))
    assert ok.status_code == 201, ok.text
    again = client.post("/v1/insurance-policies", json={**body, "division_code": "430000"}, headers=token(WRITE))
    assert again.status_code == 409
    path = f"/v1/trees/{trees[1]['id']}/insurance"
    assert [p["policy_no"] for p in client.get(path, params={"on": "2025-06-01"}, headers=token(READ)).json()] == [
        "PICC-2025-001"
    ]
    assert client.get(path, params={"on": "2026-01-01"}, headers=token(READ)).json() == []


# --- Art. 9 -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "routed"),
    [
        pytest.param({"subject": "TREE", "act": "P2_NAILING"}, "VIOLATION", id="nailing-is-a-violation"),
        pytest.param({"subject": "TREE"}, "ABNORMALITY", id="damage-without-named-act"),
        pytest.param({"subject": "SIGN"}, "FACILITY_REPAIR", id="broken-sign"),
    ],
)
def test_public_report_is_routed_by_the_act(client, token, trees, extra, routed):
    body = {"tree_no": "430602-0201", "description": "有人在树上钉钉挂广告牌", **extra}
    r = client.post("/v1/public-reports", json=body, headers=token(WRITE))
    assert r.status_code == 201, r.text
    report = r.json()
    assert (report["routed_to"], report["tree_id"], report["branch"]) == (routed, trees[1]["id"], "FORESTRY")
    assert "Art. 9 / 第九条" in articles(report)
    closed = client.post(
        f"/v1/public-reports/{report['id']}/close", json={"outcome": "已立案 WF-1"}, headers=token(WRITE)
    )
    assert closed.status_code == 200 and closed.json()["state"] == "CLOSED"
    assert (
        client.post(
            f"/v1/public-reports/{report['id']}/close", json={"outcome": "again"}, headers=token(WRITE)
        ).status_code
        == 409
    )
    listed = client.get(
        "/v1/public-reports", params={"division": "430600", "state": "CLOSED"}, headers=token(READ)
    ).json()
    assert [x["id"] for x in listed] == [report["id"]]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        pytest.param({"subject": "TREE", "description": "树皮被剥"}, 422, id="no-tree-no-place"),
        pytest.param({"subject": "TREE", "tree_no": "999", "description": "树皮被剥"}, 404, id="unknown-sign-number"),
        pytest.param(
            {
                "subject": "TREE",
                "description": "树皮被剥",
                "location": {"latitude": 28.2, "longitude": 112.9},
                "division_code": "430100",
            },
            422,
            id="city-not-county",
        ),
        pytest.param(
            {"subject": "TREE", "tree_no": "430104-0201", "act": "P9_NONSENSE", "description": "x x"},
            422,
            id="unknown-act",
        ),
    ],
)
def test_bad_public_report_is_refused_and_writes_nothing(client, token, trees, body, status):
    r = client.post("/v1/public-reports", json=body, headers=token(WRITE))
    assert r.status_code == status and r.headers["content-type"] == PROBLEM
    assert count(client, PublicReport.__table__) == 0


def test_report_of_an_untracked_place_goes_to_the_named_county(client, token):
    body = {
        "subject": "TREE",
        "description": "村口老樟树被挖根",
        "location": {"latitude": 28.2, "longitude": 112.9},
        "division_code": "430104",
    }
    r = client.post("/v1/public-reports", json=body, headers=token(WRITE))
    assert r.status_code == 201 and (r.json()["tree_id"], r.json()["division_code"]) == (None, "430104")


# --- Art. 6 -----------------------------------------------------------------------------------------------


def test_default_routing_splits_by_urban_planning_area(client, token, trees):
    urban = client.get(f"/v1/trees/{trees[0]['id']}/department", headers=token(READ)).json()
    rural = client.get(f"/v1/trees/{trees[1]['id']}/department", headers=token(READ)).json()
    assert (urban["branch"], rural["branch"]) == ("URBAN_GREENING", "FORESTRY")
    assert urban["configured_at"] == "default" and "Art. 6 / 第六条" in articles(urban)


def test_configured_routing_most_specific_division_wins(app_client, token):
    client = app_client(create_app, TreesSettings, department_routes={"430100": "FORESTRY", "430104": "URBAN_GREENING"})
    look = lambda code, urban: client.get(  # noqa: E731
        "/v1/department-routes", params={"division_code": code, "in_urban_planning_area": urban}, headers=token(READ)
    )
    yuelu = look("430104", False).json()
    furong = look("430102", True).json()
    yueyang = look("430602", True).json()
    assert (yuelu["branch"], yuelu["configured_at"]) == ("URBAN_GREENING", "430104")
    assert (furong["branch"], furong["configured_at"]) == ("FORESTRY", "430100")
    assert (yueyang["branch"], yueyang["configured_at"]) == ("URBAN_GREENING", "default")
    assert look("430100", True).status_code == 422
    assert look("439999", True).status_code == 422


def test_unknown_division_in_routing_settings_is_refused():
    with pytest.raises(ValueError, match="not Hunan division codes"):
        TreesSettings(department_routes={"990000": "FORESTRY"})
