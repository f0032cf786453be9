"""Trees flows with the suite running as processes over the real broker (issue #14 acceptance), on PostgreSQL:

1. an abnormality report received on the Friday before National Day gets its 5-working-day deadline (Art. 19),
   goes overdue by itself (trees' `report-overdue` job at a test cadence) and its `hunan.trees.report.overdue`
   event is decoded by an outside Kafka consumer, exactly once;
2. a footprint submitted to business_env comes back with exactly the trees whose habitat zones it touches and
   the builder's obligations (Art. 25; order 307 Art. 28); with trees stopped, business_env answers 503
   problem+json and writes nothing; with trees back, it answers again;
3. a transplant approved in trees reaches budget as a COMMITTED TREE_TRANSPLANT expenditure with its bearer and
   five years of aftercare (Art. 28).

One set of processes serves the module: trees in its own Suite (so it can be stopped and restarted), business_env
and budget in another."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import psycopg
import pytest

from hunan_shared import clock
from hunan_shared.auth import mint_token
from hunan_shared.runner import Suite
from hunan_shared.settings import PlatformSettings
from hunan_shared.testing import free_port, read_topic

pytestmark = pytest.mark.e2e

DIVISION = "430104"  # 岳麓区
OVERDUE = "hunan.trees.report.overdue"
# The footprint of the engineering projects: about 20 m × 22 m (WGS84 [longitude, latitude]).
WEST, EAST, SOUTH, NORTH = 112.9391, 112.9393, 28.2287, 28.2289
FOOTPRINT = {
    "type": "Polygon",
    "coordinates": [[[WEST, SOUTH], [EAST, SOUTH], [EAST, NORTH], [WEST, NORTH], [WEST, SOUTH]]],
}
# Crown of tree B given as a polygon (not a radius): its south edge lies 0.00003° (≈ 3.3 m) north of the
# footprint, so the zone (crown + 5 m, Art. 23) reaches into it although the trunk stands ≈ 8.9 m away.
B_CROWN = {
    "type": "Polygon",
    "coordinates": [
        [
            [112.93915, 28.22893],
            [112.93925, 28.22893],
            [112.93925, 28.22903],
            [112.93915, 28.22903],
            [112.93915, 28.22893],
        ]
    ],
}


def headers(*scopes: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint_token(PlatformSettings(), 'e2e-forestry', list(scopes))}"}


def wait_for(check: Callable, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError("timed out")


class Running:
    """The module's processes: `trees` (its own Suite, restartable) and `others` (business_env, budget)."""

    def __init__(self, bootstrap: str, urls: dict[str, str], log_dir: Path):
        self.bootstrap = bootstrap
        ports = {"trees": free_port(), "business_env": free_port(), "budget": free_port()}
        self.env = {
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "TREES_DATABASE_URL": urls["trees"],
            "BUSINESS_ENV_DATABASE_URL": urls["business_env"],
            "BUDGET_DATABASE_URL": urls["budget"],
            "BUSINESS_ENV_TREES_BASE_URL": f"http://127.0.0.1:{ports['trees']}",
            "HUNAN_VAR_DIR": str(log_dir / "var"),
            "KAFKA_CLIENT_PREFIX": f"e2e{ports['trees']}",
            "JOBS_TICK_SECONDS": "0.5",
            "TREES_JOB_INTERVALS": json.dumps({"report-overdue": 1}),
        }
        self.trees = self._suite(["trees"], ports, log_dir)
        self.others = self._suite(["business_env", "budget"], ports, log_dir)

    def _suite(self, services: list[str], ports: dict[str, int], log_dir: Path) -> Suite:
        return Suite(
            services=services,
            env=self.env,
            ports={s: ports[s] for s in services},
            start_broker=False,
            log_dir=log_dir / "logs",
            say=lambda _line: None,
        )

    def url(self, service: str) -> str:
        suite = self.trees if service == "trees" else self.others
        return suite.url_of(service)

    def trees_up(self) -> bool:
        return any(p.name == "trees" and p.popen.poll() is None for p in self.trees.processes)

    def start_trees(self) -> None:
        if not self.trees_up():
            self.trees.stop()
            self.trees.start(ready_timeout=90)


