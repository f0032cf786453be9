"""HTTP routes for the monthly subsidy payroll (idempotent per month)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Security
from sqlmodel import Session

from hunan_disability.schemas.common import MONTH
from hunan_disability.schemas.payroll import PayrollIn, PayrollOut
from hunan_disability.use_cases import payroll
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/payrolls", tags=["subsidies"])


@router.post(
    "",
    response_model=PayrollOut,
    operation_id="runPayroll",
    summary="Run the month's payroll of both subsidies (a second run pays nothing and returns the first)",
)
def run(body: PayrollIn, write: Writer = Security(writer, scopes=["disability:payroll"])):
    return write.run(lambda uow: payroll.run_payroll(uow, body.month), body=body)


@router.get(
    "/{month}",
    response_model=PayrollOut,
    operation_id="getPayroll",
    summary="Totals of a month's payroll",
    dependencies=[reader("disability:read")],
)
def get(month: str = Path(pattern=MONTH), session: Session = Depends(db_session)):
    return payroll.get_payroll(session, month)
