"""End to end over the real broker: emergency declares a disaster → disability opens assistance cases for the
vulnerable persons in the stricken counties and requests supplies → emergency plans a dispatch from real
depots, ships and delivers it → disability marks the cases supplied. Services run as processes on
PostgreSQL; one trace spans the HTTP declaration and the consumer's handler."""

from __future__ import annotations

import datetime as dt
import time

import httpx
import pytest

from hunan_shared.auth import mint_token
from hunan_shared.runner import Suite
from hunan_shared.settings import PlatformSettings
from hunan_shared.synthetic import resident_id
from hunan_shared.testing import free_port

pytestmark = pytest.mark.e2e

FURONG, TIANXIN, YUELU = "430102", "430103", "430104"
# (name, county, category, grade, extra) -> whether a case must open (known answers, R-E1 (a)-(g))
REGISTER = [
    ("severe", FURONG, 4, 1, {}, True),
    ("alone", FURONG, 4, 3, {"lives_alone": True}, True),
    ("ward", FURONG, 4, 4, {"guardian": "guardian_unable"}, True),
    ("not-vulnerable", FURONG, 4, 3, {}, False),
    ("dibao", FURONG, 4, 4, {"household_status": "dibao"}, True),
    ("severe-b", TIANXIN, 1, 2, {}, True),
    ("mild-b", TIANXIN, 4, 4, {}, False),
    ("intellectual-b", TIANXIN, 5, 4, {}, True),
    ("outside", YUELU, 4, 1, {}, False),
]


@pytest.fixture
def suite(broker, trace_receiver, service_databases, tmp_path):
    urls = service_databases("emergency", "disability")
    ports = {"emergency": free_port(), "disability": free_port()}
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap,
        "EMERGENCY_DATABASE_URL": urls["emergency"],
        "DISABILITY_DATABASE_URL": urls["disability"],
        "OTEL_EXPORTER_OTLP_ENDPOINT": trace_receiver.endpoint,
        "OTEL_BSP_SCHEDULE_DELAY": "200",
        "HUNAN_VAR_DIR": str(tmp_path / "var"),
        "KAFKA_CLIENT_PREFIX": f"e2e{ports['emergency']}",
        "EMERGENCY_AUTO_DISPATCH": "true",  # simulated logistics: planned → shipped → delivered at once
    }
    running = Suite(
        services=["emergency", "disability"],
        env=env,
        ports=ports,
        start_broker=False,
        log_dir=tmp_path / "logs",
        say=lambda _line: None,
    )
    try:
        running.start(ready_timeout=90)
        yield running
    finally:
        running.stop()


def headers(*scopes: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint_token(PlatformSettings(), 'e2e-operator', list(scopes))}"}


def wait_for(check, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError("timed out")


def test_declaration_opens_exactly_the_right_cases_which_end_supplied_and_one_trace_spans_it(suite, trace_receiver):
    disability, emergency = suite.url_of("disability"), suite.url_of("emergency")
    r = httpx.post(f"{emergency}/v1/demo/reserves", headers=headers("emergency:write"))
    assert r.status_code in (200, 201), r.text
    write = headers("disability:write", "disability:read")
    for county in (FURONG, TIANXIN):
        r = httpx.post(
            f"{disability}/v1/liaisons", json={"name": f"liaison {county}", "division_code": county}, headers=write
        )
        assert r.status_code == 201, r.text
    person_ids = {}
    for serial, (name, county, category, grade, extra, _) in enumerate(REGISTER):
        body = {
            "id_number": resident_id(county, serial),
            "name": f"[DEMO] {name}",
            "category": category,
            "grade": grade,
            "division_code": county,
            "is_demo": True,
            **extra,
        }
        if category == 7:
            body["component_categories"] = [2, 4]
        r = httpx.post(f"{disability}/v1/persons", json=body, headers=write)
        assert r.status_code == 201, r.text
        person_ids[r.json()["id"]] = name

    declaration = {
        "title": "E2E 湘江洪涝",
        "category": "NATURAL_DISASTER",
        "hazard_type": "FLOOD_DROUGHT",
        "response_level": "II",
        "division_codes": [FURONG, TIANXIN],
        "occurred_at": (dt.datetime.now(dt.UTC) - dt.timedelta(hours=2)).isoformat(),
    }
    r = httpx.post(f"{emergency}/v1/disasters", json=declaration, headers=headers("emergency:declare"))
    assert r.status_code == 201, r.text
    disaster_id = r.json()["id"]

    expected = {name for name, *_rest, opens in REGISTER if opens}

    def cases():
        page = httpx.get(
            f"{disability}/v1/assistance-cases", params={"disaster_id": disaster_id, "limit": 100}, headers=write
        ).json()["items"]
        return page if len(page) >= len(expected) else None

    opened = wait_for(cases)
    time.sleep(1.0)  # let any (wrong) extra case show up before asserting exactness
    opened = cases()
    assert {person_ids[c["person_id"]] for c in opened} == expected
    assert all(c["liaison_id"] and c["status"] in ("liaison_assigned", "supplied") for c in opened)
    assert [c["needs_temporary_care"] for c in opened if person_ids[c["person_id"]] == "ward"] == [True]

    # Supplies: disability's request → emergency's stock-aware dispatch → delivered → cases supplied.
    def delivered():
        page = httpx.get(
            f"{emergency}/v1/dispatches", params={"disaster_id": disaster_id}, headers=headers("emergency:read")
        ).json()["items"]
        return page if page and all(d["state"] == "DELIVERED" for d in page) else None

    [dispatch] = wait_for(delivered)
    assert dispatch["legs"], dispatch

    def supplied():
        page = httpx.get(
            f"{disability}/v1/assistance-cases", params={"disaster_id": disaster_id, "limit": 100}, headers=write
        ).json()["items"]
        return page if all(c["status"] == "supplied" for c in page) else None

    assert {person_ids[c["person_id"]] for c in wait_for(supplied)} == expected

    # One trace: emergency's HTTP request → outbox relay → Kafka → disability's handler.
    def spans():
        http = trace_receiver.find("hunan-emergency", "POST /v1/disasters")
        handled = trace_receiver.find("hunan-disability", "process hunan.emergency.disaster.declared")
        shared = {s["trace_id"] for s in http} & {s["trace_id"] for s in handled}
        return shared or None

    assert len(wait_for(spans, timeout=30)) == 1
