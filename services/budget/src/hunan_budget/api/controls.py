"""HTTP routes for the reform's controls: the execution data they read (transfers, carry-overs, inflated-revenue
findings), the live checks with their sources, their recorded history and the year-end sweep (W4–W6)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_budget.api import budget_settings
from hunan_budget.schemas.controls import (
    CarryoverIn,
    CarryoverOut,
    ControlEvaluationOut,
    ControlOut,
    EvaluateIn,
    FindingIn,
    FindingOut,
    SweepIn,
    SweepOut,
    TransferIn,
    TransferOut,
)
from hunan_budget.settings import BudgetSettings
from hunan_budget.use_cases import controls
from hunan_shared import clock
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/controls", tags=["controls"])
transfers_router = APIRouter(prefix="/v1/transfers", tags=["controls"])
carryovers_router = APIRouter(prefix="/v1/carryovers", tags=["controls"])
findings_router = APIRouter(prefix="/v1/inflated-revenue-findings", tags=["controls"])

Division = Query(pattern=r"^43\d{4}$", description="The level (government) checked")
Year = Query(ge=2021, le=2100)


@router.get(
    "",
    response_model=list[ControlOut],
    operation_id="evaluateControls",
    summary="Every control of a level and year, live: R31 advance transfers, R36 suspense ceiling, R51 disclosure, "
    "W4 sweep, R50 deductions — with thresholds and the records read",
    dependencies=[reader("budget:read")],
)
def evaluate_controls(
    division_code: str = Division,
    budget_year: int = Year,
    on: dt.date | None = Query(None, description="Evaluation day (default today, Asia/Shanghai)"),
    session: Session = Depends(db_session),
    settings: BudgetSettings = Depends(budget_settings),
):
    day = on or clock.now().astimezone(clock.SHANGHAI).date()
    return controls.evaluate(session, division_code, budget_year, day, settings)


@router.post(
    "/evaluations",
    status_code=201,
    response_model=list[ControlOut],
    operation_id="recordControlEvaluation",
    summary="Evaluate every control and keep the result in the history",
)
def record_control_evaluation(
    body: EvaluateIn,
    write: Writer = Security(writer, scopes=["budget:write"]),
    settings: BudgetSettings = Depends(budget_settings),
):
    return write.run(lambda uow: controls.record_evaluation(uow, body, settings), status_code=201, body=body)


@router.get(
    "/evaluations",
    response_model=list[ControlEvaluationOut],
    operation_id="listControlEvaluations",
    summary="History of recorded evaluations",
    dependencies=[reader("budget:read")],
)
def list_control_evaluations(
    division_code: str = Division,
    budget_year: int = Year,
    control: str | None = Query(None, max_length=30),
    session: Session = Depends(db_session),
):
    return controls.history(session, division_code, budget_year, control)


@router.get(
    "/sweep",
    response_model=SweepOut,
    operation_id="yearEndSweep",
    summary="Year-end sweep (W4): amounts to move into the general budget (R8, R9) and to recover (R10)",
    dependencies=[reader("budget:read")],
)
def year_end_sweep(
    division_code: str = Division,
    budget_year: int = Year,
    session: Session = Depends(db_session),
    settings: BudgetSettings = Depends(budget_settings),
):
    return controls.sweep(session, division_code, budget_year, settings)


@router.post(
    "/sweep/executions",
    status_code=201,
    response_model=SweepOut,
    operation_id="executeYearEndSweep",
    summary="Execute the year-end sweep (W4) on the balances not yet swept; announces CarryoverSwept",
)
def execute_year_end_sweep(
    body: SweepIn,
    write: Writer = Security(writer, scopes=["budget:write"]),
    settings: BudgetSettings = Depends(budget_settings),
):
    return write.run(lambda uow: controls.execute_sweep(uow, body, settings), status_code=201, body=body)


@transfers_router.post(
    "", status_code=201, response_model=TransferOut, operation_id="recordTransfer", summary="Record a transfer payment"
)
def record_transfer(body: TransferIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: controls.record_transfer(uow, body), status_code=201, body=body)


@transfers_router.get(
    "",
    response_model=list[TransferOut],
    operation_id="listTransfers",
    summary="Transfers received by a level in a year",
    dependencies=[reader("budget:read")],
)
def list_transfers(division_code: str = Division, budget_year: int = Year, session: Session = Depends(db_session)):
    return controls.list_transfers(session, division_code, budget_year)


@carryovers_router.post(
    "",
    status_code=201,
    response_model=CarryoverOut,
    operation_id="recordCarryover",
    summary="Record a year-end carry-over balance",
)
def record_carryover(body: CarryoverIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: controls.record_carryover(uow, body), status_code=201, body=body)


@findings_router.post(
    "",
    status_code=201,
    response_model=FindingOut,
    operation_id="recordInflatedRevenueFinding",
    summary="Record inflated revenue found for a region: 50 % is deducted from its transfers (R50)",
)
def record_finding(body: FindingIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: controls.record_finding(uow, body), status_code=201, body=body)
