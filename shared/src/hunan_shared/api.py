"""HTTP building blocks shared by every service's routers: auth'd sessions, audited writes with
Idempotency-Key support, and bounded pagination."""

from __future__ import annotations

import hashlib
import json
from collections.abc import AsyncIterator, Callable
from typing import Any, Generic, TypeVar

import anyio.to_thread
from fastapi import Depends, Query, Request, Security
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from hunan_shared import clock
from hunan_shared.auth import Principal, current_principal
from hunan_shared.db import is_postgres
from hunan_shared.errors import Conflict, InvalidInput
from hunan_shared.uow import UnitOfWork, unit_of_work

T = TypeVar("T")
MAX_IDEMPOTENCY_KEY = 200
# Stored responses carry the caller they were rendered for: {REPLAY_FORMAT: 2, "scopes": [...], "body": ...}.
REPLAY_FORMAT = "hunan.idempotency"


class Page(BaseModel, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page, absent on the last page")


class PageParams(BaseModel):
    limit: int
    offset: int

    def page(self, rows: list[Any], convert: Callable[[Any], T] = lambda x: x) -> Page[T]:
        """Build a page from `limit + 1` fetched rows (the extra row only tells whether more exist)."""
        more = len(rows) > self.limit
        return Page(
            items=[convert(r) for r in rows[: self.limit]],
            limit=self.limit,
            offset=self.offset,
            next_offset=self.offset + self.limit if more else None,
        )


def page_params(
    limit: int = Query(50, ge=1, le=500, description="Page size (at most 500)"),
    offset: int = Query(0, ge=0, le=1_000_000, description="Rows to skip"),
) -> PageParams:
    return PageParams(limit=limit, offset=offset)


async def db_session(request: Request) -> AsyncIterator[Session]:
    """The request's session. Async so FastAPI does not send its opening to a worker thread (opening a
    session does no I/O: it connects on first use, in the endpoint's thread); closing one that was used
    (rollback, connection back to the pool) runs in a worker thread, shielded from cancellation."""
    session = Session(request.app.state.platform.engine, expire_on_commit=False)
    try:
        yield session
    finally:
        if session.in_transaction():
            await anyio.to_thread.run_sync(session.close)
        else:
            session.close()


class Writer:
    """Runs one mutation in a unit of work: audit log enforced, Idempotency-Key honoured."""

    def __init__(self, request: Request, principal: Principal):
        self.request = request
        self.principal = principal
        self.platform = request.app.state.platform

    def run(
        self, fn: Callable[[UnitOfWork], Any], *, status_code: int = 200, body: BaseModel | str | bytes | None = None
    ) -> JSONResponse:
        """`body` identifies the request for Idempotency-Key: a parsed model, or the raw text/bytes (e.g. CSV)."""
        key = self.request.headers.get("Idempotency-Key")
        if key is not None and not (0 < len(key) <= MAX_IDEMPOTENCY_KEY):
            raise InvalidInput(f"Idempotency-Key must be 1..{MAX_IDEMPOTENCY_KEY} characters")
        if isinstance(body, (str, bytes)):
            identity = body.encode() if isinstance(body, str) else body
        else:
            identity = json.dumps(jsonable_encoder(body), sort_keys=True, ensure_ascii=False).encode()
        request_hash = hashlib.sha256(identity + self.request.url.path.encode()).hexdigest()
        try:
            with unit_of_work(
                self.platform.engine, self.platform.tables, self.platform.source, self.principal.subject
            ) as uow:
                if key is not None:
                    # Concurrent retries with one key queue here (PostgreSQL), so the second sees the first's result.
                    self._lock(uow.session, key)
                    replay = self._stored(uow.session, key, request_hash)
                    if replay is not None:
                        return replay
                result = fn(uow)
                if uow.audit_entries == 0:
                    raise RuntimeError(
                        f"{self.request.method} {self.request.url.path} changed data without an audit entry"
                    )
                content = jsonable_encoder(result)
                if key is not None:
                    uow.session.execute(
                        insert(self.platform.tables.idempotency_key).values(
                            key=key,
                            actor=self.principal.subject,
                            method=self.request.method,
                            path=self.request.url.path,
                            request_hash=request_hash,
                            status_code=status_code,
                            response_body={
                                REPLAY_FORMAT: 2,
                                "scopes": sorted(self.principal.scopes),
                                "body": content,
                            },
                            created_at=clock.now(),
                        )
                    )
        except (IntegrityError, Conflict):
            # Without the lock (SQLite) a concurrent retry may reach the domain's own uniqueness check first.
            if key is None:
                raise
            with Session(self.platform.engine) as session:
                replay = self._stored(session, key, request_hash)
            if replay is None:
                raise
            return replay
        return JSONResponse(content, status_code=status_code)

    def _lock(self, session: Session, key: str) -> None:
        if is_postgres(self.platform.engine):
            digest = hashlib.sha256(f"{self.principal.subject}\0{key}".encode()).digest()
            session.execute(select(func.pg_advisory_xact_lock(int.from_bytes(digest[:8], "big", signed=True))))

    def _stored(self, session: Session, key: str, request_hash: str) -> JSONResponse | None:
        table = self.platform.tables.idempotency_key
        row = session.execute(select(table).where(table.c.key == key, table.c.actor == self.principal.subject)).first()
        if row is None:
            return None
        if row.request_hash != request_hash:
            raise InvalidInput("Idempotency-Key was already used for a different request")
        stored = row.response_body
        # A replay is the response rendered for the first caller: only the same subject with the same scopes
        # may see it (a token without `disability:pii` must not replay an officer's unmasked response).
        if not (isinstance(stored, dict) and stored.get(REPLAY_FORMAT) == 2):
            raise Conflict("Idempotency-Key was stored before replays were bound to scopes; use a new key")
        if frozenset(stored["scopes"]) != self.principal.scopes:
            raise Conflict(
                "Idempotency-Key was used by this subject with other scopes; its stored response is not "
                "replayed to a different authorisation — use a new key"
            )
        return JSONResponse(stored["body"], status_code=row.status_code, headers={"Idempotent-Replayed": "true"})


async def writer(request: Request, principal: Principal = Security(current_principal)) -> Writer:
    """Dependency for mutations: `write: Writer = Security(writer, scopes=["emergency:declare"])`."""
    return Writer(request, principal)


def reader(scope: str) -> Any:
    """Dependency for reads that need `scope` (e.g. `trees:read`); returns the principal."""

    async def _read(principal: Principal = Security(current_principal, scopes=[scope])) -> Principal:
        return principal

    return Depends(_read)
