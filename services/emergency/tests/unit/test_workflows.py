"""State machines W1–W7: every legal transition from the catalogue, and illegal ones refused."""

from __future__ import annotations

import pytest

from hunan_emergency.rules.workflows import (
    DisasterAction as DA,
)
from hunan_emergency.rules.workflows import (
    DisasterState as DS,
)
from hunan_emergency.rules.workflows import (
    DispatchAction as PA,
)
from hunan_emergency.rules.workflows import (
    DispatchState as PS,
)
from hunan_emergency.rules.workflows import (
    DrillAction,
    DrillState,
    IllegalTransition,
    PlanAction,
    PlanState,
    next_disaster_state,
    next_dispatch_state,
    next_drill_state,
    next_hidden_danger_state,
    next_plan_state,
    next_relief_state,
    next_tipoff_state,
    next_warning_state,
)
from hunan_emergency.rules.workflows import (
    HiddenDangerAction as HA,
)
from hunan_emergency.rules.workflows import (
    HiddenDangerState as HS,
)
from hunan_emergency.rules.workflows import (
    ReliefAction as RA,
)
from hunan_emergency.rules.workflows import (
    ReliefState as RS,
)
from hunan_emergency.rules.workflows import (
    TipOffAction as TA,
)
from hunan_emergency.rules.workflows import (
    TipOffState as TS,
)
from hunan_emergency.rules.workflows import (
    WarningAction as WA,
)
from hunan_emergency.rules.workflows import (
    WarningState as WS,
)


@pytest.mark.parametrize(
    ("current", "action", "expected"),
    [
        (DS.REPORTED, DA.DECLARE, DS.DECLARED),
        (DS.REPORTED, DA.DISMISS, DS.DISMISSED),
        (DS.DECLARED, DA.CHANGE_LEVEL, DS.DECLARED),
        (DS.DECLARED, DA.EXTEND_DIVISIONS, DS.DECLARED),
        (DS.DECLARED, DA.END_RESPONSE, DS.RESPONSE_ENDED),
        (DS.RESPONSE_ENDED, DA.OPEN_INVESTIGATION, DS.UNDER_INVESTIGATION),
        (DS.UNDER_INVESTIGATION, DA.CLOSE, DS.CLOSED),
    ],
    ids=lambda v: f"W1 Plan 3(三) {v}" if isinstance(v, DA) else str(v),
)
def test_w1_disaster_legal_transitions(current, action, expected) -> None:
    decision = next_disaster_state(current, action)
    assert decision.value is expected
    assert decision.basis


@pytest.mark.parametrize(
    ("current", "action"),
    [
        (DS.REPORTED, DA.CHANGE_LEVEL),
        (DS.REPORTED, DA.CLOSE),
        (DS.DECLARED, DA.DISMISS),
        (DS.DECLARED, DA.CLOSE),
        (DS.RESPONSE_ENDED, DA.CHANGE_LEVEL),
        (DS.RESPONSE_ENDED, DA.EXTEND_DIVISIONS),
        (DS.CLOSED, DA.DECLARE),
        (DS.DISMISSED, DA.DECLARE),
    ],
    ids=lambda v: str(v),
)
def test_w1_disaster_illegal_transitions(current, action) -> None:
    with pytest.raises(IllegalTransition, match="disaster: cannot"):
        next_disaster_state(current, action)


@pytest.mark.parametrize(
    ("dispatches", "blocked"),
    [
        ((PS.PLANNED,), True),
        ((PS.PARTIALLY_PLANNED,), True),
        ((PS.SHIPPED, PS.DELIVERED), True),
        ((PS.DELIVERED, PS.CANCELLED, PS.CLOSED), False),
        ((), False),
    ],
    ids=["W1 planned blocks close", "partial blocks", "shipped blocks", "all finished", "no dispatch"],
)
def test_w1_cannot_close_while_dispatch_under_way(dispatches, blocked: bool) -> None:
    if blocked:
        with pytest.raises(IllegalTransition, match="dispatches still under way"):
            next_disaster_state(DS.UNDER_INVESTIGATION, DA.CLOSE, dispatch_states=dispatches)
    else:
        assert next_disaster_state(DS.UNDER_INVESTIGATION, DA.CLOSE, dispatch_states=dispatches).value is DS.CLOSED


