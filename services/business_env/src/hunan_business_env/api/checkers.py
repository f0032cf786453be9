"""The one route shape of the checkers other agencies call (checks.py, project_checks.py): `POST /v1/checks/<path>`
with the checker's command as the body and its verdict as the response, behind `business_env:read`. A checker
stores nothing; the body and verdict types are the use case's own annotations, so a route cannot drift from the
function it serves."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_type_hints

from fastapi import APIRouter

from hunan_shared.api import reader


@dataclass(frozen=True)
class Checker:
    """One checker route: its path under /v1/checks, its OpenAPI operationId and summary, the use case it runs."""

    path: str
    operation_id: str
    check: Callable[[Any], Any]
    summary: str


def _endpoint(check: Callable[[Any], Any]) -> tuple[Callable[..., Any], Any]:
    """A route function taking the use case's command as `body` (FastAPI reads its signature); its verdict type."""
    hints = get_type_hints(check)
    (command,) = (hint for name, hint in hints.items() if name != "return")

    def endpoint(body: Any) -> Any:
        return check(body)

    endpoint.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter("body", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=command)]
    )
    endpoint.__name__ = check.__name__
    return endpoint, hints["return"]


def checker_router(*checkers: Checker) -> APIRouter:
    """The routes of `checkers`, in order, under /v1/checks (tag `checks`), each readable with business_env:read."""
    router = APIRouter(prefix="/v1/checks", tags=["checks"], dependencies=[reader("business_env:read")])
    for checker in checkers:
        endpoint, verdict = _endpoint(checker.check)
        router.add_api_route(
            checker.path,
            endpoint,
            methods=["POST"],
            response_model=verdict,
            operation_id=checker.operation_id,
            summary=checker.summary,
        )
    return router
