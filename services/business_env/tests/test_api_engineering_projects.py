"""Engineering projects (W14): the synchronous trees habitat check over HTTP, mocked and in-process."""

from __future__ import annotations

import functools
import json

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.models import EngineeringProject
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.bus.memory import MemoryBus

WRITE, READ = "business_env:write", "business_env:read"
FOOTPRINT = {
    "type": "Polygon",
    "coordinates": [
        [[112.9391, 28.2287], [112.9393, 28.2287], [112.9393, 28.2289], [112.9391, 28.2289], [112.9391, 28.2287]]
    ],
}
PROJECT = {
    "name": "岳麓区某道路拓宽工程",
    "builder": "长沙市某建设投资有限公司",
    "division_code": "430104",
    "tier": "PROVINCIAL_KEY",
    "avoidable": False,
    "footprint": FOOTPRINT,
}
TREES_ANSWER = {
    "project_ref": "x",
    "conflict": True,
    "outcome": "PROTECTION_PLAN_REQUIRED",
    "reason": "key project that cannot avoid",
    "trees": [{"tree_id": "t-1", "species": "樟树"}],
    "basis": [{"document": "湖南省古树名木保护办法", "article": "Art. 25 / 第二十五条", "note": None}],
}


def count(client) -> int:
    with client.app.state.platform.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(EngineeringProject.__table__))


def business_env(app_client, handler):
    return app_client(functools.partial(create_app, trees_transport=httpx.MockTransport(handler)), BusinessEnvSettings)


def test_project_stores_the_trees_answer(app_client, token):
    seen = []

    def trees(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=TREES_ANSWER)

    client = business_env(app_client, trees)
    r = client.post("/v1/engineering-projects", json=PROJECT, headers=token(WRITE))
    assert r.status_code == 201, r.text
    check = r.json()["tree_check"]
    assert (check["outcome"], check["measure"], check["tree_ids"]) == (
        "PROTECTION_PLAN_REQUIRED",
        "PROTECTION_PLAN",
        ["t-1"],
    )
    assert check["construction_permit_allowed"] is False
    assert "Art. 25 / 第二十五条" in {b["article"] for b in r.json()["basis"]}

    [request] = seen
    assert request.url.path == "/v1/habitat-checks" and request.headers["authorization"].startswith("Bearer ")
    sent = json.loads(request.content)
    assert sent["tier"] == "PROVINCIAL_KEY" and sent["avoidable"] is False and sent["site"] == FOOTPRINT
    assert sent["project_ref"] == r.json()["id"]

    got = client.get(f"/v1/engineering-projects/{r.json()['id']}", headers=token(READ)).json()
    assert got["tree_check"] == check
    listed = client.get(
        "/v1/engineering-projects",
        params={"outcome": "PROTECTION_PLAN_REQUIRED", "division": "430100"},
        headers=token(READ),
    ).json()["items"]
    assert [p["id"] for p in listed] == [r.json()["id"]]


def _refuse(request: httpx.Request) -> httpx.Response:
    raise httpx.ConnectError("connection refused", request=request)


def _timeout(request: httpx.Request) -> httpx.Response:
    raise httpx.ReadTimeout("timed out", request=request)


@pytest.mark.parametrize(
    "handler",
    [
        pytest.param(_refuse, id="trees-down"),
        pytest.param(_timeout, id="trees-timeout"),
        pytest.param(lambda request: httpx.Response(500, json={"title": "boom"}), id="trees-500"),
        pytest.param(lambda request: httpx.Response(401, json={"title": "Unauthorized"}), id="trees-refuses-token"),
        pytest.param(lambda request: httpx.Response(200, json={"outcome": "MAYBE"}), id="trees-unexpected-body"),
    ],
)
def test_trees_unavailable_is_503_and_writes_nothing(app_client, token, handler):
    client = business_env(app_client, handler)
    r = client.post("/v1/engineering-projects", json=PROJECT, headers=token(WRITE))
    assert r.status_code == 503 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["type"] == "urn:hunan:problem:dependency-unavailable"
    assert count(client) == 0