@pytest.mark.parametrize(
    ("current", "action", "expected"),
    [
        (WS.DRAFT, WA.ISSUE, WS.ISSUED),
        (WS.ISSUED, WA.UPDATE, WS.UPDATED),
        (WS.UPDATED, WA.UPDATE, WS.UPDATED),
        (WS.ISSUED, WA.CANCEL, WS.CANCELLED),
        (WS.UPDATED, WA.EXPIRE, WS.EXPIRED),
    ],
    ids=lambda v: str(v),
)
def test_w2_warning(current, action, expected) -> None:
    assert next_warning_state(current, action).value is expected


@pytest.mark.parametrize(
    ("current", "action"),
    [(WS.DRAFT, WA.UPDATE), (WS.CANCELLED, WA.UPDATE), (WS.EXPIRED, WA.CANCEL), (WS.ISSUED, WA.ISSUE)],
    ids=lambda v: str(v),
)
def test_w2_warning_illegal(current, action) -> None:
    with pytest.raises(IllegalTransition):
        next_warning_state(current, action)


@pytest.mark.parametrize(
    ("current", "action", "expected"),
    [
        (PS.RECEIVED, PA.START_PLANNING, PS.PLANNING),
        (PS.PLANNING, PA.PLAN_IN_FULL, PS.PLANNED),
        (PS.PLANNING, PA.PLAN_WITH_SHORTFALL, PS.PARTIALLY_PLANNED),
        (PS.PARTIALLY_PLANNED, PA.PLAN_IN_FULL, PS.PLANNED),
        (PS.PLANNED, PA.SHIP, PS.SHIPPED),
        (PS.PARTIALLY_PLANNED, PA.SHIP, PS.SHIPPED),
        (PS.SHIPPED, PA.DELIVER, PS.DELIVERED),
        (PS.DELIVERED, PA.CLOSE, PS.CLOSED),
        (PS.RECEIVED, PA.CANCEL, PS.CANCELLED),
        (PS.PLANNED, PA.CANCEL, PS.CANCELLED),
    ],
    ids=lambda v: f"W3 Plan 8(三) {v}" if isinstance(v, PA) else str(v),
)
def test_w3_dispatch(current, action, expected) -> None:
    assert next_dispatch_state(current, action).value is expected


@pytest.mark.parametrize(
    ("current", "action"),
    [
        (PS.RECEIVED, PA.SHIP),
        (PS.PLANNED, PA.DELIVER),
        (PS.SHIPPED, PA.CANCEL),
        (PS.DELIVERED, PA.SHIP),
        (PS.CANCELLED, PA.START_PLANNING),
    ],
    ids=lambda v: str(v),
)
def test_w3_dispatch_illegal(current, action) -> None:
    with pytest.raises(IllegalTransition):
        next_dispatch_state(current, action)


@pytest.mark.parametrize(
    ("current", "action", "expected"),
    [
        (RS.OPENED, RA.PROVIDE_BASIC_LIVING, RS.BASIC_LIVING_PROVIDED),
        (RS.BASIC_LIVING_PROVIDED, RA.START_TRANSITIONAL, RS.TRANSITIONAL),
        (RS.TRANSITIONAL, RA.START_RECONSTRUCTION, RS.RECONSTRUCTION),
        (RS.RECONSTRUCTION, RA.CLOSE, RS.CLOSED),
    ],
    ids=lambda v: str(v),
)
def test_w4_relief(current, action, expected) -> None:
    assert next_relief_state(current, action).value is expected


def test_w4_relief_cannot_close_before_basic_aid() -> None:
    with pytest.raises(IllegalTransition):
        next_relief_state(RS.OPENED, RA.CLOSE)


