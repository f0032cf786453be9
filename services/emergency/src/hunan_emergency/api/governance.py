"""HTTP routes for the governance the plan makes checkable (第四章（三）（四）): the published list of major decision
items and each major decision's statutory steps (R60); the enforcement-items list, enforcement cases and the
hand-over of suspected crimes (R61)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_emergency.schemas.governance import (
    CloseCaseIn,
    DecideIn,
    DecisionItemIn,
    DecisionItemOut,
    EnforcementCaseIn,
    EnforcementCaseOut,
    EnforcementItemIn,
    EnforcementItemOut,
    HandOverIn,
    MajorDecisionIn,
    MajorDecisionOut,
    StepIn,
    WithdrawIn,
)
from hunan_emergency.use_cases import governance
from hunan_shared.api import Writer, db_session, reader, writer

decisions_router = APIRouter(prefix="/v1/major-decisions", tags=["governance"])
decision_items_router = APIRouter(prefix="/v1/decision-items", tags=["governance"])
enforcement_router = APIRouter(prefix="/v1/enforcement-items", tags=["governance"])
cases_router = APIRouter(prefix="/v1/enforcement-cases", tags=["governance"])
WRITE = ["emergency:write"]
READ = [reader("emergency:read")]


@decision_items_router.post(
    "",
    status_code=201,
    response_model=DecisionItemOut,
    operation_id="publishDecisionItem",
    summary="Publish an item on the list of major decision items (决策事项目录, R60)",
)
def publish_item(body: DecisionItemIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: governance.publish_item(uow, body), status_code=201, body=body)


@decision_items_router.get(
    "",
    response_model=list[DecisionItemOut],
    operation_id="listDecisionItems",
    summary="The published list of major decision items",
    dependencies=READ,
)
def list_items(session: Session = Depends(db_session)):
    return governance.list_items(session)


@decisions_router.post(
    "",
    status_code=201,
    response_model=MajorDecisionOut,
    operation_id="openMajorDecision",
    summary="Open a major administrative decision on a listed item (R60)",
)
def open_decision(body: MajorDecisionIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: governance.open_decision(uow, body), status_code=201, body=body)


@decisions_router.post(
    "/{decision_id}/steps",
    response_model=MajorDecisionOut,
    operation_id="recordDecisionStep",
    summary="Record a statutory step: public participation, expert review, risk, legality (R60)",
)
def record_step(decision_id: str, body: StepIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: governance.record_step(uow, decision_id, body), body=body)


@decisions_router.post(
    "/{decision_id}/decide",
    response_model=MajorDecisionOut,
    operation_id="takeMajorDecision",
    summary="The collective decision; 422 while a step is missing or the item is unpublished",
)
def decide(decision_id: str, body: DecideIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: governance.decide(uow, decision_id, body), body=body)


@decisions_router.get(
    "/{decision_id}",
    response_model=MajorDecisionOut,
    operation_id="getMajorDecision",
    summary="One major decision with what is still missing",
    dependencies=READ,
)
def get_decision(decision_id: str, session: Session = Depends(db_session)):
    return governance.get_decision(session, decision_id)


@enforcement_router.post(
    "",
    status_code=201,
    response_model=EnforcementItemOut,
    operation_id="addEnforcementItem",
    summary="Add an item to the enforcement-items list (执法事项清单, R61)",
)
def add_item(body: EnforcementItemIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: governance.add_item(uow, body), status_code=201, body=body)


@enforcement_router.post(
    "/{code}/withdraw",
    response_model=EnforcementItemOut,
    operation_id="withdrawEnforcementItem",
    summary="Withdraw an item (动态调整): no new case from the withdrawal day",
)
def withdraw_item(code: str, body: WithdrawIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: governance.withdraw_item(uow, code, body), body=body)


@enforcement_router.get(
    "",
    response_model=list[EnforcementItemOut],
    operation_id="listEnforcementItems",
    summary="The enforcement-items list, or the items in force on a day",
    dependencies=READ,
)
def list_enforcement_items(
    in_force_on: dt.date | None = Query(None, description="Only the items in force on this day"),
    session: Session = Depends(db_session),
):
    return governance.list_enforcement_items(session, in_force_on)


@cases_router.post(
    "",
    status_code=201,
    response_model=EnforcementCaseOut,
    operation_id="openEnforcementCase",
    summary="Open a case on an item in force (422 otherwise, R61)",
)
def open_case(body: EnforcementCaseIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: governance.open_case(uow, body), status_code=201, body=body)


@cases_router.get(
    "/awaiting-handover",
    response_model=list[EnforcementCaseOut],
    operation_id="listCasesAwaitingHandover",
    summary="Cases with a suspected crime not yet handed over to criminal justice",
    dependencies=READ,
)
def awaiting_handover(session: Session = Depends(db_session)):
    return governance.open_cases_awaiting_handover(session)


@cases_router.post(
    "/{case_id}/hand-over",
    response_model=EnforcementCaseOut,
    operation_id="handOverEnforcementCase",
    summary="Hand a suspected crime over to the judicial organs (行刑衔接, R61)",
)
def hand_over(case_id: str, body: HandOverIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: governance.hand_over(uow, case_id, body), body=body)


@cases_router.post(
    "/{case_id}/close",
    response_model=EnforcementCaseOut,
    operation_id="closeEnforcementCase",
    summary="Close a case; 422 while a suspected crime is not handed over",
)
def close_case(case_id: str, body: CloseCaseIn, write: Writer = Security(writer, scopes=WRITE)):
    return write.run(lambda uow: governance.close_case(uow, case_id, body), body=body)


@cases_router.get(
    "/{case_id}",
    response_model=EnforcementCaseOut,
    operation_id="getEnforcementCase",
    summary="One enforcement case",
    dependencies=READ,
)
def get_case(case_id: str, session: Session = Depends(db_session)):
    return governance.get_case(session, case_id)
