"""Client of the trees service's habitat-conflict check (trees Measures Art. 25): the seam the service layer uses.

The service layer takes any object with `habitat_check(...)`; production uses `HttpTreesClient` (httpx, short
timeout, traced); tests pass an `httpx.MockTransport` or forward to an in-process trees app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, Protocol

import httpx
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from pydantic import BaseModel, ValidationError

from hunan_shared.errors import DomainError, InvalidInput


class TreesUnavailable(DomainError):
    """The trees service could not answer; nothing was written (503, retry later)."""

    status = 503
    slug = "dependency-unavailable"
    title = "The trees service is unavailable"


class HabitatCheck(BaseModel):
    """The part of the trees answer business_env relies on (tolerant of extra fields)."""

    conflict: bool
    outcome: Literal["NO_CONFLICT", "AVOIDANCE_REQUIRED", "PROTECTION_PLAN_REQUIRED", "PROHIBITED"]
    reason: str
    trees: list[dict[str, Any]]
    basis: list[dict[str, Any]]

    @property
    def tree_ids(self) -> list[str]:
        return [t["tree_id"] for t in self.trees]


class TreesClient(Protocol):
    def habitat_check(self, site: dict[str, Any], tier: str, avoidable: bool, project_ref: str) -> HabitatCheck: ...


class HttpTreesClient:
    PATH = "/v1/habitat-checks"

    def __init__(
        self,
        base_url: str,
        timeout_seconds: float,
        token: Callable[[], str],
        transport: httpx.BaseTransport | None = None,
    ):
        self.base_url = base_url
        self.timeout = timeout_seconds
        self.token = token
        self.transport = transport

    def habitat_check(self, site: dict[str, Any], tier: str, avoidable: bool, project_ref: str) -> HabitatCheck:
        body = {"site": site, "tier": tier, "avoidable": avoidable, "project_ref": project_ref}
        try:
            with httpx.Client(base_url=self.base_url, timeout=self.timeout, transport=self.transport) as http:
                HTTPXClientInstrumentor.instrument_client(http)  # propagates traceparent to trees
                response = http.post(self.PATH, json=body, headers={"Authorization": f"Bearer {self.token()}"})
        except httpx.HTTPError as exc:
            raise TreesUnavailable(f"trees habitat check failed: {type(exc).__name__}") from None
        if response.status_code == 422:
            detail = _problem_detail(response)
            raise InvalidInput(f"the trees service rejected the footprint: {detail}")
        if response.status_code != 200:
            raise TreesUnavailable(f"trees habitat check answered HTTP {response.status_code}")
        try:
            return HabitatCheck.model_validate(response.json())
        except (ValueError, ValidationError):
            raise TreesUnavailable("trees habitat check answered an unexpected body") from None


def _problem_detail(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    errors = body.get("errors") or []
    return "; ".join(e.get("message", "") for e in errors) or body.get("detail") or body.get("title", "")
