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


def test_retention_indexes_on_existing_platform_tables_are_built_concurrently_on_postgresql(
    fresh_postgres_schema: str,
) -> None:
    """ADR 0024: the job_state revision indexes inbox and idempotency_key, which may already hold millions of
    rows: on PostgreSQL it builds them CONCURRENTLY (never locking out the consumers' inserts), outside a
    transaction, and the schema ends at head as usual."""
    from sqlalchemy import event, text

    engine = make_engine(fresh_postgres_schema)
    statements: list[tuple[str, bool]] = []

    @event.listens_for(engine, "before_cursor_execute")
    def record(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        statements.append((statement, conn.get_execution_options().get("isolation_level") == "AUTOCOMMIT"))

    try:
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