def test_footprint_rejected_by_trees_is_422(app_client, token):
    answer = {
        "title": "Validation failed",
        "errors": [{"field": "site", "message": "invalid polygon: Self-intersection"}],
    }
    client = business_env(app_client, lambda request: httpx.Response(422, json=answer))
    r = client.post("/v1/engineering-projects", json=PROJECT, headers=token(WRITE))
    assert r.status_code == 422 and "Self-intersection" in r.json()["detail"]
    assert count(client) == 0


@pytest.mark.parametrize(
    "footprint",
    [
        pytest.param({"type": "Polygon", "coordinates": [[1, 2]]}, id="malformed"),
        pytest.param(
            {"type": "Polygon", "coordinates": [[[112.93, 28.22], [112.94, 28.22], [112.94, 28.23]]]}, id="open-ring"
        ),
        pytest.param(
            {"type": "Polygon", "coordinates": [[[116.4, 39.9], [116.5, 39.9], [116.5, 40.0], [116.4, 39.9]]]},
            id="outside-Hunan",
        ),
        pytest.param({"type": "Point", "coordinates": [112.9, 28.2]}, id="point"),
    ],
)
def test_malformed_footprint_is_422_without_calling_trees(app_client, token, footprint):
    calls = []
    client = business_env(app_client, lambda request: calls.append(request) or httpx.Response(200, json=TREES_ANSWER))
    r = client.post("/v1/engineering-projects", json={**PROJECT, "footprint": footprint}, headers=token(WRITE))
    assert r.status_code == 422 and r.json()["errors"]
    assert calls == [] and count(client) == 0


def test_auth(app_client, token):
    client = business_env(app_client, lambda request: httpx.Response(200, json=TREES_ANSWER))
    assert client.post("/v1/engineering-projects", json=PROJECT).status_code == 401
    assert client.post("/v1/engineering-projects", json=PROJECT, headers=token("trees:read")).status_code == 403
    assert count(client) == 0


class InProcessTrees(httpx.BaseTransport):
    """Forward business_env's requests to a trees app running in this process (its own SQLite database)."""

    def __init__(self, trees: TestClient):
        self.trees = trees

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        headers = {k: v for k, v in request.headers.items() if k in ("authorization", "content-type", "traceparent")}
        answer = self.trees.request(request.method, request.url.path, content=request.read(), headers=headers)
        return httpx.Response(
            answer.status_code, headers={"content-type": answer.headers["content-type"]}, content=answer.content
        )


def test_against_the_real_trees_api(app_client, token, platform_settings, tmp_path):
    from hunan_trees.app import create_app as create_trees_app
    from hunan_trees.settings import TreesSettings

    trees_app = create_trees_app(
        settings=platform_settings,
        bus=MemoryBus(),
        service_settings=TreesSettings(database_url=f"sqlite:///{tmp_path / 'trees.db'}"),
    )
    with TestClient(trees_app) as trees:
        camphor = {
            "species": "樟树",
            "age_years": 520,
            "division_code": "430104",
            "crown_radius_m": 8.5,
            "location": {"latitude": 28.2288, "longitude": 112.9390},
        }
        tree_id = trees.post("/v1/trees", json=camphor, headers=token("trees:write")).json()["id"]
        client = app_client(functools.partial(create_app, trees_transport=InProcessTrees(trees)), BusinessEnvSettings)

        conflict = client.post("/v1/engineering-projects", json=PROJECT, headers=token(WRITE)).json()["tree_check"]
        assert (conflict["outcome"], conflict["tree_ids"]) == ("PROTECTION_PLAN_REQUIRED", [tree_id])

        avoidable_other = {**PROJECT, "tier": "OTHER", "avoidable": True}
        assert (
            client.post("/v1/engineering-projects", json=avoidable_other, headers=token(WRITE)).json()["tree_check"][
                "measure"
            ]
            == "AVOIDANCE_PLAN"
        )

        far = {
            "type": "Polygon",
            "coordinates": [[[112.95, 28.24], [112.951, 28.24], [112.951, 28.241], [112.95, 28.241], [112.95, 28.24]]],
        }
        clear = client.post("/v1/engineering-projects", json={**PROJECT, "footprint": far}, headers=token(WRITE)).json()
        assert clear["tree_check"]["outcome"] == "NO_CONFLICT" and clear["tree_check"]["construction_permit_allowed"]

        bowtie = {
            "type": "Polygon",
            "coordinates": [[[112.93, 28.22], [112.94, 28.23], [112.94, 28.22], [112.93, 28.23], [112.93, 28.22]]],
        }
        rejected = client.post("/v1/engineering-projects", json={**PROJECT, "footprint": bowtie}, headers=token(WRITE))
        assert rejected.status_code == 422 and "Self-intersection" in rejected.json()["detail"]


