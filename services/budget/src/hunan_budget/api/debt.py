"""HTTP routes for debt limits and bonds (R40, R44) and affordability assessments of projects (R46)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Security
from sqlmodel import Session

from hunan_budget.schemas.debt import AssessmentIn, AssessmentOut, DebtIn, DebtLimitIn, DebtLimitOut, DebtOut
from hunan_budget.use_cases import debt
from hunan_shared.api import Writer, db_session, reader, writer

router = APIRouter(prefix="/v1/debts", tags=["debt"])
limits_router = APIRouter(prefix="/v1/debt-limits", tags=["debt"])
assessments_router = APIRouter(prefix="/v1/projects", tags=["debt"])


@limits_router.post(
    "", status_code=201, response_model=DebtLimitOut, operation_id="setDebtLimit", summary="Set a level's debt limit"
)
def set_debt_limit(body: DebtLimitIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: debt.set_limit(uow, body), status_code=201, body=body)


@router.post(
    "",
    status_code=201,
    response_model=DebtOut,
    operation_id="registerDebt",
    summary="Register borrowing: bonds within the limit only (R40); guarantees refused (R44)",
)
def register_debt(body: DebtIn, write: Writer = Security(writer, scopes=["budget:write"])):
    return write.run(lambda uow: debt.borrow(uow, body), status_code=201, body=body)


@router.get(
    "",
    response_model=list[DebtOut],
    operation_id="listDebts",
    summary="Bonds of a level in a year",
    dependencies=[reader("budget:read")],
)
def list_debts(
    division_code: str = Query(pattern=r"^43\d{4}$"),
    budget_year: int = Query(ge=2021, le=2100),
    session: Session = Depends(db_session),
):
    return debt.list_debts(session, division_code, budget_year)


@assessments_router.post(
    "/{project_id}/affordability-assessments",
    status_code=201,
    response_model=AssessmentOut,
    operation_id="assessAffordability",
    summary="Record a fiscal-affordability assessment of a project (R46)",
)
def assess_affordability(
    project_id: str, body: AssessmentIn, write: Writer = Security(writer, scopes=["budget:write"])
):
    return write.run(lambda uow: debt.assess(uow, project_id, body), status_code=201, body=body)
