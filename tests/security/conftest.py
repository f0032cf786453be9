"""Fixtures for the security tests: services in-process on PostgreSQL (fresh schema each), tokens of every
kind (valid, scope-less, expired, wrongly signed, unsigned), and — for the process-level PII test — a broker
and databases (`hunan_security_<service>`) of its own."""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import uuid

import jwt
import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from hunan_shared.auth import mint_token
from hunan_shared.bus.memory import MemoryBus
from hunan_shared.scopes import ALL_SCOPES
from hunan_shared.settings import DEFAULT_PORTS, PlatformSettings
from hunan_shared.testing import POSTGRES_ADMIN, ensure_postgres_database, postgres_url, start_broker

SERVICES = tuple(DEFAULT_PORTS)


def app_module_exists(service: str) -> bool:
    return (
        importlib.util.find_spec(f"hunan_{service}") is not None
        and importlib.util.find_spec(f"hunan_{service}.app") is not None
    )


def service_params():
    """Every service; one whose app module does not exist yet is skipped with that reason."""
    for service in SERVICES:
        if app_module_exists(service):
            yield pytest.param(service, id=service)
        else:
            yield pytest.param(
                service, id=service, marks=pytest.mark.skip(reason=f"hunan_{service}.app does not exist yet")
            )


def build_app(service: str, database_url: str, var_dir):
    module = importlib.import_module(f"hunan_{service}.app")
    settings_class = module.SPEC.settings_class
    return module.create_app(
        settings=PlatformSettings(hunan_var_dir=var_dir, outbox_poll_seconds=0.05),
        bus=MemoryBus(),
        service_settings=settings_class(database_url=database_url),
    )


class Tokens:
    """Authorization headers of every kind."""

    def __init__(self):
        self.settings = PlatformSettings()

    def valid(self, *scopes: str, sub: str = "security-tester") -> dict[str, str]:
        return {"Authorization": f"Bearer {mint_token(self.settings, sub, list(scopes))}"}

    def all(self, sub: str = "security-tester") -> dict[str, str]:
        return self.valid(*sorted(ALL_SCOPES), sub=sub)

    def all_but(self, excluded: set[str]) -> dict[str, str]:
        return self.valid(*sorted(ALL_SCOPES - excluded))

    def expired(self) -> dict[str, str]:
        token = mint_token(self.settings, "security-tester", sorted(ALL_SCOPES), ttl=dt.timedelta(minutes=-5))
        return {"Authorization": f"Bearer {token}"}

    def wrongly_signed(self) -> dict[str, str]:
        other = PlatformSettings(auth_jwt_secret="not-the-suite-secret-" + "x" * 32)
        return {"Authorization": f"Bearer {mint_token(other, 'security-tester', sorted(ALL_SCOPES))}"}

    def unsigned(self) -> dict[str, str]:
        now = dt.datetime.now(dt.UTC)
        claims = {
            "sub": "security-tester",
            "scope": " ".join(sorted(ALL_SCOPES)),
            "iss": self.settings.auth_issuer,
            "aud": self.settings.auth_audience,
            "iat": now,
            "exp": now + dt.timedelta(hours=1),
        }
        return {"Authorization": f"Bearer {jwt.encode(claims, None, algorithm='none')}"}

    def wrong_audience(self) -> dict[str, str]:
        other = PlatformSettings(auth_audience="another-suite")
        return {"Authorization": f"Bearer {mint_token(other, 'security-tester', sorted(ALL_SCOPES))}"}


@pytest.fixture(scope="session")
def tokens() -> Tokens:
    return Tokens()


@pytest.fixture(scope="session")
def pg_schemas(postgres_dsn):
    """make() -> a SQLAlchemy URL on a new schema of the test database; all dropped at the end."""
    created: list[str] = []

    def make() -> str:
        schema = f"sec_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(postgres_dsn, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {schema}")
        created.append(schema)
        params = dict(item.split("=", 1) for item in postgres_dsn.split())
        return postgres_url(params, schema)

    yield make
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        for schema in created:
            conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


class Running:
    """A started in-process service: `client` (TestClient) and `count(table)` on its own database."""

    def __init__(self, service: str, client: TestClient):
        self.service = service
        self.client = client
        self.app = client.app

    @property
    def engine(self):
        return self.app.state.platform.engine

    def count(self, table: str) -> int:
        with self.engine.connect() as conn:
            return conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one()

    def counts(self, *tables: str) -> dict[str, int]:
        return {t: self.count(t) for t in tables}


@pytest.fixture
def running(pg_schemas, tmp_path):
    """running(service) -> a started service in-process on a fresh PostgreSQL schema, with the memory bus."""
    started: list[TestClient] = []

    def make(service: str) -> Running:
        if not app_module_exists(service):
            pytest.skip(f"hunan_{service}.app does not exist yet")
        client = TestClient(build_app(service, pg_schemas(), tmp_path / service), raise_server_exceptions=False)
        client.__enter__()
        started.append(client)
        return Running(service, client)

    yield make
    for client in started:
        client.__exit__(None, None, None)


# -- process-level (PII in logs, events on the wire) --------------------------------------------------


@pytest.fixture
def security_broker():
    broker = start_broker()
    try:
        yield broker
    finally:
        broker.stop()


@pytest.fixture
def security_databases():
    """Fresh databases `hunan_security_<service>`; make(*services) -> {service: SQLAlchemy URL}."""
    ensure_postgres_database()
    created: list[str] = []

    def admin(statement: str) -> None:
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
            conn.execute(statement)

    def make(*services: str) -> dict[str, str]:
        urls = {}
        for service in services:
            name = f"hunan_security_{service}"
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin(f'CREATE DATABASE "{name}"')
            created.append(name)
            urls[service] = f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
        return urls

    yield make
    for name in created:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
