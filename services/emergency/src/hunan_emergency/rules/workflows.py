"""State machines of the emergency workflows W1–W7 as pure transition functions.

Each `next_*_state(current, action)` returns a Decision carrying the new state, or raises
IllegalTransition naming the machine, the state and the action, so the service maps it to a 409.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import TypeVar

from hunan_emergency.rules.basis import EmergencyRuleError, decide, plan_basis
from hunan_shared import legal
from hunan_shared.legal import Basis, Decision

S = TypeVar("S", bound=StrEnum)
A = TypeVar("A", bound=StrEnum)


class IllegalTransition(EmergencyRuleError, legal.IllegalTransition):
    """An action that the workflow does not allow in the current state."""

    def __init__(self, machine: str, current: StrEnum, action: StrEnum, detail: str | None = None):
        message = f"{machine}: cannot {action.value} when {current.value}"
        super().__init__(f"{message} ({detail})" if detail else message)
        self.machine, self.current, self.action = machine, current, action


def _step(machine: str, table: Mapping[tuple[S, A], S], current: S, action: A, basis: tuple[Basis, ...]) -> Decision[S]:
    try:
        new = table[(current, action)]
    except KeyError:
        raise IllegalTransition(machine, current, action) from None
    return decide(new, f"{machine}: {current.value} --{action.value}--> {new.value}", *basis)


# ---------------------------------------------------------------- W3 dispatch (needed by W1's close guard)


class DispatchState(StrEnum):
    RECEIVED = "RECEIVED"
    PLANNING = "PLANNING"
    PLANNED = "PLANNED"
    PARTIALLY_PLANNED = "PARTIALLY_PLANNED"
    SHIPPED = "SHIPPED"
    DELIVERED = "DELIVERED"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"


class DispatchAction(StrEnum):
    START_PLANNING = "start_planning"
    PLAN_IN_FULL = "plan_in_full"
    PLAN_WITH_SHORTFALL = "plan_with_shortfall"
    SHIP = "ship"
    DELIVER = "deliver"
    CLOSE = "close"
    CANCEL = "cancel"


# A dispatch whose goods are committed or on the road: the disaster must not close under it (W1 guard).
DISPATCH_IN_PROGRESS = frozenset({DispatchState.PLANNED, DispatchState.PARTIALLY_PLANNED, DispatchState.SHIPPED})

_DISPATCH_BASIS = (plan_basis("Plan 8(三) / 第八章（三）", "物资调运"), plan_basis("专栏6"))
_DISPATCH: dict[tuple[DispatchState, DispatchAction], DispatchState] = {
    (DispatchState.RECEIVED, DispatchAction.START_PLANNING): DispatchState.PLANNING,
    (DispatchState.PLANNING, DispatchAction.PLAN_IN_FULL): DispatchState.PLANNED,
    (DispatchState.PLANNING, DispatchAction.PLAN_WITH_SHORTFALL): DispatchState.PARTIALLY_PLANNED,
    # A shortfall can be topped up later (e.g. after replenishment) by re-planning.
    (DispatchState.PARTIALLY_PLANNED, DispatchAction.PLAN_IN_FULL): DispatchState.PLANNED,
    (DispatchState.PLANNED, DispatchAction.SHIP): DispatchState.SHIPPED,
    (DispatchState.PARTIALLY_PLANNED, DispatchAction.SHIP): DispatchState.SHIPPED,
    (DispatchState.SHIPPED, DispatchAction.DELIVER): DispatchState.DELIVERED,
    (DispatchState.DELIVERED, DispatchAction.CLOSE): DispatchState.CLOSED,
    **{
        (state, DispatchAction.CANCEL): DispatchState.CANCELLED
        for state in (
            DispatchState.RECEIVED,
            DispatchState.PLANNING,
            DispatchState.PLANNED,
            DispatchState.PARTIALLY_PLANNED,
        )
    },
}


def next_dispatch_state(current: DispatchState, action: DispatchAction) -> Decision[DispatchState]:
    """Plan 8(三) / 第八章（三）: supply request → dispatch (W3): RECEIVED → PLANNING → PLANNED |
    PARTIALLY_PLANNED → SHIPPED → DELIVERED → CLOSED; cancellable until goods leave (reservations released)."""
    return _step("dispatch", _DISPATCH, current, action, _DISPATCH_BASIS)


# ---------------------------------------------------------------- W1 disaster life cycle


class DisasterState(StrEnum):
    REPORTED = "REPORTED"  # 直报
    DECLARED = "DECLARED"  # response active at a level (分级响应)
    RESPONSE_ENDED = "RESPONSE_ENDED"  # recovery: 过渡期救助, 恢复重建
    UNDER_INVESTIGATION = "UNDER_INVESTIGATION"  # 调查评估
    CLOSED = "CLOSED"
    DISMISSED = "DISMISSED"  # false alarm


class DisasterAction(StrEnum):
    DECLARE = "declare"
    CHANGE_LEVEL = "change_level"
    EXTEND_DIVISIONS = "extend_divisions"
    END_RESPONSE = "end_response"
    OPEN_INVESTIGATION = "open_investigation"
    CLOSE = "close"
    DISMISS = "dismiss"


_DISASTER_BASIS = (
    plan_basis("Plan 3(三) / 第三章（三）", "分级响应"),
    plan_basis("Plan 3(四) / 第三章（四）", "直报; 事故调查"),
)
_DISASTER: dict[tuple[DisasterState, DisasterAction], DisasterState] = {
    (DisasterState.REPORTED, DisasterAction.DECLARE): DisasterState.DECLARED,
    (DisasterState.REPORTED, DisasterAction.DISMISS): DisasterState.DISMISSED,
    (DisasterState.DECLARED, DisasterAction.CHANGE_LEVEL): DisasterState.DECLARED,
    (DisasterState.DECLARED, DisasterAction.EXTEND_DIVISIONS): DisasterState.DECLARED,
    (DisasterState.DECLARED, DisasterAction.END_RESPONSE): DisasterState.RESPONSE_ENDED,
    (DisasterState.RESPONSE_ENDED, DisasterAction.OPEN_INVESTIGATION): DisasterState.UNDER_INVESTIGATION,
    (DisasterState.UNDER_INVESTIGATION, DisasterAction.CLOSE): DisasterState.CLOSED,
}


def next_disaster_state(
    current: DisasterState, action: DisasterAction, *, dispatch_states: Iterable[DispatchState] = ()
) -> Decision[DisasterState]:
    """Plan 3(三)(四) / 第三章（三）（四）: disaster life cycle (W1): REPORTED → DECLARED (level changes and
    division extensions stay DECLARED) → RESPONSE_ENDED → UNDER_INVESTIGATION → CLOSED; REPORTED → DISMISSED.
    A disaster cannot close while any of its dispatches is planned or shipped but not delivered [DESIGN]."""
    if action is DisasterAction.CLOSE:
        open_dispatches = sorted(state.value for state in dispatch_states if state in DISPATCH_IN_PROGRESS)
        if open_dispatches:
            raise IllegalTransition(
                "disaster", current, action, f"dispatches still under way: {', '.join(open_dispatches)}"
            )
    return _step("disaster", _DISASTER, current, action, _DISASTER_BASIS)


# ---------------------------------------------------------------- W2 warning


class WarningState(StrEnum):
    DRAFT = "DRAFT"
    ISSUED = "ISSUED"
    UPDATED = "UPDATED"
    CANCELLED = "CANCELLED"
    EXPIRED = "EXPIRED"


class WarningAction(StrEnum):
    ISSUE = "issue"
    UPDATE = "update"
    CANCEL = "cancel"
    EXPIRE = "expire"


_LIVE_WARNING = (WarningState.ISSUED, WarningState.UPDATED)
_WARNING: dict[tuple[WarningState, WarningAction], WarningState] = {
    (WarningState.DRAFT, WarningAction.ISSUE): WarningState.ISSUED,
    **{(s, WarningAction.UPDATE): WarningState.UPDATED for s in _LIVE_WARNING},
    **{(s, WarningAction.CANCEL): WarningState.CANCELLED for s in _LIVE_WARNING},
    **{(s, WarningAction.EXPIRE): WarningState.EXPIRED for s in _LIVE_WARNING},
}


def next_warning_state(current: WarningState, action: WarningAction) -> Decision[WarningState]:
    """Plan 7(二) / 第七章（二）: warning life cycle (W2): DRAFT → ISSUED → UPDATED* → CANCELLED | EXPIRED;
    only a live (issued or updated) warning can be updated, cancelled or expire."""
    return _step(
        "warning",
        _WARNING,
        current,
        action,
        (plan_basis("Plan 7(二) / 第七章（二）", "预警信息发布"), plan_basis("名词解释20")),
    )


# ---------------------------------------------------------------- W4 relief


class ReliefState(StrEnum):
    OPENED = "OPENED"
    BASIC_LIVING_PROVIDED = "BASIC_LIVING_PROVIDED"
    TRANSITIONAL = "TRANSITIONAL"
    RECONSTRUCTION = "RECONSTRUCTION"
    CLOSED = "CLOSED"


class ReliefAction(StrEnum):
    PROVIDE_BASIC_LIVING = "provide_basic_living"
    START_TRANSITIONAL = "start_transitional"
    START_RECONSTRUCTION = "start_reconstruction"
    CLOSE = "close"


_RELIEF: dict[tuple[ReliefState, ReliefAction], ReliefState] = {
    (ReliefState.OPENED, ReliefAction.PROVIDE_BASIC_LIVING): ReliefState.BASIC_LIVING_PROVIDED,
    (ReliefState.BASIC_LIVING_PROVIDED, ReliefAction.START_TRANSITIONAL): ReliefState.TRANSITIONAL,
    (ReliefState.BASIC_LIVING_PROVIDED, ReliefAction.START_RECONSTRUCTION): ReliefState.RECONSTRUCTION,
    (ReliefState.TRANSITIONAL, ReliefAction.START_RECONSTRUCTION): ReliefState.RECONSTRUCTION,
    (ReliefState.BASIC_LIVING_PROVIDED, ReliefAction.CLOSE): ReliefState.CLOSED,
    (ReliefState.TRANSITIONAL, ReliefAction.CLOSE): ReliefState.CLOSED,
    (ReliefState.RECONSTRUCTION, ReliefAction.CLOSE): ReliefState.CLOSED,
}


def next_relief_state(current: ReliefState, action: ReliefAction) -> Decision[ReliefState]:
    """Plan 7(四) / 第七章（四）: relief (W4): OPENED → BASIC_LIVING_PROVIDED (the 10 h clock of R13) →
    TRANSITIONAL (过渡期生活救助) → RECONSTRUCTION (恢复重建) → CLOSED; no case closes before basic aid."""
    return _step("relief", _RELIEF, current, action, (plan_basis("Plan 7(四) / 第七章（四）", "统筹救助"),))


# ---------------------------------------------------------------- W5 major hidden danger 一单四制


class HiddenDangerState(StrEnum):
    REPORTED = "REPORTED"
    LISTED = "LISTED"  # 清单
    ASSIGNED = "ASSIGNED"  # 交办
    IN_REMEDIATION = "IN_REMEDIATION"  # 台账
    AWAITING_VERIFICATION = "AWAITING_VERIFICATION"
    NOTIFIED = "NOTIFIED"  # 通报 after the deadline passed
    DELISTED = "DELISTED"  # 销号
    DISMISSED = "DISMISSED"  # identified as not a major hidden danger


class HiddenDangerAction(StrEnum):
    IDENTIFY_AS_MAJOR = "identify_as_major"
    DISMISS = "dismiss"
    ASSIGN = "assign"
    RECORD_LEDGER_ENTRY = "record_ledger_entry"
    SUBMIT_REMEDIATION = "submit_remediation"
    VERIFY_ELIMINATED = "verify_eliminated"
    VERIFY_NOT_ELIMINATED = "verify_not_eliminated"
    NOTIFY_OVERDUE = "notify_overdue"


_OPEN_TASK = (
    HiddenDangerState.ASSIGNED,
    HiddenDangerState.IN_REMEDIATION,
    HiddenDangerState.AWAITING_VERIFICATION,
)
_HIDDEN_DANGER: dict[tuple[HiddenDangerState, HiddenDangerAction], HiddenDangerState] = {
    (HiddenDangerState.REPORTED, HiddenDangerAction.IDENTIFY_AS_MAJOR): HiddenDangerState.LISTED,
    (HiddenDangerState.REPORTED, HiddenDangerAction.DISMISS): HiddenDangerState.DISMISSED,
    (HiddenDangerState.LISTED, HiddenDangerAction.ASSIGN): HiddenDangerState.ASSIGNED,
    (HiddenDangerState.ASSIGNED, HiddenDangerAction.RECORD_LEDGER_ENTRY): HiddenDangerState.IN_REMEDIATION,
    (
        HiddenDangerState.IN_REMEDIATION,
        HiddenDangerAction.RECORD_LEDGER_ENTRY,
    ): HiddenDangerState.IN_REMEDIATION,
    (HiddenDangerState.NOTIFIED, HiddenDangerAction.RECORD_LEDGER_ENTRY): HiddenDangerState.IN_REMEDIATION,
    (
        HiddenDangerState.IN_REMEDIATION,
        HiddenDangerAction.SUBMIT_REMEDIATION,
    ): HiddenDangerState.AWAITING_VERIFICATION,
    (
        HiddenDangerState.NOTIFIED,
        HiddenDangerAction.SUBMIT_REMEDIATION,
    ): HiddenDangerState.AWAITING_VERIFICATION,
    # 隐患不消除不销号: delisting only from a verified remediation.
    (
        HiddenDangerState.AWAITING_VERIFICATION,
        HiddenDangerAction.VERIFY_ELIMINATED,
    ): HiddenDangerState.DELISTED,
    (
        HiddenDangerState.AWAITING_VERIFICATION,
        HiddenDangerAction.VERIFY_NOT_ELIMINATED,
    ): HiddenDangerState.IN_REMEDIATION,
    **{(s, HiddenDangerAction.NOTIFY_OVERDUE): HiddenDangerState.NOTIFIED for s in _OPEN_TASK},
}


def next_hidden_danger_state(current: HiddenDangerState, action: HiddenDangerAction) -> Decision[HiddenDangerState]:
    """名词解释14 / 一单四制: REPORTED → LISTED (认定, 清单) → ASSIGNED (交办制) → IN_REMEDIATION (台账制) →
    AWAITING_VERIFICATION → DELISTED (销号制, only when verified eliminated); an overdue open task is
    NOTIFIED (通报制) and remediation continues (W5). Authority to identify is checked by R31."""
    return _step(
        "hidden danger",
        _HIDDEN_DANGER,
        current,
        action,
        (
            plan_basis("名词解释14", "交办制、台账制、销号制、通报制; 隐患不消除不销号"),
            plan_basis("Plan 6(三) / 第六章（三）"),
        ),
    )


# ---------------------------------------------------------------- W6 12350 tip-off


class TipOffState(StrEnum):
    RECEIVED = "RECEIVED"
    ACCEPTED = "ACCEPTED"
    REJECTED = "REJECTED"
    REFERRED = "REFERRED"
    VERIFIED_TRUE = "VERIFIED_TRUE"
    VERIFIED_FALSE = "VERIFIED_FALSE"
    REWARD_ASSESSED = "REWARD_ASSESSED"
    REWARD_PAID = "REWARD_PAID"
    CLOSED = "CLOSED"


class TipOffAction(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"
    REFER = "refer"
    VERIFY_TRUE = "verify_true"
    VERIFY_FALSE = "verify_false"
    ASSESS_REWARD = "assess_reward"
    PAY_REWARD = "pay_reward"
    CLOSE = "close"


_TIPOFF: dict[tuple[TipOffState, TipOffAction], TipOffState] = {
    (TipOffState.RECEIVED, TipOffAction.ACCEPT): TipOffState.ACCEPTED,
    (TipOffState.RECEIVED, TipOffAction.REJECT): TipOffState.REJECTED,
    (TipOffState.ACCEPTED, TipOffAction.REFER): TipOffState.REFERRED,
    (TipOffState.REFERRED, TipOffAction.VERIFY_TRUE): TipOffState.VERIFIED_TRUE,
    (TipOffState.REFERRED, TipOffAction.VERIFY_FALSE): TipOffState.VERIFIED_FALSE,
    (TipOffState.VERIFIED_TRUE, TipOffAction.ASSESS_REWARD): TipOffState.REWARD_ASSESSED,
    (TipOffState.REWARD_ASSESSED, TipOffAction.PAY_REWARD): TipOffState.REWARD_PAID,
    (TipOffState.REWARD_PAID, TipOffAction.CLOSE): TipOffState.CLOSED,
    (TipOffState.VERIFIED_FALSE, TipOffAction.CLOSE): TipOffState.CLOSED,
    (TipOffState.REJECTED, TipOffAction.CLOSE): TipOffState.CLOSED,
}


def next_tipoff_state(current: TipOffState, action: TipOffAction) -> Decision[TipOffState]:
    """Plan 10(六) / 第十章（六）: 12350 tip-off (W6): RECEIVED → ACCEPTED | REJECTED → REFERRED →
    VERIFIED_TRUE | VERIFIED_FALSE; only a true tip is rewarded (REWARD_ASSESSED → REWARD_PAID) → CLOSED."""
    return _step(
        "tip-off",
        _TIPOFF,
        current,
        action,
        (plan_basis("Plan 10(六) / 第十章（六）", "12350举报; 举报奖励"),),
    )


# ---------------------------------------------------------------- W7 emergency plans and drills


class PlanState(StrEnum):
    DRAFT = "DRAFT"
    EVALUATED = "EVALUATED"
    APPROVED = "APPROVED"
    PUBLISHED = "PUBLISHED"
    REVISION_DUE = "REVISION_DUE"
    REVISED = "REVISED"
    SUPERSEDED = "SUPERSEDED"


class PlanAction(StrEnum):
    EVALUATE = "evaluate"
    APPROVE = "approve"
    PUBLISH = "publish"
    MARK_REVISION_DUE = "mark_revision_due"
    REVISE = "revise"
    SUPERSEDE = "supersede"


_PLAN: dict[tuple[PlanState, PlanAction], PlanState] = {
    (PlanState.DRAFT, PlanAction.EVALUATE): PlanState.EVALUATED,
    (PlanState.EVALUATED, PlanAction.APPROVE): PlanState.APPROVED,
    (PlanState.APPROVED, PlanAction.PUBLISH): PlanState.PUBLISHED,
    (PlanState.PUBLISHED, PlanAction.MARK_REVISION_DUE): PlanState.REVISION_DUE,
    (PlanState.REVISED, PlanAction.MARK_REVISION_DUE): PlanState.REVISION_DUE,
    (PlanState.REVISION_DUE, PlanAction.REVISE): PlanState.REVISED,
    (PlanState.PUBLISHED, PlanAction.SUPERSEDE): PlanState.SUPERSEDED,
    (PlanState.REVISION_DUE, PlanAction.SUPERSEDE): PlanState.SUPERSEDED,
    (PlanState.REVISED, PlanAction.SUPERSEDE): PlanState.SUPERSEDED,
}


def next_plan_state(current: PlanState, action: PlanAction) -> Decision[PlanState]:
    """Plan 5(一) / 第五章（一）: emergency plan (W7): DRAFT → EVALUATED (评估) → APPROVED → PUBLISHED
    (预案数据库) → REVISION_DUE → REVISED | SUPERSEDED; no plan is approved without evaluation."""
    return _step("emergency plan", _PLAN, current, action, (plan_basis("Plan 5(一) / 第五章（一）", "预案管理"),))


class DrillState(StrEnum):
    PLANNED = "PLANNED"
    CONDUCTED = "CONDUCTED"
    EVALUATED = "EVALUATED"
    REPORTED = "REPORTED"


class DrillAction(StrEnum):
    CONDUCT = "conduct"
    EVALUATE = "evaluate"
    REPORT = "report"


_DRILL: dict[tuple[DrillState, DrillAction], DrillState] = {
    (DrillState.PLANNED, DrillAction.CONDUCT): DrillState.CONDUCTED,
    (DrillState.CONDUCTED, DrillAction.EVALUATE): DrillState.EVALUATED,
    (DrillState.EVALUATED, DrillAction.REPORT): DrillState.REPORTED,
}


def next_drill_state(current: DrillState, action: DrillAction) -> Decision[DrillState]:
    """Plan 5(三) / 第五章（三）: drill (W7): PLANNED (年度演练计划) → CONDUCTED → EVALUATED (评估) → REPORTED."""
    return _step("drill", _DRILL, current, action, (plan_basis("Plan 5(三) / 第五章（三）", "演练评估、定期报告"),))
