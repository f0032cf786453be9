"""Clocks act by themselves with the suite running as processes (issue #13 acceptance): a warning with a short
expiry expires on its own and its `hunan.emergency.warning.expired` event reaches a consumer on the broker; an
overdue hidden danger is flagged (NOTIFIED, `hunan.emergency.hidden_danger.overdue`) with nobody calling an
endpoint. The emergency service runs on PostgreSQL with its periodic jobs (ADR 0012) at a test cadence."""

from __future__ import annotations

import datetime as dt
import json
import time

import httpx
import pytest

from hunan_shared import clock
from hunan_shared.auth import mint_token
from hunan_shared.runner import Suite
from hunan_shared.settings import PlatformSettings
from hunan_shared.testing import free_port, read_topic

pytestmark = pytest.mark.e2e


@pytest.fixture
def emergency(broker, service_databases, tmp_path):
    urls = service_databases("emergency")
    port = free_port()
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap,
        "EMERGENCY_DATABASE_URL": urls["emergency"],
        "HUNAN_VAR_DIR": str(tmp_path / "var"),
        "KAFKA_CLIENT_PREFIX": f"e2e{port}",
        "JOBS_TICK_SECONDS": "0.5",
        "EMERGENCY_JOB_INTERVALS": json.dumps({"warning-expiry": 1, "hidden-danger-overdue": 2}),
    }
    running = Suite(
        services=["emergency"],
        env=env,
        ports={"emergency": port},
        start_broker=False,
        log_dir=tmp_path / "logs",
        say=lambda _line: None,
    )
    try:
        running.start(ready_timeout=90)
        yield f"http://127.0.0.1:{port}", broker.bootstrap
    finally:
        running.stop()


def headers() -> dict[str, str]:
    scopes = ["emergency:read", "emergency:warn", "emergency:write"]
    return {"Authorization": f"Bearer {mint_token(PlatformSettings(), 'e2e-operator', scopes)}"}


def wait_for(check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError("timed out")


def test_a_warning_expires_and_an_overdue_hidden_danger_is_flagged_by_themselves(emergency):
    url, bootstrap = emergency
    with httpx.Client(base_url=url, headers=headers(), timeout=30) as api:
        expires = clock.now() + dt.timedelta(seconds=5)
        warning = api.post(
            "/v1/warnings",
            json={
                "hazard_type": "FLOOD_DROUGHT",
                "colour": "yellow",
                "headline": "浏阳市山洪灾害黄色预警",
                "description": "预计未来数秒有强降雨。",
                "division_codes": ["430181"],
                "expires_at": expires.isoformat(),
                "population_targeted": 1_000,
            },
        )
        assert warning.status_code == 201, warning.text
        warning_id = warning.json()["id"]
        assert warning.json()["state"] == "ISSUED"

        danger = api.post(
            "/v1/hidden-dangers",
            json={
                "enterprise": "某烟花爆竹厂",
                "sector": "FIREWORKS",
                "element": "OBJECT",
                "source": "ROUTINE_INSPECTION",
                "division_code": "430181",
                "description": "仓库超量储存",
            },
        ).json()
        identify = {"department": "浏阳市应急管理局", "department_level": "county", "has_supervision_duty": True}
        assert api.post(f"/v1/hidden-dangers/{danger['id']}/identify", json=identify).status_code == 200
        assigned_on = (clock.now() - dt.timedelta(days=30)).date().isoformat()
        assigned = api.post(
            f"/v1/hidden-dangers/{danger['id']}/assign",
            json={"assignee": "某烟花爆竹厂", "working_days": 5, "assigned_on": assigned_on},
        )
        assert assigned.status_code == 200, assigned.text

        # Nobody calls /expire-due or /notify-overdue from here on.
        flagged = wait_for(
            lambda: (r := api.get(f"/v1/hidden-dangers/{danger['id']}").json())["state"] == "NOTIFIED" and r
        )
        assert flagged["entries"][-1]["kind"] == "NOTIFICATION"
        assert api.get(f"/v1/warnings/{warning_id}").json()["state"] == "ISSUED"  # not before its time
        expired = wait_for(lambda: (r := api.get(f"/v1/warnings/{warning_id}").json())["state"] == "EXPIRED" and r)
        assert clock.now() >= expires
        assert dt.datetime.fromisoformat(expired["expires_at"]) == expires

    [expired_event] = wait_for(
        lambda: [e for e in read_topic(bootstrap, "emergency.warning") if e.type == "hunan.emergency.warning.expired"]
    )
    assert expired_event.key == warning_id and expired_event.data["warning_id"] == warning_id
    assert expired_event.source == "/hunan/emergency"
    [overdue] = wait_for(lambda: read_topic(bootstrap, "emergency.hidden_danger"))
    assert overdue.type == "hunan.emergency.hidden_danger.overdue"
    assert overdue.data["hidden_danger_id"] == danger["id"] and overdue.data["deadline"] == flagged["deadline"]
