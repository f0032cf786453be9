"""One place where the rules' domain errors become the platform's problem+json exceptions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from hunan_emergency.rules.basis import EmergencyRuleError
from hunan_emergency.rules.workflows import IllegalTransition
from hunan_shared.errors import InvalidTransition, RuleViolation


@contextmanager
def rule_errors() -> Iterator[None]:
    """Run rule calls; an illegal workflow step becomes 409, any other rule refusal 422."""
    try:
        yield
    except IllegalTransition as exc:
        raise InvalidTransition(str(exc)) from None
    except EmergencyRuleError as exc:
        raise RuleViolation(str(exc)) from None
