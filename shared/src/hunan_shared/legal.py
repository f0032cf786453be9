"""Legal basis carried by every rule decision: which document and which article decided it."""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Basis(BaseModel):
    """A citation into one of the seven gazette documents."""

    model_config = ConfigDict(frozen=True)

    document: str = Field(description="Short name of the source document, e.g. 湖南省古树名木保护办法")
    article: str = Field(description="Article or section, e.g. 'Art. 10 / 第十条' or '第三章（二）'")
    note: str | None = Field(default=None, description="One line on what the article says here")


class Decision(BaseModel, Generic[T]):
    """The outcome of a pure rule plus why: the value, a human-readable reason and its legal basis."""

    model_config = ConfigDict(frozen=True)

    value: T
    reason: str
    basis: tuple[Basis, ...]

    @property
    def ok(self) -> bool:
        """Convenience for boolean rules: True when the value is truthy."""
        return bool(self.value)


def cite(document: str, article: str, note: str | None = None) -> Basis:
    return Basis(document=document, article=article, note=note)


class RuleRefusal(ValueError):
    """Base of every domain error a pure rule raises: the regulation refuses these values (HTTP 422).

    Each service's rule errors subclass it (`class BudgetRuleError(RuleRefusal)`), so one
    `hunan_shared.errors.rule_errors()` turns all of them into problem+json. It stays a ValueError, as the
    services' rule errors were before. `basis` names the articles that refuse, when the rule knows them.
    """

    def __init__(self, message: str = "", *, basis: tuple[Basis, ...] = ()):
        super().__init__(message)
        self.basis = basis


class IllegalTransition(RuleRefusal):
    """A workflow step the rules do not allow from the current state (HTTP 409)."""
