"""Clocks that act by themselves (use_cases/expiry.py, jobs declared in app.py): warnings expire and overdue hidden
dangers are notified by the service's periodic jobs — with an injected clock, no endpoint called — each with
its event (idempotent: a second run does nothing) and the job's items metric."""

from __future__ import annotations

import datetime as dt
import time

from hunan_shared import clock
from hunan_shared.testing import EventDriver, run_job


def issue(svc, **overrides) -> dict:
    body = {
        "hazard_type": "FLOOD_DROUGHT",
        "colour": "orange",
        "headline": "长沙市山洪灾害橙色预警",
        "description": "预计未来12小时浏阳市将出现强降雨，山洪灾害风险高。",
        "division_codes": ["430181"],
        "expires_at": (clock.now() + dt.timedelta(hours=12)).isoformat(),
        "population_targeted": 10_000,
    }
    return svc.post("/v1/warnings", {**body, **overrides}, expect=201).json()


def _job(svc, name: str):
    platform = svc.client.app.state.platform
    [job] = [j for j in platform.jobs.jobs if j.name == name]
    return platform.jobs, job


def test_the_declared_jobs(emergency):
    svc = emergency()
    runner, job = _job(svc, "warning-expiry")
    assert job.every == dt.timedelta(seconds=15)
    assert _job(svc, "hidden-danger-overdue")[1].every == dt.timedelta(minutes=10)


def test_a_warning_expires_by_itself_and_is_announced(emergency, memory_bus):
    svc = emergency()
    soon = issue(svc, expires_at=(clock.now() + dt.timedelta(hours=1)).isoformat())
    later = issue(svc)  # 12 hours
    events = EventDriver(svc.client, memory_bus)

    assert run_job(svc.client, "warning-expiry", now=clock.now() + dt.timedelta(minutes=59)).items == 0  # not yet
    outcome = run_job(svc.client, "warning-expiry", now=clock.now() + dt.timedelta(hours=1, seconds=1))
    assert (outcome.ok, outcome.items) == (True, 1)

    expired = svc.get(f"/v1/warnings/{soon['id']}").json()
    assert expired["state"] == "EXPIRED"
    assert svc.get(f"/v1/warnings/{later['id']}").json()["state"] == "ISSUED"
    [payload] = events.emitted("hunan.emergency.warning.expired")
    assert payload["warning_id"] == soon["id"] and payload["colour"] == "orange"
    assert payload["division_codes"] == ["430181"]
    assert dt.datetime.fromisoformat(payload["expired_at"]) == dt.datetime.fromisoformat(soon["expires_at"])
    svc.post(f"/v1/warnings/{soon['id']}/update", {"colour": "red"}, expect=409)  # no longer live

    assert run_job(svc.client, "warning-expiry", now=clock.now() + dt.timedelta(hours=2)).items == 0  # idempotent
    assert len(events.emitted("hunan.emergency.warning.expired", n=2, timeout=0.5)) == 1
    metrics = svc.client.get("/metrics").text
    assert 'hunan_job_items_handled_total{job_name="warning-expiry",service="emergency"} 1.0' in metrics


def test_the_manual_sweep_announces_too(emergency, memory_bus):
    svc = emergency()
    expires = clock.now() + dt.timedelta(seconds=3)
    warning = issue(svc, expires_at=expires.isoformat())
    time.sleep(max(0.0, (expires - clock.now()).total_seconds()) + 0.1)
    assert svc.post("/v1/warnings/expire-due", expect=200).json() == [warning["id"]]
    assert svc.post("/v1/warnings/expire-due", expect=200).json() == []  # audited even when empty
    [payload] = EventDriver(svc.client, memory_bus).emitted("hunan.emergency.warning.expired")
    assert payload["warning_id"] == warning["id"]


def _overdue_danger(svc) -> dict:
    danger = svc.post(
        "/v1/hidden-dangers",
        {
            "enterprise": "某化工厂",
            "sector": "HAZCHEM",
            "element": "OBJECT",
            "source": "ROUTINE_INSPECTION",
            "division_code": "430181",
            "description": "储罐区防火堤破损",
        },
        expect=201,
    ).json()
    svc.post(
        f"/v1/hidden-dangers/{danger['id']}/identify",
        {"department": "浏阳市应急管理局", "department_level": "county", "has_supervision_duty": True},
        expect=200,
    )
    assigned_on = (clock.now() - dt.timedelta(days=30)).date().isoformat()
    return svc.post(
        f"/v1/hidden-dangers/{danger['id']}/assign",
        {"assignee": "某化工厂", "working_days": 5, "assigned_on": assigned_on},
        expect=200,
    ).json()


