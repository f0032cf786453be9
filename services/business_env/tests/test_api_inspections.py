"""'Double random, one public' over HTTP on SQLite and PostgreSQL (W2; Arts. 37, 39): pools, plan, draw that an
outside script re-runs, completion with its 20-working-day deadline, publication, withholding, events."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from hunan_business_env.app import create_app
from hunan_business_env.engines import draw as double_random
from hunan_business_env.models import InspectionTask
from hunan_business_env.settings import BusinessEnvSettings
from hunan_shared import clock
from hunan_shared.events.catalogue import InspectionResultsPublished, InspectionTaskSampled
from hunan_shared.testing import EventDriver

WRITE, READ = "business_env:write", "business_env:read"


@pytest.fixture
def client(app_client):
    return app_client(create_app, BusinessEnvSettings)


def post(client, token, path, body, status=201):
    r = client.post(path, json=body, headers=token(WRITE))
    assert r.status_code == status, r.text
    return r.json()


@pytest.fixture
def pools(client, token):
    """Ten entities in 长沙市天心区 (430103) and five inspectors; one inspector is related to entity 0."""
    entities = []
    tiers = [("GOOD", "LOW"), ("NORMAL", "MEDIUM"), ("DISHONEST", "HIGH")]
    for n in range(10):
        credit, risk = tiers[n % 3]
        entities.append(
            post(
                client,
                token,
                "/v1/enterprises",
                {
                    "credit_code": f"91430103MA4L{n:05d}A",
                    "name": f"天心区商户{n}",
                    "division_code": "430103",
                    "credit_class": credit,
                    "risk_level": risk,
                    "key_supervision": n == 9,  # a food producer under full-coverage key supervision
                    "industry": "F",
                    "size": "SMALL",
                    "established_on": "2018-03-01",
                    "employees": 20 + n,
                    "private": True,
                },
            )
        )
    inspectors = [
        post(
            client,
            token,
            "/v1/inspectors",
            {
                "name": f"检查员{k}",
                "department": "市场监督管理局",
                "division_code": "430103",
                "certificate_no": f"4301032021{k:04d}",
                "conflicts": [entities[0]["credit_code"]] if k == 0 else [],
            },
        )
        for k in range(5)
    ]
    plan = post(
        client,
        token,
        "/v1/inspection-plans",
        {"division_code": "430100", "year": 2024, "departments": ["市场监督管理局", "卫生健康委"]},
    )
    return entities, inspectors, plan


@pytest.fixture
def at(monkeypatch):
    """`at("2024-09-01")`: the service's clock reads 09:00 Shanghai time that day from now on."""

    def set_day(day: str) -> None:
        moment = dt.datetime.combine(dt.date.fromisoformat(day), dt.time(9), clock.SHANGHAI)
        monkeypatch.setattr(clock, "now", lambda: moment)

    return set_day


def task(client, token, plan, **overrides):
    body = {
        "plan_id": plan["id"],
        "department": "市场监督管理局",
        "items": ["食品经营许可事项检查"],
        "division_code": "430103",
        "sample_size": 4,
        **overrides,
    }
    return post(client, token, "/v1/inspection-tasks", body)


