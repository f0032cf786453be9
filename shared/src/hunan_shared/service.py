"""The service defaults: one factory that wires settings, database, migrations, bus, outbox relay,
consumers, telemetry, problem+json errors, health and metrics into a FastAPI app for any service.

A service declares itself with a `ServiceSpec` (its routers, tables, handlers, produced events) and calls
`create_service_app(spec)`; nothing here knows any particular domain.
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse, Response
from fastapi.telemetry import TelemetryConfig
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import MetaData
from sqlmodel import Session

from hunan_shared import clock, migrations, openapi, telemetry, workdays
from hunan_shared.bus.consumer import EventConsumer, Handler
from hunan_shared.bus.kafka import KafkaBus, dead_letter_topic
from hunan_shared.bus.outbox import OutboxRelay
from hunan_shared.bus.protocol import Bus
from hunan_shared.db import PlatformTables, make_engine, ping
from hunan_shared.errors import NotFound
from hunan_shared.events import Event
from hunan_shared.events.catalogue import CATALOGUE
from hunan_shared.jobs import Job, JobRunner
from hunan_shared.metrics import Metrics
from hunan_shared.middleware import GuardMiddleware, MetricsMiddleware, RequestContextMiddleware
from hunan_shared.problems import PROBLEM_RESPONSES, install_problem_handlers
from hunan_shared.retention import retention_jobs
from hunan_shared.settings import (
    PlatformSettings,
    ServiceSettings,
    SettingsError,
    default_database_url,
    env_prefix,
    load_platform_settings,
    load_service_settings,
)

log = logging.getLogger(__name__)

BROKER_PROBE_SECONDS = 5.0
RESTART_DELAY_SECONDS = 2.0


@dataclass
class ServiceSpec:
    name: str
    title: str
    description: str
    metadata: MetaData
    tables: PlatformTables
    migrations: str  # Alembic script location, e.g. "hunan_trees:migrations"
    routers: list[APIRouter]
    handlers: dict[type[Event], Handler] = field(default_factory=dict)
    produces: tuple[type[Event], ...] = ()
    settings_class: type[ServiceSettings] = ServiceSettings
    indicators: Callable[[Session, ServiceSettings], dict[str, float]] | None = None  # gauges on /metrics
    # Periodic jobs (hunan_shared.jobs): a sequence, or a function of the service's settings returning one.
    jobs: Sequence[Job] | Callable[[Any], Sequence[Job]] = ()
    version: str = "1.0.0"


def with_intervals(jobs: list[Job], intervals: dict[str, float], prefix: str) -> list[Job]:
    """Apply `<SERVICE>_JOB_INTERVALS` (seconds by job name); an unknown name or a non-positive interval is refused."""
    names = {job.name for job in jobs}
    unknown = sorted(set(intervals) - names)
    if unknown or any(seconds <= 0 for seconds in intervals.values()):
        raise SettingsError(
            f"Invalid configuration: {prefix}JOB_INTERVALS names {unknown or 'a non-positive interval'}; "
            f"the jobs are {sorted(names)} and intervals are positive seconds"
        )
    return [
        dataclasses.replace(job, every=dt.timedelta(seconds=intervals[job.name])) if job.name in intervals else job
        for job in jobs
    ]


class Platform:
    """Runtime state of one service process (app.state.platform)."""

    def __init__(
        self,
        spec: ServiceSpec,
        settings: PlatformSettings,
        service_settings: ServiceSettings,
        bus: Bus | None = None,
        now: Callable[[], dt.datetime] = clock.now,
    ):
        self.spec = spec
        self.settings = settings
        self.service_settings = service_settings
        self.source = f"/hunan/{spec.name}"
        self.tables = spec.tables
        url = service_settings.database_url or default_database_url(spec.name, settings.hunan_var_dir)
        self.engine = make_engine(url, pool_size=settings.db_pool_size)
        self.metrics = Metrics(spec.name)
        self.bus: Bus = bus if bus is not None else KafkaBus(settings, client_id=f"hunan-{spec.name}")
        self.relay = OutboxRelay(
            engine=self.engine,
            tables=self.tables,
            bus=self.bus,
            metrics=self.metrics,
            source=self.source,
            batch_size=settings.outbox_batch_size,
            poll_seconds=settings.outbox_poll_seconds,
            public_url=settings.hunan_public_url,
        )
        self.consumer = (
            EventConsumer(
                service=spec.name,
                handlers=spec.handlers,
                engine=self.engine,
                tables=self.tables,
                bus=self.bus,
                metrics=self.metrics,
                settings=settings,
                service_settings=service_settings,
            )
            if spec.handlers
            else None
        )
        declared = spec.jobs(service_settings) if callable(spec.jobs) else spec.jobs
        self.jobs = JobRunner(
            service=spec.name,
            jobs=with_intervals(
                [*retention_jobs(dt.timedelta(minutes=settings.retention_every_minutes)), *declared],
                service_settings.job_intervals,
                env_prefix(spec.name),
            ),
            engine=self.engine,
            tables=self.tables,
            source=self.source,
            settings=service_settings,
            platform_settings=settings,
            metrics=self.metrics,
            now=now,
            tick_seconds=settings.jobs_tick_seconds,
            ready=self.database_ready,
        )
        self.migrated = False
        self._count_provisional: Callable[[], object] | None = None
        self.stop = asyncio.Event()
        self.tasks: list[asyncio.Task[None]] = []

    def topics(self) -> set[str]:
        produced = {cls.TOPIC for cls in self.spec.produces}
        consumed = {cls.TOPIC for cls in self.spec.handlers}
        return produced | consumed | {dead_letter_topic(t) for t in consumed}

    def migrate(self) -> None:
        migrations.upgrade(self.engine, self.spec.migrations)
        self.migrated = True

    def database_ready(self) -> bool:
        try:
            ping(self.engine)
            if not self.migrated:
                self.migrated = migrations.is_at_head(self.engine, self.spec.migrations)
            ok = self.migrated
        except Exception:
            ok = False
        self.metrics.db_up.labels(self.spec.name).set(1 if ok else 0)
        return ok

    async def _supervise(self, name: str, run: Callable[[asyncio.Event], object]) -> None:
        """Keep a background loop alive: restart it after a failure until shutdown."""
        while not self.stop.is_set():
            try:
                await run(self.stop)  # type: ignore[misc]
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("background task failed; restarting", extra={"task": name})
            if not self.stop.is_set():
                await asyncio.sleep(RESTART_DELAY_SECONDS)

    async def _connect_bus(self, stop: asyncio.Event) -> None:
        """Connect the producer (retrying while the broker is away), then start relay and consumers."""
        while not stop.is_set():
            try:
                await self.bus.start()
                await self.bus.ensure_topics(self.topics())
                break
            except Exception as exc:
                # Readiness ignores the broker, so the metric (and its alert) must show it from the start.
                self.metrics.broker_connected.labels(self.spec.name).set(0)
                log.warning("broker unavailable; retrying", extra={"error": repr(exc)})
                await self.bus.stop()
                await asyncio.sleep(RESTART_DELAY_SECONDS)
        if stop.is_set():
            return
        self.tasks.append(asyncio.create_task(self._supervise("outbox-relay", self.relay.run)))
        if self.consumer is not None and self.bus.consumes_from_broker:
            self.tasks.append(asyncio.create_task(self._supervise("consumer", self.consumer.run)))
        while not stop.is_set():
            connected = await self.bus.probe()
            self.metrics.broker_connected.labels(self.spec.name).set(1 if connected else 0)
            try:
                await asyncio.wait_for(stop.wait(), BROKER_PROBE_SECONDS)
            except TimeoutError:
                pass

    async def start(self) -> None:
        # Request handlers run in anyio's thread pool: keep it within the database pool (a few connections
        # stay for the relay and consumers), so busy periods queue requests instead of opening and closing
        # overflow connections for each one.
        anyio.to_thread.current_default_thread_limiter().total_tokens = max(1, self.settings.db_pool_size - 5)
        if self.service_settings.migrate_on_start:
            await asyncio.to_thread(self.migrate)
        self.metrics.calendar_last_year.labels(self.spec.name).set(workdays.last_published_year())
        self._count_provisional = self.metrics.calendar_provisional.labels(self.spec.name).inc
        workdays.provisional_listeners.append(self._count_provisional)
        self.tasks.append(asyncio.create_task(self._connect_bus(self.stop)))
        # Jobs do not need the broker: what they emit waits in the outbox like any other write.
        self.tasks.append(asyncio.create_task(self._supervise("jobs", self.jobs.run)))

    async def shutdown(self, grace_seconds: float = 20.0) -> None:
        """Graceful: stop polling, let in-flight handlers finish and commit, flush the outbox, close."""
        self.stop.set()
        if self._count_provisional in workdays.provisional_listeners:
            workdays.provisional_listeners.remove(self._count_provisional)
        if self.tasks:
            done, pending = await asyncio.wait(self.tasks, timeout=grace_seconds)
            for task in pending:
                task.cancel()
        if self.bus.connected:
            try:
                await self.relay.drain(timeout=min(10.0, grace_seconds))
            except Exception:
                log.exception("outbox drain on shutdown failed; rows stay pending for the next start")
        await self.bus.stop()
        self.engine.dispose()
        telemetry.shutdown_tracing()


def _install_health_and_metrics(app: FastAPI, platform: Platform | None) -> None:
    @app.get("/livez", tags=["operations"], summary="Process is alive", operation_id="livez")
    def livez() -> dict[str, str]:
        return {"status": "ok"}

    @app.get(
        "/readyz",
        tags=["operations"],
        summary="Database reachable and migrated (the broker is reported, not required)",
        description=(
            "200 when the service can serve requests: its database answers and its schema is at the migration "
            "head. The broker's state is reported under `checks.broker` but does not make the service unready: "
            "writes go to the transactional outbox and are published when the broker is back (ADR 0005); a "
            "broker outage shows as the `hunan_broker_connected` metric and the BrokerDisconnected alert."
        ),
        operation_id="readyz",
        responses={503: {"description": "Not ready: database unavailable or not migrated"}},
    )
    def readyz() -> JSONResponse:
        assert platform is not None  # the routes run only in a started service, never in contract generation
        db_ok = platform.database_ready()
        broker_ok = platform.bus.connected
        checks = {"database": "ok" if db_ok else "unavailable", "broker": "ok" if broker_ok else "unavailable"}
        ready = db_ok  # the outbox absorbs a broker outage: only what requests cannot be served without counts
        return JSONResponse(
            {"status": "ready" if ready else "not ready", "checks": checks}, status_code=200 if ready else 503
        )

    @app.get(
        "/schemas/events/{event_type}/v{version}.json",
        tags=["contracts"],
        summary="JSON Schema of an event payload (the `dataschema` of its CloudEvents)",
        operation_id="eventSchema",
        include_in_schema=False,  # a document of the event contract (docs/asyncapi.yaml), not an API operation
    )
    def event_schema(event_type: str, version: int) -> JSONResponse:
        cls = CATALOGUE.get(event_type)
        if cls is None or cls.VERSION != version:
            raise NotFound(f"no event schema {event_type} v{version}")
        return JSONResponse(cls.payload_schema(), media_type="application/schema+json")

    @app.get(
        "/metrics",
        tags=["operations"],
        summary="Prometheus metrics",
        operation_id="metrics",
        response_class=Response,
        include_in_schema=False,  # scraped inside the cluster, never published through the gateway
    )
    def metrics() -> Response:
        assert platform is not None
        if platform.spec.indicators is not None:
            try:
                with Session(platform.engine) as session:
                    for name, value in platform.spec.indicators(session, platform.service_settings).items():
                        platform.metrics.indicators.labels(platform.spec.name, name).set(value)
            except Exception:
                log.warning("indicator refresh failed", exc_info=True)
        return Response(generate_latest(platform.metrics.registry), media_type=CONTENT_TYPE_LATEST)


def create_service_app(
    spec: ServiceSpec,
    *,
    settings: PlatformSettings | None = None,
    service_settings: ServiceSettings | None = None,
    bus: Bus | None = None,
    now: Callable[[], dt.datetime] = clock.now,
) -> FastAPI:
    """`now` is the clock of the periodic jobs (tests inject one)."""
    settings = settings or load_platform_settings()
    service_settings = service_settings or load_service_settings(spec.name, spec.settings_class)
    telemetry.setup_logging(spec.name, settings.log_level)
    provider = telemetry.setup_tracing(
        spec.name, settings.otel_exporter_otlp_endpoint, settings.otel_exporter_otlp_traces_endpoint
    )
    platform = Platform(spec, settings, service_settings, bus=bus, now=now)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        started = time.perf_counter()
        await platform.start()
        log.info("service started", extra={"seconds": round(time.perf_counter() - started, 3)})
        yield
        await platform.shutdown()

    app = _build_fastapi(spec, platform, lifespan)
    app.state.platform = platform
    app.state.settings = service_settings
    app.add_middleware(
        GuardMiddleware, max_body_bytes=settings.max_body_bytes, body_timeout=settings.body_read_timeout_seconds
    )
    app.add_middleware(MetricsMiddleware, metrics=platform.metrics)
    app.add_middleware(RequestContextMiddleware)  # outermost: every response and log line has the request id

    if telemetry.exporting():  # database and client spans cost time on every query: only when exported
        _instrument(app, platform, provider)
    return app


def _instrument(app: FastAPI, platform: Platform, provider: Any) -> None:
    """HTTP server spans come from FastAPI's own OpenTelemetry support; add database and httpx client spans."""
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor

    SQLAlchemyInstrumentor().instrument(engine=platform.engine, tracer_provider=provider)
    if not HTTPXClientInstrumentor().is_instrumented_by_opentelemetry:  # calls to other services carry the trace
        HTTPXClientInstrumentor().instrument(tracer_provider=provider)


