"""Flagship end to end: declared → assistance opened → supplies planned → shipped → delivered → cases supplied.

Emergency (EMERGENCY_AUTO_DISPATCH=true, demo reserves loaded over HTTP) and disability run as processes with
the broker, on fresh PostgreSQL databases (the demo stock is topped up for the whole run); disability holds a
COPY-loaded register (20 000 persons quick, 200 000 full) and 5 liaisons per county of Changsha. Declarations
of single Changsha counties arrive at a steady rate (quick: 8 at 1/s; full: 60 at 1/s). Stage times are read
back over HTTP (cases' opened_at and supplied_at, the dispatch's planned/shipped/delivered_at) relative to the
client's send time. Baseline: the same chain for a lone declaration on the idle system (3 of them, one after
the other, after one warm-up declaration that is not counted), measured first.

Capacity (`--size flagship=capacity`, issue #19 item 5; minutes, not part of the default run):
- rate sweep: the same single-county declarations at increasing steady rates (`CAPACITY_RATES`, each for
  `CAPACITY_SECONDS`); per rate the end-to-end p50/p99 and how many completed. The sustained rate is the
  highest whose p99 stays within `FLAT_P99` × the idle p99 with every declaration completed.
- size sweep (alone: `--size flagship=capacity-cities`): one declaration of a whole city whose register
  holds 10k, 100k or 300k persons (`CAPACITY_CITIES`; the base register leaves those cities empty), chain
  time per stage.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psycopg

from bench import register
from bench.common import Result, broker, dsn, percentile, sqlalchemy_url, temporary_database
from hunan_disability.models import AssistanceCase
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

CAPACITY_BASE_PERSONS = 200_000
CAPACITY_RATES = (0.5, 1.0, 2.0, 4.0)
CAPACITY_SECONDS = 15.0
FLAT_P99 = 1.5
# city -> persons in its register (Xiangtan, Zhuzhou, Hengyang); loaded with serials past the base register
CAPACITY_CITIES = {"430300": 10_000, "430200": 100_000, "430400": 300_000}
CAPACITY_CITY_TIMEOUT = 240.0  # a 300k city completes in well under a minute when nothing is stuck


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


def _top_up(emergency: httpx.Client, persons: int, declarations: int, cases: float | None = None) -> None:
    """The demo network holds a few thousand kits: receive enough into its provincial depot for every
    declaration of the run (a county of the register × 0.8 vulnerable × the standard kit, ×1.5, or `cases`
    when given), so that stock exhaustion does not cut the chain short."""
    depots = emergency.get("/v1/depots", params={"limit": 100}).json()["items"]
    province = next(d for d in depots if d["level"] == "province")
    if cases is None:
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


@contextmanager
def _system() -> Iterator[tuple[Flow, str, Path]]:
    """Broker, fresh databases, disability and emergency as processes (auto-dispatch on), demo reserves
    loaded; yields (client flow, disability database DSN, log directory)."""
    logs = Path(tempfile.mkdtemp(prefix="bench-flagship-"))
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
            yield flow, dsn(dis_db), logs
        finally:
            suite.stop()


def _idle(flow: Flow, counties: list[str], logs: Path) -> list[dict[str, float]]:
    """One warm-up declaration (not counted; the first event of each consumer group pays for connections and
    fetch set-up), then IDLE_RUNS lone declarations one after the other."""
    warm_id, warm_sent = flow.declare(counties[-1], -1)
    if flow.wait_done(warm_id, warm_sent, time.monotonic() + TIMEOUT) is None:
        raise RuntimeError(f"warm-up declaration did not complete within {TIMEOUT:.0f} s; see {logs}")
    idle = []
    for i in range(IDLE_RUNS):
        disaster_id, sent = flow.declare(counties[i % len(counties)], i)
        done = flow.wait_done(disaster_id, sent, time.monotonic() + TIMEOUT)
        if done is None:
            raise RuntimeError(f"idle declaration {disaster_id} did not complete within {TIMEOUT:.0f} s; see {logs}")
        idle.append(done)
    return idle


def _steady(flow: Flow, counties: list[str], first: int, count: int, interval: float) -> list[dict[str, float]]:
    """`count` declarations at one per `interval` seconds; the completed ones (TIMEOUT after the last)."""
    sent_at: dict[str, float] = {}
    began = time.monotonic()
    for i in range(count):
        disaster_id, sent = flow.declare(counties[(first + i) % len(counties)], first + i)
        sent_at[disaster_id] = sent
        delay = began + (i + 1) * interval - time.monotonic()
        if delay > 0:
            time.sleep(delay)
    deadline = time.monotonic() + TIMEOUT
    return [r for d, s in sent_at.items() if (r := flow.wait_done(d, s, deadline)) is not None]


def run(size: str) -> Result:
    if size in ("capacity", "capacity-cities"):
        return capacity(rates=size == "capacity")
    persons, declarations, interval = SIZES[size]
    result = Result(
        "flagship",
        size,
        params={"persons": persons, "declarations": declarations, "interval_s": interval, "city": CITY},
    )
    counties = divisions.expand_to_counties([CITY])
    with _system() as (flow, dis_dsn, logs):
        _top_up(flow.emergency, persons, declarations + IDLE_RUNS + 1)
        register.load_persons(dis_dsn, persons)
        register.add_liaisons(dis_dsn, counties, 5)
        idle = _idle(flow, counties, logs)
        steady = _steady(flow, counties, IDLE_RUNS, declarations, interval)
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


def _cases(dis_dsn: str, disaster_id: str) -> int:
    with psycopg.connect(dis_dsn) as conn:
        table = AssistanceCase.__table__.name
        return conn.execute(f"SELECT count(*) FROM {table} WHERE disaster_id = %s", (disaster_id,)).fetchone()[0]


def capacity(rates: bool = True) -> Result:
    """Issue #19 item 5: the sustained declaration rate with a flat p99 (unless `rates` is false), and chain
    time vs affected persons."""
    result = Result(
        "flagship",
        "capacity" if rates else "capacity-cities",
        params={
            "base_persons": CAPACITY_BASE_PERSONS,
            "rates_per_s": list(CAPACITY_RATES),
            "seconds_per_rate": CAPACITY_SECONDS,
            "city_persons": CAPACITY_CITIES,
            "flat_p99_factor": FLAT_P99,
        },
    )
    counties = divisions.expand_to_counties([CITY])
    sweep_counties = {c: divisions.expand_to_counties([c]) for c in CAPACITY_CITIES}
    excluded = {c for codes in sweep_counties.values() for c in codes}
    base_counties = [d.code for d in divisions.counties() if d.code not in excluded]
    per_county = CAPACITY_BASE_PERSONS / len(base_counties)
    declarations = sum(max(5, int(r * CAPACITY_SECONDS)) for r in CAPACITY_RATES) + IDLE_RUNS + 1
    cases = (per_county * declarations + sum(CAPACITY_CITIES.values())) * 0.8 * 1.5
    with _system() as (flow, dis_dsn, logs):
        _top_up(flow.emergency, 0, 0, cases=cases)
        register.load_persons(dis_dsn, CAPACITY_BASE_PERSONS, counties=base_counties)
        register.add_liaisons(dis_dsn, counties + sorted(excluded), 5)
        idle = _idle(flow, counties, logs)
        _summarise(result, "idle", idle)
        idle_p99 = percentile([r["cases marked supplied"] for r in idle], 99)
        sustained = 0.0
        first = IDLE_RUNS
        for rate in CAPACITY_RATES if rates else ():
            count = max(5, int(rate * CAPACITY_SECONDS))
            began = time.monotonic()
            done = _steady(flow, counties, first, count, 1 / rate)
            first += count
            label = f"rate {rate:g}/s"
            result.figure(f"{label}: declarations completed", len(done), f"of {count}")
            result.figure(f"{label}: sweep wall time", time.monotonic() - began, "s")
            end = [r["cases marked supplied"] for r in done]
            if not end:
                result.notes.append(f"{label}: no declaration completed; sweep stopped")
                break
            p99 = percentile(end, 99)
            result.figure(f"{label}: end-to-end p50", percentile(end, 50), "ms")
            result.figure(f"{label}: end-to-end p99", p99, "ms")
            for stage in STAGES[:-1]:
                values = [r[stage] for r in done if stage in r]
                if values:
                    result.figure(f"{label}: declared → {stage} p99", percentile(values, 99), "ms")
            result.ratio(f"{label}: end-to-end p99 / idle p99", p99 / idle_p99, higher_is_better=False)
            if len(done) == count and p99 <= FLAT_P99 * idle_p99:
                sustained = rate
            else:
                result.notes.append(
                    f"{label}: p99 {p99:.0f} ms vs idle {idle_p99:.0f} ms, {len(done)} of {count} completed — "
                    f"not flat; higher rates not tried"
                )
                break
        if rates:
            result.figure("sustained declaration rate with flat p99 (highest flat rate tried)", sustained, "/s")

        serial = CAPACITY_BASE_PERSONS
        for i, (city, persons) in enumerate(CAPACITY_CITIES.items()):
            register.load_persons(dis_dsn, persons, counties=sweep_counties[city], first_serial=serial)
            serial += persons
            disaster_id, sent = flow.declare(city, 1000 + i)
            stages = flow.wait_done(disaster_id, sent, time.monotonic() + CAPACITY_CITY_TIMEOUT)
            label = f"city of {persons // 1000}k persons"
            if stages is None:  # record how far the chain got, and go on with the next size
                stages = {name: (t - sent) * 1000 for name, t in flow.stages(disaster_id).items() if t is not None}
                missing = [stage for stage in STAGES if stage not in stages]
                result.notes.append(
                    f"{label}: chain not complete within {CAPACITY_CITY_TIMEOUT:.0f} s; "
                    f"not reached: {', '.join(missing)}"
                )
            result.figure(f"{label}: cases opened", _cases(dis_dsn, disaster_id), "cases")
            for stage in STAGES:
                if stage in stages:
                    result.figure(f"{label}: declared → {stage}", stages[stage], "ms")
    return result