def test_draw_is_reproduced_by_the_standalone_verifier(client, token, pools, tmp_path, memory_bus):
    entities, inspectors, plan = pools
    created = task(client, token, plan)
    assert created["state"] == "PLANNED" and created["inspectors_per_entity"] == 2
    drawn = post(client, token, f"/v1/inspection-tasks/{created['id']}/draw", {}, status=200)
    assert drawn["state"] == "SAMPLED" and len(drawn["assignments"]) == 4 and len(drawn["seed"]) == 64
    assert drawn["excluded"] == {entities[9]["id"]: "key supervision: inspected in full, not sampled (Art. 39 para 2)"}
    conflicted = next(i["id"] for i in inspectors if i["conflicts"])
    for a in drawn["assignments"]:
        assert a["entity_id"] != entities[9]["id"] and len(a["inspector_ids"]) == 2
        assert not (a["entity_id"] == entities[0]["id"] and conflicted in a["inspector_ids"])

    # An outside party downloads the record and re-runs it with the one-file verifier and a bare Python.
    record = client.get(f"/v1/inspection-tasks/{created['id']}/draw-record", headers=token(READ)).json()
    assert record["seed"] == drawn["seed"] and {c["weight"] for c in record["candidates"]} == {1, 2, 4}
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record))
    script = tmp_path / "draw.py"
    script.write_text(Path(double_random.__file__).read_text(encoding="utf-8"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-I", str(script), str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    assert [r["entity"] for r in record["result"]] == [a["entity_id"] for a in drawn["assignments"]]

    again = client.post(f"/v1/inspection-tasks/{created['id']}/draw", json={}, headers=token(WRITE))
    assert again.status_code == 409  # drawn once
    [event] = EventDriver(client, memory_bus).emitted(InspectionTaskSampled.TYPE)
    assert event["seed"] == drawn["seed"] and len(event["entity_credit_codes"]) == 4


def test_a_public_seed_gives_the_same_draw_anyone_computes(client, token, pools):
    _, _, plan = pools
    created = task(client, token, plan)
    seed = "2024-09-20-welfare-lottery-3D-517"
    drawn = post(client, token, f"/v1/inspection-tasks/{created['id']}/draw", {"seed": seed}, status=200)
    record = client.get(f"/v1/inspection-tasks/{created['id']}/draw-record", headers=token(READ)).json()
    assert record["seed"] == seed and double_random.verify(record) == []
    assert [a["entity_id"] for a in drawn["assignments"]] == [r["entity"] for r in record["result"]]


def test_the_plan_prevents_repeated_inspection_for_overlapping_items(client, token, pools):
    _, _, plan = pools
    first = task(client, token, plan, sample_size=3)
    first = post(client, token, f"/v1/inspection-tasks/{first['id']}/draw", {}, status=200)
    second = task(client, token, plan, department="卫生健康委", items=["食品经营许可事项检查", "卫生许可"])
    second = post(client, token, f"/v1/inspection-tasks/{second['id']}/draw", {}, status=200)
    drawn_first = {a["entity_id"] for a in first["assignments"]}
    assert drawn_first.isdisjoint(a["entity_id"] for a in second["assignments"])
    assert drawn_first <= set(second["excluded"])
    third = task(client, token, plan, items=["广告发布检查"], sample_size=9)  # no overlapping item: all back in
    third = post(client, token, f"/v1/inspection-tasks/{third['id']}/draw", {}, status=200)
    assert drawn_first <= {a["entity_id"] for a in third["assignments"]}


@pytest.mark.parametrize(
    ("completed_on", "due", "provisional"),
    [
        ("2024-09-20", "2024-10-23", False),  # B2: Sun 29 Sep and Sat 12 Oct count, 1–7 Oct do not
        ("2025-01-20", "2025-02-21", False),  # B3: across the Spring Festival
        ("2026-12-21", None, True),  # into 2027: beyond the published calendar, flagged provisional
    ],
)
def test_completion_sets_the_publication_deadline(client, token, pools, at, completed_on, due, provisional):
    _, _, plan = pools
    created = task(client, token, plan)
    at("2024-09-02")
    post(client, token, f"/v1/inspection-tasks/{created['id']}/draw", {}, status=200)
    at("2027-03-01")
    done = post(client, token, f"/v1/inspection-tasks/{created['id']}/completion", {"completed_on": completed_on}, 200)
    assert done["state"] == "COMPLETED" and done["publish_due"]["provisional"] is provisional
    if due:
        assert done["publish_due"]["date"] == due
    else:
        assert done["publish_due"]["date"] > "2027-01-15"
    assert done["basis"][-1]["article"] == "Art. 39 / 第三十九条"


def test_publication_on_time_late_and_withholding(client, token, pools, memory_bus, at):
    _, _, plan = pools
    ids = []
    for _ in range(3):
        created = task(client, token, plan, items=[f"事项{len(ids)}"], sample_size=2)
        at("2024-09-02")
        post(client, token, f"/v1/inspection-tasks/{created['id']}/draw", {}, status=200)
        at("2024-09-20")
        post(client, token, f"/v1/inspection-tasks/{created['id']}/completion", {"completed_on": "2024-09-20"}, 200)
        ids.append(created["id"])
    at("2024-10-24")
    on_time, late, withheld = ids
    assert client.get(f"/v1/inspection-tasks/{late}", headers=token(READ)).json()["overdue"] is True
    at("2024-10-23")
    assert client.get(f"/v1/inspection-tasks/{late}", headers=token(READ)).json()["overdue"] is False  # due day
    at("2024-10-30")

    body = {"published_on": "2024-10-23", "results_summary": "抽查2户，未发现问题"}
    published = post(client, token, f"/v1/inspection-tasks/{on_time}/publication", body, status=200)
    assert published["state"] == "RESULTS_PUBLISHED" and published["published_on_time"] is True
    body = {"published_on": "2024-10-24", "results_summary": "抽查2户，1户责令整改"}
    published = post(client, token, f"/v1/inspection-tasks/{late}/publication", body, status=200)
    assert published["published_on_time"] is False and published["overdue"] is False
    events = EventDriver(client, memory_bus).emitted(InspectionResultsPublished.TYPE, n=2)
    assert sorted(e["on_time"] for e in events) == [False, True]

    refused = client.post(
        f"/v1/inspection-tasks/{withheld}/withholding", json={"legal_basis": " "}, headers=token(WRITE)
    )
    assert refused.status_code == 422 and refused.json()["basis"][0]["article"] == "Art. 39 para 1 / 第三十九条第一款"
    ok = post(client, token, f"/v1/inspection-tasks/{withheld}/withholding", {"legal_basis": "保守国家秘密法"}, 200)
    assert ok["state"] == "RESULTS_WITHHELD" and ok["withheld_basis"] == "保守国家秘密法"


def test_bad_input_writes_nothing(client, token, pools):
    _, _, plan = pools
    with client.app.state.platform.engine.connect() as conn:
        before = conn.scalar(select(func.count()).select_from(InspectionTask))
    for body in (
        {"plan_id": plan["id"], "department": "公安局", "items": ["x"], "division_code": "430103", "sample_size": 2},
        {
            "plan_id": plan["id"],
            "department": "市场监督管理局",
            "items": ["x"],
            "division_code": "430400",
            "sample_size": 2,
        },
        {
            "plan_id": "nope",
            "department": "市场监督管理局",
            "items": ["x"],
            "division_code": "430103",
            "sample_size": 2,
        },
    ):
        assert client.post("/v1/inspection-tasks", json=body, headers=token(WRITE)).status_code in (404, 422)
    duplicate = {"division_code": "430100", "year": 2024, "departments": ["市场监督管理局"]}
    assert client.post("/v1/inspection-plans", json=duplicate, headers=token(WRITE)).status_code == 409
    with client.app.state.platform.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(InspectionTask)) == before
    # Every eligible entity is drawn, entity 0 among them, and it has only four inspectors free of conflicts.
    too_many = task(client, token, plan, inspectors_per_entity=5, sample_size=9)
    r = client.post(f"/v1/inspection-tasks/{too_many['id']}/draw", json={"seed": "s" * 16}, headers=token(WRITE))
    assert r.status_code == 422 and "free of conflicts" in r.json()["detail"]
    assert client.get(f"/v1/inspection-tasks/{too_many['id']}", headers=token(READ)).json()["state"] == "PLANNED"
    assert client.post("/v1/enterprises", json={}, headers=token(READ)).status_code == 403


def test_an_unpublished_result_is_announced_overdue_once_by_the_job(client, token, pools, memory_bus, at):
    from hunan_business_env.models import InspectionTask as Task
    from hunan_shared.events.catalogue import InspectionPublicationOverdue
    from hunan_shared.testing import run_job

    _, _, plan = pools
    created = task(client, token, plan, sample_size=2)
    at("2024-09-02")
    post(client, token, f"/v1/inspection-tasks/{created['id']}/draw", {}, status=200)
    at("2024-09-20")
    post(client, token, f"/v1/inspection-tasks/{created['id']}/completion", {"completed_on": "2024-09-20"}, 200)
    on = dt.datetime(2024, 10, 23, 23, 0, tzinfo=clock.SHANGHAI)  # the due day itself: not overdue yet
    assert run_job(client, "inspection-publication-overdue", now=on).items == 0
    after = dt.datetime(2024, 10, 24, 8, 0, tzinfo=clock.SHANGHAI)
    assert run_job(client, "inspection-publication-overdue", now=after).items == 1
    assert run_job(client, "inspection-publication-overdue", now=after).items == 0  # announced once
    [event] = EventDriver(client, memory_bus).emitted(InspectionPublicationOverdue.TYPE)
    assert (event["task_id"], event["publish_due"]) == (created["id"], "2024-10-23")
    with client.app.state.platform.engine.connect() as conn:
        assert conn.scalar(select(Task.overdue_announced).where(Task.id == created["id"])) is True


def test_a_new_economy_entity_draws_with_the_inclusive_weight_and_the_record_still_verifies(
    client, token, pools, tmp_path
):
    # Art. 38 (R77): two new-economy entities; the one without a risk signal is inclusive, the high-risk one is not.
    entities, _, plan = pools
    flagged = {}
    for n, (credit, risk) in enumerate([("NORMAL", "MEDIUM"), ("NORMAL", "HIGH")]):
        body = {
            "credit_code": f"91430103MA4N{n:05d}B",
            "name": f"天心区平台企业{n}",
            "division_code": "430103",
            "credit_class": credit,
            "risk_level": risk,
            "industry": "I",
            "size": "SMALL",
            "established_on": "2022-03-01",
            "employees": 12,
            "private": True,
            "new_economy": True,
        }
        flagged[risk] = post(client, token, "/v1/enterprises", body)
        assert flagged[risk]["new_economy"] is True
    assert entities[0]["new_economy"] is False  # the default
    created = task(client, token, plan)
    drawn = post(client, token, f"/v1/inspection-tasks/{created['id']}/draw", {"seed": "r77-" + "0" * 12}, status=200)
    assert "Art. 38 / 第三十八条" in {b["article"] for b in drawn["basis"]}
    record = client.get(f"/v1/inspection-tasks/{created['id']}/draw-record", headers=token(READ)).json()
    assert record["algorithm"] == "hunan-draw-v2" and record["inclusive_weight"] == 1
    by_id = {c["id"]: c for c in record["candidates"]}
    assert by_id[flagged["MEDIUM"]["id"]] == {"id": flagged["MEDIUM"]["id"], "weight": 2, "inclusive": True}
    assert by_id[flagged["HIGH"]["id"]] == {"id": flagged["HIGH"]["id"], "weight": 4, "inclusive": False}
    assert sum(c["inclusive"] for c in record["candidates"]) == 1
    path = tmp_path / "record.json"
    path.write_text(json.dumps(record))
    script = tmp_path / "draw.py"
    script.write_text(Path(double_random.__file__).read_text(encoding="utf-8"), encoding="utf-8")
    run = subprocess.run([sys.executable, "-I", str(script), str(path)], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
