"""Project library life cycle 项目全生命周期管理 (W1) and its guards: Opinion (八), (十二), (十三).

`next_project_state(state, action)` is the state machine; the guards are separate pure functions the
service layer runs before the transitions that need them (R17 reserve deadline, R18 completeness,
R19 control figure, R20/R28 grounds for reduction or cancellation).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from hunan_budget.rules.basis import BudgetRuleError, decide, design, non_negative, opinion
from hunan_shared.legal import Decision, IllegalTransition


class ProjectState(StrEnum):
    DRAFT = "DRAFT"
    RESERVED = "RESERVED"  # 储备
    IN_LIBRARY = "IN_LIBRARY"  # 入库
    REJECTED = "REJECTED"
    IN_BUDGET_LIBRARY = "IN_BUDGET_LIBRARY"  # 纳入预算项目库
    FUNDED = "FUNDED"
    EXECUTING = "EXECUTING"  # 执行
    REDUCED = "REDUCED"  # 调减
    CANCELLED = "CANCELLED"  # 取消
    COMPLETED = "COMPLETED"


class ProjectAction(StrEnum):
    RESERVE = "reserve"
    PASS_REVIEW = "pass_review"
    FAIL_REVIEW = "fail_review"
    ADMIT = "admit"
    FUND = "fund"
    START = "start"
    REDUCE = "reduce"
    CANCEL = "cancel"
    COMPLETE = "complete"
    ROLL_OVER = "roll_over"  # 滚动管理: not funded this year, stays in the library for the next


class ReductionGround(StrEnum):
    """Why money is taken from an executing project (R20 slow progress, R28 performance result)."""

    SLOW_PROGRESS = "SLOW_PROGRESS"  # 进度缓慢 (R20)
    TARGET_UNLIKELY = "TARGET_UNLIKELY"  # 预计难以实现目标 (R20)
    PERFORMANCE_INEFFICIENT = "PERFORMANCE_INEFFICIENT"  # 低效 (R28)
    PERFORMANCE_INEFFECTIVE = "PERFORMANCE_INEFFECTIVE"  # 无效 (R28)


class IllegalProjectTransition(IllegalTransition, BudgetRuleError):
    def __init__(self, state: ProjectState, action: ProjectAction):
        super().__init__(f"project library (W1): cannot {action.value} a project that is {state.value}", basis=(_W1,))
        self.state, self.action = state, action


S, A = ProjectState, ProjectAction
_W1 = opinion("(八)", "W1", "项目全生命周期管理，预算项目库滚动管理")
TRANSITIONS: dict[tuple[ProjectState, ProjectAction], ProjectState] = {
    (S.DRAFT, A.RESERVE): S.RESERVED,
    (S.RESERVED, A.PASS_REVIEW): S.IN_LIBRARY,
    (S.RESERVED, A.FAIL_REVIEW): S.REJECTED,
    (S.IN_LIBRARY, A.ADMIT): S.IN_BUDGET_LIBRARY,
    (S.IN_BUDGET_LIBRARY, A.FUND): S.FUNDED,
    (S.FUNDED, A.START): S.EXECUTING,
    (S.EXECUTING, A.REDUCE): S.REDUCED,
    (S.EXECUTING, A.CANCEL): S.CANCELLED,
    (S.EXECUTING, A.COMPLETE): S.COMPLETED,
    # A reduced project keeps executing with less money: it can still finish, or be cut further to zero.
    (S.REDUCED, A.COMPLETE): S.COMPLETED,
    (S.REDUCED, A.CANCEL): S.CANCELLED,
    (S.IN_LIBRARY, A.ROLL_OVER): S.IN_LIBRARY,
    (S.IN_BUDGET_LIBRARY, A.ROLL_OVER): S.IN_BUDGET_LIBRARY,
}
TERMINAL = frozenset({S.REJECTED, S.CANCELLED, S.COMPLETED})


def next_project_state(state: ProjectState, action: ProjectAction) -> Decision[ProjectState]:
    """W1 / Opinion (八): the project library state machine (储备 → 入库 → 预算项目库 → 执行 → 完成)."""
    try:
        new = TRANSITIONS[(ProjectState(state), ProjectAction(action))]
    except KeyError:
        raise IllegalProjectTransition(ProjectState(state), ProjectAction(action)) from None
    return decide(new, f"{state} --{action}--> {new}", _W1)


# --- R17 reserve deadline ----------------------------------------------------------------------------

RESERVE_DEADLINE = (6, 30)  # 每年6月30日前 (Opinion (八))


def reserve_started_on_time(started_on: dt.date, budget_year: int, deadline_inclusive: bool = True) -> Decision[bool]:
    """R17 / Opinion (八): next-year project reserve work starts before 30 June of the previous year.

    "6月30日前" is read as including 30 June by default (configurable: BUDGET_RESERVE_DEADLINE_INCLUSIVE).
    """
    deadline = dt.date(budget_year - 1, *RESERVE_DEADLINE)
    on_time = started_on <= deadline if deadline_inclusive else started_on < deadline
    reason = f"reserve for {budget_year} started {started_on.isoformat()}, deadline {deadline.isoformat()}" + (
        " (inclusive)" if deadline_inclusive else " (exclusive)"
    )
    return decide(
        on_time, reason + ("" if on_time else ": late"), opinion("(八)", "R17", "每年6月30日前启动下一年度项目储备")
    )


# --- R18 completeness ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProjectElements:
    """The elements Opinion (八) requires before a project may enter the budget project library."""

    approval_basis: str | None  # 立项依据
    period_start: dt.date | None  # 实施期限
    period_end: dt.date | None
    budget_requirement: Decimal | None  # 预算需求
    feasibility_study_done: bool  # 可行性研究论证
    entry_review_done: bool  # 入库评审


def missing_elements(project: ProjectElements) -> Decision[list[str]]:
    """R18 / Opinion (八): 要素不完整或未完成前期工作的项目，不得纳入预算项目库，不得安排预算.

    Returns the missing elements (empty list = complete).
    """
    missing: list[str] = []
    if not (project.approval_basis or "").strip():
        missing.append("approval_basis 立项依据")
    if project.period_start is None or project.period_end is None:
        missing.append("implementation period 实施期限")
    elif project.period_end < project.period_start:
        missing.append("implementation period 实施期限 (ends before it starts)")
    if project.budget_requirement is None or project.budget_requirement <= 0:
        missing.append("budget_requirement 预算需求")
    if not project.feasibility_study_done:
        missing.append("feasibility study 可行性研究论证")
    if not project.entry_review_done:
        missing.append("entry review 入库评审")
    reason = "complete" if not missing else "missing: " + ", ".join(missing)
    return decide(missing, reason, opinion("(八)", "R18", "要素不完整或未完成前期工作的项目，不得纳入预算项目库"))


# --- R19 control figure ----------------------------------------------------------------------------------


def fits_control_figure(already_admitted: Decimal, requested: Decimal, control_figure: Decimal) -> Decision[bool]:
    """R19 / Opinion (八): projects enter the budget project library within the budget control figure 预算控制数.

    Sum of admitted requests including this one ≤ control figure (equal is within).
    """
    already_admitted = non_negative("already_admitted", already_admitted)
    requested = non_negative("requested", requested)
    control_figure = non_negative("control_figure", control_figure)
    total = already_admitted + requested
    fits = total <= control_figure
    relation = "≤" if fits else ">"
    reason = f"admitted {already_admitted} + requested {requested} = {total} {relation} control figure {control_figure}"
    return decide(fits, reason, opinion("(八)", "R19", "在预算控制数内按轻重缓急择优纳入预算项目库"))


# --- R20 / R28 reduction grounds ----------------------------------------------------------------------------


def reduction_allowed(grounds: list[ReductionGround]) -> Decision[bool]:
    """R20 / Opinion (八) and R28 / Opinion (十二): an executing project's money is reduced or cancelled only
    for slow progress, an unlikely target, or an INEFFICIENT/INEFFECTIVE performance result (the latter "一律")."""
    grounds = [ReductionGround(g) for g in grounds]
    basis = []
    if any(g in (ReductionGround.SLOW_PROGRESS, ReductionGround.TARGET_UNLIKELY) for g in grounds):
        basis.append(opinion("(八)", "R20", "对进度缓慢或预计无法实现目标的项目，调减或取消预算"))
    if any(g in (ReductionGround.PERFORMANCE_INEFFICIENT, ReductionGround.PERFORMANCE_INEFFECTIVE) for g in grounds):
        basis.append(opinion("(十二)", "R28", "低效无效资金一律削减或取消"))
    if not grounds:
        return decide(
            False,
            "no ground stated: reduction needs R20 or R28 grounds",
            opinion("(八)", "R20"),
            opinion("(十二)", "R28"),
        )
    return decide(True, "grounds: " + ", ".join(g.value for g in grounds), *basis)


def ongoing_first(projects: list[tuple[str, bool, int]]) -> Decision[list[str]]:
    """R20 / Opinion (八): in-construction projects are funded before new ones, then by priority (1 = highest).

    `projects` are (id, in_construction, priority); returns the ids in funding order (stable for ties).
    """
    ordered = sorted(projects, key=lambda p: (not p[1], p[2]))
    return decide(
        [p[0] for p in ordered],
        "in-construction first, then by priority",
        opinion("(八)", "R20", "优先保障在建项目"),
        design("R19", "priority 1 is the most urgent"),
    )
