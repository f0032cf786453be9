"""Citations used by every budget rule: the two source documents, their sections and the catalogue rule ids."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hunan_shared.legal import Basis, Decision, RuleRefusal, cite

OPINION = "湖南省人民政府关于进一步深化预算管理制度改革的实施意见（湘政发〔2021〕14号）"
DIVISION_PLAN = "湖南省自然资源领域省与市县财政事权和支出责任划分改革实施方案（湘政办发〔2021〕73号）"
EMERGENCY_PLAN = "湖南省“十四五”应急体系建设规划"
TREES_ORDER = "湖南省古树名木保护办法（省政府令第306号）"
DISABILITY_PLAN = "湖南省“十四五”残疾人保障和发展规划"
PROJECT_DESIGN = "项目设计（suite design decision, see RULES.md）"


class BudgetRuleError(RuleRefusal):
    """A rule cannot be evaluated on these values, or the values break the rule outright (HTTP 422 through
    `hunan_shared.errors.rule_errors()`)."""


def opinion(part: str, rule_id: str, note: str | None = None) -> Basis:
    """A citation into the Opinion, e.g. opinion("(十三)", "R31") → 'Opinion (十三) / 实施意见（十三） (R31)'."""
    chinese = part.replace("(", "（").replace(")", "）")
    return cite(OPINION, f"Opinion {part} / 实施意见{chinese} ({rule_id})", note)


def division_plan(section: str, rule_id: str, note: str | None = None) -> Basis:
    """A citation into the Division Plan, e.g. division_plan("二(六)", "R56")."""
    chinese = section.replace("(", "（").replace(")", "）")
    return cite(DIVISION_PLAN, f"Division Plan {section} / 划分方案 {chinese} ({rule_id})", note)


def design(rule_id: str, note: str) -> Basis:
    """A project design choice recorded in RULES.md (catalogue tag [DESIGN])."""
    return cite(PROJECT_DESIGN, rule_id, note)


def decide(value: Any, reason: str, *basis: Basis) -> Decision[Any]:
    return Decision(value=value, reason=reason, basis=tuple(basis))


def non_negative(name: str, amount: Decimal) -> Decimal:
    amount = Decimal(amount)
    if amount < 0:
        raise BudgetRuleError(f"{name} must not be negative, got {amount}")
    return amount


def require(decision: Decision[Any], ok: bool | None = None) -> Decision[Any]:
    """Refuse with the decision's reason and basis unless it allows (`ok`, default: its value is truthy).

    Use cases call `with rule_errors(): require(rule(...))` so a refusal carries its legal basis as a 422."""
    if not (decision.ok if ok is None else ok):
        raise BudgetRuleError(decision.reason, basis=decision.basis)
    return decision
