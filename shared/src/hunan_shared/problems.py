"""RFC 9457 problem details (`application/problem+json`) for every failure, in one place."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DataError, IntegrityError, InterfaceError, OperationalError, StatementError
from starlette.exceptions import HTTPException as StarletteHTTPException

from hunan_shared.divisions import UnknownDivision
from hunan_shared.errors import DomainError, ServiceUnavailable

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


def problem_type(slug: str) -> str:
    return f"urn:hunan:problem:{slug}"


class FieldError(BaseModel):
    field: str
    message: str
    type: str


class Problem(BaseModel):
    """RFC 9457 problem details (extension members allowed, as the RFC permits)."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(description="URI identifying the problem type")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = Field(None, description="The request path")
    errors: list[FieldError] | None = Field(None, description="Field-level validation errors")
    basis: list[dict[str, Any]] | None = Field(None, description="Legal basis when a regulation forbids the request")


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": Problem, "description": description, "content": {PROBLEM_JSON: {}}}
    for status, description in {
        400: "Malformed request",
        401: "Missing or invalid bearer token",
        403: "Token lacks the required scope",
        404: "Not found",
        409: "Conflict with the current state",
        413: "Request body too large",
        415: "Unsupported content type",
        422: "Validation failed or a rule forbids the request",
        503: "A dependency (database or broker) is unavailable",
    }.items()
}

_SLUGS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    408: "request-timeout",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    422: "validation-error",
    429: "too-many-requests",
    503: "service-unavailable",
}


def problem_response(
    status: int,
    title: str,
    *,
    detail: str | None = None,
    instance: str | None = None,
    slug: str | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = Problem(
        type=problem_type(slug or _SLUGS.get(status, "error")),
        title=title,
        status=status,
        detail=detail,
        instance=instance,
        **extra,
    ).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _location(loc: tuple[int | str, ...] | list[int | str]) -> str:
    return ".".join(str(part) for part in loc if part != "body") or "body"


def _out_of_range(request: Request) -> JSONResponse:
    return problem_response(
        422,
        "Invalid value",
        detail="A date, time or number is outside the range the service can represent.",
        instance=request.url.path,
        slug="invalid-value",
    )


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [FieldError(field=_location(e["loc"]), message=e["msg"], type=e["type"]) for e in exc.errors()]
        return problem_response(
            422, "Validation failed", detail=f"{len(errors)} invalid field(s)", instance=request.url.path, errors=errors
        )

    @app.exception_handler(DomainError)
    async def _domain(request: Request, exc: DomainError) -> JSONResponse:
        basis = [b.model_dump() for b in exc.basis] or None
        headers = {"Retry-After": str(exc.retry_after_seconds)} if isinstance(exc, ServiceUnavailable) else None
        return problem_response(
            exc.status,
            exc.title,
            detail=exc.detail,
            instance=request.url.path,
            slug=exc.slug,
            basis=basis,
            headers=headers,
            **exc.extra,
        )

    @app.exception_handler(UnknownDivision)
    async def _division(request: Request, exc: UnknownDivision) -> JSONResponse:
        return problem_response(
            422, "Unknown division", detail=str(exc), instance=request.url.path, slug="unknown-division"
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        title = {401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed"}.get(
            exc.status_code, "Request failed"
        )
        return problem_response(
            exc.status_code,
            title,
            detail=str(exc.detail) if exc.detail else None,
            instance=request.url.path,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        return problem_response(
            409, "Conflicting write", detail="The record conflicts with an existing one.", instance=request.url.path
        )

    @app.exception_handler(DataError)
    async def _data(request: Request, exc: DataError) -> JSONResponse:
        # A value the database cannot store (out-of-range integer, NUL character, ...): the client's input.
        return problem_response(
            422,
            "Invalid value",
            detail="A value is outside what the field can hold.",
            instance=request.url.path,
            slug="invalid-value",
        )

    @app.exception_handler(OverflowError)
    async def _overflow(request: Request, exc: OverflowError) -> JSONResponse:
        # A date/time or number the input allowed but arithmetic cannot hold (a year-1 time at +14:00 shifted
        # to UTC): the client's input, never a 500 (which would also reset the keep-alive connection).
        return _out_of_range(request)

    @app.exception_handler(StatementError)
    async def _statement(request: Request, exc: StatementError) -> JSONResponse:
        # Raised while binding a value (e.g. converting a timestamp to UTC) before the database saw it.
        if isinstance(exc.orig, OverflowError):
            return _out_of_range(request)
        return await _unexpected(request, exc)

    @app.exception_handler(OperationalError)
    @app.exception_handler(InterfaceError)
    async def _database(request: Request, exc: Exception) -> JSONResponse:
        log.warning("database unavailable", extra={"path": request.url.path, "error": type(exc).__name__})
        return problem_response(
            503,
            "Database unavailable",
            detail="The service's database cannot be reached; retry later.",
            instance=request.url.path,
            headers={"Retry-After": "5"},
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", extra={"path": request.url.path})
        return problem_response(
            500, "Internal error", detail="An unexpected error occurred; it has been logged.", instance=request.url.path
        )