@pytest.mark.parametrize(
    ("steps", "missing"),
    [
        ((True, True, True), []),
        ((True, True, False), ["accepted"]),
        ((False, False, False), ["designed", "built", "accepted"]),
    ],
)
def test_completion_acceptance_records_accessibility_in_step_and_announces_it(
    app_client, token, memory_bus, steps, missing
):
    from hunan_shared.events.catalogue import ProjectAccepted
    from hunan_shared.testing import EventDriver

    client = business_env(app_client, lambda request: httpx.Response(200, json=TREES_ANSWER))
    project = client.post("/v1/engineering-projects", json=PROJECT, headers=token(WRITE)).json()
    today = clock.now().date().isoformat()  # the service's day (Asia/Shanghai), not the machine's UTC day
    body = dict(zip(("accessibility_designed", "accessibility_built", "accessibility_accepted"), steps, strict=True))
    r = client.post(
        f"/v1/engineering-projects/{project['id']}/completion-acceptance",
        json={"accepted_on": today, **body},
        headers=token(WRITE),
    )
    assert r.status_code == 200, r.text
    accepted = r.json()
    assert accepted["stage"] == "COMPLETION_ACCEPTANCE" and accepted["accessibility_missing"] == missing
    assert "三(五)1 (R68)" in {b["article"] for b in accepted["basis"]}
    [event] = EventDriver(client, memory_bus).emitted(ProjectAccepted.TYPE)
    assert event["project_id"] == project["id"] and event["accessibility_missing"] == missing
    again = client.post(
        f"/v1/engineering-projects/{project['id']}/completion-acceptance",
        json={"accepted_on": today, **body},
        headers=token(WRITE),
    )
    assert again.status_code == 409  # accepted once


def test_the_planning_permit_mode_comes_from_the_province_wide_list_at_registration(app_client, token):
    # Art. 28 para 4 (R57): the project flow reads the one list — commitment with its review elements, exempt, or
    # (an unlisted type) reviewed; a project without a type carries no planning-permit entry.
    client = business_env(app_client, lambda request: httpx.Response(200, json=TREES_ANSWER))
    listed = {
        "project_type": "工业园区标准厂房",
        "mode": "COMMITMENT",
        "review_elements": ["用地性质", "容积率"],
        "listed_on": "2024-01-01",
    }
    assert client.post("/v1/planning-permit-types", json=listed, headers=token(WRITE)).status_code == 201
    exempt = {"project_type": "既有建筑内部装修", "mode": "EXEMPT", "listed_on": "2024-01-01"}
    assert client.post("/v1/planning-permit-types", json=exempt, headers=token(WRITE)).status_code == 201

    def register(**extra):
        r = client.post("/v1/engineering-projects", json={**PROJECT, **extra}, headers=token(WRITE))
        assert r.status_code == 201, r.text
        return r.json()

    committed = register(project_type="工业园区标准厂房")
    assert committed["planning_permit"] == {
        "project_type": "工业园区标准厂房",
        "mode": "COMMITMENT",
        "review_elements": ["用地性质", "容积率"],
    }
    assert "Art. 28 para 4 / 第二十八条第四款" in {b["article"] for b in committed["basis"]}
    assert register(project_type="既有建筑内部装修")["planning_permit"]["mode"] == "EXEMPT"
    reviewed = register(project_type="超高层住宅")["planning_permit"]
    assert reviewed == {"project_type": "超高层住宅", "mode": "REVIEW", "review_elements": []}
    assert register()["planning_permit"] is None
    got = client.get(f"/v1/engineering-projects/{committed['id']}", headers=token(READ)).json()
    assert got["planning_permit"] == committed["planning_permit"]
    before = count(client)
    bad = client.post("/v1/engineering-projects", json={**PROJECT, "project_type": "x"}, headers=token(WRITE))
    assert bad.status_code == 422 and count(client) == before
