"""Citations used by every science rule: the plan, its sections, the catalogue rule ids, other gazette texts."""

from __future__ import annotations

from typing import Any

from hunan_shared.legal import Basis, Decision, RuleRefusal, cite

PLAN = "湖南省全民科学素质行动规划纲要实施方案（2021—2025年）（湘政办发〔2021〕74号）"
DISABILITY_PLAN = "湖南省“十四五”残疾人保障和发展规划"
DIVISION_PLAN = "湖南省自然资源领域省与市县财政事权和支出责任划分改革实施方案（湘政办发〔2021〕73号）"
PROJECT_DESIGN = "项目设计（suite design decision, see RULES.md）"


class ScienceRuleError(RuleRefusal):
    """A rule cannot be evaluated on these values (HTTP 422 through `rule_errors()`)."""


def plan(section: str, rule_id: str, note: str | None = None) -> Basis:
    """A citation into the plan: section as printed (e.g. '三(四)1') plus the catalogue rule id (e.g. 'R23')."""
    return cite(PLAN, f"{section} ({rule_id})", note)


def design(rule_id: str, note: str) -> Basis:
    """A project design choice recorded in RULES.md (catalogue tag [D])."""
    return cite(PROJECT_DESIGN, rule_id, note)


def decide(value: Any, reason: str, *basis: Basis) -> Decision[Any]:
    return Decision(value=value, reason=reason, basis=tuple(basis))
