"""Domain exceptions raised by service layers; `problems.py` maps them to RFC 9457 responses."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hunan_shared.legal import Basis, IllegalTransition, RuleRefusal


class DomainError(Exception):
    status = 422
    slug = "rule-violation"
    title = "The request breaks a rule"

    def __init__(self, detail: str, *, basis: tuple[Basis, ...] = (), extra: dict[str, Any] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.basis = basis
        self.extra = extra or {}


class NotFound(DomainError):
    status = 404
    slug = "not-found"
    title = "Resource not found"


class Conflict(DomainError):
    status = 409
    slug = "conflict"
    title = "The request conflicts with the current state"


class InvalidTransition(Conflict):
    slug = "invalid-transition"
    title = "That state change is not allowed"


class RuleViolation(DomainError):
    """A request that a regulation forbids; carries the article that forbids it."""


class InvalidInput(DomainError):
    status = 422
    slug = "invalid-input"
    title = "Invalid input"


class ServiceUnavailable(DomainError):
    """A dependency (another service, the database) cannot answer now; the client should retry."""

    status = 503
    slug = "service-unavailable"
    title = "A dependency is unavailable"

    def __init__(self, detail: str, *, retry_after_seconds: int = 5, **kwargs: Any):
        super().__init__(detail, **kwargs)
        self.retry_after_seconds = retry_after_seconds


@contextmanager
def rule_errors() -> Iterator[None]:
    """Run rule calls; a refusal becomes problem+json: an illegal workflow step 409, any other refusal 422.

    with rule_errors():
        transition = next_state(Status(row.status), Action.CLOSE)
    """
    try:
        yield
    except IllegalTransition as exc:
        raise InvalidTransition(str(exc), basis=exc.basis) from None
    except RuleRefusal as exc:
        raise RuleViolation(str(exc), basis=exc.basis) from None