@pytest.fixture(scope="module")
def running(broker, postgres_dsn, tmp_path_factory) -> Iterator[Running]:
    admin_dsn = postgres_dsn.replace("dbname=hunan_test", "dbname=postgres")
    names = {s: f"hunan_e2e_treesflows_{s}_{os.getpid()}" for s in ("trees", "business_env", "budget")}
    with psycopg.connect(admin_dsn, autocommit=True) as conn:
        for name in names.values():
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    urls = {s: f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}" for s, name in names.items()}
    suite = Running(broker.bootstrap, urls, tmp_path_factory.mktemp("trees-flows"))
    try:
        # One after the other, from this thread: a child dies with the thread that spawned it (PR_SET_PDEATHSIG),
        # so starting the suites from worker threads would see them killed when those threads end.
        suite.trees.start(ready_timeout=90)
        suite.others.start(ready_timeout=90)
        yield suite
    finally:
        suite.others.stop()
        suite.trees.stop()
        with psycopg.connect(admin_dsn, autocommit=True) as conn:
            for name in names.values():
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def suite(running) -> Running:
    running.start_trees()  # a test that stopped trees and failed before restarting it does not break the next
    return running


def register_tree(trees: str, no: str, latitude: float, longitude: float, **crown) -> str:
    body = {
        "tree_no": no,
        "species": "樟树",
        "age_years": 150,
        "division_code": DIVISION,
        "location": {"latitude": latitude, "longitude": longitude},
        **(crown or {"crown_radius_m": 6}),
    }
    r = httpx.post(f"{trees}/v1/trees", json=body, headers=headers("trees:write"), timeout=30)
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_a_report_filed_before_national_day_goes_overdue_by_itself_and_an_outside_consumer_reads_it(suite):
    trees = suite.url("trees")
    tree_id = register_tree(trees, "E2E-R1", 28.2000, 112.9000)
    with httpx.Client(base_url=trees, headers=headers("trees:write", "trees:read"), timeout=30) as api:
        r = api.post(
            "/v1/tree-reports",
            json={
                "tree_id": tree_id,
                "kind": "ABNORMALITY",
                "abnormality_type": "NATURAL_DAMAGE",
                "description": "雷击致主干开裂，树冠东侧大枝折断",
                "reporter": "某村村民委员会（养护责任人）",
                "received_at": "2024-09-27T10:00:00+08:00",  # Friday before National Day
            },
        )
        assert r.status_code == 201, r.text
        filed = r.json()
        # Fri 27 Sep + 5 working days: Sun 29 Sep (adjusted working day) and Mon 30 Sep count, 1–7 Oct do not.
        assert (filed["due_on"], filed["due_provisional"]) == ("2024-10-10", False)
        assert [b["article"] for b in filed["basis"]] == ["Art. 19 / 第十九条"]
        assert (filed["state"], filed["overdue"]) == ("REPORTED", False)

        # Nobody calls an endpoint that acts: the trees job notices the report is overdue.
        marked = wait_for(lambda: (got := api.get(f"/v1/tree-reports/{filed['id']}").json())["overdue"] and got)
        assert marked["state"] == "REPORTED" and marked["overdue_at"] is not None
        listed = api.get("/v1/tree-reports", params={"overdue": True, "tree_id": tree_id}).json()["items"]
        assert [x["id"] for x in listed] == [filed["id"]]

    def announced():
        return [e for e in read_topic(suite.bootstrap, "trees.report") if e.type == OVERDUE and e.key == filed["id"]]

    wait_for(announced)
    time.sleep(3)  # several more job runs (1 s interval): the report must not be announced again
    [event] = announced()
    assert event.source == "/hunan/trees"
    assert event.data["report_id"] == filed["id"] and event.data["tree_id"] == tree_id
    assert (event.data["due_on"], event.data["kind"], event.data["division_code"]) == (
        "2024-10-10",
        "ABNORMALITY",
        DIVISION,
    )
    assert event.data["due_provisional"] is False
    assert dt.datetime.fromisoformat(event.data["received_at"]) == dt.datetime.fromisoformat(filed["received_at"])


def project(name: str, tier: str, avoidable: bool, footprint: dict | None = None) -> dict:
    return {
        "name": name,
        "builder": "长沙市某建设投资有限公司",
        "division_code": DIVISION,
        "tier": tier,
        "avoidable": avoidable,
        "footprint": footprint or FOOTPRINT,
    }


