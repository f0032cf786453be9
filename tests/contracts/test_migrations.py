"""Migrations and models agree: after `upgrade head`, Alembic's autogenerate finds nothing to do, in every
service and on both backends — so a platform-table change made in `PlatformTables` without its
`hunan_shared.platform_ops` revision (or the other way round) fails here."""

from __future__ import annotations

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from hunan_shared import migrations
from hunan_shared.db import make_engine

SERVICES = ["trees", "business_env", "disability", "budget", "emergency", "science"]


def _platform_diffs(diffs: list, tables: set[str]) -> list:
    def table_of(diff) -> str | None:
        item = diff[0] if isinstance(diff, list) else diff
        for part in item[1:]:
            name = getattr(part, "name", None)
            table = getattr(part, "table", None)
            if table is not None:
                return table.name
            if isinstance(part, str) and part in tables:
                return part
            if name in tables:
                return name
        return None

    return [d for d in diffs if table_of(d) in tables]


@pytest.mark.parametrize("service", SERVICES)
def test_platform_tables_match_their_migrations(service: str, database_url: str) -> None:
    models = importlib.import_module(f"hunan_{service}.models")
    engine = make_engine(database_url)
    try:
        migrations.upgrade(engine, f"hunan_{service}:migrations")
        platform = {"outbox", "inbox", "audit_log", "idempotency_key", "job_state"}
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diffs = compare_metadata(context, models.metadata)
        assert _platform_diffs(diffs, platform) == []
        assert migrations.is_at_head(engine, f"hunan_{service}:migrations")
    finally:
        engine.dispose()


@pytest.fixture
def own_postgres_database(postgres_dsn: str):
    """A database of its own: CONCURRENTLY waits for every older transaction in its database, so a schema
    beside other tests' (idle) transactions in the shared test database would keep it waiting."""
    import uuid

    import psycopg

    from hunan_shared.testing import POSTGRES_ADMIN, postgres_url

    name = f"hunan_online_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    params = psycopg.conninfo.conninfo_to_dict(postgres_dsn) | {"dbname": name}
    try:
        yield postgres_url(params)
    finally:
        with psycopg.connect(POSTGRES_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_retention_indexes_on_busy_platform_tables_are_built_concurrently_on_postgresql(
    own_postgres_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ADR 0024: the job_state revision indexes inbox and idempotency_key, which may already hold millions of
    rows: on PostgreSQL, from `ONLINE_INDEX_MIN_ROWS` rows, it builds them CONCURRENTLY (never locking out the
    consumers' inserts) on an AUTOCOMMIT connection; the schema ends at head as usual."""
    import datetime as dt

    from sqlalchemy import event, text

    from hunan_shared import platform_ops

    monkeypatch.setattr(platform_ops, "ONLINE_INDEX_MIN_ROWS", 3)  # stands for a table of millions
    engine = make_engine(own_postgres_database)
    statements: list[tuple[str, bool]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def record(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        statements.append((statement, conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT"))

    try:
        migrations.upgrade(engine, "hunan_emergency:migrations", "e3799ae341c3")  # the head before job_state
        now = dt.datetime.now(dt.UTC)
        with engine.begin() as conn:
            for n in range(3):
                conn.execute(text("INSERT INTO inbox VALUES ('c', :id, 't', 'topic', :at)"), {"id": f"e{n}", "at": now})
                conn.execute(
                    text("INSERT INTO idempotency_key VALUES (:k, 'a', 'POST', '/', 'h', 200, '{}', :at)"),
                    {"k": f"k{n}", "at": now},
                )
        statements.clear()
        migrations.upgrade(engine, "hunan_emergency:migrations")
        concurrent = [(s, autocommit) for s, autocommit in statements if "CONCURRENTLY" in s]
        assert [s.split('"')[1] for s, _ in concurrent if s.startswith("CREATE")] == [
            "ix_inbox_processed_at",
            "ix_idempotency_key_created_at",
        ]
        assert all(autocommit for _, autocommit in concurrent)
        with engine.connect() as conn:
            valid = conn.execute(
                text("SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass('ix_inbox_processed_at')")
            ).scalar()
        assert valid is True
        assert migrations.is_at_head(engine, "hunan_emergency:migrations")
        migrations.upgrade(engine, "hunan_emergency:migrations")  # again: nothing to do, nothing fails
    finally:
        engine.dispose()


def test_on_small_tables_the_indexes_are_built_in_the_revision_transaction(fresh_postgres_schema: str) -> None:
    """Below `ONLINE_INDEX_MIN_ROWS` (a new deployment, a test schema) the build is a plain CREATE INDEX inside the
    revision's transaction: it takes milliseconds and waits for no other transaction of the database."""
    from sqlalchemy import event

    engine = make_engine(fresh_postgres_schema)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda conn, cursor, statement, *rest: statements.append(statement))
    try:
        migrations.upgrade(engine, "hunan_emergency:migrations")
        assert not [s for s in statements if "CONCURRENTLY" in s]
        assert [s for s in statements if "ix_inbox_processed_at" in s and s.startswith("CREATE INDEX")]
    finally:
        engine.dispose()
