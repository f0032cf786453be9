"""Flagship end to end: declared → assistance opened → supplies planned → shipped → delivered → cases supplied.

Emergency (EMERGENCY_AUTO_DISPATCH=true, demo reserves loaded over HTTP) and disability run as processes with
the broker, on fresh PostgreSQL databases (the demo stock is topped up for the whole run); disability holds a
COPY-loaded register (20 000 persons quick, 200 000 full) and 5 liaisons per county of Changsha. Declarations
of single Changsha counties arrive at a steady rate (quick: 8 at 1/s; full: 60 at 1/s). Stage times are read
back over HTTP (cases' opened_at and supplied_at, the dispatch's planned/shipped/delivered_at) relative to the
client's send time. Baseline: the same chain for a lone declaration on the idle system (3 of them, one after
the other, after one warm-up declaration that is not counted), measured first.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path

import httpx

from bench import register
from bench.common import Result, broker, dsn, percentile, sqlalchemy_url, temporary_database
from hunan_disability.rules.emergency_assistance import STANDARD_KIT_PER_PERSON
from hunan_shared import divisions
from hunan_shared.auth import mint_token
from hunan_shared.runner import Suite
from hunan_shared.settings import PlatformSettings
from hunan_shared.testing import free_port

SIZES = {"quick": (20_000, 8, 1.0), "full": (200_000, 60, 1.0)}
CITY = "430100"
IDLE_RUNS = 3
TIMEOUT = 90.0
STAGES = ("assistance opened", "dispatch planned", "dispatch delivered", "cases marked supplied")


def _headers(*scopes: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint_token(PlatformSettings(), 'bench', list(scopes))}"}


def _ts(value: str | None) -> float | None:
    return dt.datetime.fromisoformat(value).timestamp() if value else None


class Flow:
    def __init__(self, emergency: str, disability: str):
        self.emergency = httpx.Client(
            base_url=emergency, timeout=30, headers=_headers("emergency:declare", "emergency:read", "emergency:write")
        )
        self.disability = httpx.Client(base_url=disability, timeout=30, headers=_headers("disability:read"))

    def declare(self, county: str, i: int) -> tuple[str, float]:
        sent = time.time()
        body = {
            "title": f"【演示】基准洪涝 {i}",
            "category": "NATURAL_DISASTER",
            "hazard_type": "FLOOD_DROUGHT",
            "response_level": "II",
            "division_codes": [county],
            "occurred_at": (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat(),
        }
        r = self.emergency.post("/v1/disasters", json=body)
        r.raise_for_status()
        return r.json()["id"], sent

    def stages(self, disaster_id: str) -> dict[str, float | None]:
        cases = self.disability.get("/v1/assistance-cases", params={"disaster_id": disaster_id, "limit": 1}).json()[
            "items"
        ]
        dispatches = self.emergency.get("/v1/dispatches", params={"disaster_id": disaster_id, "limit": 1}).json()[
            "items"
        ]
        case = cases[0] if cases else {}
        dispatch = dispatches[0] if dispatches else {}
        return {
            "assistance opened": _ts(case.get("opened_at")),
            "dispatch planned": _ts(dispatch.get("planned_at")),
            "dispatch delivered": _ts(dispatch.get("delivered_at")),
            "cases marked supplied": _ts(case.get("supplied_at")),
        }

    def wait_done(self, disaster_id: str, sent: float, deadline: float) -> dict[str, float] | None:
        while time.monotonic() < deadline:
            stages = self.stages(disaster_id)
            if stages["cases marked supplied"] is not None:
                return {name: (t - sent) * 1000 for name, t in stages.items() if t is not None}
            time.sleep(0.2)
        return None


def _top_up(emergency: httpx.Client, persons: int, declarations: int) -> None:
    """The demo network holds a few thousand kits: receive enough into its provincial depot for every
    declaration of the run (a county of the register × 0.8 vulnerable × the standard kit, ×1.5), so that
    stock exhaustion does not cut the chain short."""
    depots = emergency.get("/v1/depots", params={"limit": 100}).json()["items"]
    province = next(d for d in depots if d["level"] == "province")
    cases = persons / len(divisions.counties()) * 0.8 * declarations * 1.5
    for item, per_person in STANDARD_KIT_PER_PERSON.items():
        emergency.post(
            f"/v1/depots/{province['id']}/movements",
            json={"item": item, "kind": "receipt", "quantity": int(cases * per_person) + 1, "note": "benchmark top-up"},
        ).raise_for_status()


def _summarise(result: Result, label: str, runs: list[dict[str, float]]) -> None:
    for stage in STAGES:
        values = [r[stage] for r in runs if stage in r]
        if values:
            result.figure(f"{label}: declared → {stage} p50", percentile(values, 50), "ms")
            result.figure(f"{label}: declared → {stage} p99", percentile(values, 99), "ms")


def run(size: str) -> Result:
    persons, declarations, interval = SIZES[size]
    result = Result(
        "flagship",
        size,
        params={"persons": persons, "declarations": declarations, "interval_s": interval, "city": CITY},
    )
    logs = Path(tempfile.mkdtemp(prefix="bench-flagship-"))
    counties = divisions.expand_to_counties([CITY])
    with (
        broker() as bootstrap,
        temporary_database("flag_disability") as dis_db,
        temporary_database("flag_emergency") as emg_db,
    ):
        ports = {"disability": free_port(), "emergency": free_port()}
        env = {
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "DISABILITY_DATABASE_URL": sqlalchemy_url(dis_db),
            "EMERGENCY_DATABASE_URL": sqlalchemy_url(emg_db),
            "HUNAN_VAR_DIR": str(logs / "var"),
            "KAFKA_CLIENT_PREFIX": f"benchflag{ports['disability']}",
            "LOG_LEVEL": "WARNING",
            "EMERGENCY_AUTO_DISPATCH": "true",
        }
        suite = Suite(
            services=["disability", "emergency"],
            env=env,
            ports=ports,
            start_broker=False,
            log_dir=logs,
            say=lambda _line: None,
        )
        try:
            suite.start(ready_timeout=120)
            flow = Flow(suite.url_of("emergency"), suite.url_of("disability"))
            flow.emergency.post("/v1/demo/reserves").raise_for_status()
            _top_up(flow.emergency, persons, declarations + IDLE_RUNS + 1)
            register.load_persons(dsn(dis_db), persons)
            register.add_liaisons(dsn(dis_db), counties, 5)

            # Warm-up (not counted): the first event of each consumer group pays for connections and fetch set-up.
            warm_id, warm_sent = flow.declare(counties[-1], -1)
            if flow.wait_done(warm_id, warm_sent, time.monotonic() + TIMEOUT) is None:
                raise RuntimeError(f"warm-up declaration did not complete within {TIMEOUT:.0f} s; see {logs}")
            idle = []
            for i in range(IDLE_RUNS):
                disaster_id, sent = flow.declare(counties[i % len(counties)], i)
                done = flow.wait_done(disaster_id, sent, time.monotonic() + TIMEOUT)
                if done is None:
                    raise RuntimeError(
                        f"idle declaration {disaster_id} did not complete within {TIMEOUT:.0f} s; see {logs}"
                    )
                idle.append(done)

            sent_at: dict[str, float] = {}
            began = time.monotonic()
            for i in range(declarations):
                disaster_id, sent = flow.declare(counties[(IDLE_RUNS + i) % len(counties)], IDLE_RUNS + i)
                sent_at[disaster_id] = sent
                delay = began + (i + 1) * interval - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            deadline = time.monotonic() + TIMEOUT
            steady = [r for d, s in sent_at.items() if (r := flow.wait_done(d, s, deadline)) is not None]
        finally:
            suite.stop()
    _summarise(result, "idle", idle)
    _summarise(result, f"steady {1 / interval:g}/s", steady)
    result.figure("declarations completed at steady rate", len(steady), f"of {declarations}")
    if len(steady) < declarations:
        result.notes.append(
            f"{declarations - len(steady)} declarations did not reach 'cases marked supplied' "
            f"within {TIMEOUT:.0f} s after the last one (stock exhausted or backlog)"
        )
    end = [r["cases marked supplied"] for r in steady]
    if end:
        idle_end = [r["cases marked supplied"] for r in idle]
        result.ratio("end-to-end p50 at steady rate / idle p50", percentile(end, 50) / percentile(idle_end, 50))
        result.ratio("end-to-end p99 at steady rate / idle p99", percentile(end, 99) / percentile(idle_end, 99))
        result.ratios[-2].higher_is_better = result.ratios[-1].higher_is_better = False
    return result
