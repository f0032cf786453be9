"""HTTP: read and filtered-list endpoints of disability and emergency (uvicorn processes) vs a minimal FastAPI app.

Size "full": 200 000 registered persons, 200 disasters, 10 s of load per endpoint; "quick": 20 000 persons,
20 disasters, 2 s. The services run as real processes (hunan_shared.runner.Suite, with the broker) on fresh
PostgreSQL databases; bench/baseline_app.py runs in its own uvicorn process on the same databases and issues
the same SQL statements. Load: wrk with 1 thread, 16 connections, rotating over many ids/divisions.

Profiling: with BENCH_HTTP_PROFILE=<directory>, py-spy (a dev dependency) samples the service process during
each endpoint's measured load and writes its collapsed stacks (`<endpoint>.collapsed`) there; summarise them
with `python -m bench.profile_summary <directory>/*.collapsed`. The sampler takes CPU from the same two cores,
so a profiled run's figures are not the benchmark's figures.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench import register
from bench.common import Result, broker, dsn, load_invalid, sqlalchemy_url, temporary_database
from bench.loadgen import load
from hunan_shared import divisions
from hunan_shared.auth import mint_token
from hunan_shared.runner import Suite, port_open
from hunan_shared.settings import PlatformSettings
from hunan_shared.testing import free_port

# "medium": quick data with loads long enough for steadier figures and for py-spy (`--size http=medium`).
SIZES = {"quick": (20_000, 20, 2.0), "medium": (20_000, 20, 8.0), "full": (200_000, 200, 10.0)}
# BENCH_HTTP_CONNECTIONS overrides (e.g. 1: the latency of one request at a time, without queueing).
CONNECTIONS = int(os.environ.get("BENCH_HTTP_CONNECTIONS", "16"))
IDLE_SECONDS = 1.0  # how long the server's own background CPU (relay, jobs, consumer polls) is sampled
# Fewer requests than this per measured second and the p99 is a guess: the figure is reported invalid.
MIN_REQUESTS_PER_SECOND = 50
ROOT = Path(__file__).resolve().parent.parent


def _token(*scopes: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint_token(PlatformSettings(), 'bench', list(scopes))}"}


def _declare(emergency: str, count: int, rng: random.Random) -> list[str]:
    counties = [d.code for d in divisions.counties()]
    ids = []
    with httpx.Client(base_url=emergency, headers=_token("emergency:declare"), timeout=30) as client:
        for i in range(count):
            body = {
                "title": f"【演示】基准灾害 {i}",
                "category": "NATURAL_DISASTER",
                "hazard_type": "FLOOD_DROUGHT",
                "response_level": rng.choice(["III", "IV"]),
                "division_codes": rng.sample(counties, 2),
                "occurred_at": (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat(),
            }
            r = client.post("/v1/disasters", json=body)
            r.raise_for_status()
            ids.append(r.json()["id"])
    return ids


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc; NaN elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return float("nan")
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _measure(pid: int, base: str, paths: list[str], headers: dict[str, str], seconds: float) -> dict:
    """One load measurement, plus the server process's CPU milliseconds per request: what a request costs
    the process, which the machine's load (other processes on the two cores) disturbs far less than the
    request rate does. The process's idle CPU rate (its background loops, sampled just before) is
    subtracted, so a slow side is not charged more background time per request."""
    idle_start, idle_began = _cpu_seconds(pid), time.perf_counter()
    time.sleep(IDLE_SECONDS)
    idle_rate = (_cpu_seconds(pid) - idle_start) / (time.perf_counter() - idle_began)
    before, began = _cpu_seconds(pid), time.perf_counter()
    measured = load(base, paths, connections=CONNECTIONS, seconds=seconds, headers=headers)
    busy = _cpu_seconds(pid) - before - idle_rate * (time.perf_counter() - began)
    measured["cpu_ms_per_request"] = max(busy, 0.0) * 1000 / max(measured["requests"], 1)
    measured["idle_cpu_share"] = idle_rate
    return measured


def _profiler(pid: int, name: str, seconds: float) -> subprocess.Popen | None:
    """py-spy sampling `pid` for `seconds` into BENCH_HTTP_PROFILE/<name>.collapsed (None when not asked)."""
    directory = os.environ.get("BENCH_HTTP_PROFILE")
    spy = shutil.which("py-spy") or str(Path(sys.executable).parent / "py-spy")
    if not directory:
        return None
    Path(directory).mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_")
    return subprocess.Popen(
        [spy, "record", "--pid", str(pid), "--duration", str(max(1, round(seconds))), "--rate", "250"]
        + ["--format", "raw", "--nonblocking", "--threads", "-o", str(Path(directory) / f"{slug}.collapsed")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )


def _start_baseline(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "bench.baseline_app:create_app",
            "--factory",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=open(log, "ab"),
        stderr=subprocess.STDOUT,
    )  # noqa: SIM115
    deadline = time.monotonic() + 120  # as long as the services may take: a loaded machine imports slowly
    while not port_open("127.0.0.1", port):
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"baseline app did not start; see {log}")
        time.sleep(0.2)
    return process


def run(size: str) -> Result:
    persons, disasters, seconds = SIZES[size]
    rng = random.Random(5)
    result = Result(
        "http",
        size,
        params={
            "persons": persons,
            "disasters": disasters,
            "seconds_per_endpoint": seconds,
            "connections": CONNECTIONS,
        },
    )
    logs = Path(tempfile.mkdtemp(prefix="bench-http-"))
    with (
        broker() as bootstrap,
        temporary_database("http_disability") as dis_db,
        temporary_database("http_emergency") as emg_db,
    ):
        ports = {"disability": free_port(), "emergency": free_port()}
        env = {
            "KAFKA_BOOTSTRAP_SERVERS": bootstrap,
            "DISABILITY_DATABASE_URL": sqlalchemy_url(dis_db),
            "EMERGENCY_DATABASE_URL": sqlalchemy_url(emg_db),
            "HUNAN_VAR_DIR": str(logs / "var"),
            "KAFKA_CLIENT_PREFIX": f"benchhttp{ports['disability']}",
            "LOG_LEVEL": "WARNING",
        }
        suite = Suite(
            services=["disability", "emergency"],
            env=env,
            ports=ports,
            start_broker=False,
            log_dir=logs,
            say=lambda _line: None,
        )
        baseline = None
        try:
            suite.start(ready_timeout=120)
            disaster_ids = _declare(suite.url_of("emergency"), disasters, rng)
            register.load_persons(dsn(dis_db), persons)
            port = free_port()
            baseline = _start_baseline(
                {
                    "BENCH_DISABILITY_DATABASE_URL": sqlalchemy_url(dis_db),
                    "BENCH_EMERGENCY_DATABASE_URL": sqlalchemy_url(emg_db),
                },
                port,
                logs / "baseline.log",
            )
            base_url = f"http://127.0.0.1:{port}"
            cities = [d.code for d in divisions.prefectures()]
            person_ids = [register.person_id(rng.randrange(persons)) for _ in range(500)]
            endpoints = {
                # name: (service, service paths, baseline paths, scopes)
                "disability GET /v1/persons/{id}": (
                    "disability",
                    [f"/v1/persons/{p}" for p in person_ids],
                    [f"/persons/{p}" for p in person_ids],
                    ("disability:read",),
                ),
                "disability GET /v1/persons?division=<city>": (
                    "disability",
                    [f"/v1/persons?division={c}&limit=50" for c in cities],
                    [f"/persons?division={c}&limit=50" for c in cities],
                    ("disability:read",),
                ),
                "emergency GET /v1/disasters/{id}": (
                    "emergency",
                    [f"/v1/disasters/{d}" for d in disaster_ids],
                    [f"/disasters/{d}" for d in disaster_ids],
                    ("emergency:read",),
                ),
                "emergency GET /v1/disasters?division=<city>": (
                    "emergency",
                    [f"/v1/disasters?division={c}&limit=50" for c in cities],
                    [f"/disasters?division={c}&limit=50" for c in cities],
                    ("emergency:read",),
                ),
            }
            for name, (service, paths, base_paths, scopes) in endpoints.items():
                headers = _token(*scopes)
                target = suite.url_of(service)
                for url, p, h in ((target, paths, headers), (base_url, base_paths, {})):
                    check = httpx.get(url + p[0], headers=h, timeout=30)
                    check.raise_for_status()
                    load(url, p, connections=CONNECTIONS, seconds=1, headers=h)  # warm-up
                pid = next(p.popen.pid for p in suite.processes if p.name == service)
                spy = _profiler(pid, name, seconds)
                svc = _measure(pid, target, paths, headers, seconds)
                if spy is not None:
                    spy.wait(30)
                ref = _measure(baseline.pid, base_url, base_paths, {}, seconds)
                result.figure(f"{name}: service", svc["rps"], "req/s")
                result.figure(f"{name}: baseline", ref["rps"], "req/s")
                result.figure(f"{name}: service p99", svc["p99_ms"], "ms")
                result.figure(f"{name}: baseline p99", ref["p99_ms"], "ms")
                cpu = (svc["cpu_ms_per_request"], ref["cpu_ms_per_request"])
                if all(math.isfinite(v) for v in cpu):  # /proc is Linux-only
                    result.figure(f"{name}: service CPU per request", cpu[0], "ms")
                    result.figure(f"{name}: baseline CPU per request", cpu[1], "ms")
                    if cpu[1] > 0:
                        result.figure(f"{name}: CPU per request / baseline", cpu[0] / cpu[1], "x")
                invalid = "; ".join(
                    reason
                    for reason in (
                        load_invalid("service", svc, int(MIN_REQUESTS_PER_SECOND * seconds)),
                        load_invalid("baseline", ref, int(MIN_REQUESTS_PER_SECOND * seconds)),
                    )
                    if reason
                )
                result.ratio(f"{name}: throughput / baseline", svc["rps"] / ref["rps"], 0.8, invalid=invalid or None)
                result.ratio(
                    f"{name}: p99 / baseline p99",
                    svc["p99_ms"] / ref["p99_ms"],
                    1.5,
                    higher_is_better=False,
                    invalid=invalid or None,
                )
                result.params[name] = {"service": svc, "baseline": ref}
                if invalid:
                    result.notes.append(f"{name}: INVALID ({invalid})")
            result.params["load_tool"] = svc["tool"]
        finally:
            if baseline is not None:
                baseline.terminate()
                baseline.wait(10)
            suite.stop()
    return result