def test_a_footprint_through_business_env_names_the_conflicting_trees_and_the_obligations(suite):
    trees, business_env = suite.url("trees"), suite.url("business_env")
    inside = register_tree(trees, "E2E-A", 28.2288, 112.9392)  # trunk inside the footprint
    by_crown = register_tree(trees, "E2E-B", 28.22898, 112.9392, crown_projection=B_CROWN)
    register_tree(trees, "E2E-C", 28.2291, 112.9392)  # ≈ 22 m north, zone 6 + 5 m: does not reach
    # The register holds the zones: the polygon crown's zone is that polygon grown by 5 m, not a circle.
    got = httpx.get(f"{trees}/v1/trees/{by_crown}", headers=headers("trees:read")).json()
    assert got["habitat_zone"]["margin_m"] == 5 and got["habitat_zone"]["crown_radius_m"] is None

    write = headers("business_env:write", "business_env:read")

    def submit(body: dict) -> httpx.Response:
        return httpx.post(f"{business_env}/v1/engineering-projects", json=body, headers=write, timeout=30)

    def articles(response: httpx.Response) -> set[tuple[str, str]]:
        return {(b["document"], b["article"]) for b in response.json()["basis"]}

    key = submit(project("岳麓区某省重点道路工程", "PROVINCIAL_KEY", avoidable=False))
    assert key.status_code == 201, key.text
    check = key.json()["tree_check"]
    assert sorted(check["tree_ids"]) == sorted([inside, by_crown])
    assert (check["outcome"], check["measure"], check["construction_permit_allowed"]) == (
        "PROTECTION_PLAN_REQUIRED",
        "PROTECTION_PLAN",
        False,
    )
    assert {article for _, article in articles(key)} == {"Art. 25 / 第二十五条", "Art. 28 / 第二十八条"}

    other = submit(project("岳麓区某商业综合体", "OTHER", avoidable=False))
    assert other.status_code == 201, other.text
    check = other.json()["tree_check"]
    assert sorted(check["tree_ids"]) == sorted([inside, by_crown])
    assert (check["outcome"], check["measure"], check["construction_permit_allowed"]) == (
        "PROHIBITED",
        "RELOCATE_OR_REDESIGN",
        False,
    )
    assert {article for _, article in articles(other)} == {
        "Art. 24 / 第二十四条",
        "Art. 25 / 第二十五条",
        "Art. 28 / 第二十八条",
    }

    avoidable = submit(project("岳麓区某管线工程", "OTHER", avoidable=True))
    assert avoidable.json()["tree_check"]["outcome"] == "AVOIDANCE_REQUIRED"
    assert avoidable.json()["tree_check"]["measure"] == "AVOIDANCE_PLAN"
    assert avoidable.json()["tree_check"]["construction_permit_allowed"] is True

    # A footprint shifted ≈ 45 m east touches no zone at all.
    east = {"type": "Polygon", "coordinates": [[[x + 0.0005, y] for x, y in FOOTPRINT["coordinates"][0]]]}
    clear = submit(project("岳麓区某配套用房", "OTHER", avoidable=False, footprint=east))
    assert (clear.json()["tree_check"]["outcome"], clear.json()["tree_check"]["tree_ids"]) == ("NO_CONFLICT", [])

    def stored() -> list[str]:
        r = httpx.get(f"{business_env}/v1/engineering-projects", params={"limit": 100}, headers=write)
        return sorted(p["id"] for p in r.json()["items"])

    before = stored()
    assert len(before) == 4

    # Trees stops: business_env degrades explicitly and writes nothing.
    suite.trees.stop()
    assert not suite.trees_up()
    down = submit(project("岳麓区某省重点道路工程（二期）", "PROVINCIAL_KEY", avoidable=False))
    assert down.status_code == 503, down.text
    assert down.headers["content-type"] == "application/problem+json"
    problem = down.json()
    assert problem["type"] == "urn:hunan:problem:dependency-unavailable"
    assert problem["title"] == "The trees service is unavailable"
    assert "trees habitat check failed" in problem["detail"]
    assert stored() == before

    # Trees back: the same request is answered again (business_env holds no broken connection state).
    suite.start_trees()
    again = submit(project("岳麓区某省重点道路工程（二期）", "PROVINCIAL_KEY", avoidable=False))
    assert again.status_code == 201, again.text
    assert sorted(again.json()["tree_check"]["tree_ids"]) == sorted([inside, by_crown])
    assert len(stored()) == 5