@pytest.mark.parametrize(
    ("current", "action", "expected"),
    [
        (HS.REPORTED, HA.IDENTIFY_AS_MAJOR, HS.LISTED),
        (HS.REPORTED, HA.DISMISS, HS.DISMISSED),
        (HS.LISTED, HA.ASSIGN, HS.ASSIGNED),
        (HS.ASSIGNED, HA.RECORD_LEDGER_ENTRY, HS.IN_REMEDIATION),
        (HS.IN_REMEDIATION, HA.SUBMIT_REMEDIATION, HS.AWAITING_VERIFICATION),
        (HS.AWAITING_VERIFICATION, HA.VERIFY_ELIMINATED, HS.DELISTED),
        (HS.AWAITING_VERIFICATION, HA.VERIFY_NOT_ELIMINATED, HS.IN_REMEDIATION),
        (HS.ASSIGNED, HA.NOTIFY_OVERDUE, HS.NOTIFIED),
        (HS.NOTIFIED, HA.RECORD_LEDGER_ENTRY, HS.IN_REMEDIATION),
    ],
    ids=lambda v: f"W5 名词解释14 {v}" if isinstance(v, HA) else str(v),
)
def test_w5_hidden_danger(current, action, expected) -> None:
    assert next_hidden_danger_state(current, action).value is expected


@pytest.mark.parametrize(
    ("current", "action"),
    [
        (HS.IN_REMEDIATION, HA.VERIFY_ELIMINATED),
        (HS.ASSIGNED, HA.VERIFY_ELIMINATED),
        (HS.LISTED, HA.NOTIFY_OVERDUE),
        (HS.DELISTED, HA.NOTIFY_OVERDUE),
        (HS.REPORTED, HA.ASSIGN),
    ],
    ids=lambda v: str(v),
)
def test_w5_hidden_danger_illegal(current, action) -> None:
    with pytest.raises(IllegalTransition):
        next_hidden_danger_state(current, action)


@pytest.mark.parametrize(
    "path",
    [
        [TA.ACCEPT, TA.REFER, TA.VERIFY_TRUE, TA.ASSESS_REWARD, TA.PAY_REWARD, TA.CLOSE],
        [TA.ACCEPT, TA.REFER, TA.VERIFY_FALSE, TA.CLOSE],
        [TA.REJECT, TA.CLOSE],
    ],
    ids=["W6 Plan 10(六) true tip rewarded", "false tip", "rejected"],
)
def test_w6_tipoff_paths(path) -> None:
    state = TS.RECEIVED
    for action in path:
        state = next_tipoff_state(state, action).value
    assert state is TS.CLOSED


def test_w6_false_tip_cannot_be_rewarded() -> None:
    with pytest.raises(IllegalTransition):
        next_tipoff_state(TS.VERIFIED_FALSE, TA.ASSESS_REWARD)


def test_w7_plan_and_drill() -> None:
    state = PlanState.DRAFT
    for action in (
        PlanAction.EVALUATE,
        PlanAction.APPROVE,
        PlanAction.PUBLISH,
        PlanAction.MARK_REVISION_DUE,
        PlanAction.REVISE,
    ):
        state = next_plan_state(state, action).value
    assert state is PlanState.REVISED
    drill = DrillState.PLANNED
    for action in (DrillAction.CONDUCT, DrillAction.EVALUATE, DrillAction.REPORT):
        drill = next_drill_state(drill, action).value
    assert drill is DrillState.REPORTED


@pytest.mark.parametrize(
    ("call", "current", "action"),
    [
        (next_plan_state, PlanState.DRAFT, PlanAction.APPROVE),
        (next_plan_state, PlanState.SUPERSEDED, PlanAction.REVISE),
        (next_drill_state, DrillState.PLANNED, DrillAction.REPORT),
    ],
    ids=[
        "W7 Plan 5(一) approve without evaluation",
        "revise superseded",
        "W7 Plan 5(三) report before conduct",
    ],
)
def test_w7_illegal(call, current, action) -> None:
    with pytest.raises(IllegalTransition):
        call(current, action)
