"""HTTP routes for programme counts and the plan's count targets (R30, R35, R48, R77, T-SIGN, T-REHAB-STATIONS)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_disability.schemas.programme_targets import (
    ProgrammeCountIn,
    ProgrammeCountOut,
    TargetsOut,
    WelfarePostAllocationIn,
    WelfarePostAllocationOut,
)
from hunan_disability.use_cases import programme_targets
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/programme-targets", tags=["indicators"])


@router.put(
    "/counts",
    response_model=ProgrammeCountOut,
    operation_id="reportProgrammeCount",
    summary="Report a division's cumulative count of a programme measure for a year (replaces an earlier report)",
)
def report(body: ProgrammeCountIn, write: Writer = Security(writer, scopes=["disability:write"])):
    return write.run(lambda uow: programme_targets.report(uow, body), body=body)


@router.get(
    "",
    response_model=TargetsOut,
    operation_id="programmeTargets",
    summary="Each count target of the plan against the reports (R35, R48, R77, T-SIGN, T-REHAB-STATIONS)",
    dependencies=[reader("disability:read")],
)
def targets(year: int | None = Query(None, ge=2021, le=2035), session: Session = Depends(db_session)):
    return programme_targets.targets(session, year)


@router.post(
    "/welfare-post-allocation",
    response_model=WelfarePostAllocationOut,
    operation_id="checkWelfarePostAllocation",
    summary="Does a public-welfare post's allocation respect the priority of disabled persons and family (R30)?",
    dependencies=[reader("disability:read")],
)
def check_welfare_post(body: WelfarePostAllocationIn):
    return programme_targets.check_welfare_post(body)