def test_an_overdue_hidden_danger_is_flagged_by_itself_once_per_deadline(emergency, memory_bus):
    svc = emergency()
    danger = _overdue_danger(svc)
    events = EventDriver(svc.client, memory_bus)
    deadline = dt.date.fromisoformat(danger["deadline"])

    on_the_day = dt.datetime.combine(deadline, dt.time(23, 59), clock.SHANGHAI)
    assert run_job(svc.client, "hidden-danger-overdue", now=on_the_day).items == 0  # not overdue yet
    assert run_job(svc.client, "hidden-danger-overdue").items == 1
    flagged = svc.get(f"/v1/hidden-dangers/{danger['id']}").json()
    assert flagged["state"] == "NOTIFIED" and flagged["entries"][-1]["kind"] == "NOTIFICATION"
    [payload] = events.emitted("hunan.emergency.hidden_danger.overdue")
    assert payload["hidden_danger_id"] == danger["id"] and payload["deadline"] == danger["deadline"]
    assert payload["sector"] == "HAZCHEM" and payload["division_code"] == "430181"

    assert run_job(svc.client, "hidden-danger-overdue").items == 0  # once per deadline
    assert len(events.emitted("hunan.emergency.hidden_danger.overdue", n=2, timeout=0.5)) == 1
    audits = svc.client.app.state.platform.engine
    from sqlalchemy import func, select

    table = svc.client.app.state.platform.tables.audit_log
    with audits.connect() as conn:
        sweeps = conn.scalar(
            select(func.count()).select_from(table).where(table.c.action == "hidden_danger.notify_overdue")
        )
    assert sweeps == 1  # the empty job runs left no audit entry


def _special_plan_drilled(svc, conducted_on: str) -> dict:
    body = {
        "title": "长沙市防汛抗旱专项应急预案",
        "tier": "SPECIAL",
        "owner": "长沙市人民政府",
        "division_code": "430102",
    }
    plan = svc.post("/v1/plans", body, expect=201).json()
    for action in ("evaluate", "approve"):
        svc.post(f"/v1/plans/{plan['id']}/actions", {"action": action}, expect=200)
    svc.post(f"/v1/plans/{plan['id']}/actions", {"action": "publish", "on": "2021-06-01"}, expect=200)
    drill = svc.post(
        f"/v1/plans/{plan['id']}/drills",
        {"title": "综合演练", "comprehensive": True, "planned_on": conducted_on},
        expect=201,
    ).json()
    svc.post(f"/v1/drills/{drill['id']}/conduct", {"conducted_on": conducted_on, "mode": "ANNOUNCED"}, expect=200)
    return plan


def test_an_overdue_drill_is_announced_by_itself_once_per_due_date(emergency, memory_bus):
    svc = emergency()
    assert _job(svc, "drill-due")[1].every == dt.timedelta(hours=1)
    plan = _special_plan_drilled(svc, "2022-05-01")
    events = EventDriver(svc.client, memory_bus)

    def on(day: str) -> dt.datetime:
        return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(0, 30), clock.SHANGHAI)

    assert run_job(svc.client, "drill-due", now=on("2024-05-01")).items == 0  # the anniversary is in time
    outcome = run_job(svc.client, "drill-due", now=on("2024-05-02"))
    assert (outcome.ok, outcome.items) == (True, 1)
    [payload] = events.emitted("hunan.emergency.drill.due")
    assert (payload["plan_id"], payload["due_on"], payload["notified_on"]) == (plan["id"], "2024-05-01", "2024-05-02")
    assert run_job(svc.client, "drill-due", now=on("2024-06-01")).items == 0  # same due date: once
    # the manual trigger does the same and finds it done; it cannot announce a lapse in the future
    assert svc.post("/v1/plans/overdue-drills/announcements", params={"as_of": "2024-06-01"}, expect=200).json() == []
    future = (clock.now() + dt.timedelta(days=2)).date().isoformat()
    svc.post("/v1/plans/overdue-drills/announcements", params={"as_of": future}, expect=422)
    assert len(events.emitted("hunan.emergency.drill.due", n=2, timeout=0.5)) == 1
    metrics = svc.client.get("/metrics").text
    assert 'hunan_job_items_handled_total{job_name="drill-due",service="emergency"} 1.0' in metrics


def test_a_relief_case_without_basic_living_aid_after_10h_is_announced_once(emergency, memory_bus):  # R13
    svc = emergency()
    disaster = svc.declare(codes=("430102",), hours_ago=2)
    body = {"disaster_id": disaster["id"], "division_code": "430102", "relief_type": "EMERGENCY_RELIEF"}
    late = svc.post("/v1/relief-cases", {**body, "households": 40, "persons": 120}, expect=201).json()
    aided = svc.post("/v1/relief-cases", {**body, "households": 2, "persons": 5}, expect=201).json()
    occurred = dt.datetime.fromisoformat(disaster["occurred_at"])
    svc.post(f"/v1/relief-cases/{aided['id']}/basic-living", {"provided_at": clock.now().isoformat()}, expect=200)
    events = EventDriver(svc.client, memory_bus)

    limit = occurred + dt.timedelta(hours=10)
    assert run_job(svc.client, "relief-overdue", now=limit).items == 0  # exactly 10 h is met
    assert run_job(svc.client, "relief-overdue", now=limit + dt.timedelta(minutes=1)).items == 1
    assert run_job(svc.client, "relief-overdue", now=limit + dt.timedelta(hours=5)).items == 0  # once
    [payload] = events.emitted("hunan.emergency.relief.overdue")
    assert (payload["case_id"], payload["persons"], payload["division_code"]) == (late["id"], 120, "430102")
    assert dt.datetime.fromisoformat(payload["due_at"]) == limit
    assert svc.get(f"/v1/relief-cases/{late['id']}").json()["state"] == "OPENED"  # the aid stays due
    assert _job(svc, "relief-overdue")[1].every == dt.timedelta(minutes=10)