APPROVAL = {
    "expert_review_ref": "专家论证 2024-07",
    "consultation_mode": "PUBLIC_NOTICE",
    "consultation_closed_on": "2024-08-01",
    "decision_ref": "长林审〔2024〕12号",
}


def transplant(trees: str, tree_id: str, ground: str, facts: dict, cost: str) -> dict:
    body = {
        "tree_id": tree_id,
        "ground": ground,
        "applicant": "湖南省高速公路集团有限公司",
        "facts": facts,
        "plan_summary": "就近移植至项目红线外120米处绿地，带土球移植",
        "target": {"latitude": 28.2301, "longitude": 112.9401},
        "estimated_cost": cost,
        "funding_secured": True,
    }
    r = httpx.post(f"{trees}/v1/transplants", json=body, headers=headers("trees:write"), timeout=30)
    assert r.status_code == 201, r.text
    application = r.json()
    # Approval is the certifying authority's act (scope trees:certify), not a clerk's (trees:write).
    refused = httpx.post(
        f"{trees}/v1/transplants/{application['id']}/approve", json=APPROVAL, headers=headers("trees:write")
    )
    assert refused.status_code == 403
    r = httpx.post(
        f"{trees}/v1/transplants/{application['id']}/approve",
        json=APPROVAL,
        headers=headers("trees:certify"),
        timeout=30,
    )
    assert r.status_code == 200, r.text
    return r.json()


def test_a_transplant_approval_reaches_budget_as_a_multi_year_commitment(suite):
    trees, budget = suite.url("trees"), suite.url("budget")
    key_tree = register_tree(trees, "E2E-T1", 28.2301, 112.9400)
    hazard_tree = register_tree(trees, "E2E-T2", 28.2311, 112.9410)
    key = transplant(
        trees,
        key_tree,
        "T3_KEY_PROJECT",
        {"project_tier": "PROVINCIAL_KEY", "project_avoidable": False, "effectively_protectable": False},
        "180000.00",
    )
    assert (key["state"], key["cost_bearer"], key["aftercare_years"]) == ("APPROVED", "APPLICANT_UNIT", 5)
    hazard = transplant(
        trees,
        hazard_tree,
        "T2_PUBLIC_LIFE_HAZARD",
        {"endangers_public_life": True, "hazard_removable": False},
        "96500.50",
    )
    assert hazard["cost_bearer"] == "COUNTY_OR_ABOVE_GOVERNMENT"

    read = headers("budget:read")

    def expenditures():
        r = httpx.get(f"{budget}/v1/expenditures", params={"kind": "TREE_TRANSPLANT", "limit": 100}, headers=read)
        items = {e["source_ref"]: e for e in r.json()["items"]}
        return items if {key["id"], hazard["id"]} <= items.keys() else None

    recorded = wait_for(expenditures)
    assert len(recorded) == 2  # one expenditure per approval, none for anything else
    for application, amount, bearer in (
        (key, "180000.00", "applicant:湖南省高速公路集团有限公司"),
        (hazard, "96500.50", f"government:{DIVISION}"),
    ):
        spent = recorded[application["id"]]
        approved_on = dt.datetime.fromisoformat(application["decided_at"]).astimezone(clock.SHANGHAI).date()
        assert (spent["kind"], spent["status"], spent["amount"], spent["currency"]) == (
            "TREE_TRANSPLANT",
            "COMMITTED",
            amount,
            "CNY",
        )
        assert spent["bearer"] == bearer and spent["division_codes"] == [DIVISION]
        assert spent["reason"] == "aftercare 5 years (order fixes 5)"
        # The commitment runs five years from the approval (Art. 28: 移植后五年内的复壮、养护费用).
        assert spent["aftercare_ends_on"] == approved_on.replace(year=approved_on.year + 5).isoformat()
        assert dt.datetime.fromisoformat(spent["occurred_at"]) == dt.datetime.fromisoformat(application["decided_at"])
        one = httpx.get(f"{budget}/v1/expenditures/{spent['id']}", headers=read).json()
        assert one == spent
