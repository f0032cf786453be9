"""HTTP routes for violation cases (W8; Arts. 24, 33, 36) and the checkable list of prohibited acts (Art. 24)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_shared.api import Page, PageParams, Writer, db_session, page_params, reader, writer
from hunan_trees.rules.habitat import ProhibitedAct
from hunan_trees.schemas.violations import (
    ActCheckIn,
    ActCheckOut,
    CloseViolationIn,
    ProhibitedActOut,
    ViolationDecisionIn,
    ViolationIn,
    ViolationOut,
)
from hunan_trees.use_cases import violations

router = APIRouter(prefix="/v1/violations", tags=["violations"])
acts_router = APIRouter(prefix="/v1/prohibited-acts", tags=["violations"])


@acts_router.get(
    "",
    response_model=list[ProhibitedActOut],
    operation_id="listProhibitedActs",
    summary="The acts Art. 24 prohibits, with their item and where each counts",
    dependencies=[reader("trees:read")],
)
def list_prohibited_acts():
    return violations.prohibited_acts()


@acts_router.post(
    "/check",
    response_model=ActCheckOut,
    operation_id="checkProhibitedAct",
    summary="Is this act at this place prohibited for this tree (Art. 24; 24(3) acts inside the habitat zone)?",
    dependencies=[reader("trees:read")],
)
def check_act(body: ActCheckIn, session: Session = Depends(db_session)):
    # A query with a body: nothing is stored.
    return violations.check(session, body)


@router.post(
    "",
    status_code=201,
    response_model=ViolationOut,
    operation_id="openViolationCase",
    summary="Open a case of a prohibited act against a tree (Arts. 9, 24)",
)
def open_case(body: ViolationIn, write: Writer = Security(writer, scopes=["trees:write"])):
    return write.run(lambda uow: violations.open_case(uow, body), status_code=201, body=body)


@router.post(
    "/{case_id}/decision",
    response_model=ViolationOut,
    operation_id="decideViolationCase",
    summary="Decide a case: refer to the other law, or order stop and restore/remedy with a fine of CNY 500–5,000",
)
def decide_case(case_id: str, body: ViolationDecisionIn, write: Writer = Security(writer, scopes=["trees:certify"])):
    return write.run(lambda uow: violations.decide(uow, case_id, body), body=body)


@router.post(
    "/{case_id}/close",
    response_model=ViolationOut,
    operation_id="closeViolationCase",
    summary="Close a decided case once the restoration or remedy is verified",
)
def close_case(case_id: str, body: CloseViolationIn, write: Writer = Security(writer, scopes=["trees:certify"])):
    return write.run(lambda uow: violations.close(uow, case_id, body), body=body)


@router.get(
    "",
    response_model=Page[ViolationOut],
    operation_id="listViolationCases",
    summary="List violation cases",
    dependencies=[reader("trees:read")],
)
def list_cases(
    page: PageParams = Depends(page_params),
    tree_id: str | None = Query(None, max_length=36),
    division: str | None = Query(None, pattern=r"^43\d{4}$"),
    state: str | None = Query(None, max_length=30),
    act: ProhibitedAct | None = None,
    session: Session = Depends(db_session),
):
    return violations.list_cases(session, page, tree_id, division, state, act)


@router.get(
    "/{case_id}",
    response_model=ViolationOut,
    operation_id="getViolationCase",
    summary="Get one violation case",
    dependencies=[reader("trees:read")],
)
def get_case(case_id: str, session: Session = Depends(db_session)):
    return violations.get(session, case_id)
