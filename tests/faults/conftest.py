"""Fixtures for fault-injection tests: real broker, real PostgreSQL, services as real processes.

Isolation: every test gets its own broker process (topics and consumer groups start empty, so no event of
another test is ever replayed into this one), its own consumer-group prefix and fresh databases named
`hunan_faults_<service>` (dropped and re-created; dropped again afterwards unless HUNAN_FAULTS_KEEP=1).

Helpers are exposed through the `faults` fixture (a `FaultEnv`), so test modules need no imports from here:
`faults.start(["emergency", "disability"])`, `faults.spawn("disability", port=...)`, `faults.scalar(...)`,
`faults.api(suite, "disability")`, `faults.wait_for(...)`, `faults.metric(...)`, `faults.TcpProxy(...)`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

import httpx
import psycopg
import pytest
from prometheus_client.parser import text_string_to_metric_families

from hunan_shared.auth import mint_token
from hunan_shared.runner import Suite
from hunan_shared.scopes import ALL_SCOPES
from hunan_shared.settings import PlatformSettings
from hunan_shared.synthetic import resident_id
from hunan_shared.testing import (
    POSTGRES_ADMIN,
    Broker,
    ensure_postgres_database,
    free_port,
    start_broker,
    start_object_store,
)

LONG = os.environ.get("HUNAN_FAULTS_LONG") == "1"
KEEP = os.environ.get("HUNAN_FAULTS_KEEP") == "1"

# Changsha's nine county-level divisions: the register and the disasters of these tests live here.
CHANGSHA = ["430102", "430103", "430104", "430105", "430111", "430112", "430121", "430181", "430182"]
SEVERE_GRADES = (1, 2)  # DisabilitySettings.severe_grades default: a limb disability of these grades is vulnerable


def wait_for(check: Callable[[], object], timeout: float = 60.0, interval: float = 0.25, what: str = "condition"):
    """Poll `check` until it returns a truthy value; fail with `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what} (last value: {last!r})")


def libpq(url: str) -> str:
    """SQLAlchemy URL -> libpq URL for psycopg."""
    return url.replace("postgresql+psycopg://", "postgresql://")


def all_scopes_headers(subject: str = "faults-operator", **extra: str) -> dict[str, str]:
    token = mint_token(PlatformSettings(), subject, sorted(ALL_SCOPES))
    return {"Authorization": f"Bearer {token}", **extra}


def metric(text: str, sample: str, **labels: str) -> float:
    """Sum of the samples named `sample` whose labels include `labels` in a Prometheus exposition."""
    total = 0.0
    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == sample and all(s.labels.get(k) == v for k, v in labels.items()):
                total += s.value
    return total


def person_rows(counties: Iterable[str], per_county: int, start_serial: int = 0) -> list[dict]:
    """A synthetic register with a known answer: a limb disability (category 4) of grade 1 is vulnerable
    (severe, R-E1 (b)), grade 4 with no other circumstance is not. Every other person is vulnerable."""
    rows, serial = [], start_serial
    for county in counties:
        for i in range(per_county):
            rows.append(
                {
                    "id_number": resident_id(county, serial),
                    "name": f"[DEMO] faults {serial}",
                    "category": 4,
                    "grade": 1 if i % 2 == 0 else 4,
                    "division_code": county,
                    "is_demo": "true",
                }
            )
            serial += 1
    return rows


def expected_cases(rows: list[dict], counties: Iterable[str]) -> int:
    wanted = set(counties)
    return sum(1 for r in rows if r["division_code"] in wanted and int(r["grade"]) in SEVERE_GRADES)


def declaration(counties: list[str], title: str, level: str = "III") -> dict:
    return {
        "title": title,
        "category": "NATURAL_DISASTER",
        "hazard_type": "FLOOD_DROUGHT",
        "response_level": level,
        "division_codes": counties,
        "occurred_at": (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat(),
    }


class TcpProxy:
    """A TCP forwarder (threads) in front of a server, e.g. PostgreSQL, that a test can cut and restore.

    `cut()` resets every live connection and refuses new ones (accepted, then closed at once) — to the client
    it looks like the database went away; `restore()` lets connections through again.
    """

    def __init__(self, target: tuple[str, int] = ("127.0.0.1", 5432)):
        self.target = target
        self.enabled = True
        self.lock = threading.Lock()
        self.connections: set[socket.socket] = set()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)
        self.port = self.listener.getsockname()[1]
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.enabled:
                self._reset(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                self._reset(client)
                continue
            with self.lock:
                self.connections |= {client, upstream}
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, sink):
                self._drop(s)

    @staticmethod
    def _reset(sock: socket.socket) -> None:
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")  # RST on close
        except OSError:
            pass
        sock.close()

    def _drop(self, sock: socket.socket) -> None:
        with self.lock:
            known = sock in self.connections
            self.connections.discard(sock)
        if known:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    def cut(self) -> None:
        self.enabled = False
        with self.lock:
            live = list(self.connections)
        for sock in live:
            self._drop(sock)

    def restore(self) -> None:
        self.enabled = True

    def close(self) -> None:
        self.closed = True
        self.cut()
        self.listener.close()


class FaultEnv:
    """One test's world: its broker, databases, consumer-group prefix and the service processes it started."""

    LONG = LONG
    CHANGSHA = CHANGSHA
    TcpProxy = TcpProxy
    wait_for = staticmethod(wait_for)
    metric = staticmethod(metric)
    person_rows = staticmethod(person_rows)
    expected_cases = staticmethod(expected_cases)
    declaration = staticmethod(declaration)
    headers = staticmethod(all_scopes_headers)

    def __init__(self, broker: Broker, urls: dict[str, str], tmp_path: Path):
        self.broker = broker
        self.urls = urls
        self.tmp_path = tmp_path
        self.prefix = f"faults{uuid.uuid4().hex[:8]}"
        self.suites: list[Suite] = []
        self._labels = 0

    def group(self, service: str) -> str:
        return f"{self.prefix}.{service}"

    def env(self, **extra: str) -> dict[str, str]:
        env = {
            "KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap,
            "HUNAN_VAR_DIR": str(self.tmp_path / "var"),
            "KAFKA_CLIENT_PREFIX": self.prefix,
            "CONSUMER_RETRY_BACKOFF_SECONDS": "0.05",
            "LOG_LEVEL": "INFO",
        }
        env.update({f"{service.upper()}_DATABASE_URL": url for service, url in self.urls.items()})
        env.update(extra)
        return env

    def start(
        self,
        services: list[str],
        *,
        ports: dict[str, int] | None = None,
        label: str | None = None,
        ready_timeout: float = 120.0,
        **extra_env: str,
    ) -> Suite:
        """Start services as processes (no broker: this test's broker is already running)."""
        self._labels += 1
        label = label or f"suite{self._labels}"
        ports = ports or {s: free_port() for s in services}
        suite = Suite(
            services=services,
            env=self.env(**extra_env),
            ports=ports,
            start_broker=False,
            log_dir=self.tmp_path / "logs" / label,
            say=lambda _line: None,
        )
        self.suites.append(suite)
        suite.start(ready_timeout=ready_timeout)
        return suite

    def spawn(self, service: str, *, port: int | None = None, label: str | None = None, **extra_env: str) -> Suite:
        """One more process of `service` (same env: same database and consumer group)."""
        return self.start([service], ports={service: port or free_port()}, label=label, **extra_env)

    def log_of(self, suite: Suite, service: str) -> str:
        path = suite.log_dir / f"{service}.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop_all(self) -> None:
        for suite in self.suites:
            suite.stop()
        self.suites.clear()

    # -- database ---------------------------------------------------------------------------------

    def sql(self, service: str, query: str, params: tuple | dict | None = None) -> list[tuple]:
        with psycopg.connect(libpq(self.urls[service]), autocommit=True, connect_timeout=10) as conn:
            return conn.execute(query, params).fetchall()

    def scalar(self, service: str, query: str, params: tuple | dict | None = None):
        rows = self.sql(service, query, params)
        return rows[0][0] if rows else None

    # -- HTTP -------------------------------------------------------------------------------------

    def api(self, suite: Suite, service: str, subject: str = "faults-operator", timeout: float = 30.0) -> httpx.Client:
        return httpx.Client(base_url=suite.url_of(service), headers=all_scopes_headers(subject), timeout=timeout)

    def import_persons(self, client: httpx.Client, rows: list[dict], chunk: int = 5000) -> None:
        for start in range(0, len(rows), chunk):
            part = rows[start : start + chunk]
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=list(part[0]))
            writer.writeheader()
            writer.writerows(part)
            r = client.post(
                "/v1/persons/import",
                content=buffer.getvalue().encode(),
                headers={"Content-Type": "text/csv"},
                timeout=120,
            )
            assert r.status_code == 201, r.text[:2000]

    def declare(self, client: httpx.Client, counties: list[str], title: str, **headers: str) -> str:
        r = client.post("/v1/disasters", json=declaration(counties, title), headers=headers)
        assert r.status_code == 201, r.text
        return r.json()["id"]

    def topic_messages(self, topic: str) -> list:
        """Every record of a topic (partitions assigned directly: no group join), read with aiokafka."""
        import asyncio

        from aiokafka import AIOKafkaConsumer, TopicPartition

        async def read() -> list:
            consumer = AIOKafkaConsumer(
                bootstrap_servers=self.broker.bootstrap, enable_auto_commit=False, auto_offset_reset="earliest"
            )
            await consumer.start()
            try:
                await consumer._client.force_metadata_update()
                partitions = consumer.partitions_for_topic(topic) or set()
                tps = [TopicPartition(topic, p) for p in sorted(partitions)]
                if not tps:
                    return []
                consumer.assign(tps)
                await consumer.seek_to_beginning(*tps)
                end = await consumer.end_offsets(tps)
                records = []
                deadline = time.monotonic() + 30
                while True:
                    positions = [await consumer.position(tp) for tp in tps]
                    if all(p >= end[tp] for p, tp in zip(positions, tps, strict=False)):
                        break
                    if time.monotonic() > deadline:
                        raise AssertionError(f"could not read {topic} to its end")
                    for batch in (await consumer.getmany(timeout_ms=500)).values():
                        records.extend(batch)
                return records
            finally:
                await consumer.stop()

        return asyncio.run(read())

    def topics(self) -> list[str]:
        import asyncio

        from aiokafka.admin import AIOKafkaAdminClient

        async def names() -> list[str]:
            admin = AIOKafkaAdminClient(bootstrap_servers=self.broker.bootstrap)
            await admin.start()
            try:
                return sorted(await admin.list_topics())
            finally:
                await admin.close()

        return asyncio.run(names())


@pytest.fixture
def fault_broker():
    """A broker of this test only (a paused broker must never leak into another test)."""
    broker = start_broker()
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture
def fault_databases():
    """Fresh PostgreSQL databases `hunan_faults_<service>`; returns make(*services) -> {service: URL}."""
    ensure_postgres_database()
    created: dict[str, str] = {}

    def admin(statement: str) -> None:
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
            conn.execute(statement)

    def make(*services: str) -> dict[str, str]:
        for service in services:
            name = f"hunan_faults_{service}"
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin(f'CREATE DATABASE "{name}"')
            created[service] = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        return dict(created)

    yield make
    if not KEEP:
        for service in created:
            admin(f'DROP DATABASE IF EXISTS "hunan_faults_{service}" WITH (FORCE)')


@pytest.fixture
def faults(fault_broker, fault_databases, tmp_path):
    """The test's FaultEnv with emergency and disability databases; every process is stopped afterwards."""
    env = FaultEnv(fault_broker, fault_databases("emergency", "disability"), tmp_path)
    try:
        yield env
    finally:
        fault_broker.resume()  # a test that failed mid-outage must not make every shutdown wait for the broker
        env.stop_all()


@pytest.fixture
def durable_faults(fault_databases, tmp_path):
    """Like `faults`, with a broker that keeps its topics in a local S3 server (moto): it survives SIGKILL."""
    store = start_object_store()
    broker = start_broker(durable=store)
    env = FaultEnv(broker, fault_databases("emergency", "disability"), tmp_path)
    try:
        yield env
    finally:
        env.stop_all()
        broker.stop()
        store.stop()


@pytest.fixture
def fault_env_class():
    """FaultEnv itself, for fixtures in test modules that build their own broker (a proxy in front, ...)."""
    return FaultEnv
