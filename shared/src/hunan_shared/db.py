"""Database access: one SQLAlchemy engine per service, SQLite by default and PostgreSQL in production.

Each service owns its database and its own table registry (`ServiceTables`), so tests that import several
services never mix their schemas. The platform tables (outbox, inbox, audit log, idempotency keys, job state)
are added to every service's metadata by `PlatformTables`; migrations create and change them through
`hunan_shared.platform_ops`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Engine,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    text,
)
from sqlalchemy.orm import registry
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, Session

from hunan_shared import divisions
from hunan_shared.clock import SHANGHAI
from hunan_shared.errors import InvalidInput

# Stable constraint names so Alembic migrations are identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class AwareDateTime(TypeDecorator[dt.datetime]):
    """Timezone-aware timestamps on every backend: stored in UTC, read back in Asia/Shanghai.

    SQLite has no timestamp-with-time-zone type and would silently drop the offset.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime (clock.now())")
        return value.astimezone(dt.UTC)

    def process_result_value(self, value: Any | None, dialect: Any) -> dt.datetime | None:
        if value is None:
            return None
        stored: dt.datetime = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
        return stored.astimezone(SHANGHAI)


def timestamp_field(nullable: bool = False) -> Any:
    """A SQLModel field for an aware timestamp column: `opened_at: dt.datetime = timestamp_field()`."""
    return Field(default=None, sa_column=Column(AwareDateTime(), nullable=nullable))


def new_registry() -> registry:
    """A table registry of one service: `class Base(SQLModel, registry=new_registry())`."""
    return registry(metadata=MetaData(naming_convention=NAMING_CONVENTION))


@dataclass(frozen=True)
class PlatformTables:
    """Core tables every service has: transactional outbox, idempotent inbox, audit log, idempotency keys,
    and the state of the periodic jobs (`hunan_shared.jobs`)."""

    outbox: Table
    inbox: Table
    audit_log: Table
    idempotency_key: Table
    job_state: Table

    @classmethod
    def attach(cls, metadata: MetaData) -> PlatformTables:
        outbox = Table(
            "outbox",
            metadata,
            # Column names follow Debezium's outbox pattern: aggregateid becomes the Kafka key.
            Column("id", String(36), primary_key=True, comment="CloudEvent id"),
            Column("aggregatetype", String(100), nullable=False),
            Column("aggregateid", String(100), nullable=False),
            Column("type", String(200), nullable=False),
            Column("topic", String(200), nullable=False),
            Column("payload", JSON, nullable=False),
            Column("subject", String(200), nullable=True),
            Column("dataschema", String(300), nullable=True),
            Column("traceparent", String(64), nullable=True),
            Column("tracestate", String(512), nullable=True),
            Column("state", String(16), nullable=False, server_default="pending", comment="pending | sent"),
            Column("attempts", Integer, nullable=False, server_default="0"),
            Column("last_error", Text, nullable=True),
            Column("created_at", AwareDateTime(), nullable=False),
            Column("sent_at", AwareDateTime(), nullable=True),
            Index("ix_outbox_pending", "state", "created_at"),
        )
        inbox = Table(
            "inbox",
            metadata,
            Column("consumer", String(100), primary_key=True),
            Column("event_id", String(100), primary_key=True),
            Column("event_type", String(200), nullable=False),
            Column("topic", String(200), nullable=False),
            Column("processed_at", AwareDateTime(), nullable=False),
            Index("ix_inbox_processed_at", "processed_at"),  # retention deletes by age
        )
        audit_log = Table(
            "audit_log",
            metadata,
            Column("id", Integer, primary_key=True, autoincrement=True),
            Column("actor", String(200), nullable=False),
            Column("action", String(200), nullable=False),
            Column("target_type", String(100), nullable=False),
            Column("target_id", String(200), nullable=True),
            Column("at", AwareDateTime(), nullable=False),
            Column("changes", JSON, nullable=False),
            Column("trace_id", String(32), nullable=True),
            Index("ix_audit_log_target", "target_type", "target_id"),
        )
        idempotency_key = Table(
            "idempotency_key",
            metadata,
            Column("key", String(200), primary_key=True),
            Column("actor", String(200), primary_key=True),
            Column("method", String(10), nullable=False),
            Column("path", String(500), nullable=False),
            Column("request_hash", String(64), nullable=False),
            Column("status_code", Integer, nullable=False),
            Column("response_body", JSON, nullable=False),
            Column("created_at", AwareDateTime(), nullable=False),
            Index("ix_idempotency_key_created_at", "created_at"),  # retention deletes by age
        )
        job_state = Table(
            "job_state",
            metadata,
            Column("name", String(100), primary_key=True),
            Column("last_started_at", AwareDateTime(), nullable=True),
            Column("last_finished_at", AwareDateTime(), nullable=True),
            Column("last_success_at", AwareDateTime(), nullable=True),
            Column("last_error", Text, nullable=True),
            Column("last_duration_seconds", Float, nullable=True),
            Column("last_items", Integer, nullable=True),
            Column("runs", Integer, nullable=False, server_default="0"),
            Column("consecutive_failures", Integer, nullable=False, server_default="0"),
            Column("checkpoint", JSON, nullable=True, comment="progress saved by a resumable job"),
            Column("owner", String(200), nullable=True, comment="process that ran it last"),
        )
        return cls(outbox, inbox, audit_log, idempotency_key, job_state)


def make_engine(url: str, pool_size: int = 20) -> Engine:
    # hide_parameters: SQL errors end up in logs, and their bound values may be personal data.
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:  # pragma: no cover - trivial
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    # No pool_pre_ping (a round trip per checkout): after a database restart the first request on a stale
    # connection fails with 503 and SQLAlchemy discards the pool, so the next ones reconnect.
    return create_engine(url, pool_size=pool_size, max_overflow=10, pool_recycle=1800, hide_parameters=True)


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work commits on success and rolls back on any exception."""
    with Session(engine, expire_on_commit=False) as session:
        with session.begin():
            yield session


def ping(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def in_division(column: Any, code: str, *, with_ancestors: bool = False) -> ColumnElement[bool]:
    """A WHERE clause for a division filter: `column` holds a code inside (or equal to) `code`.

    `code` may be the province, a prefecture or a county; rows may hold codes of any level. With
    `with_ancestors`, rows aimed at a division that contains `code` match too (a campaign for a city reaches
    its counties). An unknown code is bad input (422), not an empty page.
    """
    from hunan_shared.types import InvalidCode, normalise_digits

    try:
        code = normalise_digits(code, what="division code")  # a full-width code filters like the ASCII one
        codes = set(divisions.covered_codes(code))
        if with_ancestors:
            codes.update(divisions.ancestors(code))
    except (divisions.UnknownDivision, InvalidCode) as exc:
        raise InvalidInput(str(exc)) from None
    clause: ColumnElement[bool] = column.in_(sorted(codes))
    return clause