def _build_fastapi(
    spec: ServiceSpec,
    platform: Platform | None,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]] | None = None,
) -> FastAPI:
    """The app with its routes; `platform` None builds the published document's app (defaults, nothing runs)."""
    # FastAPI traces requests itself (OpenTelemetry, global provider); our own Prometheus metrics and JSON
    # logs replace its metrics and log records; probes and scrapes are not traced.
    telemetry_config: TelemetryConfig = {
        "metrics": False,
        "logs": False,
        "exclude": lambda scope: scope.get("path") in ("/livez", "/readyz", "/metrics"),
    }
    app = FastAPI(
        title=spec.title,
        description=spec.description,
        version=spec.version,
        lifespan=lifespan,
        responses=PROBLEM_RESPONSES,
        telemetry=telemetry_config,
    )
    install_problem_handlers(app)
    for router in spec.routers:
        # Routers carry the full "/v1/..." prefix themselves: FastAPI's included routers report the
        # route's own path in scope["route"], which the metrics use as the route label.
        if not (router.prefix == "/v1" or router.prefix.startswith("/v1/")):
            raise ValueError(f"router prefix {router.prefix!r} of {spec.name} must start with /v1/")
        app.include_router(router)
    _install_health_and_metrics(app, platform)
    _publish_openapi(app, spec, platform.settings if platform is not None else None)
    return app


def _publish_openapi(app: FastAPI, spec: ServiceSpec, settings: PlatformSettings | None) -> None:
    """Serve the finished document (hunan_shared.openapi.publish): gateway servers, problem+json, OAuth2
    scopes, Idempotency-Key and examples. Built once, on first request."""
    build = app.openapi
    public_url = settings.hunan_public_url if settings is not None else None
    token_url = settings.auth_token_url if settings is not None else None

    def published() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = build()
            app.openapi_schema = openapi.publish(
                document,
                spec.name,
                public_url=public_url,
                token_url=token_url,
                idempotent=openapi.idempotent_operations(app),
            )
        return app.openapi_schema

    app.openapi = published  # type: ignore[method-assign]


def build_app_for_docs(spec: ServiceSpec) -> FastAPI:
    """The service's FastAPI app without starting anything (no settings, database or broker), for
    exporting its OpenAPI document."""
    return _build_fastapi(spec, platform=None)
