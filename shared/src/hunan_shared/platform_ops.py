"""Migration operations on the platform tables (outbox, inbox, audit_log, idempotency_key, job_state).

Every service's database has the same platform tables (`hunan_shared.db.PlatformTables`). A change to them is
one function here, called by one small revision in each of the six services:

    # services/<name>/src/hunan_<name>/migrations/versions/<rev>_job_state.py
    from hunan_shared import platform_ops

    def upgrade() -> None:
        platform_ops.create_job_state_v1()

    def downgrade() -> None:
        platform_ops.drop_job_state_v1()

Rules (docs/developing.md, "Changing a platform table"):
- A function here is frozen once a revision calls it: a later change is a new function (`..._v2`), never an
  edit, because old revisions must replay identically on a fresh database.
- Each function states its table definitions literally (not by reading `PlatformTables`, which describes
  the newest shape) and works on SQLite (batch mode: table rebuilds for ALTER) and PostgreSQL.
- `PlatformTables.attach` is changed in the same commit, so the models and the migrations agree
  (`shared/tests/test_platform_ops.py` compares them for every service).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

from hunan_shared.db import AwareDateTime

# -- generic building blocks ---------------------------------------------------------------------------------


def create_table(name: str, *columns: Any) -> None:
    """Create a platform table; the primary key constraint is named like the models name it (pk_<table>)."""
    op.create_table(name, *columns)


def create_index(table: str, name: str, columns: list[str]) -> None:
    with op.batch_alter_table(table) as batch:
        batch.create_index(name, columns, unique=False)


# A plain index build on fewer rows takes milliseconds, so its lock harms nobody; CONCURRENTLY would instead wait
# for every older transaction in the database (a fresh deployment, or a test schema beside others, gains nothing).
ONLINE_INDEX_MIN_ROWS = 10_000


def create_index_online(table: str, name: str, columns: list[str]) -> None:
    """An index on a table that may already be large and busy (inbox, idempotency_key, outbox, audit_log).

    On PostgreSQL, when the table holds at least `ONLINE_INDEX_MIN_ROWS` rows, `CREATE INDEX CONCURRENTLY`: a
    plain CREATE INDEX holds a SHARE lock on the table for the whole build, so on a few million inbox rows every
    consumer's INSERT would wait for it. CONCURRENTLY cannot run in a transaction, so it runs in Alembic's
    autocommit block — which commits the migrations before it (ADR 0024) — and `IF NOT EXISTS` makes it safe to
    run again; a build that failed half way leaves an INVALID index, dropped first. It waits for the database's
    older transactions to end. On a smaller table, and on SQLite (one process per database), it is
    `create_index`. Call it before the revision's transactional steps, so a crash after it leaves nothing that a
    re-run would trip on."""
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        create_index(table, name, columns)
        return
    rows = bind.scalar(sa.text(f'SELECT count(*) FROM (SELECT 1 FROM "{table}" LIMIT {ONLINE_INDEX_MIN_ROWS}) AS t'))
    if (rows or 0) < ONLINE_INDEX_MIN_ROWS:
        create_index(table, name, columns)
        return
    quoted = ", ".join(f'"{column}"' for column in columns)
    with op.get_context().autocommit_block():
        invalid = op.get_bind().scalar(
            sa.text("SELECT NOT indisvalid FROM pg_index WHERE indexrelid = to_regclass(:name)"), {"name": name}
        )
        if invalid:
            op.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{name}"')
        op.execute(f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{name}" ON "{table}" ({quoted})')


def drop_index(table: str, name: str) -> None:
    with op.batch_alter_table(table) as batch:
        batch.drop_index(name)


def add_column(table: str, column: sa.Column[Any]) -> None:
    """Add a column (nullable, or with a server default: existing rows need a value)."""
    if not column.nullable and column.server_default is None:
        raise ValueError(f"{table}.{column.name}: a new NOT NULL column needs a server_default")
    with op.batch_alter_table(table) as batch:
        batch.add_column(column)


def drop_column(table: str, name: str) -> None:
    with op.batch_alter_table(table) as batch:
        batch.drop_column(name)


# -- versioned changes (frozen once called by a revision) ----------------------------------------------------


def create_job_state_v1() -> None:
    """job_state (periodic jobs, hunan_shared.jobs) and the age indexes retention deletes by.

    The two indexes are built first and online (`create_index_online`: CONCURRENTLY on PostgreSQL when the table
    is large, since inbox and idempotency_key may hold millions of rows by the time this runs); the schema it
    leaves is the same as when they were built with a plain CREATE INDEX after the table (ADR 0024)."""
    create_index_online("inbox", "ix_inbox_processed_at", ["processed_at"])
    create_index_online("idempotency_key", "ix_idempotency_key_created_at", ["created_at"])
    create_table(
        "job_state",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("last_started_at", AwareDateTime(timezone=True), nullable=True),
        sa.Column("last_finished_at", AwareDateTime(timezone=True), nullable=True),
        sa.Column("last_success_at", AwareDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_duration_seconds", sa.Float(), nullable=True),
        sa.Column("last_items", sa.Integer(), nullable=True),
        sa.Column("runs", sa.Integer(), server_default="0", nullable=False),
        sa.Column("consecutive_failures", sa.Integer(), server_default="0", nullable=False),
        sa.Column("checkpoint", sa.JSON(), nullable=True, comment="progress saved by a resumable job"),
        sa.Column("owner", sa.String(length=200), nullable=True, comment="process that ran it last"),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_job_state")),
    )


def drop_job_state_v1() -> None:
    drop_index("idempotency_key", "ix_idempotency_key_created_at")
    drop_index("inbox", "ix_inbox_processed_at")
    op.drop_table("job_state")
